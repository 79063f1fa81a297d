package org.rnnmemory.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.report.Notebook;
import org.rnnmemory.report.NotebookWriter;

/**
 * The analysis notebook ({@code analysis.ipynb}): a Python 3 notebook that loads a run's analysis
 * tables with pandas and its trained weights with NumPy, recomputes the headline numbers
 * (precision against the published models with its Mann-Whitney test, the precision of every
 * network from an independent forward pass, the correlations of every metric with precision with
 * their Holm adjustment, the summaries), prints each next to the tables' value, and redraws the key
 * figures with matplotlib.
 *
 * <p>Its cells come from the template {@value #TEMPLATE} (next to this class); the generated cells
 * name the run directory (paths relative to the notebook), the experiment's settings, the metric
 * catalogue's labels and units, the published System A models and the report's findings. Each
 * recomputed number is printed as one line
 * {@code <table>/<row>/<column> <notebook value> <table value> ok|DIFFERS}; the last cell fails when
 * one differs.
 */
public final class AnalysisNotebook {
    /** Class-path resource holding the cells, in the "percent" format. */
    public static final String TEMPLATE = "analysis_notebook.py";

    private AnalysisNotebook() {}

    /**
     * Where the notebook finds a run, as Python expressions relative to its folder.
     *
     * @param run the folder holding {@code tables/} (the run directory, or an exported report folder),
     *     e.g. {@code ".."} or {@code "."}
     * @param runs the run directories holding {@code seeds/seed-N/} and {@code tables/curves.csv},
     *     each relative to {@code run} ({@code ""} for {@code run} itself)
     */
    public record Layout(String run, List<String> runs) {
        public Layout {
            runs = List.copyOf(runs);
        }
    }

    /**
     * What the notebook is generated from.
     *
     * @param experiment the experiment's name
     * @param spec the experiment (evaluation settings for the forward pass); null when unknown, which
     *     skips the forward pass
     * @param metrics the metric columns of {@code analysis.csv}
     * @param findings the report's findings as markdown bullets; empty for none
     * @param layout where the files are
     */
    public record Inputs(String experiment, ExperimentSpec spec, List<String> metrics, List<String> findings,
                         Layout layout) {}

    /** The notebook. */
    public static Notebook build(Inputs in) {
        Notebook nb = new Notebook("Analysis of " + in.experiment());
        for (Cell c : template()) {
            switch (c.kind) {
                case "code" -> nb.code(c.text);
                case "markdown" -> nb.markdown(c.text);
                case "INTRO" -> nb.markdown(intro(in));
                case "RUN" -> nb.code(runCell(in.layout()));
                case "CONSTANTS" -> nb.code(constants(in));
                case "FINDINGS" -> nb.markdown(findings(in));
                default -> throw new IllegalStateException(TEMPLATE + ": unknown generated cell {{" + c.kind + "}}");
            }
        }
        return nb;
    }

    private static String intro(Inputs in) {
        return "# Analysis of `" + in.experiment() + "`\n\n"
                + "This notebook recomputes the headline numbers of the analysis from the files `rnnmem` wrote - the "
                + "tables with pandas, the trained weights with NumPy - and redraws the key figures with matplotlib. "
                + "Every recomputed number is printed next to the value in the tables (`ok` when they agree within "
                + "1e-6 relative); the last cell fails if one differs. Run it from its folder (in Jupyter, or with "
                + "`jupyter nbconvert --to notebook --execute --inplace analysis.ipynb`); change `RUN` below to "
                + "analyse another run. The full report, with every figure, is `analysis.html` (or `analysis.md`) "
                + "beside this notebook.";
    }

    static String runCell(Layout l) {
        List<String> runs = new ArrayList<>();
        for (String r : l.runs()) {
            runs.add(r.isEmpty() ? "RUN" : "RUN / " + NotebookWriter.pythonString(r));
        }
        return String.join("\n",
                "# The run this notebook analyses, relative to the notebook's folder.",
                "RUN = Path(" + NotebookWriter.pythonString(l.run()) + ")",
                "TABLES = RUN / \"tables\"  # analysis.csv, summary.csv, ... (written by rnnmem analyze)",
                "RUNS = [" + String.join(", ", runs) + "]  # run directories: seeds/seed-N/*.npy, tables/curves.csv");
    }

