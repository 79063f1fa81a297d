package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Paired percentile bootstrap interval for Pearson's r. Columns:
 * {@code n, pearson_r, r_ci_low, r_ci_high, ci_level, ci_resamples, ci_valid_resamples, ci_seed}.
 *
 * @param n number of complete pairs
 * @param r Pearson's r of the data
 * @param low lower end of the interval
 * @param high upper end of the interval
 * @param level confidence level, e.g. 0.95
 * @param resamples number of bootstrap resamples drawn
 * @param validResamples resamples in which r was defined (the others are skipped)
 * @param seed seed of the resampling generator
 */
public record PearsonCi(int n, double r, double low, double high, double level, int resamples,
                        int validResamples, long seed) implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("pearson_r", r);
        m.put("r_ci_low", low);
        m.put("r_ci_high", high);
        m.put("ci_level", level);
        m.put("ci_resamples", resamples);
        m.put("ci_valid_resamples", validResamples);
        m.put("ci_seed", seed);
        return m;
    }
}
