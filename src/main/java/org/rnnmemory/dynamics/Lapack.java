package org.rnnmemory.dynamics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.ejml.data.DMatrixRMaj;

/**
 * LAPACK {@code dgeev} (eigenvalues only) through the JavaCPP OpenBLAS binding
 * ({@code org.bytedeco.openblas}) that ND4J's CPU backend brings along. It is looked up by
 * reflection, so the code compiles and runs with another ND4J backend too; {@link #AVAILABLE} is then
 * false and callers use EJML.
 */
final class Lapack {
    private static final String BINDING = "org.bytedeco.openblas.global.openblas";
    /** LAPACK_COL_MAJOR of LAPACKE. */
    private static final int COL_MAJOR = 102;
    private static final Method DGEEV = lookup();
    /** Whether the binding loads in this JVM and solves a 2 x 2 rotation correctly. */
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

    private static boolean probe() {
        if (DGEEV == null) {
            return false;
        }
        try {
            double[][] ev = eigenvalues(new DMatrixRMaj(new double[][] {{0, -1}, {1, 0}}));
            return Math.abs(ev[0][0]) < 1e-12 && Math.abs(Math.abs(ev[1][0]) - 1) < 1e-12;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    /**
     * Eigenvalues of a square matrix (not modified), as {re, im}, in LAPACK's order. The row-major data
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
        return new double[][] {re, im};
    }
}
