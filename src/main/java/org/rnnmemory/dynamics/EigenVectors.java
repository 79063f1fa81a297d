package org.rnnmemory.dynamics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.hessenberg.HessenbergSimilarDecomposition_DDRM;

/**
 * Right and left eigenvectors of a real N x N matrix A for given (complex) eigenvalues, by inverse
 * iteration on its Hessenberg form A = Q H Q^T (EJML): one O(N^3) reduction, then O(N^2) per
 * eigenvector. A right eigenvector solves A v = lambda v, a left one A^T u = lambda u (so that
 * u^T A = lambda u^T). Vectors are complex, returned as {re, im} of unit Euclidean norm, with
 * arbitrary phase.
 */
final class EigenVectors {
    private final int n;
    private final double[] q;
    private final double[] h;
    private final double scale;

    /** @param a the matrix (not modified) */
    EigenVectors(DMatrixRMaj a) {
        n = a.numRows;
        HessenbergSimilarDecomposition_DDRM hess = new HessenbergSimilarDecomposition_DDRM(n);
        if (!hess.decompose(a.copy())) {
            throw new IllegalStateException("Hessenberg reduction failed");
        }
        q = hess.getQ(null).data;
        h = hess.getH(null).data;
        double s = 0;
        for (double v : h) {
            s = Math.max(s, Math.abs(v));
        }
        scale = Math.max(s, Double.MIN_NORMAL);
    }

    /** Right eigenvector for the eigenvalue re + i im. */
    double[][] right(double re, double im) {
        double[][] x = inverseIteration(h, re, im);
        return normalise(multiplyQ(x));
    }

