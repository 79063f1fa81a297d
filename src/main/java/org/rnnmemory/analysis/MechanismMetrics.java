package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.dynamics.NetworkDynamics;
import org.rnnmemory.dynamics.PointAnalysis;
import org.rnnmemory.eval.Metric;
import org.rnnmemory.io.TableSchema;

/**
 * The per-seed mechanism columns of {@code tables/analysis.csv} (kind {@code mechanism}, except the
 * ratio of trained to optimal precision, kind {@code performance} like precision itself), computed
 * from a seed's {@link NetworkDynamics}: the optimal readout against the trained one, the origin's
 * spectrum, the fixed and slow points and the point nearest to the memory-period trajectories, and
 * the speed and separation of those trajectories. Every name starts with {@value #PREFIX}.
 */
public final class MechanismMetrics {
    /** Prefix of every mechanism column. */
    public static final String PREFIX = "mech_";

    /** Unit and meaning per column, in column order. */
    static final Map<String, String[]> COLUMNS = columns();

    /** The mechanism columns, in order. */
    public static final List<String> NAMES = List.copyOf(COLUMNS.keySet());

    /** Columns computed from the trained precision itself: kind {@code performance}, never tested against it. */
    static final List<String> FROM_PRECISION = List.of("mech_precision_ratio");

    /** Axis labels (at most 30 characters), per column. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("mech_readout_cosine", "cos(optimal readout, w)"),
            Map.entry("mech_optimal_precision", "optimal precision"),
            Map.entry("mech_precision_ratio", "trained / optimal precision"),
            Map.entry("mech_untrained_optimal_precision", "untrained-I optimum"),
            Map.entry("mech_untrained_readout_cosine", "cos(untrained optimal, w)"),
            Map.entry("mech_origin_max_real", "max Re λ at origin"),
            Map.entry("mech_origin_unstable_dims", "unstable dims at origin"),
            Map.entry("mech_origin_input_unstable_fraction", "I in unstable subspace"),
            Map.entry("mech_fixed_points", "fixed points found"),
            Map.entry("mech_slow_points", "slow points found"),
            Map.entry("mech_nearest_distance", "distance to nearest point"),
            Map.entry("mech_nearest_speed", "speed at nearest point"),
            Map.entry("mech_nearest_unstable_dims", "unstable dims, nearest point"),
            Map.entry("mech_nearest_output", "output at nearest point"),
            Map.entry("mech_nearest_readout_alignment", "|cos(w, leading right ev)|"),
            Map.entry("mech_nearest_input_alignment", "|cos(I, leading left ev)|"),
            Map.entry("mech_speed_mean", "mean memory-period speed"),
            Map.entry("mech_speed_min", "min memory-period speed"),
            Map.entry("mech_separation_rate", "separation rate"));

    /** The mechanism columns as catalogue metrics ({@link MetricCatalog}). */
    public static final List<Metric> METRICS = NAMES.stream()
            .map(n -> new Metric(n, kind(n), COLUMNS.get(n)[0], LABELS.get(n), COLUMNS.get(n)[1])).toList();

    private MechanismMetrics() {}

