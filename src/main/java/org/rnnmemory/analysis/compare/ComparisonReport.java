package org.rnnmemory.analysis.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.rnnmemory.report.NotebookWriter;
import org.rnnmemory.report.Report;
import org.rnnmemory.report.ReportFiles;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The comparison report (notebook, markdown, HTML via {@link ReportFiles}) and its {@code index.md}. */
final class ComparisonReport {
    static final String INDEX = "index.md";
    private static final List<String> SUMMARY_SHOWN = List.of("label", "metric", "n", "mean", "sd", "median", "min", "max",
            "mean_ci_low", "mean_ci_high");
    private static final List<String> TESTS_SHOWN = List.of("metric", "label_x", "label_y", "median_x", "median_y",
            "n_pairs", "n_x_lower", "median_diff", "wsr_v", "wsr_p", "wsr_holm_p", "mw_u", "mw_p", "mw_holm_p");

    private ComparisonReport() {}

    static String title(List<ComparedRun> runs) {
        return "Comparison of " + runs.stream().map(ComparedRun::label).collect(Collectors.joining(", "));
    }

    /** The findings, as markdown paragraphs, shared by the report and the index page. */
    static List<String> findings(Narrative n, boolean hiddenSizeDiffers) {
        List<String> out = new ArrayList<>();
        out.add(n.medians("precision", "Precision (mean squared error over the evaluated window, averaged over the"
                + " test durations; lower is better)", true));
        out.add(n.tests("precision"));
        out.add(n.medians("weight_correlation", "Weight correlation cos(I, w)", false));
        out.add(n.tests("weight_correlation"));
        if (hiddenSizeDiffers) {
            out.add(n.byHiddenSize());
        }
        String d = n.divergence();
        if (d != null) {
            out.add(d);
        }
        return out;
    }

    static Report build(List<ComparedRun> runs, List<RunCompatibility.Difference> differences,
                        ComparisonTables.Tables tables, Map<String, Path> figures) {
        Narrative n = new Narrative(runs, differences, tables);
        boolean byN = RunCompatibility.hiddenSizeDiffers(differences);
        Report.Builder b = Report.builder(title(runs));
        b.heading(2, "Runs").paragraph(n.settings());
        b.table(tables.runs(), "The compared runs: directory, seed counts and the settings that differ.",
                csvSource("comparison_runs.csv", List.of()));
        b.heading(2, "Findings");
        findings(n, byN).forEach(b::paragraph);
        b.heading(2, "Precision and weight correlation per system");
        b.figure(figures.get(ComparisonFigures.BY_RUN), "Precision (left; lower is better) and weight correlation"
                + " cos(I, w) (right) of every model seed, per system: points are seeds, boxes span the quartiles with"
                + " the median as a thick line and whiskers to the furthest seed within 1.5 interquartile ranges; grey"
                + " lines join the same model seed in neighbouring systems.");
        b.table(select(tables.summary(), SUMMARY_SHOWN), "Per run and metric: seeds with a value, mean, sample sd,"
                + " median, range and the 95% percentile-bootstrap interval of the mean (10000 resamples; full table in"
                + " comparison_summary.csv).", csvSource("comparison_summary.csv", SUMMARY_SHOWN));
        b.table(select(tables.tests(), TESTS_SHOWN), "Pairwise tests (x vs y): medians, shared seeds, seeds with x < y,"
                + " median of x - y, Wilcoxon signed-rank V and p on the shared seeds, Mann-Whitney U and p on all"
                + " seeds, each Holm-adjusted over the pairs of the metric (full table in comparison_tests.csv).",
                csvSource("comparison_tests.csv", TESTS_SHOWN));
        if (byN) {
            b.heading(2, "Network size");
            b.figure(figures.get(ComparisonFigures.PRECISION_VS_N), "Precision (lower is better) against the number of"
                    + " hidden units N (log scale): grey points are seeds, the line joins the medians of the runs."
                    + " Each N has its own G.");
            b.figure(figures.get(ComparisonFigures.DIMENSIONALITY_VS_N), "Activity dimensionality (sum l)^2 / sum l^2"
                    + " of the spontaneous activity (depends on G only) and of the memory-period activity (per seed,"
                    + " points; median, line) against N (log scale).");
        }
        b.heading(2, "Methods").paragraph(Narrative.methods());
        return b.build();
    }

    /** The landing page: title, findings, links to the report and the tables. */
    static String index(List<ComparedRun> runs, List<RunCompatibility.Difference> differences,
                        ComparisonTables.Tables tables, Map<String, Path> figures) {
        Narrative n = new Narrative(runs, differences, tables);
        List<String> parts = new ArrayList<>();
        parts.add("# " + title(runs));
        parts.add(n.settings());
        parts.add("## Findings");
        parts.addAll(findings(n, RunCompatibility.hiddenSizeDiffers(differences)));
        parts.add("## Files");
        List<String> files = new ArrayList<>(List.of(
                "- [" + ReportFiles.HTML + "](" + ReportFiles.HTML + "): the report as one self-contained page",
                "- [" + ReportFiles.MARKDOWN + "](" + ReportFiles.MARKDOWN + ") and [" + ReportFiles.NOTEBOOK + "]("
                        + ReportFiles.NOTEBOOK + "): the same report as markdown and as a notebook",
                "- [comparison.csv](comparison.csv): one row per run and seed, every per-seed metric",
                "- [comparison_summary.csv](comparison_summary.csv): per run and metric, summary and bootstrap interval",
                "- [comparison_tests.csv](comparison_tests.csv): pairwise Wilcoxon signed-rank and Mann-Whitney tests",
                "- [comparison_runs.csv](comparison_runs.csv): the runs and the settings that differ",
                "- [schema.json](schema.json): type, unit and meaning of every column"));
        for (String f : figures.keySet()) {
            files.add("- [figures/" + f + ".png](figures/" + f + ".png) ([svg](figures/" + f + ".svg))");
        }
        parts.add(String.join("\n", files));
        return String.join("\n\n", parts) + "\n";
    }

    private static Table select(Table t, List<String> names) {
        Table out = Table.create(t.name());
        for (String name : names) {
            Column<?> c = t.column(name);
            out.addColumns(c.copy());
        }
        return out;
    }

    /** The notebook cell of a table: the CSV beside the notebook, with the columns the report shows. */
    private static String csvSource(String file, List<String> columns) {
        String read = "pd.read_csv(" + NotebookWriter.pythonString(file) + ")";
        return columns.isEmpty() ? read : read + "[" + columns.stream().map(NotebookWriter::pythonString)
                .collect(Collectors.joining(", ", "[", "]")) + "]";
    }
}