    /** Left eigenvector (of A^T) for the eigenvalue re + i im. */
    double[][] left(double re, double im) {
        // A^T = Q H^T Q^T and H^T is lower Hessenberg; reversing the index order makes it upper Hessenberg.
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = Math.max(0, i - 1); j < n; j++) {
                k[i * n + j] = h[(n - 1 - j) * n + (n - 1 - i)];
            }
        }
        double[][] y = inverseIteration(k, re, im);
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = y[0][n - 1 - i];
            x[1][i] = y[1][n - 1 - i];
        }
        return normalise(multiplyQ(x));
    }

    /** Q x for a complex x. */
    private double[][] multiplyQ(double[][] x) {
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double sr = 0;
            double si = 0;
            for (int k = 0; k < n; k++) {
                sr += q[row + k] * x[0][k];
                si += q[row + k] * x[1][k];
            }
            out[0][i] = sr;
            out[1][i] = si;
        }
        return out;
    }

    /**
     * Two steps of inverse iteration with the upper Hessenberg matrix {@code m} (row-major) shifted by
     * lambda, from a fixed start vector. Gaussian elimination with partial pivoting between neighbouring
     * rows keeps the cost at O(N^2); a zero pivot is replaced by 1e-14 times the largest entry, which
     * the iteration tolerates (lambda is an eigenvalue, so the shifted matrix is singular to rounding).
     */
    private double[][] inverseIteration(double[] m, double re, double im) {
        Lu lu = new Lu(m, re, im);
        double[][] x = new double[2][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = 1.0 + 0.37 * Math.sin(1.0 + i);
        }
        for (int it = 0; it < 2; it++) {
            x = normalise(lu.solve(x));
        }
        return x;
    }

    /** LU factors of an upper Hessenberg matrix minus (re + i im) times the identity. */
    private final class Lu {
        final double[] ar;
        final double[] ai;
        final boolean[] swapped;
        final double[] mr;
        final double[] mi;

        Lu(double[] m, double re, double im) {
            ar = m.clone();
            ai = new double[n * n];
            for (int i = 0; i < n; i++) {
                ar[i * n + i] -= re;
                ai[i * n + i] = -im;
            }
            swapped = new boolean[n];
            mr = new double[n];
            mi = new double[n];
            for (int k = 0; k + 1 < n; k++) {
                int d = k * n + k;
                int b = (k + 1) * n + k;
                if (Math.hypot(ar[b], ai[b]) > Math.hypot(ar[d], ai[d])) {
                    swapRows(k, k + 1, k);
                    swapped[k] = true;
                }
                guardPivot(d);
                double den = ar[d] * ar[d] + ai[d] * ai[d];
                double fr = (ar[b] * ar[d] + ai[b] * ai[d]) / den;
                double fi = (ai[b] * ar[d] - ar[b] * ai[d]) / den;
                mr[k] = fr;
                mi[k] = fi;
                int rk = k * n;
                int rb = (k + 1) * n;
                for (int j = k; j < n; j++) {
                    double xr = ar[rk + j];
                    double xi = ai[rk + j];
                    ar[rb + j] -= fr * xr - fi * xi;
                    ai[rb + j] -= fr * xi + fi * xr;
                }
            }
            guardPivot((n - 1) * n + (n - 1));
        }

        private void guardPivot(int d) {
            if (Math.hypot(ar[d], ai[d]) < 1e-14 * scale) {
                ar[d] = 1e-14 * scale;
                ai[d] = 0;
            }
        }

        private void swapRows(int a, int b, int from) {
            for (int j = from; j < n; j++) {
                double t = ar[a * n + j];
                ar[a * n + j] = ar[b * n + j];
                ar[b * n + j] = t;
                t = ai[a * n + j];
                ai[a * n + j] = ai[b * n + j];
                ai[b * n + j] = t;
            }
        }

        double[][] solve(double[][] rhs) {
            double[] br = rhs[0].clone();
            double[] bi = rhs[1].clone();
            for (int k = 0; k + 1 < n; k++) {
                if (swapped[k]) {
                    double t = br[k];
                    br[k] = br[k + 1];
                    br[k + 1] = t;
                    t = bi[k];
                    bi[k] = bi[k + 1];
                    bi[k + 1] = t;
                }
                br[k + 1] -= mr[k] * br[k] - mi[k] * bi[k];
                bi[k + 1] -= mr[k] * bi[k] + mi[k] * br[k];
            }
            for (int i = n - 1; i >= 0; i--) {
                double sr = br[i];
                double si = bi[i];
                int row = i * n;
                for (int j = i + 1; j < n; j++) {
                    sr -= ar[row + j] * br[j] - ai[row + j] * bi[j];
                    si -= ar[row + j] * bi[j] + ai[row + j] * br[j];
                }
                double dr = ar[row + i];
                double di = ai[row + i];
                double den = dr * dr + di * di;
                br[i] = (sr * dr + si * di) / den;
                bi[i] = (si * dr - sr * di) / den;
            }
            return new double[][] {br, bi};
        }
    }

    static double[][] normalise(double[][] v) {
        double s = 0;
        for (int i = 0; i < v[0].length; i++) {
            s += v[0][i] * v[0][i] + v[1][i] * v[1][i];
        }
        double inv = 1.0 / Math.sqrt(s);
        double[][] out = new double[2][v[0].length];
        for (int i = 0; i < v[0].length; i++) {
            out[0][i] = v[0][i] * inv;
            out[1][i] = v[1][i] * inv;
        }
        return out;
    }

    /** |v^H a| / (|v| |a|) for a complex v ({re, im}) and a real a: the cosine between a and the line of v. */
    static double alignment(double[][] v, double[] a) {
        double dr = 0;
        double di = 0;
        double vv = 0;
        double aa = 0;
        for (int i = 0; i < a.length; i++) {
            dr += v[0][i] * a[i];
            di += v[1][i] * a[i];
            vv += v[0][i] * v[0][i] + v[1][i] * v[1][i];
            aa += a[i] * a[i];
        }
        return Math.hypot(dr, di) / Math.sqrt(vv * aa);
    }
}
