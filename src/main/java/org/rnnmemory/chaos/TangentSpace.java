package org.rnnmemory.chaos;

import java.util.SplittableRandom;
import org.rnnmemory.model.Rngs;

/**
 * k tangent vectors kept orthonormal by modified Gram-Schmidt (applied twice, which makes it as
 * accurate as Householder QR here). {@link #orthonormalise()} returns the logarithms of the
 * diagonal of R, whose time averages are the k largest Lyapunov exponents (Benettin et al. 1980;
 * Shimada and Nagashima 1979).
 */
final class TangentSpace {
    private final double[][] v;

    TangentSpace(int n, int k, SplittableRandom rng) {
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("spectrum must be in [1, N = " + n + "], found " + k);
        }
        v = new double[k][n];
        for (double[] vi : v) {
            for (int i = 0; i < n; i++) {
                vi[i] = Rngs.gaussian(rng);
            }
        }
        orthonormalise();
    }

    /** The vectors, {@code [k][N]}; advanced in place by {@link TanhNetwork#step}. */
    double[][] vectors() {
        return v;
    }

    int size() {
        return v.length;
    }

    /** Orthonormalises the vectors in order; returns {@code log R_jj} for each j. */
    double[] orthonormalise() {
        double[] logR = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            double[] vj = v[j];
            for (int pass = 0; pass < 2; pass++) {
                for (int p = 0; p < j; p++) {
                    double c = dot(v[p], vj);
                    axpy(-c, v[p], vj);
                }
            }
            double norm = Math.sqrt(dot(vj, vj));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new IllegalStateException("tangent vector " + j + " has norm " + norm
                        + "; orthonormalise more often (--ortho-every)");
            }
            scale(1.0 / norm, vj);
            logR[j] = Math.log(norm);
        }
        return logR;
    }

    static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static void axpy(double c, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += c * x[i];
        }
    }

    private static void scale(double c, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= c;
        }
    }
}
