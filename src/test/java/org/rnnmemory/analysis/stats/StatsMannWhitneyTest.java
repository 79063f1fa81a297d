package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.rnnmemory.analysis.stats.MannWhitney.Method;

class StatsMannWhitneyTest {
    private static final double NA = Double.NaN;

    /**
     * Ages at diagnosis, from R. Shier, "Statistics: 2.3 The Mann-Whitney U Test", Mathematics
     * Learning Support Centre (2004), as used in scipy's {@code mannwhitneyu} documentation:
     * U_males = 17; scipy: exact two-sided p = 0.1111111111111111, normal approximation
     * (continuity-corrected) p = 0.11134688653314041. The exact p is re-derived here by
     * enumerating all C(9, 5) = 126 ways to split the nine ages into groups of 5 and 4.
     */
    @Test
    void exactPMatchesFullEnumerationAndPublishedValue() {
        double[] males = {19, 22, 16, 29, 24};
        double[] females = {20, 11, 17, 12};
        MannWhitneyResult r = MannWhitney.test(males, females);
        assertEquals(Method.EXACT, r.method());
        assertEquals(17.0, r.u(), 0.0);
        assertEquals(uByDefinition(males, females), r.u(), 0.0);
        assertEquals(enumeratedTwoSidedP(males, females), r.p(), 1e-15);
        assertEquals(0.1111111111111111, r.p(), 1e-15);
        assertEquals(0.11134688653314041, MannWhitney.normalP(17, 5, 4, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}), 1e-12);
    }

    /**
     * Hollander and Wolfe (1973), p. 69f, from R's {@code ?wilcox.test}:
     * {@code wilcox.test(x, y, alternative = "g")} gives W = 35, exact p-value = 0.1272 (one-sided);
     * the null distribution is symmetric, so the two-sided p is twice that.
     */
    @Test
    void matchesRsWilcoxTestExample() {
        double[] x = {0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46};
        double[] y = {1.15, 0.88, 0.90, 0.74, 1.21};
        MannWhitneyResult r = MannWhitney.test(x, y);
        assertEquals(Method.EXACT, r.method());
        assertEquals(35.0, r.u(), 0.0);
        assertEquals(2 * 0.1272, r.p(), 2 * 5e-5);
        assertEquals(enumeratedTwoSidedP(x, y), r.p(), 1e-15);
    }

    /**
     * R's {@code ?wilcox.test}: {@code wilcox.test(Ozone ~ Month, data = airquality,
     * subset = Month %in% c(5, 8))} gives W = 127.5, p-value = 0.0001208 ("with continuity
     * correction"; ties, and NA values dropped: 26 values per month remain). Ozone values of
     * R's {@code datasets::airquality} for May and August, NA as NaN.
     */
    @Test
    void tiesAndNanUseTheCorrectedNormalApproximation() {
        double[] may = {41, 36, 12, 18, NA, 28, 23, 19, 8, NA, 7, 16, 11, 14, 18, 14, 34, 6, 30, 11, 1, 11, 4,
            32, NA, NA, NA, 23, 45, 115, 37};
        double[] august = {39, 9, 16, 78, 35, 66, 122, 89, 110, NA, NA, 44, 28, 65, NA, 22, 59, 23, 31, 44, 21,
            9, NA, 45, 168, 73, NA, 76, 118, 84, 85};
        MannWhitneyResult r = MannWhitney.test(may, august);
        assertEquals(26, r.nX());
        assertEquals(26, r.nY());
        assertEquals(Method.NORMAL, r.method());
        assertEquals(127.5, r.u(), 0.0);
        assertEquals(0.0001208, r.p(), 5e-8);
        assertEquals(127.5 / (26 * 26), r.cles(), 1e-15);
        assertEquals(2 * 127.5 / (26 * 26) - 1, r.rankBiserialR(), 1e-15);
    }

    /** The dynamic-programming distribution equals brute-force enumeration for every size up to 7 x 7. */
    @Test
    void exactDistributionEqualsEnumeration() {
        for (int m = 1; m <= 7; m++) {
            for (int n = 1; n <= 7; n++) {
                assertArrayEquals(enumeratedCounts(m, n), MannWhitney.exactCounts(m, n), m + " x " + n);
            }
        }
        long total = 0;
        for (long c : MannWhitney.exactCounts(20, 20)) {
            total += c;
        }
        assertEquals(137_846_528_820L, total, "C(40, 20)");
    }

    @Test
    void exactOnlyWithoutTiesAndUpToTwentyPerSample() {
        double[] a20 = new double[20];
        double[] b20 = new double[20];
        double[] b21 = new double[21];
        for (int i = 0; i < 21; i++) {
            if (i < 20) {
                a20[i] = 2 * i;
                b20[i] = 2 * i + 1;
            }
            b21[i] = 2 * i + 1;
        }
        assertEquals(Method.EXACT, MannWhitney.test(a20, b20).method());
        assertEquals(Method.NORMAL, MannWhitney.test(a20, b21).method());
        assertEquals(Method.NORMAL, MannWhitney.test(new double[] {1, 2, 3}, new double[] {3, 4, 5}).method());
    }

    @Test
    void completeSeparationGivesEffectSizeOne() {
        MannWhitneyResult r = MannWhitney.test(new double[] {4.4, 5.5, 6.6, 7.7}, new double[] {1.1, 2.2, 3.3});
        assertEquals(12.0, r.u(), 0.0);
        assertEquals(2.0 / 35.0, r.p(), 1e-15); // two of C(7, 3) = 35 splits are as extreme
        assertEquals(1.0, r.cles(), 0.0);
        assertEquals(1.0, r.rankBiserialR(), 0.0);
        MannWhitneyResult swapped = MannWhitney.test(new double[] {1.1, 2.2, 3.3}, new double[] {4.4, 5.5, 6.6, 7.7});
        assertEquals(0.0, swapped.u(), 0.0);
        assertEquals(-1.0, swapped.rankBiserialR(), 0.0);
        assertEquals(r.p(), swapped.p(), 0.0);
    }

    @Test
    void allValuesTiedGivesNanP() {
        MannWhitneyResult r = MannWhitney.test(new double[] {2, 2, 2}, new double[] {2, 2});
        assertEquals(3.0, r.u(), 0.0);
        assertEquals(Double.NaN, r.p());
    }

    @Test
    void emptySampleIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MannWhitney.test(new double[] {1, 2}, new double[] {NA}));
        assertEquals("x and y need at least one non-NaN value each, found 2 and 0", e.getMessage());
    }

    private static double uByDefinition(double[] x, double[] y) {
        double u = 0;
        for (double a : x) {
            for (double b : y) {
                u += a > b ? 1 : a == b ? 0.5 : 0;
            }
        }
        return u;
    }

    /** Two-sided p by trying every split of the pooled values into groups of the original sizes. */
    private static double enumeratedTwoSidedP(double[] x, double[] y) {
        double[] pooled = new double[x.length + y.length];
        System.arraycopy(x, 0, pooled, 0, x.length);
        System.arraycopy(y, 0, pooled, x.length, y.length);
        double observed = uByDefinition(x, y);
        int atMost = 0;
        int atLeast = 0;
        int total = 0;
        for (int mask = 0; mask < (1 << pooled.length); mask++) {
            if (Integer.bitCount(mask) != x.length) {
                continue;
            }
            double[] gx = new double[x.length];
            double[] gy = new double[y.length];
            int ix = 0;
            int iy = 0;
            for (int i = 0; i < pooled.length; i++) {
                if ((mask & (1 << i)) != 0) {
                    gx[ix++] = pooled[i];
                } else {
                    gy[iy++] = pooled[i];
                }
            }
            double u = uByDefinition(gx, gy);
            total++;
            atMost += u <= observed ? 1 : 0;
            atLeast += u >= observed ? 1 : 0;
        }
        return Math.min(1.0, 2.0 * Math.min(atMost, atLeast) / total);
    }

    private static long[] enumeratedCounts(int m, int n) {
        long[] counts = new long[m * n + 1];
        for (int mask = 0; mask < (1 << (m + n)); mask++) {
            if (Integer.bitCount(mask) != m) {
                continue;
            }
            int u = 0;
            int ysBelow = 0;
            for (int i = 0; i < m + n; i++) {
                if ((mask & (1 << i)) != 0) {
                    u += ysBelow;
                } else {
                    ysBelow++;
                }
            }
            counts[u]++;
        }
        return counts;
    }
}
