package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The analytic derivatives of the field against central finite differences in float64: the
 * Jacobian of F, and the gradient and Hessian of q used by the polishing stage.
 */
class JacobianTest {
    static final int N = 20;
    static final double EPS = 1e-6;

    static Field field() {
        double[] gg = Networks.gaussian(N * N, 1.5 / Math.sqrt(N), 31);
        return Field.of(gg, Networks.gaussian(N, 1, 32), Networks.gaussian(N, 1 / Math.sqrt(N), 33), 100, 1.5);
    }

    static double[] shifted(double[] h, int j, double d) {
        double[] x = h.clone();
        x[j] += d;
        return x;
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        Field f = field();
        double[] h = Networks.gaussian(N, 1.2, 34);
        DMatrixRMaj j = f.jacobian(h);
        double worst = 0;
        for (int k = 0; k < N; k++) {
            double[] up = f.velocity(shifted(h, k, EPS));
            double[] down = f.velocity(shifted(h, k, -EPS));
            for (int i = 0; i < N; i++) {
                worst = Math.max(worst, Math.abs((up[i] - down[i]) / (2 * EPS) - j.get(i, k)));
            }
        }
        assertTrue(worst < 1e-8, "max |J - dF/dh| = " + worst);
    }

    @Test
    void gradientAndHessianOfQMatchCentralDifferences() {
        Field f = field();
        double[] h = Networks.gaussian(N, 1.2, 35);
        double[] grad = f.gradient(h);
        DMatrixRMaj hess = f.hessian(h);
        double worstGrad = 0;
        double worstHess = 0;
        for (int k = 0; k < N; k++) {
            double dq = (f.q(shifted(h, k, EPS)) - f.q(shifted(h, k, -EPS))) / (2 * EPS);
            worstGrad = Math.max(worstGrad, Math.abs(dq - grad[k]));
            double[] up = f.gradient(shifted(h, k, EPS));
            double[] down = f.gradient(shifted(h, k, -EPS));
            for (int i = 0; i < N; i++) {
                worstHess = Math.max(worstHess, Math.abs((up[i] - down[i]) / (2 * EPS) - hess.get(i, k)));
            }
        }
        assertTrue(worstGrad < 1e-7, "max |grad q - dq/dh| = " + worstGrad);
        assertTrue(worstHess < 1e-7, "max |Hess q - d(grad q)/dh| = " + worstHess);
    }
}
