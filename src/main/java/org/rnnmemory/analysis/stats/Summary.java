package org.rnnmemory.analysis.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnmemory.io.DoubleArrays;

/**
 * Descriptive statistics of one sample. Columns: {@code n, mean, sd, median, min, max}.
 *
 * @param n number of non-NaN values used
 * @param mean arithmetic mean (NaN when n = 0)
 * @param sd sample standard deviation with n - 1 in the denominator (NaN when n &lt; 2)
 * @param median middle value, or the mean of the two middle values when n is even
 * @param min smallest value
 * @param max largest value
 */
public record Summary(int n, double mean, double sd, double median, double min, double max)
        implements StatResult {

    /** Summarises the non-NaN values of {@code x}. */
    public static Summary of(double[] x) {
        double[] v = Samples.finite(x, "x");
        int n = v.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Samples.mean(v); // summed in input order, as BootstrapCi.mean does
        Arrays.sort(v);
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN;
        double median = DoubleArrays.medianOfSorted(v);
        return new Summary(n, mean, sd, median, v[0], v[n - 1]);
    }

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("mean", mean);
        m.put("sd", sd);
        m.put("median", median);
        m.put("min", min);
        m.put("max", max);
        return m;
    }
}
