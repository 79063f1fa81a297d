package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.analysis.compare.ComparedRun;
import org.rnnmemory.analysis.compare.RunComparison;
import org.rnnmemory.report.Numbers;
import org.rnnmemory.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnmem compare RUN_DIR... [--out DIR] [--labels A,B,...]}. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare runs of the same task and G: per-seed table, summaries, paired and unpaired tests,"
                + " figures and a report.")
public final class CompareCommand implements Callable<Integer> {

    @Parameters(arity = "2..*", paramLabel = "RUN_DIR", description = "Run directories written by 'rnnmem run'.")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default notebooks-export/compare-<labels joined by '-'>).")
    Path out;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL",
            description = "One short label per run, in order (default: the experiment names).")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> names = new ArrayList<>();
        for (Path r : runs) {
            names.add(RunDirectory.open(r).spec().name());
        }
        List<String> l = RunComparison.labels(labels, names);
        Path dir = out != null ? out : RunComparison.defaultOut(l);
        RunComparison.Result result = RunComparison.compare(runs, l, dir);
        for (ComparedRun run : result.runs()) {
            double[] p = run.values("precision");
            System.out.println(run.label() + "  " + run.dir() + "  seeds " + p.length + "  median precision "
                    + Numbers.format(org.rnnmemory.analysis.stats.Summary.of(p).median()));
        }
        System.err.println("[compare] " + result.notebook().line());
        System.out.println("wrote " + dir);
        return 0;
    }
}
