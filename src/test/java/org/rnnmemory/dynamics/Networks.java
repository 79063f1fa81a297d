package org.rnnmemory.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/** Small networks with known answers, and an independent eigensolver (commons-math) to check against. */
final class Networks {
    private Networks() {}

    static double[] gaussian(int n, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = sd * org.rnnmemory.model.Rngs.gaussian(rng);
        }
        return v;
    }

    /** A random orthogonal N x N matrix (Q of the QR decomposition of a Gaussian matrix), row-major. */
    static double[] orthogonal(int n, long seed) {
        double[] g = gaussian(n * n, 1, seed);
        RealMatrix q = new QRDecomposition(matrix(g, n)).getQ();
        double[] out = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                out[i * n + k] = q.getEntry(i, k);
            }
        }
        return out;
    }

    static RealMatrix matrix(double[] rowMajor, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rowMajor, i * n, a[i], 0, n);
        }
        return new Array2DRowRealMatrix(a, false);
    }

    /** Eigenvalues {re, im} of a row-major matrix from commons-math's general eigensolver. */
    static List<double[]> commonsEigenvalues(double[] rowMajor, int n) {
        EigenDecomposition e = new EigenDecomposition(matrix(rowMajor, n));
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new double[] {e.getRealEigenvalue(i), e.getImagEigenvalue(i)});
        }
        return out;
    }

    /**
     * The largest distance between each expected eigenvalue and its nearest not yet used computed one
     * (a greedy matching of the two multisets).
     */
    static double mismatch(List<double[]> expected, Spectrum got) {
        boolean[] used = new boolean[got.size()];
        double worst = 0;
        for (double[] e : expected) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int k = 0; k < got.size(); k++) {
                double d = Math.hypot(got.re()[k] - e[0], got.im()[k] - e[1]);
                if (!used[k] && d < bestD) {
                    best = k;
                    bestD = d;
                }
            }
            used[best] = true;
            worst = Math.max(worst, bestD);
        }
        return worst;
    }
}
