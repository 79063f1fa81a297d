package org.rnnmemory.dynamics;

import java.util.Arrays;
import java.util.Comparator;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The eigenvalues of a real square matrix (a Jacobian, in units of 1/tau), sorted by descending
 * real part and, for equal real parts, descending imaginary part. Complex eigenvalues come in
 * conjugate pairs.
 *
 * <p>Computed by EJML's Hessenberg reduction and LAPACK {@code dhseqr} of the OpenBLAS that ND4J's CPU
 * backend ships (see {@code Lapack}), about five times faster than EJML's general eigensolver at
 * N = 500 (0.2-0.5 s against 2 s on these machines); where that library is absent (e.g. the CUDA
 * backend), or a result fails the trace invariants, EJML's general eigensolver is used. Both are
 * backward-stable QR algorithms.
 *
 * @param re real parts, descending
 * @param im imaginary parts, in the same order
 */
public record Spectrum(double[] re, double[] im) {

    /**
     * Real parts above this value (1/tau) count as unstable (growing) directions: a growth time
     * constant under 10^6 tau. It lies above the rounding of the zero eigenvalue that J has at every
     * slow point (J^T F = 0 there, to the finder's gradient tolerance of 1e-8 |F|).
     */
    public static final double UNSTABLE_TOLERANCE = 1e-6;

    public Spectrum {
        if (re.length != im.length) {
            throw new IllegalArgumentException("real and imaginary parts differ in length");
        }
    }

    /** The eigenvalues of {@code a} (not modified). */
    public static Spectrum of(DMatrixRMaj a) {
        if (a.numRows != a.numCols) {
            throw new IllegalArgumentException("eigenvalues need a square matrix, found " + a.numRows + " x "
                    + a.numCols);
        }
        double[][] ev = Lapack.AVAILABLE ? Lapack.eigenvalues(a) : null;
        if (ev == null) {
            ev = ejml(a);
        }
        return sorted(ev[0], ev[1]);
    }

    /** The eigenvalues of {@code a} from EJML's general eigensolver, whatever the backend. */
    static Spectrum ofEjml(DMatrixRMaj a) {
        double[][] ev = ejml(a);
        return sorted(ev[0], ev[1]);
    }

    private static double[][] ejml(DMatrixRMaj a) {
        int n = a.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(a.copy())) {
            throw new IllegalStateException("the eigenvalue iteration did not converge");
        }
        double[] re = new double[n];
        double[] im = new double[n];
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            re[i] = c.real;
            im[i] = c.imaginary;
        }
        return new double[][] {re, im};
    }

    static Spectrum sorted(double[] re, double[] im) {
        Integer[] order = new Integer[re.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -re[i]).thenComparingDouble(i -> -im[i]));
        double[] r = new double[re.length];
        double[] m = new double[re.length];
        for (int i = 0; i < order.length; i++) {
            r[i] = re[order[i]];
            m[i] = im[order[i]];
        }
        return new Spectrum(r, m);
    }

    public int size() {
        return re.length;
    }

    /** The largest real part, 1/tau. */
    public double maxReal() {
        return re[0];
    }

    /** Eigenvalues with real part above {@link #UNSTABLE_TOLERANCE}. */
    public int unstableCount() {
        int k = 0;
        while (k < re.length && re[k] > UNSTABLE_TOLERANCE) {
            k++;
        }
        return k;
    }

    /**
     * The slowest time constant, {@code tau / min |Re lambda|}, in ms (a growth time for an unstable
     * mode, a decay time for a stable one); infinite when an eigenvalue has real part 0.
     */
    public double slowestTimeConstantMs(double tauMs) {
        double min = Double.POSITIVE_INFINITY;
        for (double r : re) {
            min = Math.min(min, Math.abs(r));
        }
        return tauMs / min;
    }

    /** Largest modulus |lambda + shift| (e.g. shift 1 gives the spectral radius of g G from J(0) = -1 + g G). */
    public double radius(double shift) {
        double m = 0;
        for (int i = 0; i < re.length; i++) {
            m = Math.max(m, Math.hypot(re[i] + shift, im[i]));
        }
        return m;
    }

    /** Whether eigenvalue k is real (imaginary part within 1e-12 of its magnitude). */
    public boolean isReal(int k) {
        return Math.abs(im[k]) <= 1e-12 * Math.max(1.0, Math.hypot(re[k], im[k]));
    }

    /** The first {@code k} eigenvalues as {re, im} pairs. */
    public double[][] leading(int k) {
        int m = Math.min(k, re.length);
        double[][] out = new double[m][];
        for (int i = 0; i < m; i++) {
            out[i] = new double[] {re[i], im[i]};
        }
        return out;
    }
}
