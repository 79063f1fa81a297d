package org.rnnmemory.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.PearsonResult;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.report.Numbers;
import tech.tablesaw.api.Table;

/**
 * The report's statements of what an analysis found, each built from values in the analysis
 * tables and formatted with {@link Numbers#format}. Wording follows the numbers (e.g. "differs" or
 * "does not differ detectably" by the test's p), so the same code describes any run.
 */
final class Findings {
    /** Significance level used in the wording. */
    static final double ALPHA = 0.05;

    private final AnalysisOutputs a;

    Findings(AnalysisOutputs a) {
        this.a = a;
    }

    static String f(double x) {
        return Numbers.format(x);
    }

    double summary(String metric, String column) {
        return a.value(AnalysisTables.SUMMARY, metric, column);
    }

    double corr(String metric, String column) {
        return a.value(AnalysisTables.CORRELATIONS, metric, column);
    }

    double published(String metric, String column) {
        return a.value(AnalysisTables.PUBLISHED, metric, column);
    }

    /** "mean [low, high]" of a metric from summary.csv. */
    String meanCi(String metric) {
        return f(summary(metric, "mean")) + " [95% CI " + f(summary(metric, "mean_ci_low")) + ", "
                + f(summary(metric, "mean_ci_high")) + "]";
    }

    /** The key of the initial networks' generator. */
    private static final String GENERATOR = "network.init.generator";
    /** The generator of the reference implementation's initial networks: PyTorch's CPU generator. */
    private static final String REFERENCE_GENERATOR = "pytorch";

    /**
     * Keys in which the experiment differs from System A (SPEC sections 1 to 4), with both values. System
     * A's initial networks are the reference implementation's ({@code network.init.generator: pytorch}),
     * not this project's default generator.
     */
    List<String> differencesFromSystemA() {
        return differencesFromSystemA(a.spec());
    }

    /** As {@link #differencesFromSystemA()}, for any experiment. */
    static List<String> differencesFromSystemA(ExperimentSpec spec) {
        Map<String, Object> ours = spec.flatten();
        Map<String, Object> ref = ExperimentSpec.SYSTEM_A.flatten();
        List<String> out = new ArrayList<>();
        // the reference drew its initial networks with PyTorch's generator, whatever this project's default
        ref.put(GENERATOR, REFERENCE_GENERATOR);
        for (String k : RunSet.differingKeys(ours, ref)) {
            if (!k.equals("name")) {
                out.add("`" + k + "` " + ours.get(k) + " (System A: " + ref.get(k)
                        + (k.equals(GENERATOR) ? ", the reference implementation's own draws" : "") + ")");
            }
        }
        return out;
    }

    String precision() {
        double p = published("precision", "mw_p");
        return "Mean squared error over the evaluation window (lower is better): mean "
                + f(published("precision", "run_mean")) + " (sd " + f(published("precision", "run_sd")) + ", median "
                + f(published("precision", "run_median")) + ", 95% CI of the mean " + f(summary("precision", "mean_ci_low"))
                + " to " + f(summary("precision", "mean_ci_high")) + ") against " + f(published("precision", "published_mean"))
                + " (sd " + f(published("precision", "published_sd")) + ") for the " + (int) published("precision", "published_n")
                + " published models; Mann-Whitney U = " + f(published("precision", "mw_u")) + ", " + Numbers.pValue(p)
                + ": this run "
                + (p < ALPHA ? "differs from" : "does not differ detectably from") + " the published distribution.";
    }

    String weightCorrelation() {
        double p = published("weight_correlation", "mw_p");
        return "cos(I, w): mean " + f(published("weight_correlation", "run_mean")) + " (sd "
                + f(published("weight_correlation", "run_sd")) + ") against " + f(published("weight_correlation",
                "published_mean")) + " (sd " + f(published("weight_correlation", "published_sd")) + ") published; U = "
                + f(published("weight_correlation", "mw_u")) + ", " + Numbers.pValue(p) + " ("
                + (p < ALPHA ? "different" : "not detectably different") + ").";
    }

    /** Pearson r and p of precision against weight correlation recomputed from the published file. */
    PearsonResult publishedCorrelation() {
        PublishedReference ref = PublishedReference.load();
        return Correlation.pearson(ref.column("weight_correlation"), ref.column("precision"));
    }

