package org.rnnmemory.analysis.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rnnmemory.report.Numbers;
import tech.tablesaw.api.Table;

/**
 * The findings of a comparison in words, every number read from the comparison tables and
 * formatted with {@link Numbers}. Paragraphs are markdown.
 */
final class Narrative {
    /** Level at which a Holm-adjusted p-value is called significant. */
    static final double ALPHA = 0.05;

    private final List<ComparedRun> runs;
    private final List<RunCompatibility.Difference> differences;
    private final ComparisonTables.Tables tables;

    Narrative(List<ComparedRun> runs, List<RunCompatibility.Difference> differences, ComparisonTables.Tables tables) {
        this.runs = runs;
        this.differences = differences;
        this.tables = tables;
    }

    /** What is held equal and what differs between the runs. */
    String settings() {
        var flat = runs.get(0).spec().flatten();
        String g = RunCompatibility.G_KEYS.stream()
                .map(k -> "`" + k + "` = " + RunCompatibility.text(flat.get(k))).collect(Collectors.joining(", "));
        StringBuilder s = new StringBuilder("All runs share the task and its evaluation (every `task.*` and `evaluation.*`"
                + " key) and the settings of the fixed recurrent matrix G (" + g + ")");
        if (RunCompatibility.hiddenSizeDiffers(differences)) {
            s.append(". `network.hidden_size` differs (N = ").append(runs.stream()
                            .map(r -> r.label() + ": " + r.hiddenSize()).collect(Collectors.joining(", ")))
                    .append("). G is an N x N matrix drawn from the network seed, so each N has its own G by"
                            + " construction: differences between these runs combine the effect of N with that of a"
                            + " different G.");
        } else {
            s.append(", N = ").append(runs.get(0).hiddenSize()).append('.');
        }
        List<String> other = differences.stream().filter(d -> !d.key().equals(RunCompatibility.HIDDEN_SIZE))
                .map(this::difference).toList();
        s.append(other.isEmpty() ? " No other setting differs." : " They differ in " + String.join("; ", other) + ".");
        return s.toString();
    }

