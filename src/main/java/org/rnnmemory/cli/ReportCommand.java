package org.rnnmemory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.analysis.AnalysisOutputs;
import org.rnnmemory.analysis.AnalysisReport;
import org.rnnmemory.analysis.Analyzer;
import org.rnnmemory.analysis.RunSet;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.report.ReportFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnmem report RUN_DIR... [--out DIR] [--reanalyze]}: a self-contained report folder of an
 * analysis (for committing), and {@code rnnmem report --notebook-only DIR}: only the notebook of an
 * existing report folder, rewritten and run from the files beside it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the analysis report (index.md, analysis.html, analysis.md, analysis.ipynb) into a folder",
            "that also holds what the notebook reads (tables/, runs/ without checkpoints), and run the notebook",
            "with Jupyter when it is installed.",
            "Runs 'analyze' first when the run directory has no analysis tables (or with --reanalyze)."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "Run directory (more than one: merged as by 'analyze'; the first holds the analysis). "
                    + "With --notebook-only: a report folder.")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default notebooks-export/<experiment name>/).")
    Path out;

    @Option(names = "--reanalyze", description = "Run 'analyze' even when its tables exist.")
    boolean reanalyze;

    @Option(names = "--notebook-only", description = "Only rewrite and run analysis.ipynb of the report folder "
            + "RUN_DIR from its tables/ and runs/ (for a folder whose run directories were not all kept).")
    boolean notebookOnly;

    @Mixin
    AnalysisOptionsMixin options;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        if (notebookOnly) {
            if (runDirs.size() != 1 || out != null || reanalyze) {
                throw new UserInputException("--notebook-only takes one report folder and neither --out nor --reanalyze");
            }
            ReportFiles.Written w = AnalysisReport.notebookOnly(runDirs.get(0));
            System.err.println("[report] " + w.execution().line());
            System.out.println("notebook: " + w.notebook());
            return 0;
        }
        Path first = runDirs.get(0);
        var analysisOptions = options.toOptions();
        if (!Files.isDirectory(first)) {
            RunSet.open(runDirs);
        }
        try (RunLock runLock = RunLock.acquire(first, "report")) {
            if (reanalyze || !AnalysisOutputs.present(first)) {
                Analyzer.run(runDirs, analysisOptions, System.err);
            }
            AnalysisOutputs a = AnalysisOutputs.read(first);
            Path dir = out != null ? out : Path.of("notebooks-export", a.spec().name());
            ReportFiles.Written w = AnalysisReport.export(a, dir, AnalysisReport.Placement.EXPORT);
            System.err.println("[report] " + w.execution().line());
            System.err.printf("[report] wrote %s in %.1f s%n", dir, (System.nanoTime() - start) / 1e9);
            System.out.println("report:   " + w.html());
            System.out.println("notebook: " + w.notebook());
        }
        return 0;
    }
}