    /** The metrics with a defined p whose Holm-adjusted p (column {@code holmColumn}) is below {@link #ALPHA}. */
    List<String> significant(String holmColumn) {
        Table t = a.table(AnalysisTables.CORRELATIONS);
        List<String> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            double holm = t.doubleColumn(holmColumn).getDouble(r);
            if (!Double.isNaN(holm) && holm < ALPHA) {
                out.add(t.stringColumn("metric").get(r));
            }
        }
        return out;
    }

    int tested() {
        Table t = a.table(AnalysisTables.CORRELATIONS);
        return (int) java.util.Arrays.stream(t.doubleColumn("holm_p").asDoubleArray()).filter(v -> !Double.isNaN(v))
                .count();
    }

    /** Metrics of a list that describe the network's structure (not its output, not legacy). */
    static List<String> structural(List<String> metrics) {
        return metrics.stream().filter(m -> !List.of("output", "legacy").contains(MetricCatalog.kind(m))).toList();
    }

    static List<String> ofKind(List<String> metrics, String kind) {
        return metrics.stream().filter(m -> MetricCatalog.kind(m).equals(kind)).toList();
    }

    String correlationFamily() {
        List<String> sig = significant("holm_p");
        List<String> structural = structural(sig);
        StringBuilder s = new StringBuilder("Of the ").append(tested())
                .append(" metrics with a defined correlation with precision, ").append(sig.size())
                .append(sig.size() == 1 ? " has" : " have").append(" a Holm-adjusted Pearson p below 0.05 (`tables/correlations.csv`). ");
        s.append(structural.isEmpty()
                ? "None of them is a weight, PCA, readout or trajectory metric: by Pearson's r, no structural metric "
                    + "predicts precision in this run. "
                : "Structural metrics among them: " + listWithR(structural, "pearson_r", "holm_p") + ". ");
        List<String> legacy = ofKind(sig, "legacy");
        if (!legacy.isEmpty()) {
            s.append("The legacy participation ratio").append(legacy.size() > 1 ? "s " : " ")
                    .append(listWithR(legacy, "pearson_r", "holm_p")).append(legacy.size() > 1 ? " pass" : " passes")
                    .append(" too, but the formula is ill-defined (SPEC section 4) and is no evidence. ");
        }
        List<String> output = ofKind(sig, "output");
        if (!output.isEmpty()) {
            s.append("The output metrics among them (").append(listWithR(output, "pearson_r", "holm_p")).append(") are "
                    + "computed from the same network outputs as precision, so their correlation restates how well the "
                    + "output is held, not why. ");
        }
        List<String> rank = structural(significant("spearman_holm_p"));
        if (rank.isEmpty()) {
            s.append(structural.isEmpty()
                    ? "Spearman's rank correlation, Holm-adjusted the same way, finds no structural predictor either. "
                    : "Spearman's rank correlation, Holm-adjusted the same way, finds no structural predictor, so the "
                        + "Pearson correlation rests on a few seeds rather than on a trend across all of them. ");
        } else {
            s.append("By Spearman's rank correlation (Holm-adjusted), which is less sensitive to a single outlying "
                    + "seed, structural metrics do pass: " + listWithR(rank, "spearman_rho", "spearman_holm_p") + ". ");
        }
        s.append("Precision is an error, so a positive coefficient means that a larger metric goes with a worse "
                + "network. ");
        PearsonResult pub = publishedCorrelation();
        s.append("Weight correlation against precision: r = ").append(f(corr("weight_correlation", "pearson_r")))
                .append(" (95% CI ").append(f(corr("weight_correlation", "r_ci_low"))).append(" to ")
                .append(f(corr("weight_correlation", "r_ci_high"))).append("), ")
                .append(Numbers.pValue(corr("weight_correlation", "pearson_p"))).append(", Holm ")
                .append(Numbers.pValue(corr("weight_correlation", "holm_p"))).append("; the published finding (SPEC "
                + "section 6) is r = 0.06, p = 0.79 (recomputed from the published table: r = ").append(f(pub.r()))
                .append(", ").append(Numbers.pValue(pub.p())).append(").");
        return s.toString();
    }

    private String listWithR(List<String> metrics, String coefficient, String holm) {
        String symbol = coefficient.equals("pearson_r") ? "r" : "rho";
        List<String> parts = new ArrayList<>();
        for (String m : metrics) {
            parts.add("`" + m + "` " + symbol + " = " + f(corr(m, coefficient)) + ", Holm "
                    + Numbers.pValue(corr(m, holm)));
        }
        return String.join("; ", parts);
    }

    String integration() {
        DurationPlanInfo d = DurationPlanInfo.of(a);
        double ratioIn = summary(IntegrationCurve.SLOPE_TRAINED, "mean") / d.target();
        double ratioOut = summary(IntegrationCurve.SLOPE_OUTSIDE, "mean") / d.target();
        return "Plateau against pulse duration (" + d.count() + " durations from " + d.from()
                + " to " + d.to() + " ms): inside the trained range (" + d.trainedFrom() + "–" + d.trainedTo()
                + " ms) the slope is " + meanCi(IntegrationCurve.SLOPE_TRAINED) + " per ms, " + f(ratioIn)
                + " times the target " + f(d.target()) + " per ms, with r² " + meanCi(IntegrationCurve.R2_TRAINED)
                + "; outside it the slope is " + meanCi(IntegrationCurve.SLOPE_OUTSIDE) + " per ms (" + f(ratioOut)
                + " times the target) with r² " + meanCi(IntegrationCurve.R2_OUTSIDE) + ". RMS error against the "
                + "target: " + f(summary(IntegrationCurve.RMSE_TRAINED, "mean")) + " inside, "
                + f(summary(IntegrationCurve.RMSE_OUTSIDE, "mean")) + " outside.";
    }

    String drift() {
        double low = summary(SeedDynamics.DRIFT, "mean_ci_low");
        double high = summary(SeedDynamics.DRIFT, "mean_ci_high");
        String verdict = low > 0 ? "the plateau rises on average" : high < 0 ? "the plateau decays on average"
                : "no systematic drift across seeds: the interval contains 0";
        return "The output's drift over the evaluation window, averaged over the test durations, "
                + "is " + meanCi(SeedDynamics.DRIFT) + " per s (" + verdict + "); its magnitude relative to the "
                + "target level is " + meanCi(SeedDynamics.DRIFT_REL) + " per s, i.e. a typical seed's plateau moves by "
                + f(100 * summary(SeedDynamics.DRIFT_REL, "mean")) + "% of its target per second.";
    }

    String separation() {
        double minR = summary(Separation.R, "min");
        return "The mean distance between two trajectories during the memory period grows "
                + "with their duration difference at " + meanCi(Separation.SLOPE) + " rate units per ms; the "
                + "correlation of separation with duration difference is " + meanCi(Separation.R) + " (lowest seed "
                + f(minR) + "). The distance varies over the memory period with a coefficient of variation of "
                + meanCi(Separation.TIME_CV) + " (0 would be strictly parallel trajectories).";
    }

    String readout() {
        double varHigh = summary(ReadoutGeometry.VAR_FRACTION, "mean_ci_high");
        double meanLow = summary(ReadoutGeometry.MEAN_FRACTION, "mean_ci_low");
        String var = varHigh < 1 ? "less than a random direction does: w avoids the directions in which "
                + "memory-period activity fluctuates" : "not clearly less than a random direction does";
        String mean = meanLow > 1 ? "more than a random direction does: w reads the mean" : "not clearly more than a "
                + "random direction does";
        return "Along w the memory-period activity varies "
                + meanCi(ReadoutGeometry.VAR_FRACTION) + " times as much as along a random direction of the same norm ("
                + var + "), while the squared mean output is " + meanCi(ReadoutGeometry.MEAN_FRACTION) + " times that "
                + "of a random direction (" + mean + "). The output's variance over time is "
                + meanCi(ReadoutGeometry.VAR_RATIO) + " of its squared mean. The fraction of |w|² in the top-k PCs "
                + "(SPEC `readout_mem_topk_fraction`) is " + meanCi("readout_mem_topk_fraction") + " and cos(w, mean "
                + "rate vector) is " + meanCi(ReadoutGeometry.COS_MEAN) + ".";
    }

    /** A finding: a short label and its statement. */
    record Statement(String label, String text) {
        /** As a markdown bullet with the label in bold. */
        String bullet() {
            return "- " + lead();
        }

        /** The statement with its label in bold. */
        String lead() {
            return "**" + label + (label.endsWith("?") ? "**" : ".**") + " " + text;
        }
    }

    /** Every finding, in report order. */
    List<Statement> all() {
        List<Statement> all = new ArrayList<>(List.of(new Statement("Precision", precision()),
                new Statement("Weight correlation", weightCorrelation()),
                new Statement("Does any metric predict precision?", correlationFamily()),
                new Statement("Integration curve", integration()), new Statement("Trajectory separation", separation()),
                new Statement("Plateau constancy", drift()), new Statement("Readout against the memory-period activity",
                        readout())));
        if (MechanismReport.present(a)) {
            all.add(new Statement("Mechanism", MechanismReport.finding(a)));
        }
        return all;
    }

    /** Durations and trained range as recorded in analysis.json. */
    record DurationPlanInfo(int count, int from, int to, int trainedFrom, int trainedTo, double target) {
        static DurationPlanInfo of(AnalysisOutputs a) {
            var d = a.info().get("durations_ms");
            var r = a.info().get("trained_range_ms");
            return new DurationPlanInfo(d.size(), d.get(0).asInt(), d.get(d.size() - 1).asInt(), r.get(0).asInt(),
                    r.get(1).asInt(), a.info().get("target_slope_per_ms").asDouble());
        }
    }
}
