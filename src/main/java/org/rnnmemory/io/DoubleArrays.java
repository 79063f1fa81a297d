package org.rnnmemory.io;

/**
 * Small numeric helpers on {@code double[]} shared by training, evaluation and analysis, each with one
 * fixed order of operations so that every caller gets bit-identical results.
 */
public final class DoubleArrays {
    private DoubleArrays() {}

    /** Whether every value is finite (no NaN, no infinity); true for an empty array. */
    public static boolean allFinite(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    /** Whether every value of every row is finite. */
    public static boolean allFinite(double[][] v) {
        for (double[] row : v) {
            if (!allFinite(row)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The median of values sorted ascending: the middle one, or the mean of the two middle ones; NaN
     * for none.
     */
    public static double medianOfSorted(double[] sorted) {
        int n = sorted.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /**
     * Sum of {@code a[off + j] * b[j]} over {@code j < n}, in four interleaved partial sums added as
     * {@code (s0 + s1) + (s2 + s3)} (the remainder goes to s0).
     */
    public static double dot(double[] a, int off, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[off + j] * b[j];
            s1 += a[off + j + 1] * b[j + 1];
            s2 += a[off + j + 2] * b[j + 2];
            s3 += a[off + j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[off + j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
