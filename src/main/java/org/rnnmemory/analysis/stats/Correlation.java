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

    /**
     * Spearman's rho (Pearson's r of the average ranks, so ties get mid-ranks) and the two-sided
     * p-value from the t approximation with n - 2 degrees of freedom, as scipy's
     * {@code spearmanr} computes it. This is not R's exact permutation p-value.
     */
    public static SpearmanResult spearman(double[] x, double[] y) {
        double[][] p = Samples.pairs(x, y);
        int n = p[0].length;
        double rho = r(Samples.averageRanks(p[0]), Samples.averageRanks(p[1]));
        return new SpearmanResult(n, rho, pValue(rho, n));
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
