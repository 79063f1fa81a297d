package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsCorrelationTest {

    /**
     * r is 0.816 for every set to within 0.001 (Anscombe 1973 prints .82; 0.816 is the usual
     * three-digit figure, set 4 being 0.8165). R's {@code cor} on {@code datasets::anscombe}
     * prints 0.8164205, 0.8162365, 0.8162867, 0.8165214. Two-sided p-values: R's
     * {@code example(anscombe)}, {@code anova(lm(y_i ~ x_i))} column Pr(&gt;F), printed as
     * 0.00217, 0.002179, 0.002176, 0.002165 (the regression F test with 1 and 9 df is the t test
     * of r with 9 df). Tolerances: half a unit in the last printed digit.
     */
    @Test
    void pearsonReproducesAnscombesQuartet() {
        double[] rByR = {0.8164205, 0.8162365, 0.8162867, 0.8165214};
        double[] pByR = {0.00217, 0.002179, 0.002176, 0.002165};
        double[] pTolerance = {5e-6, 5e-7, 5e-7, 5e-7};
        for (int set = 0; set < 4; set++) {
            PearsonResult res = Correlation.pearson(Anscombe.X[set], Anscombe.Y[set]);
            String label = "set " + (set + 1);
            assertEquals(11, res.n());
            assertEquals(0.816, res.r(), 1e-3, label);
            assertEquals(rByR[set], res.r(), 5e-8, label);
            assertEquals(pByR[set], res.p(), pTolerance[set], label);
        }
    }

    /**
     * Hollander and Wolfe (1973) tuna data from R's {@code ?cor.test}: Pearson
     * {@code t = 1.8411, df = 7, p-value = 0.1082}; Spearman {@code S = 48, rho = 0.6}.
     */
    @Test
    void pearsonAndSpearmanMatchRsCorTestExample() {
        double[] x = {44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1};
        double[] y = {2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8};
        PearsonResult p = Correlation.pearson(x, y);
        double t = p.r() * Math.sqrt(7 / (1 - p.r() * p.r()));
        assertEquals(1.8411, t, 5e-5);
        assertEquals(0.1082, p.p(), 5e-5);
        assertEquals(0.6, Correlation.spearman(x, y).rho(), 1e-12);
    }

    /**
     * scipy's documented example {@code spearmanr([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])}:
     * statistic 0.8207826816681233, pvalue 0.08858700531354381. By hand: y ranks are
     * 1, 2, 3.5, 5, 3.5 (the two 7s share ranks 3 and 4), so rho = 8 / sqrt(10 * 9.5) = 8 / sqrt(95).
     */
    @Test
    void spearmanUsesAverageRanksForTies() {
        SpearmanResult s = Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7});
        assertEquals(5, s.n());
        assertEquals(8 / Math.sqrt(95), s.rho(), 1e-15);
        assertEquals(0.8207826816681233, s.rho(), 1e-14);
        assertEquals(0.08858700531354381, s.p(), 1e-12);
    }

    /**
     * Exact permutation p-values for small samples without ties. With n = 4 (or 5) and a perfect
     * rank agreement only the identity and the reversal are as extreme: p = 2/24 (2/120), which is
     * what R's {@code cor.test(1:4, 1:4, method = "spearman")} reports (0.08333); the t
     * approximation would say 0.
     */
    @Test
    void smallSamplesWithoutTiesGetTheExactPermutationP() {
        assertEquals(2.0 / 24, Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 40}).p(), 1e-15);
        assertEquals(2.0 / 24, Correlation.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}).p(), 1e-15);
        assertEquals(2.0 / 120, Correlation.spearman(new double[] {5, 1, 4, 2, 3}, new double[] {50, 10, 40, 20, 30}).p(),
                1e-15);
        // n = 7: compare with a separate enumeration that recomputes rho as Pearson's r of the ranks
        double[] x = {3.1, 0.4, 2.2, 5.9, 4.4, 1.7, 6.3};
        double[] y = {2.0, 1.1, 0.3, 4.8, 6.6, 3.9, 5.2};
        SpearmanResult s = Correlation.spearman(x, y);
        double[] ry = Samples.averageRanks(y);
        double[] rx = Samples.averageRanks(x);
        int[] count = new int[2];
        permute(new double[7], new boolean[7], 0, ry, rx, Math.abs(s.rho()), count);
        assertEquals(5040, count[1]);
        assertEquals((double) count[0] / count[1], s.p(), 1e-15);
        assertTrue(s.p() > 0 && s.p() < 1);
    }

    private static void permute(double[] perm, boolean[] used, int k, double[] values, double[] rx, double rho, int[] count) {
        if (k == perm.length) {
            count[1]++;
            if (Math.abs(Correlation.r(rx, perm)) >= rho - 1e-12) {
                count[0]++;
            }
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (!used[i]) {
                used[i] = true;
                perm[k] = values[i];
                permute(perm, used, k + 1, values, rx, rho, count);
                used[i] = false;
            }
        }
    }

    @Test
    void pairsWithNanAreDroppedAndCounted() {
        double[] x = {1, 2, Double.NaN, 4, 5, 6};
        double[] y = {2, 1, 3, 5, Double.NaN, 7};
        PearsonResult withNan = Correlation.pearson(x, y);
        PearsonResult clean = Correlation.pearson(new double[] {1, 2, 4, 6}, new double[] {2, 1, 5, 7});
        assertEquals(4, withNan.n());
        assertEquals(clean.r(), withNan.r(), 0.0);
        assertEquals(clean.p(), withNan.p(), 0.0);
        SpearmanResult s = Correlation.spearman(x, y);
        assertEquals(4, s.n());
        assertEquals(Correlation.spearman(new double[] {1, 2, 4, 6}, new double[] {2, 1, 5, 7}).rho(), s.rho(), 0.0);
    }

    @Test
    void undefinedCasesGiveNan() {
        PearsonResult constant = Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {5, 5, 5, 5});
        assertEquals(4, constant.n());
        assertTrue(Double.isNaN(constant.r()) && Double.isNaN(constant.p()));
        PearsonResult two = Correlation.pearson(new double[] {1, 2}, new double[] {3, 5});
        assertEquals(1.0, two.r(), 1e-15);
        assertTrue(Double.isNaN(two.p()), "p needs n >= 3");
        PearsonResult perfect = Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {-2, -4, -6, -8});
        assertEquals(-1.0, perfect.r(), 1e-15);
        assertEquals(0.0, perfect.p(), 0.0);
    }

    @Test
    void unequalLengthsAreRejectedWithBothLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.pearson(new double[3], new double[4]));
        assertEquals("x and y must have the same length, found 3 and 4", e.getMessage());
    }
}
