package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rank-one network, g G = (c / N) u u^T with u in {-1, +1}^N and c = 2, whose fixed points are known
 * in closed form: every fixed point is h = alpha u with alpha = c tanh(alpha), i.e. alpha = 0 or
 * alpha = +-alpha*. There J = -1 + c (1 - tanh(alpha)^2) u u^T / N, with eigenvalue -1 (N - 1 times)
 * and -1 + c (1 - tanh(alpha)^2) along u.
 */
class RankOneNetworkTest {
    static final int N = 30;
    static final double C = 2.0;

    static double[] u() {
        double[] g = Networks.gaussian(N, 1, 9);
        double[] u = new double[N];
        for (int i = 0; i < N; i++) {
            u[i] = g[i] >= 0 ? 1 : -1;
        }
        return u;
    }

    /** The positive root of alpha = c tanh(alpha), by bisection to machine precision. */
    static double alphaStar() {
        double lo = 0.5;
        double hi = C;
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (mid - C * Math.tanh(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    static Field field(double[] u) {
        double[] gg = new double[N * N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                gg[i * N + k] = C / N * u[i] * u[k];
            }
        }
        return Field.of(gg, Networks.gaussian(N, 1, 10), Networks.gaussian(N, 1 / Math.sqrt(N), 11), 100, C);
    }

    @Test
    void theFinderReturnsTheThreeClosedFormFixedPointsAndTheirEigenvalues() {
        double[] u = u();
        Field f = field(u);
        double a = alphaStar();
        double[][] states = new double[9][];
        for (int k = 0; k < 3; k++) {
            double[] noise = Networks.gaussian(N, 0.3, 20 + k);
            double[] plus = new double[N];
            double[] minus = new double[N];
            double[] small = new double[N];
            for (int i = 0; i < N; i++) {
                plus[i] = 1.5 * u[i] + noise[i];
                minus[i] = -1.5 * u[i] + noise[i];
                small[i] = 0.05 * noise[i];
            }
            states[3 * k] = plus;
            states[3 * k + 1] = minus;
            states[3 * k + 2] = small;
        }
        FixedPointFinder.Outcome o = FixedPointFinder.find(f, states, FinderSettings.DEFAULT, 2);
        assertEquals(3, o.fixed().size(), "fixed points");
        for (double alpha : new double[] {0, a, -a}) {
            double[] want = new double[N];
            for (int i = 0; i < N; i++) {
                want[i] = alpha * u[i];
            }
            FixedPointFinder.Point p = o.fixed().stream()
                    .min((x, y) -> Double.compare(FixedPointFinder.distance(x.h(), want),
                            FixedPointFinder.distance(y.h(), want))).orElseThrow();
            double err = 0;
            for (int i = 0; i < N; i++) {
                err = Math.max(err, Math.abs(p.h()[i] - want[i]));
            }
            assertTrue(err < 1e-8, "alpha = " + alpha + ": max |h - alpha u| = " + err);
            List<double[]> eig = new ArrayList<>();
            for (int i = 0; i < N - 1; i++) {
                eig.add(new double[] {-1, 0});
            }
            double t = Math.tanh(alpha);
            eig.add(new double[] {-1 + C * (1 - t * t), 0});
            PointAnalysis pa = PointAnalysis.of(f, p.h(), states);
            double mismatch = Networks.mismatch(eig, pa.spectrum());
            assertTrue(mismatch < 1e-8, "alpha = " + alpha + ": eigenvalue error " + mismatch);
            assertEquals(alpha == 0 ? 1 : 0, pa.unstableDimensions());
        }
    }
}
