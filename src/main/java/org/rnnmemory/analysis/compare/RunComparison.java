package org.rnnmemory.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.report.NotebookExecution;
import org.rnnmemory.report.ReportFiles;

/**
 * Compares run directories written by {@link org.rnnmemory.run.ExperimentRunner}: checks that
 * they can be compared ({@link RunCompatibility}), then writes into one folder
 *
 * <pre>
 * OUT/comparison.csv           one row per run and seed
 * OUT/comparison_summary.csv   per run and metric: n, mean, sd, median, range, bootstrap CI of the mean
 * OUT/comparison_tests.csv     per metric and pair of runs: Wilcoxon signed-rank, Mann-Whitney, Holm
 * OUT/comparison_runs.csv      per run: directory, seed counts, differing settings
 * OUT/schema.json              type, unit and meaning of every column
 * OUT/figures/*.png, *.svg     see {@link ComparisonFigures}
 * OUT/index.md                 findings and links
 * OUT/analysis.ipynb, analysis.md, analysis.html   the report
 * </pre>
 */
public final class RunComparison {
    /** Allowed run labels: they name files and series. */
    public static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final String FIGURES = "figures";

    /**
     * What was written.
     *
     * @param dir the output folder
     * @param runs the runs, in the order given
     * @param differences settings that differ between the runs
     * @param tables the tables written
     */
    public record Result(Path dir, List<ComparedRun> runs, List<RunCompatibility.Difference> differences,
                         ComparisonTables.Tables tables, NotebookExecution.Outcome notebook) {}

    private RunComparison() {}

    /**
     * Labels for the runs: the given ones, or else each run's experiment name (made unique with
     * "-2", "-3", ...).
     *
     * @throws UserInputException if the count does not match, a label is repeated or not a valid label
     */
    public static List<String> labels(List<String> given, List<String> experimentNames) {
        List<String> labels = new ArrayList<>();
        if (given == null || given.isEmpty()) {
            Set<String> used = new HashSet<>();
            for (String name : experimentNames) {
                String l = name;
                for (int i = 2; !used.add(l); i++) {
                    l = name + "-" + i;
                }
                labels.add(l);
            }
            return labels;
        }
        if (given.size() != experimentNames.size()) {
            throw new UserInputException("--labels: " + given.size() + " labels for " + experimentNames.size() + " runs");
        }
        Set<String> used = new HashSet<>();
        for (String l : given) {
            if (!LABEL.matcher(l).matches()) {
                throw new UserInputException("--labels: '" + l + "' is not a valid label (letters, digits, '.', '_', '-')");
            }
            if (!used.add(l)) {
                throw new UserInputException("--labels: '" + l + "' is given twice");
            }
        }
        return List.copyOf(given);
    }

    /** The default output folder, {@code notebooks-export/compare-<labels joined by '-'>}. */
    public static Path defaultOut(List<String> labels) {
        return Path.of("notebooks-export", "compare-" + String.join("-", labels));
    }

    /**
     * Loads the runs, checks them and writes every table, figure and report file into {@code out}.
     *
     * @param labels one per run, see {@link #labels}
     * @throws UserInputException if the runs cannot be compared, naming the differing keys
     */
    public static Result compare(List<Path> dirs, List<String> labels, Path out) {
        if (dirs.size() < 2) {
            throw new UserInputException("compare needs at least two run directories, found " + dirs.size());
        }
        Set<Path> seen = new HashSet<>();
        for (Path d : dirs) {
            if (!seen.add(d.toAbsolutePath().normalize())) {
                throw new UserInputException(d + " is given twice");
            }
        }
        List<ComparedRun> runs = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            runs.add(ComparedRun.load(dirs.get(i), labels.get(i)));
        }
        List<RunCompatibility.Difference> differences = RunCompatibility.check(runs);
        ComparisonTables.Tables tables = ComparisonTables.of(runs, differences);
        writeTables(tables, runs.get(0).durationLabels(), differences, out);
        Map<String, Path> figures = ComparisonFigures.write(runs, RunCompatibility.hiddenSizeDiffers(differences),
                out.resolve(FIGURES));
        AtomicFiles.writeString(out.resolve(ComparisonReport.INDEX),
                ComparisonReport.index(runs, differences, tables, figures));
        ReportFiles.Written w = ReportFiles.writeAll(ComparisonReport.build(runs, differences, tables, figures), out);
        return new Result(out, runs, differences, tables, w.execution());
    }

    private static void writeTables(ComparisonTables.Tables t, List<String> durations,
                                    List<RunCompatibility.Difference> differences, Path out) {
        TableSchema.writeCsv(t.comparison(), out.resolve("comparison.csv"));
        TableSchema.writeCsv(t.summary(), out.resolve("comparison_summary.csv"));
        TableSchema.writeCsv(t.tests(), out.resolve("comparison_tests.csv"));
        TableSchema.writeCsv(t.runs(), out.resolve("comparison_runs.csv"));
        Json.write(out.resolve("schema.json"), ComparisonSchema.of(durations, differences).toJson());
    }
}
