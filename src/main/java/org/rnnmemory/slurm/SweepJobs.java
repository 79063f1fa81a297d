package org.rnnmemory.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunFootprint;
import org.rnnmemory.sweep.CandidateShard;
import org.rnnmemory.sweep.SweepPlan;

/**
 * A sweep's candidates as one job array: task k is {@code rnnmem run} of the swept experiment with the
 * candidate's {@code --set} overrides into the directory the sweep itself would use
 * ({@code DIR/candidates/<k>-<description>/}); the merge job is the sweep command itself, which finds
 * every candidate completed and writes the sweep tables, figures and report. With K shards per
 * candidate, task {@code k K + s} runs shard s of candidate k (its s-th contiguous part of the seeds,
 * {@code --set seeds=[...]}) into {@code DIR/candidates/<k>-<description>/shards/<s>/}, the same
 * directories a local sweep with the same K uses. CPUs per task are the largest candidate's
 * {@code training.workers}; memory the largest task's estimate.
 */
public final class SweepJobs {

    private SweepJobs() {}

    /**
     * @param plan the sweep's plan (candidates, shards per candidate and output folder)
     * @param mergeArgs the rnnmem arguments of the merge job ({@code sweep SWEEP.yaml --out DIR}, with
     *     the same {@code --shards-per-candidate})
     * @throws RefusedException if a task's command line would not reproduce the sweep's own
     *     configuration of that candidate or shard, or if {@code DIR/slurm/} holds a sweep submitted
     *     with another number of shards per candidate
     */
    public static ArrayJob of(SweepPlan plan, List<String> mergeArgs, List<String> slurmOptions, Path workDir,
                              JavaLaunch launch) {
        requireSameShards(plan);
        Path exp = plan.spec().experiment().toAbsolutePath().normalize();
        List<ArrayTask> tasks = new ArrayList<>();
        TaskMemory memory = null;
        int cpus = 1;
        for (CandidateShard s : plan.shards()) {
            ExperimentSpec wanted = s.experiment();
            ExperimentSpec spec = ExperimentLoader.load(exp, s.overrides());
            if (!spec.configHash().equals(wanted.configHash())) {
                throw new RefusedException(plan.sweepFile() + ": candidate " + s.candidate().index() + " ("
                        + s.candidate().description() + (s.sharded() ? ", shard " + s.index() : "")
                        + ") cannot be run as 'rnnmem run " + exp + "' with its --set values (config hash "
                        + spec.configHash() + ", the sweep's " + wanted.configHash() + ")");
            }
            TaskMemory m = TaskMemory.of(RunFootprint.of(ExperimentRunner.plan(spec)).phases());
            memory = memory == null || m.slurmMib() > memory.slurmMib() ? m : memory;
            cpus = Math.max(cpus, spec.training().workers());
            Path dir = s.dir().toAbsolutePath().normalize();
            List<String> args = new ArrayList<>(List.of("run", exp.toString(), "--out", dir.toString(), "--no-report"));
            for (String o : s.overrides()) {
                args.add("--set");
                args.add(o);
            }
            tasks.add(new ArrayTask(index(s), label(s), dir, args));
        }
        return new ArrayJob("rnnmem-sweep-" + plan.name(), plan.dir().toAbsolutePath().normalize(),
                workDir.toAbsolutePath().normalize(), tasks, cpus, memory, memory, List.of(mergeArgs), slurmOptions,
                launch);
    }

    /** The array index of a shard: {@code candidate index * K + shard index}. */
    public static int index(CandidateShard s) {
        return s.candidate().index() * s.shards() + s.index();
    }

    /** The candidate's description, and for a shard its seeds as "first-last" ("gain-1.5 seeds 1-2"). */
    static String label(CandidateShard s) {
        if (!s.sharded()) {
            return s.candidate().description();
        }
        List<Integer> seeds = s.seeds();
        int first = seeds.get(0);
        int last = seeds.get(seeds.size() - 1);
        return s.candidate().description() + " seeds " + (seeds.size() == 1 ? first : first + "-" + last);
    }

    /**
     * Refuses a sweep submission into a folder whose {@code slurm/submission.json} holds a sweep of as
     * many candidates split into another number of shards each.
     */
    public static void requireSameShards(SweepPlan plan) {
        Submission prev = Submission.read(plan.dir().resolve("slurm"));
        if (prev == null || !prev.kind().equals("sweep") || prev.tasks().size() % plan.count() != 0) {
            return; // Submitter compares the tasks one by one
        }
        int earlier = prev.tasks().size() / plan.count();
        if (earlier != plan.shardsPerCandidate()) {
            throw new RefusedException(plan.dir() + " holds a Slurm sweep submitted with " + SweepPlan.SHARDS_OPTION
                    + " " + earlier + ", this one asks for " + plan.shardsPerCandidate()
                    + "; use the same value or another --out");
        }
    }
}
