package org.rnnmemory.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.LinearFit;

/**
 * Distance between the memory-period trajectories of different pulse durations. For every pair of
 * durations (a, b) the Euclidean distance |r_a(t) - r_b(t)| of the full N-dimensional rate vectors
 * is taken at each sampled time t of the memory period; its mean over t is the pair's separation
 * and its coefficient of variation over t measures how parallel the two trajectories run (0 for
 * trajectories at a constant distance). The separations are then regressed on |a - b|.
 */
public final class Separation {
    public static final String SLOPE = "sep_slope";
    public static final String R = "sep_r";
    public static final String TIME_CV = "sep_time_cv";

    private Separation() {}

    /**
     * One pair of trajectories.
     *
     * @param durationAMs shorter duration, ms
     * @param durationBMs longer duration, ms
     * @param separation mean distance over the memory period (rate units)
     * @param timeCv standard deviation of the distance over time divided by its mean
     */
    public record Pair(double durationAMs, double durationBMs, double separation, double timeCv) {
        public double differenceMs() {
            return durationBMs - durationAMs;
        }
    }

    /**
     * Every pair's separation.
     *
     * @param durationsMs ascending pulse durations, ms
     * @param rates per duration, the memory-period rate vectors at the sampled times, [duration][time][unit]
     */
    public static List<Pair> pairs(double[] durationsMs, double[][][] rates) {
        List<Pair> out = new ArrayList<>();
        for (int a = 0; a < durationsMs.length; a++) {
            for (int b = a + 1; b < durationsMs.length; b++) {
                out.add(pair(durationsMs[a], durationsMs[b], rates[a], rates[b]));
            }
        }
        return out;
    }

    static Pair pair(double da, double db, double[][] xa, double[][] xb) {
        int steps = xa.length;
        double[] dist = new double[steps];
        double mean = 0;
        for (int t = 0; t < steps; t++) {
            double s = 0;
            for (int i = 0; i < xa[t].length; i++) {
                double e = xa[t][i] - xb[t][i];
                s += e * e;
            }
            dist[t] = Math.sqrt(s);
            mean += dist[t] / steps;
        }
        double ss = 0;
        for (double d : dist) {
            ss += (d - mean) * (d - mean);
        }
        double sd = steps > 1 ? Math.sqrt(ss / (steps - 1)) : Double.NaN;
        return new Pair(Math.min(da, db), Math.max(da, db), mean, mean > 0 ? sd / mean : Double.NaN);
    }

    /**
     * Slope (rate units per ms) and Pearson r of separation against duration difference, and the
     * mean over pairs of the time coefficient of variation.
     */
    public static Map<String, Double> metrics(List<Pair> pairs) {
        double[] x = pairs.stream().mapToDouble(Pair::differenceMs).toArray();
        double[] y = pairs.stream().mapToDouble(Pair::separation).toArray();
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(SLOPE, LinearFit.of(x, y).slope());
        m.put(R, Correlation.pearson(x, y).r());
        m.put(TIME_CV, pairs.stream().mapToDouble(Pair::timeCv).filter(v -> !Double.isNaN(v)).average()
                .orElse(Double.NaN));
        return m;
    }
}
