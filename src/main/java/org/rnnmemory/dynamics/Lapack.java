package org.rnnmemory.dynamics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;

/**
 * LAPACK {@code dgeev} (eigenvalues only) through the JavaCPP OpenBLAS binding
 * ({@code org.bytedeco.openblas}) that ND4J's CPU backend brings along. It is looked up by
 * reflection, so the code compiles and runs with another ND4J backend too; {@link #AVAILABLE} is then
 * false and callers use EJML.
 *
 * <p>{@link #AVAILABLE} is also false when the OpenBLAS kernel in use computes {@code dtrmm} wrongly,
 * which {@code dgeev}'s blocked Hessenberg reduction and its multishift QR sweeps call: under the
 * SkylakeX (AVX-512) kernels of the bundled OpenBLAS 0.3.19, which {@code io.BlasKernel} selects on
 * AVX-512 CPUs for their twice faster GEMM, a 20 x 20 unit lower triangle times a 20 x 6 block is off by
 * up to 4.1 (4e-16 under Haswell), and {@code dgeev} of System A's J(0) (N = 500) puts its largest real
 * part at 11.95 instead of 0.49, although the eigenvalues' sum and sum of squares still match trace(J)
 * and trace(J^2). The probe multiplies a few triangles of sizes that take the blocked paths and
 * compares with plain Java. Every result is also checked against those two trace invariants, and one
 * that fails them is recomputed by EJML.
 */
final class Lapack {
    private static final String BINDING = "org.bytedeco.openblas.global.openblas";
    /** LAPACK_COL_MAJOR of LAPACKE. */
    private static final int COL_MAJOR = 102;
    /** CBLAS enum values: column major, left/right, upper/lower, no/transpose, unit/non-unit diagonal. */
    private static final int CBLAS_COL_MAJOR = 102;
    private static final int[] SIDES = {141, 142};
    private static final int[] UPLOS = {121, 122};
    private static final int[] TRANS = {111, 112};
    private static final int[] DIAGS = {131, 132};
    /**
     * Relative tolerance of the invariants: |sum(lambda) - tr A| <= TOL n ||A||_F and
     * |sum(lambda^2) - tr A^2| <= TOL n ||A||_F^2; backward-stable results sit near 1e-16 of those scales.
     */
    private static final double TOL = 1e-9;
    private static final Method DGEEV = lookup();
    private static final Method DTRMM = lookupTrmm();
    /**
     * Whether the binding loads in this JVM, multiplies triangular matrices correctly under the
     * kernel in use, and solves a 2 x 2 rotation correctly.
     */
    static final boolean AVAILABLE = probe();

    private Lapack() {}