    private String difference(RunCompatibility.Difference d) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            parts.add(runs.get(i).label() + ": " + d.values().get(i));
        }
        return "`" + d.key() + "` (" + String.join(", ", parts) + ")";
    }

    /** Seeds that diverged, or null when none did. */
    String divergence() {
        List<String> parts = new ArrayList<>();
        for (ComparedRun r : runs) {
            int d = r.count("diverged");
            if (d > 0) {
                parts.add(r.label() + ": " + d + " of " + r.seeds().rowCount());
            }
        }
        return parts.isEmpty() ? null : "Seeds that diverged during training have no evaluation and are left out of"
                + " every statistic (" + String.join(", ", parts) + ").";
    }

    /** Per-run medians and means of a metric, and which run has the lowest median. */
    String medians(String metric, String what, boolean lowerIsBetter) {
        List<String> parts = new ArrayList<>();
        String best = null;
        double bestMedian = Double.NaN;
        for (ComparedRun r : runs) {
            int row = row(tables.summary(), "label", r.label(), "metric", metric);
            double median = num(tables.summary(), "median", row);
            parts.add(r.label() + " " + Numbers.format(median) + " (mean " + Numbers.format(num(tables.summary(), "mean", row))
                    + ", 95% CI " + Numbers.format(num(tables.summary(), "mean_ci_low", row)) + " to "
                    + Numbers.format(num(tables.summary(), "mean_ci_high", row)) + ", n = "
                    + (int) num(tables.summary(), "n", row) + ")");
            if (!Double.isNaN(median) && (best == null || (lowerIsBetter ? median < bestMedian : median > bestMedian))) {
                best = r.label();
                bestMedian = median;
            }
        }
        String s = what + ", median over seeds: " + String.join("; ", parts) + ".";
        if (lowerIsBetter && best != null) {
            s += " The lowest (best) median precision is " + best + "'s.";
        }
        return s;
    }

    /** One bullet per pair: paired and unpaired tests of a metric, and a closing verdict. */
    String tests(String metric) {
        Table t = tables.tests();
        List<String> bullets = new ArrayList<>();
        List<String> separated = new ArrayList<>();
        List<String> notSeparated = new ArrayList<>();
        for (int row = 0; row < t.rowCount(); row++) {
            if (!t.stringColumn("metric").get(row).equals(metric)) {
                continue;
            }
            String x = t.stringColumn("label_x").get(row);
            String y = t.stringColumn("label_y").get(row);
            int pairs = (int) num(t, "n_pairs", row);
            double holm = pairs > 0 ? num(t, "wsr_holm_p", row) : num(t, "mw_holm_p", row);
            StringBuilder b = new StringBuilder("- **" + x + " vs " + y + "**: ");
            if (pairs > 0) {
                b.append("on the ").append(pairs).append(" shared seeds ").append(x)
                        .append(metric.equals("precision") ? " has the lower (better) precision in " : " is lower in ")
                        .append((int) num(t, "n_x_lower", row)).append(", median difference ").append(x).append(" - ")
                        .append(y).append(" = ").append(Numbers.format(num(t, "median_diff", row)))
                        .append(" (Wilcoxon signed-rank V = ").append(rankSum(num(t, "wsr_v", row)))
                        .append(", ").append(Numbers.pValue(num(t, "wsr_p", row))).append(", Holm ")
                        .append(Numbers.pValue(num(t, "wsr_holm_p", row))).append("); ");
            } else {
                b.append("no shared seeds, so no paired test; ");
            }
            b.append("Mann-Whitney U = ").append(rankSum(num(t, "mw_u", row))).append(", ")
                    .append(Numbers.pValue(num(t, "mw_p", row))).append(", Holm ")
                    .append(Numbers.pValue(num(t, "mw_holm_p", row))).append('.');
            bullets.add(b.toString());
            (holm < ALPHA ? separated : notSeparated).add(x + " vs " + y);
        }
        String verdict;
        if (separated.isEmpty()) {
            verdict = "no pair differs.";
        } else if (notSeparated.isEmpty()) {
            verdict = "every pair differs.";
        } else {
            verdict = "these pairs differ: " + String.join(", ", separated) + "; these do not: "
                    + String.join(", ", notSeparated) + ".";
        }
        verdict = "At a Holm-adjusted level of 0.05 (paired test where the runs share seeds, else Mann-Whitney), "
                + verdict;
        return String.join("\n", bullets) + "\n\n" + verdict;
    }

    /** Precision and activity dimensionality per N, when N differs. */
    String byHiddenSize() {
        List<String> parts = new ArrayList<>();
        for (ComparedRun r : runs.stream().sorted((a, b) -> Integer.compare(a.hiddenSize(), b.hiddenSize())).toList()) {
            parts.add("N = " + r.hiddenSize() + " (" + r.label() + "): precision " + median(r, "precision")
                    + ", spontaneous dimensionality " + median(r, "input_spont_activity_pr")
                    + ", memory-period dimensionality " + median(r, "readout_mem_activity_pr"));
        }
        return "Medians over seeds by network size: " + String.join("; ", parts) + ". The activity dimensionality is"
                + " (sum l)^2 / sum l^2 of the covariance eigenvalues l; the spontaneous one depends on G and g only.";
    }

    private String median(ComparedRun r, String metric) {
        return Numbers.format(num(tables.summary(), "median", row(tables.summary(), "label", r.label(), "metric", metric)));
    }

    /** How the statistics were computed. */
    static String methods() {
        return "Summaries drop seeds without a value (NaN). The 95% interval of the mean is a percentile bootstrap with "
                + ComparisonTables.RESAMPLES + " resamples (seed " + ComparisonTables.BOOTSTRAP_SEED + "). For every pair"
                + " of runs, the Wilcoxon signed-rank test compares the seeds both runs share (exact p for up to 20"
                + " non-zero differences without ties, else the normal approximation with tie and continuity"
                + " corrections; zero differences dropped); the same model seed gives the same training trials and"
                + " batch order and, at equal N, the same random draws for weights initialised `random`. The"
                + " Mann-Whitney U test treats all seeds of the two runs as independent samples. p-values are two-sided"
                + " and Holm-adjusted over the pairs of runs, separately for each metric and test.";
    }

    /** A rank statistic (a whole or half number): whole numbers without decimals. */
    static String rankSum(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Numbers.format((long) v) : Numbers.format(v);
    }

    static int row(Table t, String c1, String v1, String c2, String v2) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.stringColumn(c1).get(r).equals(v1) && t.stringColumn(c2).get(r).equals(v2)) {
                return r;
            }
        }
        throw new IllegalStateException("no row " + c1 + " = " + v1 + ", " + c2 + " = " + v2 + " in " + t.name());
    }

    static double num(Table t, String column, int row) {
        var c = t.numberColumn(column);
        return c.isMissing(row) ? Double.NaN : c.getDouble(row);
    }
}