    static String constants(Inputs in) {
        List<String> lines = new ArrayList<>();
        lines.add("# The experiment's settings (config.resolved.yaml), the metric catalogue's axis labels, and the");
        lines.add("# published System A models (SPEC section 6), as rnn-memory wrote them.");
        lines.add("EXPERIMENT = " + NotebookWriter.pythonString(in.experiment()));
        ExperimentSpec s = in.spec();
        if (s == null) {
            lines.add("PROTOCOL = None  # no run directory beside this notebook: the forward pass is skipped");
        } else {
            var t = s.task();
            lines.add("PROTOCOL = {");
            lines.add("    \"trial_ms\": " + t.trialMs() + ", \"onset_ms\": " + s.evaluation().onsetMs()
                    + ", \"durations_ms\": " + list(s.evaluation().durationsMs(), String::valueOf) + ",");
            lines.add("    \"strength\": " + num(t.strength()) + ", \"slope_per_ms\": " + num(t.slopePerMs())
                    + ", \"cost_onset_ms\": " + t.costOnsetMs() + ",");
            lines.add("    \"trained_range_ms\": [" + (t.durationMs() - t.durationJitterMs()) + ", "
                    + (t.durationMs() + t.durationJitterMs()) + "],");
            lines.add("}");
        }
        lines.add("LABELS = {");
        for (String m : in.metrics()) {
            lines.add("    " + NotebookWriter.pythonString(m) + ": " + NotebookWriter.pythonString(label(m)) + ",");
        }
        lines.add("}");
        lines.add("SCATTER_METRICS = " + list(AnalysisFigures.SCATTER_METRICS, NotebookWriter::pythonString));
        PublishedReference ref = PublishedReference.load();
        lines.add("# " + ref.source());
        lines.add("PUBLISHED = pd.DataFrame({");
        for (String c : List.of("seed", "precision", "weight_correlation")) {
            double[] v = ref.column(c);
            List<String> vals = new ArrayList<>();
            for (double x : v) {
                vals.add(c.equals("seed") ? Long.toString(Math.round(x)) : num(x));
            }
            lines.add("    " + NotebookWriter.pythonString(c) + ": [" + String.join(", ", vals) + "],");
        }
        lines.add("})");
        lines.add("PUBLISHED_R, PUBLISHED_P = " + num(PublishedReference.PUBLISHED_R) + ", "
                + num(PublishedReference.PUBLISHED_P) + "  # Pearson r and p of precision against weight correlation");
        return String.join("\n", lines);
    }

    private static String label(String metric) {
        return MetricCatalog.known(metric) ? MetricCatalog.axisLabel(metric) : metric;
    }

    private static String findings(Inputs in) {
        if (in.findings().isEmpty()) {
            return "## Findings\n\nThe findings, in words, are in `analysis.md` beside this notebook.";
        }
        return "## Findings\n\nAs the report states them (numbers from the tables):\n\n" + String.join("\n",
                in.findings());
    }

    /** A Python float literal. */
    static String num(double x) {
        if (Double.isNaN(x)) {
            return "float(\"nan\")";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "float(\"inf\")" : "-float(\"inf\")";
        }
        return Double.toString(x).toLowerCase(Locale.ROOT);
    }

    private static <T> String list(List<T> values, Function<T, String> f) {
        return "[" + String.join(", ", values.stream().map(f).toList()) + "]";
    }

    /** One cell of the template: its kind ("code", "markdown" or a generated cell's name) and text. */
    private record Cell(String kind, String text) {}

    static List<Cell> template() {
        String text;
        try (InputStream in = AnalysisNotebook.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + TEMPLATE + " is missing from the build");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Cell> cells = new ArrayList<>();
        String kind = null;
        List<String> body = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("# %%")) {
                add(cells, kind, body);
                String rest = line.substring(4).strip();
                kind = rest.isEmpty() ? "code" : rest.equals("[markdown]") ? "markdown"
                        : rest.replaceAll("^\\{\\{(\\w+)}}$", "$1");
                body.clear();
            } else if (kind != null) {
                body.add(kind.equals("markdown") ? line.replaceFirst("^# ?", "") : line);
            }
        }
        add(cells, kind, body);
        return cells;
    }

    private static void add(List<Cell> cells, String kind, List<String> body) {
        if (kind == null) {
            return;
        }
        int end = body.size();
        while (end > 0 && body.get(end - 1).isBlank()) {
            end--;
        }
        cells.add(new Cell(kind, String.join("\n", body.subList(0, end))));
    }
}
