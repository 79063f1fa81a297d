package org.rnnmemory.analysis.stats;

import org.apache.commons.math3.special.Erf;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test of two independent samples, NaN values
 * dropped.
 *
 * <p>U is the statistic of {@code x}: the number of pairs (x_i, y_j) with x_i &gt; y_j plus half
 * the number of ties, equal to R's {@code wilcox.test} W and scipy's {@code mannwhitneyu}
 * statistic. The p-value is
 * <ul>
 *   <li>{@link Method#EXACT} when both samples have at most {@value #EXACT_MAX_N} values and
 *       there are no ties: {@code min(1, 2 min(P(U <= u), P(U >= u)))} under the exact null
 *       distribution of U, counted by dynamic programming over all
 *       {@code C(n_x + n_y, n_x)} assignments of ranks;</li>
 *   <li>{@link Method#NORMAL} otherwise: normal approximation with the tie-corrected variance
 *       {@code n_x n_y / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1)))} and a continuity
 *       correction of 1/2 (as R with {@code exact = FALSE, correct = TRUE} and scipy with
 *       {@code method='asymptotic'}). NaN when every value is tied.</li>
 * </ul>
 */
public final class MannWhitney {
    /** Largest sample size, per sample, for which the exact distribution is used. */
    public static final int EXACT_MAX_N = 20;

    /** How the p-value was computed. */
    public enum Method {
        /** Exact null distribution of U (no ties, both n &lt;= 20). */
        EXACT("exact"),
        /** Normal approximation with tie correction and continuity correction. */
        NORMAL("normal");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        /** The value written to the {@code mw_method} column. */
        public String label() {
            return label;
        }
    }

    private MannWhitney() {}

    /**
     * Tests x against y.
     *
     * @throws IllegalArgumentException if x or y has no non-NaN value
     */
    public static MannWhitneyResult test(double[] x, double[] y) {
        double[] a = Samples.finite(x, "x");
        double[] b = Samples.finite(y, "y");
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("x and y need at least one non-NaN value each, found "
                    + a.length + " and " + b.length);
        }
        int m = a.length;
        int n = b.length;
        double[] all = new double[m + n];
        System.arraycopy(a, 0, all, 0, m);
        System.arraycopy(b, 0, all, m, n);
        double[] ranks = Samples.averageRanks(all);
        double rankSumX = 0;
        for (int i = 0; i < m; i++) {
            rankSumX += ranks[i];
        }
        double u = rankSumX - m * (m + 1) / 2.0;
        int[] ties = Samples.tieGroupSizes(all);
        boolean hasTies = ties.length < all.length;
        Method method = (m <= EXACT_MAX_N && n <= EXACT_MAX_N && !hasTies) ? Method.EXACT : Method.NORMAL;
        double p = method == Method.EXACT ? exactP((int) u, m, n) : normalP(u, m, n, ties);
        double cles = u / ((double) m * n);
        return new MannWhitneyResult(m, n, u, p, method, cles, 2 * cles - 1);
    }

    /**
     * Number of rank assignments giving each value of U, for sample sizes m and n: element u is
     * the count of ways m of the m + n positions can hold x with U = u. Sums to C(m + n, m).
     */
    static long[] exactCounts(int m, int n) {
        int maxU = m * n;
        long[][] dp = new long[m + 1][maxU + 1];
        dp[0][0] = 1;
        for (int i = 0; i < m + n; i++) {
            // position i (0-based, ascending) goes to x or to y; as x it beats the i - j y's below it
            for (int j = Math.min(i, m - 1); j >= 0; j--) {
                int ysBelow = i - j;
                if (ysBelow > n) {
                    continue;
                }
                for (int s = maxU - ysBelow; s >= 0; s--) {
                    if (dp[j][s] != 0) {
                        dp[j + 1][s + ysBelow] += dp[j][s];
                    }
                }
            }
        }
        return dp[m];
    }

    static double exactP(int u, int m, int n) {
        long[] counts = exactCounts(m, n);
        long total = 0;
        long atMost = 0;
        long atLeast = 0;
        for (int s = 0; s < counts.length; s++) {
            total += counts[s];
            if (s <= u) {
                atMost += counts[s];
            }
            if (s >= u) {
                atLeast += counts[s];
            }
        }
        return Math.min(1.0, 2.0 * Math.min(atMost, atLeast) / total);
    }

    static double normalP(double u, int m, int n, int[] tieSizes) {
        int total = m + n;
        double tieTerm = 0;
        for (int t : tieSizes) {
            tieTerm += (double) t * t * t - t;
        }
        double variance = m * (double) n / 12.0 * ((total + 1) - tieTerm / ((double) total * (total - 1)));
        if (!(variance > 0)) {
            return Double.NaN;
        }
        double z = (Math.abs(u - m * (double) n / 2.0) - 0.5) / Math.sqrt(variance);
        return Math.min(1.0, Erf.erfc(z / Math.sqrt(2.0)));
    }
}
