package org.rnnmemory.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.rnnmemory.model.Rngs;

/**
 * The tangent-space estimator against independent computations on small networks: a naive
 * two-trajectory (finite perturbation) estimate, the determinant identity for the full spectrum,
 * and the eigenvalues of the linearised map when the origin is stable.
 */
class LyapunovOracleTest {

    /** Naive Euler step h' = (1 - a) h + a g G tanh(h), written out independently. */
    static double[] euler(double[][] g, double gain, double a, double[] h) {
        int n = h.length;
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            r[j] = Math.tanh(h[j]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += g[i][j] * r[j];
            }
            out[i] = (1 - a) * h[i] + a * gain * s;
        }
        return out;
    }

    static double[][] matrix(TanhNetwork net) {
        int n = net.size();
        double[][] g = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(net.weights(), i * n, g[i], 0, n);
        }
        return g;
    }

    /** First tangent vector as ChaosAnalysis draws it (normalised). */
    static double[] firstTangent(int n, long seed) {
        SplittableRandom rng = Rngs.of(seed, "chaos.tangent");
        double[] v = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = Rngs.gaussian(rng);
            norm += v[i] * v[i];
        }
        for (int i = 0; i < n; i++) {
            v[i] /= Math.sqrt(norm);
        }
        return v;
    }

    @Test
    void lambdaMaxAndDelta0MatchANaiveTwoTrajectoryEstimate() {
        // N = 100, g = 3, dt = 0.1 tau; 20 tau transient + 60 tau measured: short enough that the
        // two implementations follow the same trajectory up to rounding (growth e^{0.2 * 80})
        int n = 100;
        long seed = 7;
        double gain = 3.0;
        ChaosSettings s = new ChaosSettings(n, 0.1, 20, 60, 10, 1, 5, 0.1, 0, 0);
        ChaosResult fast = ChaosAnalysis.run(gain, seed, s);

        double a = s.dtTau();
        double[][] g = matrix(TanhNetwork.of(n, seed, gain, a));
        double[] h = ChaosAnalysis.initialState(n, seed, s.initialSd());
        double eps = 1e-8;
        double[] dir = firstTangent(n, seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = h[i] + eps * dir[i];
        }
        double logSum = 0;
        double varSum = 0;
        int m = s.orthoEvery();
        for (int t = 1; t <= s.transientSteps() + s.measuredSteps(); t++) {
            h = euler(g, gain, a, h);
            p = euler(g, gain, a, p);
            boolean measuring = t > s.transientSteps();
            if (measuring) {
                varSum += ActivityStats.populationVariance(h);
            }
            if (t % m == 0) {
                double d = 0;
                for (int i = 0; i < n; i++) {
                    d += (p[i] - h[i]) * (p[i] - h[i]);
                }
                d = Math.sqrt(d);
                if (measuring) {
                    logSum += Math.log(d / eps);
                }
                for (int i = 0; i < n; i++) {
                    p[i] = h[i] + eps * (p[i] - h[i]) / d;
                }
            }
        }
        double lambda = logSum / (s.measuredSteps() * a);
        double delta0 = varSum / s.measuredSteps();
        assertEquals(lambda, fast.lambdaMax(), 2e-4, "lambda_max vs two-trajectory estimate");
        assertEquals(delta0, fast.delta0(), 1e-6 * delta0, "Delta0 vs naive trajectory");
        assertTrue(fast.lambdaMax() > 0.05, "g = 3 is chaotic, found " + fast.lambdaMax());
    }

    @Test
    void sumOfTheFullSpectrumIsTheMeanLogDeterminantOfTheJacobian() {
        // N = 12, all 12 exponents, g = 2: sum_i lambda_i = mean_t log|det J_t| / a exactly
        int n = 12;
        long seed = 3;
        double gain = 2.0;
        ChaosSettings s = new ChaosSettings(n, 0.1, 10, 30, 5, n, 1, 0.5, 0, 0);
        ChaosResult r = ChaosAnalysis.run(gain, seed, s);

        double a = s.dtTau();
        double[][] g = matrix(TanhNetwork.of(n, seed, gain, a));
        double[] h = ChaosAnalysis.initialState(n, seed, s.initialSd());
        double logDet = 0;
        for (int t = 1; t <= s.transientSteps() + s.measuredSteps(); t++) {
            if (t > s.transientSteps()) {
                DMatrixRMaj j = new DMatrixRMaj(n, n);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < n; k++) {
                        double dr = 1 - Math.pow(Math.tanh(h[k]), 2);
                        j.set(i, k, (i == k ? 1 - a : 0) + a * gain * g[i][k] * dr);
                    }
                }
                logDet += Math.log(Math.abs(CommonOps_DDRM.det(j)));
            }
            h = euler(g, gain, a, h);
        }
        double expected = logDet / (s.measuredSteps() * a);
        double sum = 0;
        for (double l : r.spectrum()) {
            sum += l;
        }
        assertEquals(expected, sum, 1e-9 * Math.abs(expected) + 1e-12);
        for (int k = 1; k < n; k++) {
            assertTrue(r.spectrum()[k] <= r.spectrum()[k - 1] + 0.05,
                    "exponents come out in (roughly) descending order: " + java.util.Arrays.toString(r.spectrum()));
        }
    }

    @Test
    void belowGainOneLambdaMaxIsTheLeadingEigenvalueOfTheMapAtTheOrigin() {
        // N = 200, g = 0.5: activity decays to h = 0, where J = (1 - a) I + a g G;
        // lambda_max = max_k log|1 - a + a g mu_k| / a. 20 tau transient + 200 tau measured.
        int n = 200;
        long seed = 11;
        double gain = 0.5;
        ChaosSettings s = new ChaosSettings(n, 0.1, 20, 200, 10, 1, 5, 0.1, 0, 0);
        ChaosResult r = ChaosAnalysis.run(gain, seed, s);

        double a = s.dtTau();
        TanhNetwork net = TanhNetwork.of(n, seed, gain, a);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
        assertTrue(eig.decompose(new DMatrixRMaj(n, n, true, net.weights().clone())));
        double best = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double re = 1 - a + a * gain * eig.getEigenvalue(k).getReal();
            double im = a * gain * eig.getEigenvalue(k).getImaginary();
            best = Math.max(best, 0.5 * Math.log(re * re + im * im) / a);
        }
        assertEquals(best, r.lambdaMax(), 0.01, "lambda_max vs eigenvalues of the linearised map");
        assertEquals(0.0, r.delta0(), 1e-12, "activity has decayed");
        assertTrue(Double.isNaN(r.dimensionality()), "no dimensionality without sustained activity");
    }

    @Test
    void leadingExponentsDoNotDependOnHowManyAreComputedNorOnTheMatrixProductUsed() {
        // k = 7 uses the plain loops, k = 9 the ND4J product for the tangents; Gram-Schmidt in
        // order leaves the first vectors unaffected by later ones. N = 60, 10 + 40 tau.
        ChaosSettings s = new ChaosSettings(60, 0.1, 10, 40, 10, 7, 5, 0.1, 0, 0);
        assertTrue(7 < TanhNetwork.ND4J_TANGENTS && 9 >= TanhNetwork.ND4J_TANGENTS);
        ChaosResult seven = ChaosAnalysis.run(2.5, 2, s);
        ChaosResult nine = ChaosAnalysis.run(2.5, 2, s.withSpectrum(9));
        for (int k = 0; k < 7; k++) {
            assertEquals(seven.spectrum()[k], nine.spectrum()[k], 1e-9, "exponent " + (k + 1));
        }
        assertEquals(seven.delta0(), nine.delta0(), 0.0, "the trajectory does not depend on k");
        ChaosResult one = ChaosAnalysis.run(2.5, 2, s.withSpectrum(1));
        assertEquals(one.lambdaMax(), nine.lambdaMax(), 1e-9);
    }

    @Test
    void tangentVectorsAreOrthonormalAfterEachStep() {
        int n = 50;
        TangentSpace q = new TangentSpace(n, 6, Rngs.of(1, "test"));
        TanhNetwork net = TanhNetwork.of(n, 1, 2.0, 0.1);
        double[] h = ChaosAnalysis.initialState(n, 1, 1.0);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.tanh(h[i]);
        }
        TanhNetwork.Workspace w = net.workspace(6);
        for (int t = 0; t < 25; t++) {
            net.step(h, r, q.vectors(), w);
        }
        double[] logR = q.orthonormalise();
        assertEquals(6, logR.length);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                assertEquals(i == j ? 1.0 : 0.0, TangentSpace.dot(q.vectors()[i], q.vectors()[j]), 1e-13);
            }
        }
        for (int i = 0; i < n; i++) {
            assertEquals(Math.tanh(h[i]), r[i], 0.0, "r = tanh(h) after each step");
        }
    }
}
