package org.rnnmemory.slurm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.SeedShards;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunFootprint;

/**
 * An experiment's seeds as K shards of one job array: shard k (0-based) takes the k-th of K
 * contiguous runs of the experiment's seed list, sizes differing by at most one, and runs into
 * {@code DIR/shards/<k>/}; the merge job runs {@code analyze} over all shards (the merged tables go
 * to {@code DIR/shards/0/tables/}) and {@code report} into {@code DIR/report/}. A seed's numbers do
 * not depend on the split, so the merge equals one run of all seeds.
 */
public final class ShardJobs {

    private ShardJobs() {}

    /**
     * The contiguous split of {@code seeds} into {@code k} parts ({@link SeedShards}).
     *
     * @throws RefusedException if k < 1 or k exceeds the number of seeds
     */
    public static List<List<Integer>> split(List<Integer> seeds, int k) {
        return SeedShards.split(seeds, k, "--shards");
    }

    /**
     * The job array of an experiment's seed shards.
     *
     * @param experiment the experiment file
     * @param sets the user's {@code --set} overrides (a {@code seeds} or {@code training.workers}
     *     override is replaced by the shard's own)
     * @param shards K, 1..number of seeds
     * @param dir the output folder
     * @param cpus {@code --cpus-per-task}, or null for min(training.workers, seeds of the largest shard)
     * @param slurmOptions extra {@code #SBATCH} options
     * @param workDir the folder tasks run in
     */
    public static ArrayJob of(Path experiment, List<String> sets, int shards, Path dir, Integer cpus,
                              List<String> slurmOptions, Path workDir, JavaLaunch launch) {
        ExperimentSpec spec = ExperimentLoader.load(experiment, sets);
        List<List<Integer>> parts = split(spec.seeds(), shards);
        int workers = cpus != null ? cpus : Math.min(spec.training().workers(), parts.get(0).size());
        if (workers < 1) {
            throw new RefusedException("--cpus-per-task " + workers + ": must be >= 1");
        }
        Path exp = experiment.toAbsolutePath().normalize();
        Path out = dir.toAbsolutePath().normalize();
        List<String> kept = sets.stream().filter(s -> !s.strip().startsWith("seeds=")
                && !s.strip().startsWith("training.workers=")).toList();
        List<ArrayTask> tasks = new ArrayList<>();
        TaskMemory memory = null;
        List<String> shardDirs = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            Path runDir = out.resolve("shards").resolve(String.valueOf(k));
            List<String> overrides = new ArrayList<>(kept);
            overrides.add("seeds=" + BatchScripts.seedsYaml(parts.get(k)));
            overrides.add("training.workers=" + workers);
            ExperimentSpec shard = ExperimentLoader.load(experiment, overrides);
            TaskMemory m = TaskMemory.of(RunFootprint.of(ExperimentRunner.plan(shard)).phases());
            memory = memory == null || m.slurmMib() > memory.slurmMib() ? m : memory;
            List<String> args = new ArrayList<>(List.of("run", exp.toString(), "--out", runDir.toString(), "--no-report"));
            for (String s : overrides) {
                args.add("--set");
                args.add(s);
            }
            tasks.add(new ArrayTask(k, BatchScripts.seedsLabel(parts.get(k)), runDir, args));
            shardDirs.add(runDir.toString());
        }
        TaskMemory merge = TaskMemory.of(RunFootprint.of(ExperimentRunner.plan(spec)).phases());
        List<String> analyze = new ArrayList<>(List.of("analyze"));
        analyze.addAll(shardDirs);
        List<String> report = new ArrayList<>(List.of("report"));
        report.addAll(shardDirs);
        report.add("--out");
        report.add(out.resolve("report").toString());
        return new ArrayJob("rnnmem-" + spec.name(), out, workDir.toAbsolutePath().normalize(), tasks, workers,
                memory, merge, List.of(analyze, report), slurmOptions, launch);
    }
}
