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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnmem report RUN_DIR [--out DIR]}: notebook, markdown and HTML report of an analysis. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the analysis report (index.md, analysis.ipynb, analysis.md, analysis.html).",
            "Runs 'analyze' first when the run directory has no analysis tables (or with --reanalyze)."})
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "Run directory (more than one: merged as by 'analyze'; the first holds the analysis).")
    List<Path> runDirs;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default notebooks-export/<experiment name>/).")
    Path out;

    @Option(names = "--reanalyze", description = "Run 'analyze' even when its tables exist.")
    boolean reanalyze;

    @Mixin
    AnalysisOptionsMixin options;

    @Override
    public Integer call() {
        Path first = runDirs.get(0);
        long start = System.nanoTime();
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
            AnalysisReport.export(a, dir);
            System.err.printf("[report] wrote %s in %.1f s%n", dir, (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }
}
