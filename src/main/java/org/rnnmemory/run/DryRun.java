package org.rnnmemory.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.io.ResourceCheck;
import org.rnnmemory.train.Checkpoint;
import org.rnnmemory.train.TrainPlan;

/** What {@code rnnmem run --dry-run} prints: the run it would start, its memory and disk estimates and the limits. */
final class DryRun {
    private DryRun() {}

    static String describe(ExperimentSpec spec, TrainPlan plan, Path dir, Checkpoint.State state,
                           RunFootprint footprint, ResourceCheck.Limits limits) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "dry run of %s (config hash %s): checked, nothing written%n", spec.name(),
                spec.configHash()));
        s.append(String.format(Locale.ROOT, "run directory  %s (%s)%n", dir, state == null ? "new run"
                : "resumes from update " + state.nextUpdate() + " of " + plan.totalUpdates()));
        s.append(String.format(Locale.ROOT, "training       %d seeds x %d updates (%d epochs), N = %d, %s engine, %d "
                        + "workers, %s%n", plan.seeds().size(), plan.totalUpdates(), plan.epochs(),
                plan.params().hiddenSize(), plan.engine(), plan.workers(), spec.training().dtype()));
        for (MemoryNeed p : footprint.phases()) {
            s.append(String.format(Locale.ROOT, "memory         %-12s about %s Java heap + %s native (largest: %s)%n",
                    p.phase() + ":", ResourceCheck.gib(p.heapBytes()), ResourceCheck.gib(p.nativeBytes()),
                    p.largest().what()));
        }
        s.append(String.format(Locale.ROOT, "limits         Java heap %s (-Xmx), resident %s (javacpp maxphysicalbytes), "
                        + "machine %s (%s); estimates add %s heap and %s resident for the JVM itself%n",
                ResourceCheck.gib(limits.heapBytes()), ResourceCheck.gib(limits.physicalBytes()),
                ResourceCheck.gib(limits.availableBytes()), limits.availableSource(),
                ResourceCheck.gib(ResourceCheck.BASE_HEAP_BYTES), ResourceCheck.gib(ResourceCheck.BASE_PHYSICAL_BYTES)));
        s.append(String.format(Locale.ROOT, "disk           about %s (largest: %s), %s free%n",
                ResourceCheck.gib(footprint.diskBytes()), footprint.diskLargest(), free(dir)));
        return s.toString();
    }

    private static String free(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? "unknown" : ResourceCheck.gib(Files.getFileStore(p).getUsableSpace());
        } catch (IOException e) {
            return "unknown";
        }
    }
}
