package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link DoubleArrays} against exact or hand-computed values. */
class DoubleArraysTest {

    @Test
    void medianOfOddAndEvenCountsAndOfNone() {
        assertEquals(2.0, DoubleArrays.medianOfSorted(new double[] {1, 2, 7}));
        assertEquals(4.5, DoubleArrays.medianOfSorted(new double[] {1, 2, 7, 9}));
        assertEquals(-3.0, DoubleArrays.medianOfSorted(new double[] {-3}));
        assertTrue(Double.isNaN(DoubleArrays.medianOfSorted(new double[0])));
    }

    @Test
    void finiteMeansNoNanAndNoInfinity() {
        assertTrue(DoubleArrays.allFinite(new double[0]));
        assertTrue(DoubleArrays.allFinite(new double[] {0, -1e308, 1e-320}));
        assertFalse(DoubleArrays.allFinite(new double[] {1, Double.NaN}));
        assertFalse(DoubleArrays.allFinite(new double[] {Double.NEGATIVE_INFINITY}));
        assertTrue(DoubleArrays.allFinite(new double[][] {{1}, {}, {2, 3}}));
        assertFalse(DoubleArrays.allFinite(new double[][] {{1}, {2, Double.POSITIVE_INFINITY}}));
    }

    @Test
    void dotMatchesAnExactSumWithinRounding() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 3, 4, 5, 8, 13, 500}) {
            double[] a = new double[n + 2];
            double[] b = new double[n];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextDouble(-1, 1);
            }
            for (int i = 0; i < n; i++) {
                b[i] = r.nextDouble(-1, 1);
            }
            BigDecimal exact = BigDecimal.ZERO;
            double abs = 0;
            for (int j = 0; j < n; j++) {
                exact = exact.add(new BigDecimal(a[2 + j]).multiply(new BigDecimal(b[j])), MathContext.UNLIMITED);
                abs += Math.abs(a[2 + j] * b[j]);
            }
            // n roundings of at most one ulp each, relative to the sum of |terms|
            assertEquals(exact.doubleValue(), DoubleArrays.dot(a, 2, b, n), (n + 1) * Math.ulp(1.0) * abs, "n = " + n);
        }
        // the order of operations is fixed: four partial sums added pairwise
        double[] a = {1e16, 1, -1e16, 1, 1};
        double[] b = {1, 1, 1, 1, 1};
        assertEquals(((1e16 + 1) + 1) + (1 + -1e16), DoubleArrays.dot(a, 0, b, 5));
    }
}
