package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.model.ReferenceEuler;
import org.rnnmemory.task.Trial;

/**
 * The engines read the loss mask, never a target value: a task whose targets outside the mask
 * hold any finite value trains as one that holds -1 there. The oracle is the plain-Java Euler loop
 * with the mask applied in the test.
 */
class ExplicitMaskTest {
    private static final int N = GradientTest.N;
    private static final int T = GradientTest.T;

    /** A toy hold task: a 4-step input at a random onset; the loss counts only the last 12 steps, target 0.3. */
    private static List<List<Trial>> holdTrials(float masked, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int on = 3 + rng.nextInt(10);
            float[] u = new float[T];
            float[] y = new float[T];
            boolean[] m = new boolean[T];
            for (int t = 0; t < T; t++) {
                u[t] = t >= on && t < on + 4 ? 1.5f : 0f;
                m[t] = t >= T - 12;
                y[t] = m[t] ? 0.3f : masked;
            }
            trials.add(new Trial(u, y, m, on, 4, false));
        }
        return List.of(trials);
    }

    private static double oracleLoss(List<Trial> batch, double[] in, double[] out) {
        ReferenceEuler e = new ReferenceEuler(GradientTest.G.toDoubleMatrix(), in, out, GradientTest.P.gain(),
                GradientTest.P.alpha());
        double s = 0;
        for (Trial t : batch) {
            double[] z = e.run(new double[N], t.u());
            double sum = 0;
            int c = 0;
            for (int k = 0; k < T; k++) {
                if (t.mask()[k]) {
                    sum += (z[k] - t.y()[k]) * (z[k] - t.y()[k]);
                    c++;
                }
            }
            s += sum / c;
        }
        return s / batch.size();
    }

    @Test
    void adjointAndSameDiffLossesFollowTheMaskNotTheMaskedTargets() {
        double[][] in = GradientTest.weights(1, true);
        double[][] out = GradientTest.weights(1, false);
        List<List<Trial>> a = holdTrials(7.5f, 5);
        List<List<Trial>> b = holdTrials(-3f, 5);
        Gradients ga;
        Gradients gb;
        try (AdjointEngine e = new AdjointEngine(GradientTest.P, GradientTest.G, true, true, DataType.DOUBLE, 10,
                1L << 30)) {
            ga = e.compute(EnsembleBatch.of(a, true), in, out, null);
            gb = e.compute(EnsembleBatch.of(b, true), in, out, null);
        }
        assertEquals(oracleLoss(a.get(0), in[0], out[0]), ga.loss()[0], 1e-12, "adjoint loss against the oracle");
        assertArrayEquals(ga.loss(), gb.loss(), 0.0);
        assertArrayEquals(ga.gradInput()[0], gb.gradInput()[0], 0.0);
        assertArrayEquals(ga.gradReadout()[0], gb.gradReadout()[0], 0.0);
        try (SameDiffEngine e = new SameDiffEngine(GradientTest.P, GradientTest.G, T, true, true, DataType.DOUBLE)) {
            Gradients s = e.compute(EnsembleBatch.of(a, true), in, out, null);
            assertEquals(ga.loss()[0], s.loss()[0], 1e-10, "samediff loss");
            assertArrayEquals(ga.gradReadout()[0], s.gradReadout()[0], 1e-10);
        }
    }

    @Test
    void gpuTargetsEncodeTheMaskAsMinusOne() {
        EnsembleBatch batch = EnsembleBatch.of(holdTrials(7.5f, 5), true);
        float[][] enc = batch.maskEncodedTargets();
        for (int r = 0; r < batch.rows(); r++) {
            for (int t = 0; t < T; t++) {
                assertEquals(batch.mask()[r][t] ? 0.3f : -1f, enc[r][t], "row " + r + " step " + t);
            }
        }
        EnsembleBatch spec = EnsembleBatch.of(GradientTest.trials(1, 3, 2), true);
        assertSame(spec.y(), spec.maskEncodedTargets(), "the SPEC task's targets already encode the mask");
    }

    @Test
    void evaluationLossCountsOnlyMaskedInPositiveTargets() {
        float[] y = {0.5f, 0.5f, 0.25f, 0f};
        Trial t = new Trial(new float[4], y, new boolean[] {true, false, true, true}, -1, -1, false);
        double[] z = {0.0, 10.0, 0.75, 3.0};
        // steps 0 and 2: (0 - 0.5)^2 = 0.25 and (0.75 - 0.25)^2 = 0.25
        assertEquals(0.25, Evaluator.evalLoss(z, t), 1e-15);
    }
}
