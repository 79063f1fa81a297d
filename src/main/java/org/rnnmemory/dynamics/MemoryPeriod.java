package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;
import org.rnnmemory.io.Json;

/**
 * How the trajectories move during the memory period (the evaluation window, input off).
 *
 * @param meanSpeed mean over the test trajectories and window steps of |F(h)| / tau, 1/s
 * @param minSpeed smallest |F(h)| / tau on a test trajectory in the window, 1/s
 * @param speedByDuration mean speed per test duration (ms), 1/s
 * @param separationRate finite-time separation rate: mean over neighbouring fitting durations of the
 *        least-squares slope of ln |h_a(t) - h_b(t)| over the window, 1/s (negative: the trajectories
 *        converge and the duration is forgotten; positive: they separate)
 * @param separationRateSd sample sd of the per-pair rates, 1/s
 * @param pairs neighbouring pairs averaged
 * @param windowMs the window, ms from pulse onset, {first, last}
 */
public record MemoryPeriod(double meanSpeed, double minSpeed, Map<Integer, Double> speedByDuration,
                           double separationRate, double separationRateSd, int pairs, double[] windowMs) {

    /** Summarises the simulated trajectories. */
    public static MemoryPeriod of(MemoryTrajectories t, int[] testMs) {
        double sum = 0;
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int d : testMs) {
            for (double v : t.speeds()[t.indexOf(d)]) {
                sum += v;
                count++;
                min = Math.min(min, v);
            }
        }
        double[] rates = Arrays.stream(t.pairSeparationRates()).filter(Double::isFinite).toArray();
        double mean = Arrays.stream(rates).average().orElse(Double.NaN);
        double ss = 0;
        for (double r : rates) {
            ss += (r - mean) * (r - mean);
        }
        double[] times = t.speedTimesMs();
        double[] window = times.length == 0 ? new double[] {Double.NaN, Double.NaN}
                : new double[] {times[0], times[times.length - 1]};
        return new MemoryPeriod(count == 0 ? Double.NaN : sum / count, count == 0 ? Double.NaN : min,
                t.meanSpeedByDuration(testMs), mean, rates.length > 1 ? Math.sqrt(ss / (rates.length - 1))
                : Double.NaN, rates.length, window);
    }

    /** The JSON object of {@code rnnmem dynamics}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        Results.putFinite(o, "mean_speed", meanSpeed);
        Results.putFinite(o, "min_speed", minSpeed);
        Results.putFinite(o, "separation_rate", separationRate);
        Results.putFinite(o, "separation_rate_sd", separationRateSd);
        o.put("separation_pairs", pairs);
        ObjectNode s = o.putObject("mean_speed_by_duration");
        speedByDuration.forEach((d, v) -> Results.putFinite(s, Integer.toString(d), v));
        o.putArray("window_ms").add(windowMs[0]).add(windowMs[1]);
        return o;
    }
}
