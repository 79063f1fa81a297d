package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Spearman rank correlation. Columns: {@code n, spearman_rho, spearman_p}.
 *
 * @param n number of complete pairs used
 * @param rho Spearman's rho (average ranks for ties)
 * @param p two-sided p-value (t approximation, n - 2 degrees of freedom)
 */
public record SpearmanResult(int n, double rho, double p) implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("spearman_rho", rho);
        m.put("spearman_p", p);
        return m;
    }
}
