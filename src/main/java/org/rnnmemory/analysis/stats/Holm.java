package org.rnnmemory.analysis.stats;

import java.util.Arrays;
import java.util.Objects;

/** Holm-Bonferroni step-down adjustment of p-values (Holm 1979; R's {@code p.adjust(p, "holm")}). */
public final class Holm {
    /** Column name for adjusted p-values. */
    public static final String COLUMN = "holm_p";

    private Holm() {}

    /**
     * Adjusted p-values in the input order. With the m non-NaN p-values sorted ascending,
     * {@code adj(i) = max over j <= i of min(1, (m - j + 1) p(j))} (1-based), which makes the
     * adjusted values monotone in the raw ones and at most 1. NaN entries stay NaN and do not
     * count towards m.
     *
     * @throws IllegalArgumentException if a p-value is outside [0, 1]
     */
    public static double[] adjust(double[] p) {
        Objects.requireNonNull(p, "p must not be null");
        Integer[] order = validIndices(p);
        int m = order.length;
        Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int j = 0; j < m; j++) {
            double candidate = Math.min(1.0, (m - j) * p[order[j]]);
            running = Math.max(running, candidate);
            adjusted[order[j]] = running;
        }
        return adjusted;
    }

    private static Integer[] validIndices(double[] p) {
        int count = 0;
        Integer[] idx = new Integer[p.length];
        for (int i = 0; i < p.length; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            if (p[i] < 0 || p[i] > 1) {
                throw new IllegalArgumentException("p[" + i + "] must be in [0, 1], found " + p[i]);
            }
            idx[count++] = i;
        }
        return Arrays.copyOf(idx, count);
    }
}
