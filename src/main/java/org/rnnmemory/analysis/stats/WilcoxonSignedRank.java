package org.rnnmemory.analysis.stats;

import org.apache.commons.math3.special.Erf;

/**
 * Two-sided Wilcoxon signed-rank test of paired samples (Wilcoxon 1945; Hollander and Wolfe,
 * "Nonparametric Statistical Methods", 1973, ch. 3), as R's
 * {@code wilcox.test(x, y, paired = TRUE)}.
 *
 * <p>Pairs with a NaN are dropped; so are pairs whose difference {@code d = x - y} is zero
 * (Wilcoxon's convention, R's default; with none left there is no test, {@link Method#NONE}). The absolute differences are ranked, ties given their
 * average rank, and V is the sum of the ranks of the positive differences. With n non-zero
 * differences the p-value is
 * <ul>
 *   <li>{@link Method#EXACT} when n &lt;= {@value #EXACT_MAX_N} and there were neither zero
 *       differences nor ties among |d|: {@code min(1, 2 min(P(V <= v), P(V >= v)))} under the exact
 *       null distribution of V, counted over all 2^n sign assignments by dynamic programming;</li>
 *   <li>{@link Method#NORMAL} otherwise: with mean {@code n (n + 1) / 4}, tie-corrected variance
 *       {@code n (n + 1) (2n + 1) / 24 - sum(t^3 - t) / 48} and a continuity correction of 1/2
 *       towards the mean, {@code z = (v - mean - sign(v - mean) / 2) / sd}, {@code p = 2 P(Z > |z|)}
 *       (R with {@code exact = FALSE, correct = TRUE}; scipy's {@code wilcoxon} with
 *       {@code method='approx', correction=True}).</li>
 * </ul>
 */
public final class WilcoxonSignedRank {
    /** Largest number of non-zero differences for which the exact distribution is used. */
    public static final int EXACT_MAX_N = 20;

    /** How the p-value was computed. */
    public enum Method {
        /** Exact null distribution of V (no zero differences, no ties, n &lt;= 20). */
        EXACT("exact"),
        /** Normal approximation with tie correction and continuity correction. */
        NORMAL("normal"),
        /** No test: no pair with a non-zero difference (V and p are NaN). */
        NONE("none");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The value written to the {@code wsr_method} column. */
        public String label() {
            return label;
        }
    }

    private WilcoxonSignedRank() {}

    /**
     * Tests whether the differences x - y are symmetric about zero.
     *
     * @throws IllegalArgumentException if x or y is null or their lengths differ
     */
    public static WilcoxonResult test(double[] x, double[] y) {
        double[][] p = Samples.pairs(x, y);
        int pairs = p[0].length;
        double[] all = new double[pairs];
        int n = 0;
        for (int i = 0; i < pairs; i++) {
            double d = p[0][i] - p[1][i];
            all[i] = d;
            if (d != 0) {
                n++;
            }
        }
        double[] d = new double[n];
        for (int i = 0, k = 0; i < pairs; i++) {
            if (all[i] != 0) {
                d[k++] = all[i];
            }
        }
        double median = pairs == 0 ? Double.NaN : Summary.of(all).median();
        if (n == 0) {
            return new WilcoxonResult(pairs, 0, Double.NaN, Double.NaN, Method.NONE, median, Double.NaN);
        }
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(d[i]);
        }
        double[] ranks = Samples.averageRanks(abs);
        double v = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                v += ranks[i];
            }
        }
        int[] ties = Samples.tieGroupSizes(abs);
        boolean exact = n <= EXACT_MAX_N && n == pairs && ties.length == n;
        double pValue = exact ? exactP((int) v, n) : normalP(v, n, ties);
        double rankBiserial = 2 * v / (n * (n + 1) / 2.0) - 1;
        return new WilcoxonResult(pairs, n, v, pValue, exact ? Method.EXACT : Method.NORMAL, median, rankBiserial);
    }

    /** Number of sign assignments giving each value of V for ranks 1..n; sums to 2^n. */
    static long[] exactCounts(int n) {
        int max = n * (n + 1) / 2;
        long[] counts = new long[max + 1];
        counts[0] = 1;
        for (int rank = 1; rank <= n; rank++) {
            for (int s = max; s >= rank; s--) {
                counts[s] += counts[s - rank];
            }
        }
        return counts;
    }

    static double exactP(int v, int n) {
        long[] counts = exactCounts(n);
        long total = 0;
        long atMost = 0;
        long atLeast = 0;
        for (int s = 0; s < counts.length; s++) {
            total += counts[s];
            if (s <= v) {
                atMost += counts[s];
            }
            if (s >= v) {
                atLeast += counts[s];
            }
        }
        return Math.min(1.0, 2.0 * Math.min(atMost, atLeast) / total);
    }

    static double normalP(double v, int n, int[] tieSizes) {
        double tieTerm = 0;
        for (int t : tieSizes) {
            tieTerm += (double) t * t * t - t;
        }
        double variance = n * (n + 1.0) * (2.0 * n + 1.0) / 24.0 - tieTerm / 48.0;
        if (!(variance > 0)) {
            return Double.NaN;
        }
        double centred = v - n * (n + 1.0) / 4.0;
        double z = (centred - 0.5 * Math.signum(centred)) / Math.sqrt(variance);
        return Math.min(1.0, Erf.erfc(Math.abs(z) / Math.sqrt(2.0)));
    }
}
