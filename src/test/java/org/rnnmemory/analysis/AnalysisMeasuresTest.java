package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.eval.Alignment;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;

/** The trajectory metrics on constructed cases with known answers, and their invariance to eigenvector signs. */
class AnalysisMeasuresTest {

    /** Durations 20..400 ms, trained range 50..250 ms, target 0.007 per ms, dt = 10 ms. */
    static DurationPlan plan() {
        int[] d = new int[20];
        for (int i = 0; i < d.length; i++) {
            d[i] = 20 * (i + 1);
        }
        return new DurationPlan(d, new int[] {60, 160, 300}, 10, 50, 250, 0.007);
    }

    @Test
    void parallelTrajectoriesHaveTheirSeparationSlopeAndNoTimeVariation() {
        double[] d = {20, 60, 100, 200, 400};
        double c = 0.003;
        double[] v = {0.6, 0.8, 0};
        double[][][] x = new double[d.length][50][3];
        for (int k = 0; k < d.length; k++) {
            for (int t = 0; t < 50; t++) {
                double[] base = {Math.sin(t / 7.0), Math.cos(t / 5.0), t * 0.01};
                for (int i = 0; i < 3; i++) {
                    x[k][t][i] = base[i] + c * d[k] * v[i];
                }
            }
        }
        List<Separation.Pair> pairs = Separation.pairs(d, x);
        assertEquals(10, pairs.size());
        assertEquals(c * 180, pairs.stream().filter(p -> p.differenceMs() == 180).findFirst().orElseThrow()
                .separation(), 1e-12);
        Map<String, Double> m = Separation.metrics(pairs);
        assertEquals(c, m.get(Separation.SLOPE), 1e-12);
        assertEquals(1.0, m.get(Separation.R), 1e-12);
        assertEquals(0.0, m.get(Separation.TIME_CV), 1e-9);
    }

    @Test
    void divergingTrajectoriesHaveATimeVariation() {
        double[] d = {100, 200};
        double[][][] x = new double[2][4][1];
        for (int k = 0; k < 2; k++) {
            for (int t = 0; t < 4; t++) {
                x[k][t][0] = d[k] * (t + 1);
            }
        }
        Separation.Pair p = Separation.pairs(d, x).get(0);
        assertEquals(250.0, p.separation(), 1e-12, "distances 100, 200, 300, 400");
        assertEquals(Math.sqrt(50000.0 / 3) / 250.0, p.timeCv(), 1e-12);
    }

