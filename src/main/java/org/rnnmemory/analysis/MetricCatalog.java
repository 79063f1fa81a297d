package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.eval.Metric;
import org.rnnmemory.eval.SpecMetrics;
import org.rnnmemory.io.TableSchema;

/**
 * Every per-seed metric of {@code tables/analysis.csv}: name, kind, unit, human label and meaning.
 * The one place tables' schemas, figure axes, reports and the exported notebook take them from.
 * The SPEC section 4 metrics are declared in {@link SpecMetrics} (the training tables need them
 * too); the analysis metrics are declared below, one line each, in {@code analysis.csv} order.
 *
 * <p>Kinds ({@link Metric} constants): {@code performance} (precision and its per-duration parts),
 * {@code weights} (weight correlation), {@code pca} (SPEC PCA alignment), {@code legacy} (the legacy
 * participation ratios, ill-defined, SPEC section 4), {@code readout} (readout geometry in the
 * memory period), {@code trajectory} (separation of memory-period trajectories) and {@code output}
 * (integration curve and plateau drift, computed from the network output like precision itself).
 * {@code mechanism} (optimal readout, fixed and slow points, linearisation, memory-period speed:
 * {@link MechanismMetrics}, declared there). A new metric is one more {@link #metric} line here
 * plus the code that computes it.
 */
public final class MetricCatalog {
    private MetricCatalog() {}

    private static final String PLATEAU = "plateau (mean output over the evaluation window) against pulse duration";

    /** The analysis metrics (beyond SPEC section 4), in analysis.csv column order. */
    static final List<Metric> ANALYSIS = List.of(
            metric(IntegrationCurve.SLOPE_TRAINED, Metric.OUTPUT, "1/ms", "plateau slope, trained",
                    "slope of " + PLATEAU + ", durations inside the trained range (target: task.slope_per_ms)"),
            metric(IntegrationCurve.R2_TRAINED, Metric.OUTPUT, "1", "plateau line r², trained",
                    "r^2 of the line fitted to the " + PLATEAU + ", inside the trained range"),
            metric(IntegrationCurve.RMSE_TRAINED, Metric.OUTPUT, "1", "plateau RMS error, trained",
                    "RMS of plateau - slope_per_ms * duration inside the trained range"),
            metric(IntegrationCurve.SLOPE_OUTSIDE, Metric.OUTPUT, "1/ms", "plateau slope, outside",
                    "slope of " + PLATEAU + ", durations outside the trained range"),
            metric(IntegrationCurve.R2_OUTSIDE, Metric.OUTPUT, "1", "plateau line r², outside",
                    "r^2 of the line fitted outside the trained range"),
            metric(IntegrationCurve.RMSE_OUTSIDE, Metric.OUTPUT, "1", "plateau RMS error, outside",
                    "RMS of plateau - slope_per_ms * duration outside the trained range"),
            metric(SeedDynamics.DRIFT, Metric.OUTPUT, "1/s", "plateau drift",
                    "mean over test durations of the least-squares slope of the output over the evaluation window"),
            metric(SeedDynamics.DRIFT_REL, Metric.OUTPUT, "1/s", "relative plateau drift",
                    "mean over test durations of |drift| / target level"),
            metric(Separation.SLOPE, Metric.TRAJECTORY, "1/ms", "separation slope",
                    "slope of trajectory separation (mean Euclidean distance of rate vectors over the memory "
                    + "period) against duration difference"),
            metric(Separation.R, Metric.TRAJECTORY, "1", "r(separation, Δduration)",
                    "Pearson r of trajectory separation against duration difference"),
            metric(Separation.TIME_CV, Metric.TRAJECTORY, "1", "separation CV over time",
                    "mean over pairs of sd / mean of the distance over the memory period (0: parallel trajectories)"),
            metric(ReadoutGeometry.COS_MEAN, Metric.READOUT, "1", "cos(w, mean memory rate)",
                    "cos(w, mean memory-period rate vector)"),
            metric(ReadoutGeometry.COS_CODING, Metric.READOUT, "1", "cos(w, coding direction)",
                    "cos(w, mean rate at the longest minus the shortest test duration)"),
            metric(ReadoutGeometry.COS_PC1, Metric.READOUT, "1", "|cos(w, memory PC1)|",
                    "|cos(w, first memory-period PC)|"),
            metric(ReadoutGeometry.VAR_FRACTION, Metric.READOUT, "1", "output variance vs random",
                    "(w'Cw / |w|^2) / (tr C / N): output variance relative to a random direction"),
            metric(ReadoutGeometry.MEAN_FRACTION, Metric.READOUT, "1", "mean output² vs random",
                    "(mean_d (w.mu_d)^2 / |w|^2) / (mean_d |mu_d|^2 / N): squared mean output relative to a random "
                    + "direction"),
            metric(ReadoutGeometry.VAR_RATIO, Metric.READOUT, "1", "output variance / squared mean",
                    "w'Cw / mean_d (w.mu_d)^2: output variance over squared mean output in the memory period"));

    private static final Map<String, Metric> BY_NAME = index();

    private static Metric metric(String name, String kind, String unit, String label, String description) {
        return new Metric(name, kind, unit, label, description);
    }

    private static List<Metric> concat(List<Metric> a, List<Metric> b) {
        List<Metric> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Map<String, Metric> index() {
        Map<String, Metric> m = new LinkedHashMap<>();
        for (Metric x : SpecMetrics.all(List.of())) {
            m.put(x.name(), x);
        }
        for (Metric x : concat(ANALYSIS, MechanismMetrics.METRICS)) {
            if (m.put(x.name(), x) != null) {
                throw new IllegalStateException("metric " + x.name() + " is declared twice");
            }
        }
        return m;
    }

    /**
     * The metric of a column ({@code loss_<ms>} for any test duration included).
     *
     * @throws IllegalArgumentException for a name that is no metric
     */
    public static Metric get(String name) {
        Metric m = BY_NAME.get(name);
        if (m != null) {
            return m;
        }
        if (name.startsWith(SpecMetrics.LOSS_PREFIX) && name.length() > SpecMetrics.LOSS_PREFIX.length()) {
            return SpecMetrics.loss(name.substring(SpecMetrics.LOSS_PREFIX.length()));
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'");
    }

    /** Whether a column name is a metric. */
    public static boolean known(String name) {
        try {
            get(name);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The kind of a metric (see the class comment). */
    public static String kind(String metric) {
        return get(metric).kind();
    }

    /** Axis title of a metric: human label and unit. */
    public static String axisLabel(String metric) {
        return get(metric).axisLabel();
    }

    /** Whether a metric is tested against precision (everything but precision and its parts). */
    public static boolean isPredictor(String metric) {
        return !kind(metric).equals(Metric.PERFORMANCE);
    }

    /** The analysis metrics' names, in analysis.csv column order. */
    public static List<String> analysisNames() {
        return ANALYSIS.stream().map(Metric::name).toList();
    }

    /**
     * Declares the analysis.csv columns: seed, status, then the given metrics in their order.
     *
     * @throws IllegalArgumentException naming a metric the catalogue does not declare
     */
    static void declare(TableSchema s, String table, List<String> metrics) {
        s.add(table, "seed", "int", "1", "model seed");
        s.add(table, "status", "string", "1", "completed | diverged (trajectory metrics are NA for diverged seeds)");
        for (String name : metrics) {
            column(s, table, get(name));
        }
    }

    private static void column(TableSchema s, String table, Metric m) {
        s.add(table, m.name(), "double", m.unit(), m.description() + " [" + m.kind() + "]");
    }
}
