package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.config.SweepLoader;
import org.rnnmemory.config.SweepSpec;
import org.rnnmemory.io.ShellWords;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.sweep.SweepPlan;
import org.rnnmemory.sweep.SweepResources;
import org.rnnmemory.sweep.SweepRunner;
import org.rnnmemory.slurm.ArrayJob;
import org.rnnmemory.slurm.JavaLaunch;
import org.rnnmemory.slurm.Submitter;
import org.rnnmemory.slurm.SweepJobs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnmem sweep SWEEP.yaml [--out DIR] [--shards-per-candidate K] [--slurm]}: a grid or random
 * search over experiment keys, one multi-seed training run per candidate (or K runs of its seed
 * shards), then tables, figures and a report (see {@link SweepRunner}). Running the same sweep into
 * the same folder again skips completed candidates and resumes interrupted ones.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train one multi-seed run per candidate of a grid or random search over experiment keys, "
                + "then write sweep.csv, sweep_summary.csv, figures and a report.",
            "Re-running the same sweep skips completed candidates and resumes interrupted ones."})
public final class SweepCommand implements Callable<Integer>, Resumable {

    @Parameters(index = "0", paramLabel = "SWEEP.yaml", description = "Sweep file.")
    Path sweep;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default runs/sweeps/<sweep name>/).")
    Path out;

    @Option(names = "--dry-run", description = "Check the sweep, every candidate's experiment and the memory and "
            + "disk they need; print the candidates and write nothing.")
    boolean dryRun;

    @Option(names = "--no-resource-check", description = "Run even when a memory or disk estimate exceeds the limits.")
    boolean noResourceCheck;

    @Option(names = "--slurm", description = "Run the candidates on a Slurm cluster: a job array of one 'rnnmem run' "
            + "per candidate (or per candidate and seed shard) into DIR/candidates/, then this sweep command as the "
            + "merge job (tables, figures, report); "
            + "with --dry-run the scripts are written but not submitted.")
    boolean slurm;

    @Option(names = "--slurm-option", paramLabel = "OPT",
            description = "With --slurm: an #SBATCH option for every job, e.g. --slurm-option=--partition=short.")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = SweepPlan.SHARDS_OPTION, paramLabel = "K", defaultValue = "1",
            description = "Split each candidate's seeds into K contiguous shards, each its own run directory "
                    + "DIR/candidates/<k>-<description>/shards/<s>/ (1 to the number of seeds; default 1: one run "
                    + "directory per candidate). Run one after another here, or as one Slurm array task each with "
                    + "--slurm (task index = candidate * K + shard); the tables are those of K = 1.")
    int shardsPerCandidate = 1;

    @Override
    public Integer call() {
        SweepSpec spec = SweepLoader.load(sweep);
        Path dir = out != null ? out : SweepPlan.defaultDir(sweep);
        SweepPlan plan = SweepPlan.of(sweep, spec, dir, shardsPerCandidate);
        SweepJobs.requireSameShards(plan);
        if (!slurm && !slurmOptions.isEmpty()) {
            throw new UserInputException("--slurm-option needs --slurm");
        }
        if (slurm) {
            SubmitCommand.checkSlurmOptions(slurmOptions, true);
            List<String> merge = new ArrayList<>(List.of("sweep", sweep.toAbsolutePath().normalize().toString(),
                    "--out", dir.toAbsolutePath().normalize().toString()));
            if (noResourceCheck) {
                merge.add("--no-resource-check");
            }
            merge.addAll(shardWords());
            ArrayJob job = SweepJobs.of(plan, merge, slurmOptions, Path.of(""), JavaLaunch.current());
            System.out.print(Submitter.submit(job, "sweep", dryRun));
            return 0;
        }
        if (dryRun) {
            if (!noResourceCheck) {
                SweepResources.require(plan);
            }
            System.out.print(SweepResources.describe(plan));
            return 0;
        }
        String command = "rnnmem sweep " + sweep + (out != null ? " --out " + out : "")
                + (shardsPerCandidate != 1 ? " " + String.join(" ", shardWords()) : "");
        System.out.print(SweepRunner.run(plan, ChaosSettings.DEFAULTS, command, System.err, !noResourceCheck).text());
        return 0;
    }

    /** {@code --shards-per-candidate K}, or nothing for K = 1. */
    private List<String> shardWords() {
        return shardsPerCandidate == 1 ? List.of()
                : List.of(SweepPlan.SHARDS_OPTION, String.valueOf(shardsPerCandidate));
    }

    @Override
    public String resumeCommand() {
        List<String> words = new ArrayList<>(List.of("sweep", sweep.toString()));
        if (out != null) {
            words.add("--out");
            words.add(out.toString());
        }
        if (noResourceCheck) {
            words.add("--no-resource-check");
        }
        words.addAll(shardWords());
        return Shell.launcher() + " " + ShellWords.join(words);
    }
}
