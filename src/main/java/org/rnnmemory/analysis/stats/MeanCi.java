package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Percentile bootstrap interval for a mean. Columns:
 * {@code n, mean, mean_ci_low, mean_ci_high, ci_level, ci_resamples, ci_seed}.
 *
 * @param n number of non-NaN values
 * @param mean sample mean
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param level confidence level, e.g. 0.95
 * @param resamples number of bootstrap resamples
 * @param seed seed of the resampling generator
 */
public record MeanCi(int n, double mean, double low, double high, double level, int resamples, long seed)
        implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("mean", mean);
        m.put("mean_ci_low", low);
        m.put("mean_ci_high", high);
        m.put("ci_level", level);
        m.put("ci_resamples", resamples);
        m.put("ci_seed", seed);
        return m;
    }
}