    @Test
    void integrationCurveMeasuresSlopeAndErrorInsideAndOutsideTheTrainedRange() {
        DurationPlan plan = plan();
        double[] d = new double[plan.durationsMs().length];
        double[] plateau = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = plan.durationsMs()[i];
            plateau[i] = d[i] <= 250 ? 0.007 * d[i] : 0.007 * 250 + 0.002 * (d[i] - 250);
        }
        Map<String, Double> m = IntegrationCurve.metrics(d, plateau, plan);
        assertEquals(0.007, m.get(IntegrationCurve.SLOPE_TRAINED), 1e-12);
        assertEquals(1.0, m.get(IntegrationCurve.R2_TRAINED), 1e-12);
        assertEquals(0.0, m.get(IntegrationCurve.RMSE_TRAINED), 1e-12);
        double sq = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] > 250) {
                sq += Math.pow(0.005 * (d[i] - 250), 2);
                n++;
            }
        }
        assertEquals(Math.sqrt(sq / (n + 2)), m.get(IntegrationCurve.RMSE_OUTSIDE), 1e-12, "20 and 40 ms are exact");
        assertTrue(m.get(IntegrationCurve.SLOPE_OUTSIDE) < 0.007 && m.get(IntegrationCurve.R2_OUTSIDE) < 1);
    }

    @Test
    void driftIsTheSlopeOfTheOutputPerSecond() {
        double[] z = new double[100];
        for (int t = 0; t < z.length; t++) {
            z[t] = t < 50 ? 0 : 1.0 + 0.002 * (t - 50);
        }
        assertEquals(0.2, PlateauDrift.perSecond(z, 50, 100, 10), 1e-12, "0.002 per 10 ms step");
        assertEquals(1.049, PlateauDrift.mean(z, 50, 100), 1e-12);
    }

    /**
     * A linear integrator: no recurrence (g = 0), a leak time constant far beyond the trial, small
     * input weights (tanh nearly linear) and a readout scaled so that z = 0.007 per ms of pulse.
     */
    @Test
    void aLinearIntegratorHasALinearIntegrationCurveParallelTrajectoriesAndNoDrift() {
        int n = 4;
        double dt = 10;
        ModelParams p = new ModelParams(n, 1e9, dt, 0.0);
        double alpha = p.alpha();
        double[] in = {0.5, -0.5, 0.5, 0.5};
        double strength = 2.0;
        double target = 0.007;
        double scale = target * dt / (alpha * strength * 1.0);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = scale * in[i];
        }
        CtrnnWeights w = new CtrnnWeights(p, Nd4j.zeros(DataType.DOUBLE, n, n),
                Nd4j.createFromArray(in).reshape(n, 1), Nd4j.createFromArray(out).reshape(n, 1),
                Nd4j.zeros(DataType.DOUBLE, n));
        TaskSpec task = new TaskSpec(700, 300, 100, 15, 10, strength, target * dt, 450, 0.1, 10);
        EvalProtocol protocol = EvalProtocol.of(task, dt, 3000, new int[] {50, 150, 300});
        DurationPlan plan = new DurationPlan(new int[] {20, 50, 100, 150, 200, 300, 400}, new int[] {50, 150, 300},
                dt, 50, 250, target);
        SeedDynamics d = SeedDynamics.compute(1, w, protocol, plan, AnalysisOptions.DEFAULT.withWorkers(1));
        Map<String, Double> m = d.metrics();
        assertEquals(target, m.get(IntegrationCurve.SLOPE_TRAINED), 1e-5 * target);
        assertEquals(target, m.get(IntegrationCurve.SLOPE_OUTSIDE), 1e-4 * target);
        assertEquals(1.0, m.get(IntegrationCurve.R2_TRAINED), 1e-9);
        double level = target * (60 + 160 + 310) / 3.0;
        assertEquals(-level * 1000 / p.tauMs(), m.get(SeedDynamics.DRIFT), 1e-3 * level * 1000 / p.tauMs(),
                "the only drift is the leak: dz/dt = -z / tau");
        double perMs = alpha * strength * Math.sqrt(1.0) / dt;
        assertEquals(perMs, m.get(Separation.SLOPE), 1e-4 * perMs, "|r_a - r_b| = alpha u |I| (steps_a - steps_b)");
        assertEquals(1.0, m.get(Separation.R), 1e-9);
        assertEquals(0.0, m.get(Separation.TIME_CV), 1e-6);
        double plateau150 = d.plateau()[3];
        assertEquals(target * 160, plateau150, 1e-4, "the pulse lasts duration + 1 steps");
    }

    @Test
    void skippingTheSilentStepsBeforeTheOnsetGivesTheFullTrialsOutputExactly() {
        int n = 8;
        SplittableRandom rng = new SplittableRandom(3);
        double[][] g = new double[n][n];
        double[] in = new double[n];
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            in[i] = rng.nextGaussian();
            out[i] = rng.nextGaussian() / n;
            for (int j = 0; j < n; j++) {
                g[i][j] = rng.nextGaussian() / Math.sqrt(n);
            }
        }
        ModelParams p = new ModelParams(n, 100, 10, 1.5);
        CtrnnWeights w = new CtrnnWeights(p, Nd4j.createFromArray(g), Nd4j.createFromArray(in).reshape(n, 1),
                Nd4j.createFromArray(out).reshape(n, 1), Nd4j.zeros(DataType.DOUBLE, n));
        TaskSpec task = new TaskSpec(700, 300, 100, 15, 10, 2.0, 0.07, 450, 0.1, 10);
        EvalProtocol protocol = EvalProtocol.of(task, 10, 3000, new int[] {50, 150, 300});
        DurationPlan plan = new DurationPlan(new int[] {20, 50, 150, 300}, new int[] {50, 150, 300}, 10, 50, 250,
                0.007);
        double[][] basis = new double[3][n];
        for (int c = 0; c < 3; c++) {
            basis[c][c] = 1;
        }
        org.rnnmemory.model.Simulator sim = new org.rnnmemory.model.Simulator(w);
        SeedDynamics.Batch batch = SeedDynamics.Batch.run(sim, protocol, plan, AnalysisOptions.DEFAULT,
                new PcBasis(basis, new double[n]), n);
        float[][] u = new float[4][];
        for (int k = 0; k < 4; k++) {
            u[k] = org.rnnmemory.task.TrialGenerator.trial(task, 300, plan.durationsMs()[k] / 10).u();
        }
        double[][] full = sim.run(u, Nd4j.zeros(DataType.DOUBLE, 4, n), 0, 0).z();
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(full[k], batch.z()[k], 0.0, "duration " + plan.durationsMs()[k]);
        }
        assertEquals(PlateauDrift.mean(full[2], 450, 700), batch.plateau()[2], 0.0);
    }

    @Test
    void pcaMetricsAreInvariantToEigenvectorSigns() {
        SplittableRandom rng = new SplittableRandom(7);
        int n = 6;
        double[][] x = new double[40][n];
        for (double[] row : x) {
            for (int i = 0; i < n; i++) {
                row[i] = rng.nextGaussian() * (i + 1);
            }
        }
        Pca pca = Pca.of(Pca.covariance(Nd4j.createFromArray(x), false));
        double[][] flipped = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                flipped[i][k] = (k % 2 == 0 ? -1 : 1) * pca.eigenvectors()[i][k];
            }
        }
        Pca other = new Pca(pca.eigenvalues(), flipped);
        double[] w = {0.3, -1.2, 0.7, 0.1, 2.0, -0.4};
        double[][] means = {{0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, {0.3, 0.1, 0.0, 0.9, 0.2, 0.1}};
        Alignment a = Alignment.of(pca, w);
        Alignment b = Alignment.of(other, w);
        assertEquals(a.topkFraction(), b.topkFraction(), 1e-14);
        assertEquals(a.varianceAlignment(), b.varianceAlignment(), 1e-14);
        assertEquals(a.legacyParticipationRatio(), b.legacyParticipationRatio(), 1e-12, "fixed sign convention");
        Map<String, Double> ra = ReadoutGeometry.metrics(pca, means, w);
        Map<String, Double> rb = ReadoutGeometry.metrics(other, means, w);
        for (String k : ra.keySet()) {
            assertEquals(ra.get(k), rb.get(k), 1e-12, k);
        }
        assertArrayEquals(ReadoutGeometry.cumulativeFraction(pca, w), ReadoutGeometry.cumulativeFraction(other, w),
                1e-14);
        double[] centre = means[0];
        double[] state = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(PcBasis.of(pca, 3, centre).project(state), PcBasis.of(other, 3, centre).project(state),
                1e-12, "oriented against the mean, the projections do not depend on the solver's signs");
        assertArrayEquals(PcBasis.of(pca, 3, centre).direction(w), PcBasis.of(other, 3, centre).direction(w), 1e-12);
    }
}
