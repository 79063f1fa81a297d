package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.analysis.Analyzer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code rnnmem analyze RUN_DIR [RUN_DIR...]}: tables and figures of the trained networks. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse the trained seeds of one or more run directories of the same experiment.",
            "Writes new files under tables/ and figures/ of the first directory; training outputs are only read."})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR",
            description = "Run directories; their configs must agree in everything but seeds, training.workers and training.rate_memory_gib.")
    List<Path> runDirs;

    @Mixin
    AnalysisOptionsMixin options;

    @Override
    public Integer call() {
        Analyzer.run(runDirs, options.toOptions(), System.err);
        return 0;
    }
}
