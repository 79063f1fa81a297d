package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.slurm.ArrayJob;
import org.rnnmemory.slurm.JavaLaunch;
import org.rnnmemory.slurm.ShardJobs;
import org.rnnmemory.slurm.Submitter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnmem submit EXPERIMENT.yaml --shards K [--out DIR] [--set k=v ...] [--slurm-option OPT ...]
 * [--dry-run]}: the experiment's seeds as a Slurm job array of K {@code rnnmem run} tasks and a
 * dependent merge job (see {@link ShardJobs}, {@link Submitter}).
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = {"Run an experiment's seeds on a Slurm cluster: a job array of K shards, each an ordinary "
                + "'rnnmem run' into DIR/shards/<k>/, and a merge job (analyze and report over all shards) that "
                + "runs after every shard succeeded.",
            "Writes DIR/slurm/array.sbatch, merge.sbatch and submission.json, then submits both scripts with sbatch. "
                + "Submitting again into the same DIR skips completed shards and resumes the others."})
public final class SubmitCommand implements Callable<Integer> {
    private static final Pattern CPUS = Pattern.compile("^(?:--cpus-per-task=|-c\\s*)([0-9]+)$");

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "Experiment file.")
    Path experiment;

    @Option(names = "--shards", paramLabel = "K", required = true, description = "Number of seed shards (array tasks).")
    int shards;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default runs/<name>/slurm-<config hash>/).")
    Path out;

    @Option(names = "--set", paramLabel = "path=value", description = "Override one value, as for 'run'.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--slurm-option", paramLabel = "OPT",
            description = "An #SBATCH option for every job, e.g. --slurm-option=--partition=short; "
                    + "--cpus-per-task=C sets each task's training.workers (default min(training.workers, seeds per "
                    + "shard)).")
    List<String> slurmOptions = new ArrayList<>();

    @Option(names = "--dry-run", description = "Write the scripts and print the sbatch commands without submitting.")
    boolean dryRun;

    @Override
    public Integer call() {
        Integer cpus = cpusPerTask(slurmOptions);
        List<String> passed = slurmOptions.stream().filter(o -> !CPUS.matcher(o.strip()).matches()).toList();
        checkSlurmOptions(passed, false);
        Path dir = out != null ? out : defaultDir();
        ArrayJob job = ShardJobs.of(experiment, sets, shards, dir, cpus, passed, Path.of(""), JavaLaunch.current());
        System.out.print(Submitter.submit(job, "shards", dryRun));
        return 0;
    }

    private Path defaultDir() {
        var spec = ExperimentLoader.load(experiment, sets);
        return ExperimentRunner.defaultRunDir(spec).resolveSibling("slurm-" + spec.configHash());
    }

    /**
     * Refuses options that are not one sbatch option, or that rnnmem sets itself (with
     * {@code cpusToo}, also {@code --cpus-per-task}).
     */
    static void checkSlurmOptions(List<String> options, boolean cpusToo) {
        for (String o : options) {
            if (!o.strip().startsWith("-") || o.contains("\n")) {
                throw new UserInputException("--slurm-option '" + o + "': expected one sbatch option such as "
                        + "--partition=short");
            }
            if (o.strip().matches("^--(array|dependency|output|chdir|mem|job-name)\\b.*")
                    || cpusToo && (o.strip().startsWith("--cpus-per-task") || o.strip().startsWith("-c"))) {
                throw new UserInputException("--slurm-option '" + o + "': rnnmem sets this option itself");
            }
        }
    }

    /** The value of a --cpus-per-task=C (or -c C) option, or null. */
    static Integer cpusPerTask(List<String> options) {
        Integer cpus = null;
        for (String o : options) {
            Matcher m = CPUS.matcher(o.strip());
            if (m.matches()) {
                try {
                    cpus = Integer.parseInt(m.group(1));
                } catch (NumberFormatException e) {
                    cpus = 0;
                }
                if (cpus < 1) {
                    throw new UserInputException("--slurm-option '" + o + "': --cpus-per-task must be >= 1");
                }
            }
        }
        return cpus;
    }
}
