package org.rnnmemory.chaos;

import org.rnnmemory.io.DoubleArrays;

/**
 * Dense row-major matrix times several vectors, reading the matrix once. For the matrix sizes of
 * this package (N up to a few thousand) the product is limited by memory bandwidth, so sharing
 * one pass over the matrix between the state and its tangent vectors is what makes it fast.
 * Summation order is fixed, so results are reproducible bit for bit.
 */
final class MatVec {
    private MatVec() {}

    /**
     * {@code y[c] = A x[c]} for {@code c < cols}.
     *
     * @param a row-major n x n matrix
     * @param x input vectors, each of length n
     * @param y output vectors, each of length n (overwritten; must not alias x)
     */
    static void multiply(double[] a, int n, double[][] x, double[][] y, int cols) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            int c = 0;
            for (; c + 1 < cols; c += 2) {
                dot2(a, row, n, x[c], x[c + 1], y[c], y[c + 1], i);
            }
            if (c < cols) {
                y[c][i] = DoubleArrays.dot(a, row, x[c], n);
            }
        }
    }

    private static void dot2(double[] a, int row, int n, double[] x0, double[] x1, double[] y0, double[] y1,
                             int i) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            double a0 = a[row + j], a1 = a[row + j + 1], a2 = a[row + j + 2], a3 = a[row + j + 3];
            s0 += a0 * x0[j];
            s1 += a1 * x0[j + 1];
            s2 += a2 * x0[j + 2];
            s3 += a3 * x0[j + 3];
            t0 += a0 * x1[j];
            t1 += a1 * x1[j + 1];
            t2 += a2 * x1[j + 2];
            t3 += a3 * x1[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[row + j] * x0[j];
            t0 += a[row + j] * x1[j];
        }
        y0[i] = (s0 + s1) + (s2 + s3);
        y1[i] = (t0 + t1) + (t2 + t3);
    }
}