    private static Method lookup() {
        try {
            return Class.forName(BINDING).getMethod("LAPACKE_dgeev", int.class, byte.class, byte.class, int.class,
                    double[].class, int.class, double[].class, double[].class, double[].class, int.class,
                    double[].class, int.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static Method lookupTrmm() {
        try {
            return Class.forName(BINDING).getMethod("cblas_dtrmm", int.class, int.class, int.class, int.class,
                    int.class, int.class, int.class, double.class, double[].class, int.class, double[].class,
                    int.class);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static boolean probe() {
        if (DGEEV == null || DTRMM == null) {
            return false;
        }
        try {
            if (!trmmCorrect()) {
                return false;
            }
            double[][] ev = eigenvalues(new DMatrixRMaj(new double[][] {{0, -1}, {1, 0}}));
            return ev != null && Math.abs(ev[0][0]) < 1e-12 && Math.abs(Math.abs(ev[1][0]) - 1) < 1e-12;
        } catch (LinkageError | RuntimeException | ReflectiveOperationException e) {
            return false;
        }
    }

    /**
     * Whether {@code dtrmm} agrees with plain Java, within 1e-12 relative to the operands' scale, for
     * every side, triangle, transposition and diagonal, at sizes 20 and 100 (1e-14 is typical; the
     * wrong SkylakeX products are off by order 1).
     */
    static boolean trmmCorrect() throws ReflectiveOperationException {
        SplittableRandom random = new SplittableRandom(500L);
        for (int n : new int[] {20, 100}) {
            int m = n;
            int k = n / 3 + 1;
            double[] a = new double[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = random.nextDouble(-1, 1);
            }
            for (int side : SIDES) {
                boolean left = side == SIDES[0];
                int rows = left ? m : k;
                int cols = left ? k : m;
                double[] b = new double[rows * cols];
                for (int i = 0; i < b.length; i++) {
                    b[i] = random.nextDouble(-1, 1);
                }
                for (int uplo : UPLOS) {
                    for (int trans : TRANS) {
                        for (int diag : DIAGS) {
                            double[] got = b.clone();
                            DTRMM.invoke(null, CBLAS_COL_MAJOR, side, uplo, trans, diag, rows, cols, 1.0, a, n,
                                    got, rows);
                            double[] want = trmm(left, uplo == UPLOS[0], trans == TRANS[1], diag == DIAGS[0], a, n,
                                    b, rows, cols);
                            for (int i = 0; i < want.length; i++) {
                                if (!(Math.abs(got[i] - want[i]) <= 1e-12 * n)) {
                                    return false;
                                }
                            }
                        }
                    }
                }
            }
        }
        return true;
    }

    /** op(T) B (left) or B op(T) (right), T the n x n triangle of a (column-major), B rows x cols. */
    private static double[] trmm(boolean left, boolean upper, boolean transpose, boolean unit, double[] a, int n,
            double[] b, int rows, int cols) {
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                boolean inside = upper ? i <= j : i >= j;
                double v = i == j && unit ? 1 : inside ? a[i + j * n] : 0;
                if (transpose) {
                    t[j + i * n] = v;
                } else {
                    t[i + j * n] = v;
                }
            }
        }
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                for (int q = 0; q < n; q++) {
                    sum += left ? t[i + q * n] * b[q + j * rows] : b[i + q * rows] * t[q + j * n];
                }
                out[i + j * rows] = sum;
            }
        }
        return out;
    }

    /**
     * Eigenvalues of a square matrix (not modified), as {re, im}, in LAPACK's order, or null when the
     * result fails the trace invariants (the caller then uses EJML). The row-major data
     * is handed over as a column-major matrix, i.e. the transpose, which has the same eigenvalues.
     */
    static double[][] eigenvalues(DMatrixRMaj a) {
        int n = a.numRows;
        double[] copy = a.data.clone();
        double[] re = new double[n];
        double[] im = new double[n];
        double[] unused = new double[1];
        int info;
        try {
            info = (Integer) DGEEV.invoke(null, COL_MAJOR, (byte) 'N', (byte) 'N', n, copy, n, re, im, unused, 1,
                    unused, 1);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("LAPACK dgeev is not accessible", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("LAPACK dgeev failed: " + e.getCause(), e.getCause());
        }
        if (info != 0) {
            throw new IllegalStateException("LAPACK dgeev failed with info = " + info);
        }
        return consistent(a, re, im) ? new double[][] {re, im} : null;
    }

    /** Whether sum(lambda) = tr A and sum(lambda^2) = tr(A^2) within {@link #TOL}. */
    static boolean consistent(DMatrixRMaj a, double[] re, double[] im) {
        int n = a.numRows;
        double trace = 0;
        double trace2 = 0;
        double fro2 = 0;
        for (int i = 0; i < n; i++) {
            trace += a.unsafe_get(i, i);
            for (int k = 0; k < n; k++) {
                double v = a.unsafe_get(i, k);
                trace2 += v * a.unsafe_get(k, i);
                fro2 += v * v;
            }
        }
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(re[i]) || !Double.isFinite(im[i])) {
                return false;
            }
            sum += re[i];
            sum2 += re[i] * re[i] - im[i] * im[i];
        }
        double scale = Math.max(fro2, Double.MIN_NORMAL);
        return Math.abs(sum - trace) <= TOL * n * Math.sqrt(scale) && Math.abs(sum2 - trace2) <= TOL * n * scale;
    }
}
