package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.io.ResourceCheck;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunFootprint;

/**
 * The memory and disk of a sweep: candidates (and a sharded candidate's shards) run one at a time, so
 * memory is that of each run directory's run on its own (the largest decides); disk is the sum of
 * every run directory.
 */
public final class SweepResources {
    private SweepResources() {}

    /** Every run directory's footprint, in the order of {@link SweepPlan#shards()}. */
    public static List<RunFootprint> footprints(SweepPlan plan) {
        List<RunFootprint> out = new ArrayList<>();
        for (CandidateShard s : plan.shards()) {
            out.add(RunFootprint.of(ExperimentRunner.plan(s.experiment())));
        }
        return out;
    }

    /**
     * Refuses a sweep one of whose candidates needs more memory than this process may use, or whose
     * run directories do not fit on the output folder's file system.
     *
     * @throws org.rnnmemory.io.RefusedException naming the sweep file, the candidate and the limit
     */
    public static void require(SweepPlan plan) {
        List<RunFootprint> all = footprints(plan);
        ResourceCheck.Limits limits = ResourceCheck.Limits.current();
        long disk = 0;
        int largest = 0;
        List<CandidateShard> shards = plan.shards();
        for (int k = 0; k < all.size(); k++) {
            CandidateShard s = shards.get(k);
            ResourceCheck.requireMemory(plan.sweepFile() + " (candidate " + s.candidate().index() + ", "
                    + s.candidate().description() + s.suffix() + ")", all.get(k).phases(), limits);
            disk = MemoryNeed.clamp((double) disk + all.get(k).diskBytes());
            if (all.get(k).diskBytes() > all.get(largest).diskBytes()) {
                largest = k;
            }
        }
        if (!all.isEmpty()) {
            CandidateShard s = shards.get(largest);
            ResourceCheck.requireDisk(plan.sweepFile().toString(), disk, String.format(Locale.ROOT,
                    "candidate %d%s's run directory, %s", s.candidate().index(), s.suffix(),
                    ResourceCheck.gib(all.get(largest).diskBytes())), plan.dir());
        }
    }

    /** The plan and the estimates, for {@code rnnmem sweep --dry-run}. */
    public static String describe(SweepPlan plan) {
        List<RunFootprint> all = footprints(plan);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "dry run of sweep %s: %d candidates%s into %s; checked, nothing written%n",
                plan.name(), plan.count(), plan.sharded() ? " of " + plan.shardsPerCandidate() + " seed shards each" : "",
                plan.dir()));
        long disk = 0;
        List<CandidateShard> shards = plan.shards();
        for (int k = 0; k < all.size(); k++) {
            CandidateShard sh = shards.get(k);
            RunFootprint f = all.get(k);
            long heap = f.phases().stream().mapToLong(MemoryNeed::heapBytes).max().orElse(0);
            long nat = f.phases().stream().mapToLong(MemoryNeed::nativeBytes).max().orElse(0);
            disk = MemoryNeed.clamp((double) disk + f.diskBytes());
            s.append(String.format(Locale.ROOT, "  %-40s %-14s peak %s Java heap + %s native, %s on disk%n",
                    plan.dir().resolve(SweepPlan.CANDIDATES).relativize(sh.dir()).toString(),
                    CandidateState.of(sh.dir(), sh.experiment().configHash()).name().toLowerCase(Locale.ROOT),
                    ResourceCheck.gib(heap), ResourceCheck.gib(nat), ResourceCheck.gib(f.diskBytes())));
        }
        s.append(String.format(Locale.ROOT, "disk in all: about %s%n", ResourceCheck.gib(disk)));
        return s.toString();
    }
}
