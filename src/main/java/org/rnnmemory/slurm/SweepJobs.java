package org.rnnmemory.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunFootprint;
import org.rnnmemory.sweep.SweepCandidate;
import org.rnnmemory.sweep.SweepPlan;

/**
 * A sweep's candidates as one job array: task k is {@code rnnmem run} of the swept experiment with the
 * candidate's {@code --set} overrides into the directory the sweep itself would use
 * ({@code DIR/candidates/<k>-<description>/}); the merge job is the sweep command itself, which finds
 * every candidate completed and writes the sweep tables, figures and report. CPUs per task are the
 * largest candidate's {@code training.workers}; memory the largest candidate's estimate.
 */
public final class SweepJobs {

    private SweepJobs() {}

    /**
     * @param sweepFile the sweep file, as given
     * @param plan the sweep's plan (candidates and output folder)
     * @param mergeArgs the rnnmem arguments of the merge job ({@code sweep SWEEP.yaml --out DIR})
     * @throws RefusedException if a candidate's command line would not reproduce the sweep's own
     *     configuration of that candidate
     */
    public static ArrayJob of(SweepPlan plan, List<String> mergeArgs, List<String> slurmOptions, Path workDir,
                              JavaLaunch launch) {
        Path exp = plan.spec().experiment().toAbsolutePath().normalize();
        List<ArrayTask> tasks = new ArrayList<>();
        TaskMemory memory = null;
        int cpus = 1;
        for (SweepCandidate c : plan.candidates()) {
            ExperimentSpec wanted = plan.experiment(c);
            ExperimentSpec spec = ExperimentLoader.load(exp, c.overrides());
            if (!spec.configHash().equals(wanted.configHash())) {
                throw new RefusedException(plan.sweepFile() + ": candidate " + c.index() + " (" + c.description()
                        + ") cannot be run as 'rnnmem run " + exp + "' with its --set values (config hash "
                        + spec.configHash() + ", the sweep's " + wanted.configHash() + ")");
            }
            TaskMemory m = TaskMemory.of(RunFootprint.of(ExperimentRunner.plan(spec)).phases());
            memory = memory == null || m.slurmMib() > memory.slurmMib() ? m : memory;
            cpus = Math.max(cpus, spec.training().workers());
            Path dir = plan.runDir(c).toAbsolutePath().normalize();
            List<String> args = new ArrayList<>(List.of("run", exp.toString(), "--out", dir.toString(), "--no-report"));
            for (String s : c.overrides()) {
                args.add("--set");
                args.add(s);
            }
            tasks.add(new ArrayTask(c.index(), c.description(), dir, args));
        }
        return new ArrayJob("rnnmem-sweep-" + plan.name(), plan.dir().toAbsolutePath().normalize(),
                workDir.toAbsolutePath().normalize(), tasks, cpus, memory, memory, List.of(mergeArgs), slurmOptions,
                launch);
    }
}
