package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnmemory.analysis.stats.LinearFit;

/**
 * The integration curve of one network: plateau level (mean output over the evaluation window)
 * against pulse duration, compared with the target {@code slope_per_ms * duration}. Lines are
 * fitted separately to the durations inside the training distribution's range and to those
 * outside it (shorter or longer).
 */
public final class IntegrationCurve {
    /** Metric names, in column order. */
    public static final String SLOPE_TRAINED = "integ_slope_trained";
    public static final String R2_TRAINED = "integ_r2_trained";
    public static final String RMSE_TRAINED = "integ_rmse_trained";
    public static final String SLOPE_OUTSIDE = "integ_slope_outside";
    public static final String R2_OUTSIDE = "integ_r2_outside";
    public static final String RMSE_OUTSIDE = "integ_rmse_outside";

    private IntegrationCurve() {}

    /**
     * Fits the curve.
     *
     * @param durationsMs pulse durations, ms
     * @param plateau plateau level per duration (output units)
     * @param plan the trained range and the target slope
     * @return slope (output per ms), r^2 and RMS error against the target, inside and outside the
     *     trained range (NaN where fewer than two durations, or three for r^2, fall on a side)
     */
    public static Map<String, Double> metrics(double[] durationsMs, double[] plateau, DurationPlan plan) {
        Side in = new Side();
        Side out = new Side();
        for (int i = 0; i < durationsMs.length; i++) {
            (plan.inTrainedRange(durationsMs[i]) ? in : out).add(durationsMs[i], plateau[i],
                    plan.targetPerMs() * durationsMs[i]);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        LinearFit fi = in.fit();
        LinearFit fo = out.fit();
        m.put(SLOPE_TRAINED, fi.slope());
        m.put(R2_TRAINED, fi.n() >= 3 ? fi.rSquared() : Double.NaN);
        m.put(RMSE_TRAINED, in.rmse());
        m.put(SLOPE_OUTSIDE, fo.slope());
        m.put(R2_OUTSIDE, fo.n() >= 3 ? fo.rSquared() : Double.NaN);
        m.put(RMSE_OUTSIDE, out.rmse());
        return m;
    }

    /** Durations, plateaus and squared target errors of one side of the trained range. */
    private static final class Side {
        private final java.util.List<double[]> points = new java.util.ArrayList<>();

        void add(double d, double plateau, double target) {
            points.add(new double[] {d, plateau, target});
        }

        LinearFit fit() {
            double[] x = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = points.stream().mapToDouble(p -> p[1]).toArray();
            return LinearFit.of(x, y);
        }

        double rmse() {
            if (points.isEmpty()) {
                return Double.NaN;
            }
            double s = 0;
            for (double[] p : points) {
                s += (p[1] - p[2]) * (p[1] - p[2]);
            }
            return Math.sqrt(s / points.size());
        }
    }
}
