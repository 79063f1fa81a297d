package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mann-Whitney U test result. Columns:
 * {@code n_x, n_y, mw_u, mw_p, mw_method, cles, rank_biserial_r}.
 *
 * @param nX number of non-NaN values in x
 * @param nY number of non-NaN values in y
 * @param u U statistic of x (pairs with x &gt; y, ties counted one half)
 * @param p two-sided p-value
 * @param method how p was computed ({@code exact} or {@code normal})
 * @param cles common-language effect size U / (n_x n_y): the probability that a random x exceeds
 *     a random y, ties counted one half
 * @param rankBiserialR rank-biserial correlation 2 cles - 1, in [-1, 1]; positive when x tends
 *     to be larger
 */
public record MannWhitneyResult(int nX, int nY, double u, double p, MannWhitney.Method method,
                                double cles, double rankBiserialR) implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_x", nX);
        m.put("n_y", nY);
        m.put("mw_u", u);
        m.put("mw_p", p);
        m.put("mw_method", method.label());
        m.put("cles", cles);
        m.put("rank_biserial_r", rankBiserialR);
        return m;
    }
}
