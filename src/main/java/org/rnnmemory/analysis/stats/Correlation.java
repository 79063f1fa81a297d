package org.rnnmemory.analysis.stats;

import org.apache.commons.math3.special.Beta;

/**
 * Pearson and Spearman correlation with two-sided p-values. Pairs containing a NaN are dropped
 * and the number of pairs used is reported.
 */
public final class Correlation {
    private Correlation() {}

    /**
     * Pearson's r and the two-sided p-value of the t test with n - 2 degrees of freedom,
     * {@code t = r sqrt((n - 2) / (1 - r^2))} (as R's {@code cor.test} and scipy's
     * {@code pearsonr}). r is NaN when n &lt; 2 or either variable is constant; p is NaN when
     * n &lt; 3.
     */
    public static PearsonResult pearson(double[] x, double[] y) {
        double[][] p = Samples.pairs(x, y);
        int n = p[0].length;
        double r = r(p[0], p[1]);
        return new PearsonResult(n, r, pValue(r, n));
    }

    /** Largest n whose Spearman p-value is computed exactly, over all n! rank permutations. */
    static final int EXACT_SPEARMAN_MAX_N = 10;

    /**
     * Spearman's rho (Pearson's r of the average ranks, so ties get mid-ranks) and its two-sided
     * p-value. Without ties and for n &lt;= {@value #EXACT_SPEARMAN_MAX_N} the p-value is exact: the
     * share of the n! rank permutations whose rho is at least as far from 0 (as R's
     * {@code cor.test(method = "spearman")} computes it for small n; for n = 4 the smallest possible p
     * is 2/24). Otherwise it comes from the t approximation with n - 2 degrees of freedom, as scipy's
     * {@code spearmanr} computes it; that approximation gives p = 0 for |rho| = 1 at any n, which is
     * why small samples get the exact value.
     */
    public static SpearmanResult spearman(double[] x, double[] y) {
        double[][] p = Samples.pairs(x, y);
        int n = p[0].length;
        double[] rx = Samples.averageRanks(p[0]);
        double[] ry = Samples.averageRanks(p[1]);
        double rho = r(rx, ry);
        if (n >= 3 && n <= EXACT_SPEARMAN_MAX_N && !Double.isNaN(rho) && !hasTies(rx) && !hasTies(ry)) {
            return new SpearmanResult(n, rho, exactSpearmanP(rx, ry));
        }
        return new SpearmanResult(n, rho, pValue(rho, n));
    }

    private static boolean hasTies(double[] ranks) {
        double[] sorted = ranks.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Two-sided exact p of Spearman's rho for untied ranks: with S = sum of squared rank differences
     * (rho = 1 - 6 S / (n (n^2 - 1))), the share of permutations whose |S - E[S]| is at least the
     * observed one, E[S] = n (n^2 - 1) / 6. Enumerates the permutations (Heap's algorithm).
     */
    static double exactSpearmanP(double[] rx, double[] ry) {
        int n = rx.length;
        int[] target = new int[n];
        for (int i = 0; i < n; i++) {
            target[(int) rx[i] - 1] = (int) ry[i];
        }
        long twiceMean = (long) n * (n * n - 1) / 3;
        long observed = Math.abs(2 * squaredDiff(target) - twiceMean);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i + 1;
        }
        long hits = 0;
        long total = 0;
        int[] c = new int[n];
        int i = 0;
        while (true) {
            total++;
            if (Math.abs(2 * squaredDiff(perm) - twiceMean) >= observed) {
                hits++;
            }
            while (i < n && c[i] >= i) {
                c[i] = 0;
                i++;
            }
            if (i >= n) {
                break;
            }
            int j = i % 2 == 0 ? 0 : c[i];
            int t = perm[j];
            perm[j] = perm[i];
            perm[i] = t;
            c[i]++;
            i = 0;
        }
        return (double) hits / total;
    }

    /** Sum over positions k of (k + 1 - ranks[k])^2. */
    private static long squaredDiff(int[] ranks) {
        long s = 0;
        for (int k = 0; k < ranks.length; k++) {
            long d = k + 1 - ranks[k];
            s += d * d;
        }
        return s;
    }

    /** Pearson's r of complete (NaN-free) paired data; NaN when n &lt; 2 or a variable is constant. */
    static double r(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = Samples.mean(x);
        double my = Samples.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
    }

    /**
     * Two-sided p of a correlation coefficient under the t test with {@code n - 2} degrees of
     * freedom. Uses {@code P(|T| >= |t|) = I_{1 - r^2}(df / 2, 1 / 2)} (regularized incomplete
     * beta), which equals {@code 2 * (1 - F_t(|t|))} without forming t.
     */
    static double pValue(double r, int n) {
        if (n < 3 || Double.isNaN(r)) {
            return Double.NaN;
        }
        double oneMinusR2 = (1 - r) * (1 + r);
        if (oneMinusR2 <= 0) {
            return 0.0;
        }
        return Math.min(1.0, Beta.regularizedBeta(oneMinusR2, (n - 2) / 2.0, 0.5));
    }
}
