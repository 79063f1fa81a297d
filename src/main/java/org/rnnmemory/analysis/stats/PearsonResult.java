package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Pearson correlation. Columns: {@code n, pearson_r, pearson_p}.
 *
 * @param n number of complete pairs used
 * @param r Pearson's r
 * @param p two-sided p-value (t test, n - 2 degrees of freedom)
 */
public record PearsonResult(int n, double r, double p) implements StatResult {

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("pearson_r", r);
        m.put("pearson_p", p);
        return m;
    }
}
