package org.rnnmemory.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The SPEC section 4 metrics of one network ({@link EvaluationResult#flatMetrics()}), in the
 * column order of {@code seeds.csv}: precision, one loss per test duration, weight correlation,
 * then I against the spontaneous-activity PCA and w against the memory-period PCA.
 */
public final class SpecMetrics {
    /** Prefix of the per-duration loss columns ({@code loss_<ms>}). */
    public static final String LOSS_PREFIX = "loss_";
    /** Prefix of the metrics of I against the spontaneous-activity PCA. */
    public static final String INPUT_SPONT = "input_spont";
    /** Prefix of the metrics of w against the memory-period PCA. */
    public static final String READOUT_MEM = "readout_mem";

    private SpecMetrics() {}

    /** Precision and the losses of the given test durations (labels in ms), then weight correlation. */
    public static List<Metric> performance(List<String> durationLabels) {
        List<Metric> out = new ArrayList<>();
        out.add(new Metric("precision", Metric.PERFORMANCE, "1", "precision (MSE)",
                "mean over test durations of the MSE over y > 0 (lower is better)"));
        for (String d : durationLabels) {
            out.add(loss(d));
        }
        out.add(new Metric("weight_correlation", Metric.WEIGHTS, "1", "weight correlation cos(I, w)",
                "cosine similarity of I and w"));
        return out;
    }

    /** The loss of one test duration (label in ms). */
    public static Metric loss(String durationLabel) {
        return new Metric(LOSS_PREFIX + durationLabel, Metric.PERFORMANCE, "1", "MSE, " + durationLabel + " ms pulse",
                "MSE over y > 0 for the " + durationLabel + " ms test pulse");
    }

    /** The alignment metrics: I against the spontaneous PCA, then w against the memory-period PCA. */
    public static List<Metric> alignment() {
        List<Metric> out = new ArrayList<>();
        alignment(out, INPUT_SPONT, "I", "spont.", "spontaneous", "I against the spontaneous-activity PCA");
        alignment(out, READOUT_MEM, "w", "memory", "memory", "w against the memory-period PCA");
        return out;
    }

    /** The six metrics of one weight vector {@code v} against one activity's PCA. */
    private static void alignment(List<Metric> out, String p, String v, String brief, String activity,
                                  String what) {
        out.add(new Metric(p + "_activity_pr", Metric.PCA, "1", brief + " dimensionality (PR)",
                "activity dimensionality (sum l)^2 / sum l^2 (participation ratio, in PCs); " + what));
        out.add(new Metric(p + "_k", Metric.PCA, "1", activity + " k = ceil(PR)", "ceil(activity_pr); " + what));
        out.add(new Metric(p + "_topk_fraction", Metric.PCA, "1", "|" + v + "|² in top-k " + activity + " PCs",
                "fraction of |v|^2 in the top-k PCs; " + what));
        out.add(new Metric(p + "_variance_alignment", Metric.PCA, "1", v + " variance alignment (" + brief + ")",
                "v'Cv / (|v|^2 l1); " + what));
        out.add(new Metric(p + "_eig1", Metric.PCA, "rate^2", brief + " eigenvalue λ1",
                "largest covariance eigenvalue; " + what));
        out.add(new Metric(p + "_legacy_pr", Metric.LEGACY, "1", "legacy PR of " + v + " (ill-defined)",
                "LEGACY participation ratio (ill-defined, SPEC 4); " + what));
    }

    /** Every SPEC metric for the given test durations, in seeds.csv order. */
    public static List<Metric> all(List<String> durationLabels) {
        List<Metric> out = performance(durationLabels);
        out.addAll(alignment());
        return out;
    }
}