    private static Map<String, String[]> columns() {
        Map<String, String[]> m = new LinkedHashMap<>();
        String opt = "optimal readout (ridge least squares over the evaluation window of noise-free trials of the "
                + "trained range, ridge by leave-one-duration-out cross-validation)";
        m.put("mech_readout_cosine", new String[] {"1", "cos(" + opt + ", trained w)"});
        m.put("mech_optimal_precision", new String[] {"MSE", "precision of the " + opt});
        m.put("mech_precision_ratio", new String[] {"1", "trained precision / precision of the optimal readout "
            + "(how much better a readout of the same dynamics can be)"});
        m.put("mech_untrained_optimal_precision", new String[] {"MSE", "precision of the optimal readout of the "
            + "network with the seed's untrained input weights (NA when they cannot be reproduced)"});
        m.put("mech_untrained_readout_cosine", new String[] {"1", "cos(optimal readout with untrained I, trained w)"});
        m.put("mech_origin_max_real", new String[] {"1/tau", "largest real part of the eigenvalues of "
            + "J(0) = -1 + g G"});
        m.put("mech_origin_unstable_dims", new String[] {"1", "eigenvalues of J(0) with real part > 1e-6 / tau"});
        m.put("mech_origin_input_unstable_fraction", new String[] {"1", "|P I|^2 / |I|^2, P the orthogonal projector "
            + "onto the unstable subspace of J(0) (a random direction: unstable dims / N)"});
        m.put("mech_fixed_points", new String[] {"1", "fixed points found (q <= 1e-20 / tau^2) from the sampled "
            + "memory-period states"});
        m.put("mech_slow_points", new String[] {"1", "slow points found (local minima of q above the tolerance)"});
        String nearest = "the fixed or slow point nearest to the memory-period states";
        m.put("mech_nearest_distance", new String[] {"1", "distance of " + nearest + " to the nearest such state, "
            + "relative to their mean norm |h|"});
        m.put("mech_nearest_speed", new String[] {"1/s", "|F| / tau at " + nearest});
        m.put("mech_nearest_unstable_dims", new String[] {"1", "eigenvalues of J with real part > 1e-6 / tau at "
            + nearest});
        m.put("mech_nearest_output", new String[] {"1", "output w . tanh(h) at " + nearest});
        m.put("mech_nearest_readout_alignment", new String[] {"1", "|cos(w, right eigenvector of the leading "
            + "eigenvalue of J)| at " + nearest + " (random directions: of order 1 / sqrt(N))"});
        m.put("mech_nearest_input_alignment", new String[] {"1", "|cos(I, left eigenvector of the leading "
            + "eigenvalue of J)| at " + nearest});
        m.put("mech_speed_mean", new String[] {"1/s", "mean speed |F(h)| / tau along the test trajectories over the "
            + "memory period (evaluation window)"});
        m.put("mech_speed_min", new String[] {"1/s", "smallest speed on a test trajectory in the memory period"});
        m.put("mech_separation_rate", new String[] {"1/s", "finite-time separation rate: mean over neighbouring "
            + "durations (10 ms apart) of the slope of ln |h_a(t) - h_b(t)| over the memory period (< 0: converge)"});
        return m;
    }


    /** The kind of a mechanism column ({@link MetricCatalog#kind}). */
    static String kind(String metric) {
        return FROM_PRECISION.contains(metric) ? Metric.PERFORMANCE : Metric.MECHANISM;
    }

    /** Every column NaN (a seed that was not analysed). */
    static Map<String, Double> missing() {
        Map<String, Double> out = new LinkedHashMap<>();
        NAMES.forEach(n -> out.put(n, Double.NaN));
        return out;
    }

    /** The columns of one analysed seed. */
    static Map<String, Double> of(NetworkDynamics d) {
        Map<String, Double> m = missing();
        var r = d.readout();
        m.put("mech_readout_cosine", r.cosineToTrained());
        m.put("mech_optimal_precision", r.precision());
        m.put("mech_precision_ratio", r.trainedPrecision() / r.precision());
        if (d.untrained() != null) {
            m.put("mech_untrained_optimal_precision", d.untrained().precision());
            m.put("mech_untrained_readout_cosine", d.untrained().cosineToTrained());
        }
        m.put("mech_origin_max_real", d.origin().maxRealEigenvalue());
        m.put("mech_origin_unstable_dims", (double) d.origin().unstableDimensions());
        m.put("mech_origin_input_unstable_fraction", d.origin().inputUnstableFraction());
        m.put("mech_fixed_points", (double) d.fixedPoints().size());
        m.put("mech_slow_points", (double) d.slowPoints().size());
        PointAnalysis p = d.nearestPoint();
        if (p != null) {
            m.put("mech_nearest_distance", p.distance() / meanNorm(d.trajectories().figureStates()));
            m.put("mech_nearest_speed", p.speed());
            m.put("mech_nearest_unstable_dims", (double) p.unstableDimensions());
            m.put("mech_nearest_output", p.output());
            m.put("mech_nearest_readout_alignment", p.rightReadout());
            m.put("mech_nearest_input_alignment", p.leftInput());
        }
        m.put("mech_speed_mean", d.memory().meanSpeed());
        m.put("mech_speed_min", d.memory().minSpeed());
        m.put("mech_separation_rate", d.memory().separationRate());
        return m;
    }

    static double meanNorm(double[][][] states) {
        double s = 0;
        int c = 0;
        for (double[][] a : states) {
            for (double[] v : a) {
                if (v != null) {
                    double q = 0;
                    for (double x : v) {
                        q += x * x;
                    }
                    s += Math.sqrt(q);
                    c++;
                }
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    /** Declares the mechanism columns of {@code table}. */
    static void declare(TableSchema s, String table) {
        COLUMNS.forEach((name, ud) -> s.add(table, name, "double", ud[0], ud[1] + " [" + kind(name) + "]"));
    }
}
