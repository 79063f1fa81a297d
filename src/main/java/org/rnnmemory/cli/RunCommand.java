package org.rnnmemory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.analysis.AnalysisOptions;
import org.rnnmemory.analysis.AnalysisOutputs;
import org.rnnmemory.analysis.AnalysisReport;
import org.rnnmemory.analysis.Analyzer;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.ShellWords;
import org.rnnmemory.report.ReportFiles;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnmem run EXPERIMENT.yaml [--out DIR] [--set path=value ...] [--resume] [--dry-run] [--no-report]}:
 * trains, evaluates, then analyses the run and writes its report into {@code RUN_DIR/report/}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Train every seed of an experiment, evaluate them and write a run directory;",
            "then analyse it (tables/, figures/) and write its report (report/: analysis.html, analysis.md,",
            "analysis.ipynb, index.md), as 'rnnmem analyze' and 'rnnmem report' do."})
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

    @Option(names = "--no-report", description = "Stop after training and evaluation: no analysis, no report.")
    boolean noReport;

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
        if (dryRun) {
            return 0;
        }
        if (noReport) {
            System.out.println("next: ./rnnmem analyze " + dir + "   (statistics and figures), then ./rnnmem report " + dir);
            return 0;
        }
        Analyzer.run(List.of(dir), AnalysisOptions.DEFAULT.fittedTo(spec), System.err);
        Path report = RunDirectory.of(dir).report();
        ReportFiles.Written w = AnalysisReport.export(AnalysisOutputs.read(dir), report, AnalysisReport.Placement.IN_RUN);
        System.err.println("[report] " + w.execution().line());
        System.out.println("report:   " + w.html() + "   (also analysis.md, index.md; figures in " + RunDirectory.of(dir).figures()
                + ")");
        System.out.println("notebook: " + w.notebook() + (w.execution().executed() ? "   (executed; open it in Jupyter)"
                : "   (not executed: " + w.execution().detail() + ")"));
        System.out.println("next:     ./rnnmem report " + dir + "   (copy it to notebooks-export/" + spec.name()
                + "/ to commit)");
        System.out.println("          ./rnnmem compare " + dir + " OTHER_RUN_DIR   (compare with another run)");
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
        return Shell.launcher() + " " + ShellWords.join(words);
    }
}
