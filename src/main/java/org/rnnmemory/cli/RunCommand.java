package org.rnnmemory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.train.ExperimentRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnmem run EXPERIMENT.yaml [--out DIR] [--set path=value ...] [--resume] [--dry-run]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Train every seed of an experiment, evaluate them and write a run directory.")
public final class RunCommand implements Callable<Integer>, Resumable {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml", description = "Experiment file.")
    Path experiment;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default runs/<name>/<UTC timestamp>-<config hash>/).")
    Path out;

    @Option(names = "--set", paramLabel = "path=value",
            description = "Override one value, e.g. --set training.epochs=2 --set 'seeds=[3]'.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--resume", description = "Continue an interrupted run (in --out, or the newest run of this config).")
    boolean resume;

    @Option(names = "--dry-run", description = "Check the experiment, its input files, the checkpoint (with --resume) "
            + "and the memory and disk the run needs; print the plan and write nothing.")
    boolean dryRun;

    @Option(names = "--no-resource-check", description = "Run even when the memory or disk estimate exceeds the limits.")
    boolean noResourceCheck;

    /** The run directory, once known. */
    private Path dir;

    @Override
    public Integer call() {
        ExperimentSpec spec = ExperimentLoader.load(experiment, sets);
        String text;
        try {
            text = Files.readString(experiment);
        } catch (IOException e) {
            throw new InputFileException(experiment, "cannot read: " + e.getMessage());
        }
        dir = out != null ? out : resume ? ExperimentRunner.latestRunDir(spec) : ExperimentRunner.defaultRunDir(spec);
        ExperimentRunner.run(spec, text, dir, resume,
                new ExperimentRunner.Options(experiment.toString(), !noResourceCheck, dryRun));
        return 0;
    }

    @Override
    public String resumeCommand() {
        List<String> words = new ArrayList<>(List.of("run", experiment.toString(), "--out", String.valueOf(dir),
                "--resume"));
        for (String s : sets) {
            words.add("--set");
            words.add(s);
        }
        if (noResourceCheck) {
            words.add("--no-resource-check");
        }
        return Shell.launcher() + " " + Shell.join(words);
    }
}
