package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
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
 * {@link MechanismMetrics}, declared there). A new metric is one more entry of {@link #SEED_METRICS}:
 * its declaration and the function of the seed's analysed trials ({@link SeedTrials}) that computes it;
 * {@code analyze} computes it for every seed, and tables, schema, figures and reports pick it up.
 */
public final class MetricCatalog {
    private MetricCatalog() {}

    private static final String PLATEAU = "plateau (mean output over the evaluation window) against pulse duration";

    /**
     * The analysis metrics (beyond SPEC section 4), in analysis.csv column order: each declared once,
     * with the function that computes it from a seed's analysed trials.
     */
    public static final List<SeedMetric> SEED_METRICS = List.of(
            seed(IntegrationCurve.SLOPE_TRAINED, Metric.OUTPUT, "1/ms", "plateau slope, trained",
                    "slope of " + PLATEAU + ", durations inside the trained range (target: task.slope_per_ms)",
                    c -> c.integration(IntegrationCurve.SLOPE_TRAINED)),
            seed(IntegrationCurve.R2_TRAINED, Metric.OUTPUT, "1", "plateau line r², trained",
                    "r^2 of the line fitted to the " + PLATEAU + ", inside the trained range",
                    c -> c.integration(IntegrationCurve.R2_TRAINED)),
            seed(IntegrationCurve.RMSE_TRAINED, Metric.OUTPUT, "1", "plateau RMS error, trained",
                    "RMS of plateau - slope_per_ms * duration inside the trained range",
                    c -> c.integration(IntegrationCurve.RMSE_TRAINED)),
            seed(IntegrationCurve.SLOPE_OUTSIDE, Metric.OUTPUT, "1/ms", "plateau slope, outside",
                    "slope of " + PLATEAU + ", durations outside the trained range",
                    c -> c.integration(IntegrationCurve.SLOPE_OUTSIDE)),
            seed(IntegrationCurve.R2_OUTSIDE, Metric.OUTPUT, "1", "plateau line r², outside",
                    "r^2 of the line fitted outside the trained range",
                    c -> c.integration(IntegrationCurve.R2_OUTSIDE)),
            seed(IntegrationCurve.RMSE_OUTSIDE, Metric.OUTPUT, "1", "plateau RMS error, outside",
                    "RMS of plateau - slope_per_ms * duration outside the trained range",
                    c -> c.integration(IntegrationCurve.RMSE_OUTSIDE)),
            seed(SeedDynamics.DRIFT, Metric.OUTPUT, "1/s", "plateau drift",
                    "mean over test durations of the least-squares slope of the output over the evaluation window",
                    c -> c.drift(SeedDynamics.DRIFT)),
            seed(SeedDynamics.DRIFT_REL, Metric.OUTPUT, "1/s", "relative plateau drift",
                    "mean over test durations of |drift| / target level",
                    c -> c.drift(SeedDynamics.DRIFT_REL)),
            seed(Separation.SLOPE, Metric.TRAJECTORY, "1/ms", "separation slope",
                    "slope of trajectory separation (mean Euclidean distance of rate vectors over the memory "
                    + "period) against duration difference",
                    c -> c.separation(Separation.SLOPE)),
            seed(Separation.R, Metric.TRAJECTORY, "1", "r(separation, Δduration)",
                    "Pearson r of trajectory separation against duration difference",
                    c -> c.separation(Separation.R)),
            seed(Separation.TIME_CV, Metric.TRAJECTORY, "1", "separation CV over time",
                    "mean over pairs of sd / mean of the distance over the memory period (0: parallel trajectories)",
                    c -> c.separation(Separation.TIME_CV)),
            seed(ReadoutGeometry.COS_MEAN, Metric.READOUT, "1", "cos(w, mean memory rate)",
                    "cos(w, mean memory-period rate vector)",
                    c -> c.readout(ReadoutGeometry.COS_MEAN)),
            seed(ReadoutGeometry.COS_CODING, Metric.READOUT, "1", "cos(w, coding direction)",
                    "cos(w, mean rate at the longest minus the shortest test duration)",
                    c -> c.readout(ReadoutGeometry.COS_CODING)),
            seed(ReadoutGeometry.COS_PC1, Metric.READOUT, "1", "|cos(w, memory PC1)|",
                    "|cos(w, first memory-period PC)|",
                    c -> c.readout(ReadoutGeometry.COS_PC1)),
            seed(ReadoutGeometry.VAR_FRACTION, Metric.READOUT, "1", "output variance vs random",
                    "(w'Cw / |w|^2) / (tr C / N): output variance relative to a random direction",
                    c -> c.readout(ReadoutGeometry.VAR_FRACTION)),
            seed(ReadoutGeometry.MEAN_FRACTION, Metric.READOUT, "1", "mean output² vs random",
                    "(mean_d (w.mu_d)^2 / |w|^2) / (mean_d |mu_d|^2 / N): squared mean output relative to a random "
                    + "direction",
                    c -> c.readout(ReadoutGeometry.MEAN_FRACTION)),
            seed(ReadoutGeometry.VAR_RATIO, Metric.READOUT, "1", "output variance / squared mean",
                    "w'Cw / mean_d (w.mu_d)^2: output variance over squared mean output in the memory period",
                    c -> c.readout(ReadoutGeometry.VAR_RATIO)));

    /** The declarations of {@link #SEED_METRICS}, in the same order. */
    static final List<Metric> ANALYSIS = SEED_METRICS.stream().map(SeedMetric::metric).toList();

    private static final Map<String, Metric> BY_NAME = index();

    private static SeedMetric seed(String name, String kind, String unit, String label, String description,
                                   ToDoubleFunction<SeedTrials> compute) {
        return new SeedMetric(new Metric(name, kind, unit, label, description), compute);
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
