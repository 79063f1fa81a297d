package org.rnnmemory.dynamics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The readout w that minimises the squared error over the evaluation window, in closed form. The
 * output z = w . r is linear in w, so with the trial-averaged moments
 * {@code A = mean_d Gram_d / T_d} (N x N) and {@code b = mean_d y_d sum_d / T_d} over the fitting
 * durations d (each duration weighted equally) the ridge solution is {@code w = (A + lambda 1)^-1 b},
 * which minimises {@code mean_d loss_d(w) + lambda |w|^2}.
 *
 * <p>The ridge is {@code lambda = rho tr(A) / N} (rho relative to the mean squared rate) with rho
 * chosen from {@link #RIDGE_GRID} by leave-one-duration-out cross-validation: for each duration, fit
 * on the others and score the left-out duration's loss; the rho with the lowest mean held-out loss
 * wins (the larger rho on a tie). Each fold costs one symmetric eigendecomposition (LAPACK
 * {@code syev} through ND4J), after which every rho is O(N^2).
 */
public final class OptimalReadout {
    /** Candidate ridges relative to tr(A) / N: 1e-10, 1e-9, ..., 1. */
    public static final double[] RIDGE_GRID = {1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1};

    /** Eigenvalues below this fraction of the largest are treated as zero by the least-squares solution. */
    static final double PSEUDO_INVERSE_CUTOFF = 1e-15;

    private OptimalReadout() {}

    /**
     * A fitted readout.
     *
     * @param w the readout, length N
     * @param ridge lambda (rate^2)
     * @param relativeRidge rho = lambda / (tr(A) / N)
     * @param cvLoss mean held-out loss at the chosen rho
     * @param cvLosses mean held-out loss per rho of {@link #RIDGE_GRID}
     * @param fitLoss mean loss over the fitting durations
     */
    public record Fit(double[] w, double ridge, double relativeRidge, double cvLoss, double[] cvLosses,
                      double fitLoss) {}

    /** The cross-validated ridge fit over the given durations (at least two). */
    public static Fit crossValidated(List<WindowStats> fit) {
        if (fit.size() < 2) {
            throw new IllegalArgumentException("leave-one-duration-out cross-validation needs at least two "
                    + "fitting durations, found " + fit.size());
        }
        int m = fit.size();
        double scale = trace(moments(fit).a()) / fit.get(0).n();
        double[] cv = new double[RIDGE_GRID.length];
        for (int k = 0; k < m; k++) {
            List<WindowStats> rest = new ArrayList<>(fit);
            WindowStats left = rest.remove(k);
            Eigen e = Eigen.of(moments(rest));
            for (int j = 0; j < RIDGE_GRID.length; j++) {
                cv[j] += left.loss(e.solve(RIDGE_GRID[j] * scale)) / m;
            }
        }
        int best = 0;
        for (int j = 1; j < cv.length; j++) {
            if (cv[j] <= cv[best]) {
                best = j;
            }
        }
        double lambda = RIDGE_GRID[best] * scale;
        double[] w = Eigen.of(moments(fit)).solve(lambda);
        return new Fit(w, lambda, RIDGE_GRID[best], cv[best], cv, meanLoss(fit, w));
    }

    /**
     * The ridge solution for a given lambda; lambda = 0 gives the minimum-norm least-squares solution
     * (eigenvalues below {@link #PSEUDO_INVERSE_CUTOFF} of the largest dropped).
     */
    public static double[] solve(List<WindowStats> fit, double lambda) {
        return Eigen.of(moments(fit)).solve(lambda);
    }

    /** Mean over the durations of the window loss of w. */
    public static double meanLoss(List<WindowStats> stats, double[] w) {
        double s = 0;
        for (WindowStats st : stats) {
            s += st.loss(w) / stats.size();
        }
        return s;
    }

    /** A and b of the class comment. */
    record Moments(double[] a, double[] b) {}

    static Moments moments(List<WindowStats> fit) {
        int n = fit.get(0).n();
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (WindowStats s : fit) {
            double wa = 1.0 / (fit.size() * (double) s.steps());
            for (int i = 0; i < a.length; i++) {
                a[i] += wa * s.gram()[i];
            }
            for (int i = 0; i < n; i++) {
                b[i] += wa * s.target() * s.sum()[i];
            }
        }
        return new Moments(a, b);
    }

    private static double trace(double[] a) {
        int n = (int) Math.round(Math.sqrt(a.length));
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += a[i * n + i];
        }
        return t;
    }

    /** A = V diag(s) V^T and c = V^T b, from which every ridge solution is O(N^2). */
    private record Eigen(double[] s, double[] v, double[] c, int n) {
        static Eigen of(Moments m) {
            int n = m.b().length;
            double[] v;
            double[] s;
            if (Lapack.AVAILABLE) {
                INDArray a = Nd4j.create(m.a(), new long[] {n, n}, 'c').dup('f');
                INDArray vals = Nd4j.create(DataType.DOUBLE, n);
                int info = Nd4j.getBlasWrapper().lapack().syev('V', 'U', a, vals);
                if (info != 0) {
                    throw new IllegalStateException("symmetric eigendecomposition failed (syev info " + info + ")");
                }
                v = a.dup('c').data().asDouble();
                s = vals.toDoubleVector();
            } else {
                // the kernel's LAPACK is not trusted (see Lapack): EJML's symmetric QR algorithm
                EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
                if (!eig.decompose(new DMatrixRMaj(n, n, true, m.a()))) {
                    throw new IllegalStateException("symmetric eigendecomposition did not converge");
                }
                v = new double[n * n];
                s = new double[n];
                for (int k = 0; k < n; k++) {
                    s[k] = eig.getEigenvalue(k).real;
                    DMatrixRMaj vec = eig.getEigenVector(k);
                    for (int i = 0; i < n; i++) {
                        v[i * n + k] = vec.get(i, 0);
                    }
                }
            }
            double[] c = new double[n];
            for (int k = 0; k < n; k++) {
                double t = 0;
                for (int i = 0; i < n; i++) {
                    t += v[i * n + k] * m.b()[i];
                }
                c[k] = t;
            }
            return new Eigen(s, v, c, n);
        }

        double[] solve(double lambda) {
            double max = 0;
            for (double x : s) {
                max = Math.max(max, Math.abs(x));
            }
            double[] coef = new double[n];
            for (int k = 0; k < n; k++) {
                double den = s[k] + lambda;
                coef[k] = lambda == 0 && s[k] <= PSEUDO_INVERSE_CUTOFF * max ? 0 : c[k] / den;
            }
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                int row = i * n;
                double t = 0;
                for (int k = 0; k < n; k++) {
                    t += v[row + k] * coef[k];
                }
                w[i] = t;
            }
            return w;
        }
    }
}
