package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.train.RunTables;

/**
 * Every per-seed metric of {@code tables/analysis.csv}: its kind, unit and meaning. The SPEC
 * section 4 metrics keep the names, units and descriptions of {@code tables/seeds.csv}.
 *
 * <p>Kinds: {@code performance} (precision and its per-duration parts), {@code weights} (weight
 * correlation), {@code pca} (SPEC PCA alignment), {@code legacy} (the legacy participation ratios,
 * ill-defined, SPEC section 4),
 * {@code readout} (readout geometry in the memory period), {@code trajectory} (separation of
 * memory-period trajectories) and {@code output} (integration curve and plateau drift, computed
 * from the network output like precision itself) and {@code mechanism} (optimal readout, fixed and slow
 * points, linearisation, memory-period speed: {@link MechanismMetrics}).
 */
public final class MetricCatalog {
    private MetricCatalog() {}

    /** Unit and meaning of each trajectory metric, in column order. */
    static final Map<String, String[]> DYNAMICS = dynamics();

    private static Map<String, String[]> dynamics() {
        Map<String, String[]> m = new LinkedHashMap<>();
        String plateau = "plateau (mean output over the evaluation window) against pulse duration";
        m.put(IntegrationCurve.SLOPE_TRAINED, new String[] {"1/ms",
            "slope of " + plateau + ", durations inside the trained range (target: task.slope_per_ms)"});
        m.put(IntegrationCurve.R2_TRAINED, new String[] {"1", "r^2 of the line fitted to the " + plateau
            + ", inside the trained range"});
        m.put(IntegrationCurve.RMSE_TRAINED, new String[] {"1", "RMS of plateau - slope_per_ms * duration inside the "
            + "trained range"});
        m.put(IntegrationCurve.SLOPE_OUTSIDE, new String[] {"1/ms", "slope of " + plateau
            + ", durations outside the trained range"});
        m.put(IntegrationCurve.R2_OUTSIDE, new String[] {"1", "r^2 of the line fitted outside the trained range"});
        m.put(IntegrationCurve.RMSE_OUTSIDE, new String[] {"1", "RMS of plateau - slope_per_ms * duration outside the "
            + "trained range"});
        m.put(SeedDynamics.DRIFT, new String[] {"1/s", "mean over test durations of the least-squares slope of the "
            + "output over the evaluation window"});
        m.put(SeedDynamics.DRIFT_REL, new String[] {"1/s", "mean over test durations of |drift| / target level"});
        m.put(Separation.SLOPE, new String[] {"1/ms", "slope of trajectory separation (mean Euclidean distance of "
            + "rate vectors over the memory period) against duration difference"});
        m.put(Separation.R, new String[] {"1", "Pearson r of trajectory separation against duration difference"});
        m.put(Separation.TIME_CV, new String[] {"1", "mean over pairs of sd / mean of the distance over the memory "
            + "period (0: parallel trajectories)"});
        m.put(ReadoutGeometry.COS_MEAN, new String[] {"1", "cos(w, mean memory-period rate vector)"});
        m.put(ReadoutGeometry.COS_CODING, new String[] {"1", "cos(w, mean rate at the longest minus the shortest test "
            + "duration)"});
        m.put(ReadoutGeometry.COS_PC1, new String[] {"1", "|cos(w, first memory-period PC)|"});
        m.put(ReadoutGeometry.VAR_FRACTION, new String[] {"1", "(w'Cw / |w|^2) / (tr C / N): output variance relative "
            + "to a random direction"});
        m.put(ReadoutGeometry.MEAN_FRACTION, new String[] {"1", "(mean_d (w.mu_d)^2 / |w|^2) / (mean_d |mu_d|^2 / N): "
            + "squared mean output relative to a random direction"});
        m.put(ReadoutGeometry.VAR_RATIO, new String[] {"1", "w'Cw / mean_d (w.mu_d)^2: output variance over squared "
            + "mean output in the memory period"});
        return m;
    }

    /** The kind of a metric (see the class comment). */
    public static String kind(String metric) {
        if (metric.equals("precision") || metric.startsWith("loss_")) {
            return "performance";
        }
        if (metric.equals("weight_correlation")) {
            return "weights";
        }
        if (metric.endsWith("_legacy_pr")) {
            return "legacy";
        }
        if (metric.startsWith("input_spont_") || metric.startsWith("readout_mem_")) {
            return "pca";
        }
        if (metric.startsWith("readout_")) {
            return "readout";
        }
        if (metric.startsWith("sep_")) {
            return "trajectory";
        }
        if (metric.startsWith("integ_") || metric.startsWith("drift_")) {
            return "output";
        }
        if (metric.startsWith(MechanismMetrics.PREFIX)) {
            return MechanismMetrics.kind(metric);
        }
        throw new IllegalArgumentException("unknown metric '" + metric + "'");
    }

    /** Whether a metric is tested against precision (everything but precision and its parts). */
    public static boolean isPredictor(String metric) {
        return !kind(metric).equals("performance");
    }

    /** Declares the analysis.csv columns: seed, status, the SPEC metrics and the trajectory metrics. */
    static void declare(TableSchema s, String table, List<String> durationLabels, List<String> specMetrics) {
        Map<String, TableSchema.Column> seeds = RunTables.schema(durationLabels).columns(RunTables.SEEDS);
        s.add(table, "seed", "int", "1", "model seed");
        s.add(table, "status", "string", "1", "completed | diverged (trajectory metrics are NA for diverged seeds)");
        for (String m : specMetrics) {
            TableSchema.Column c = seeds.get(m);
            s.add(table, m, "double", c.unit(), c.description() + " [" + kind(m) + "]");
        }
        DYNAMICS.forEach((m, ud) -> s.add(table, m, "double", ud[0], ud[1] + " [" + kind(m) + "]"));
        MechanismMetrics.declare(s, table);
    }
}
