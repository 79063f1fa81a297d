package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wilcoxon signed-rank test result. Columns:
 * {@code n_pairs, wsr_n, wsr_v, wsr_p, wsr_method, median_diff, wsr_rank_biserial_r}.
 *
 * @param pairs number of pairs without a NaN
 * @param n number of those pairs with a non-zero difference (the n of the test)
 * @param v V, the sum of the ranks of |x - y| over the pairs with x &gt; y (R's {@code V})
 * @param p two-sided p-value (NaN when n = 0)
 * @param method how p was computed ({@code exact}, {@code normal}, or {@code none} when n = 0)
 * @param medianDiff median of x - y over all complete pairs, zeros included
 * @param rankBiserialR matched-pairs rank-biserial correlation {@code 2 V / (n (n + 1) / 2) - 1}
 *     (Kerby 2014), in [-1, 1]; positive when x tends to exceed y
 */
public record WilcoxonResult(int pairs, int n, double v, double p, WilcoxonSignedRank.Method method,
                             double medianDiff, double rankBiserialR) implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_pairs", pairs);
        m.put("wsr_n", n);
        m.put("wsr_v", v);
        m.put("wsr_p", p);
        m.put("wsr_method", method.label());
        m.put("median_diff", medianDiff);
        m.put("wsr_rank_biserial_r", rankBiserialR);
        return m;
    }
}
