package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.ReferenceEuler;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/** Gradients of the training loss: SameDiff against finite differences, chunked and adjoint against whole-graph. */
class GradientTest {
    static final int N = 8;
    static final int T = 47;
    static final ModelParams P = new ModelParams(N, 5.0, 1.0, 1.5);
    static final TaskSpec TASK = new TaskSpec(T, 12, 6, 6, 3, 2.0, 0.05, 30, 0.2, 20);

    static List<List<Trial>> trials(int seeds, int b, long seed) {
        TrialGenerator gen = new TrialGenerator(TASK, new SplittableRandom(seed));
        List<List<Trial>> out = new ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            List<Trial> l = new ArrayList<>();
            for (int i = 0; i < b; i++) {
                l.add(gen.next());
            }
            out.add(l);
        }
        return out;
    }

    static double[][] weights(int seeds, boolean input) {
        double[][] w = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            INDArray a = input ? Initializer.input(N, s + 1, DataType.DOUBLE)
                    : Initializer.readout(N, s + 1, DataType.DOUBLE).muli(3);
            w[s] = a.data().asDouble();
        }
        return w;
    }

    static final INDArray G = Initializer.recurrent(N, 1, DataType.DOUBLE);

    /** Training loss of one seed through the plain-Java oracle. */
    static double oracleLoss(List<Trial> batch, double[] in, double[] out) {
        ReferenceEuler e = new ReferenceEuler(G.toDoubleMatrix(), in, out, P.gain(), P.alpha());
        double s = 0;
        for (Trial t : batch) {
            s += ReferenceEuler.trialLoss(e.run(new double[N], t.u()), t.y());
        }
        return s / batch.size();
    }

    @Test
    void sameDiffGradientMatchesFiniteDifferences() {
        List<List<Trial>> tr = trials(1, 4, 3);
        double[][] in = weights(1, true);
        double[][] out = weights(1, false);
        EnsembleBatch batch = EnsembleBatch.of(tr, true);
        INDArray gBefore = G.dup();
        Gradients g;
        try (SameDiffEngine engine = new SameDiffEngine(P, G, T, true, true, DataType.DOUBLE)) {
            g = engine.compute(batch, in, out, null);
        }
        assertEquals(oracleLoss(tr.get(0), in[0], out[0]), g.loss()[0], 1e-12, "loss");
        double h = 1e-6;
        for (int which = 0; which < 2; which++) {
            double[] p = which == 0 ? in[0] : out[0];
            double[] analytic = which == 0 ? g.gradInput()[0] : g.gradReadout()[0];
            for (int i = 0; i < N; i++) {
                double keep = p[i];
                p[i] = keep + h;
                double up = oracleLoss(tr.get(0), in[0], out[0]);
                p[i] = keep - h;
                double down = oracleLoss(tr.get(0), in[0], out[0]);
                p[i] = keep;
                double fd = (up - down) / (2 * h);
                double rel = Math.abs(fd - analytic[i]) / Math.max(1e-8, Math.max(Math.abs(fd), Math.abs(analytic[i])));
                assertTrue(rel <= 1e-5, (which == 0 ? "dL/dI[" : "dL/dw[") + i + "] fd " + fd + " vs " + analytic[i]);
            }
        }
        assertEquals(gBefore, G, "G must never change");
    }

    static void assertRelClose(double[][] want, double[][] got, double tol, String what) {
        for (int s = 0; s < want.length; s++) {
            double scale = Gradients.norm(want[s]);
            for (int i = 0; i < want[s].length; i++) {
                assertEquals(want[s][i], got[s][i], tol * scale, what + " seed " + s + " [" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 10, 16, 47})
    void chunkedAndAdjointMatchWholeGraph(int chunk) {
        List<List<Trial>> tr = trials(3, 4, 9);
        double[][] in = weights(3, true);
        double[][] out = weights(3, false);
        EnsembleBatch batch = EnsembleBatch.of(tr, true);
        Gradients whole;
        Gradients chunked;
        Gradients adjoint;
        try (SameDiffEngine e = new SameDiffEngine(P, G, T, true, true, DataType.DOUBLE)) {
            whole = e.compute(EnsembleBatch.of(tr, false), in, out, null);
        }
        try (SameDiffEngine e = new SameDiffEngine(P, G, chunk, true, true, DataType.DOUBLE)) {
            chunked = e.compute(batch, in, out, null);
        }
        try (AdjointEngine e = new AdjointEngine(P, G, true, true, DataType.DOUBLE, T, Long.MAX_VALUE)) {
            adjoint = e.compute(batch, in, out, null);
        }
        assertTrue(batch.start() > 0, "the batch starts at its first onset");
        assertArrayEquals(whole.loss(), chunked.loss(), 1e-12);
        assertArrayEquals(whole.loss(), adjoint.loss(), 1e-12);
        assertRelClose(whole.gradInput(), chunked.gradInput(), 1e-9, "chunked dL/dI");
        assertRelClose(whole.gradReadout(), chunked.gradReadout(), 1e-9, "chunked dL/dw");
        assertRelClose(whole.gradInput(), adjoint.gradInput(), 1e-9, "adjoint dL/dI");
        assertRelClose(whole.gradReadout(), adjoint.gradReadout(), 1e-9, "adjoint dL/dw");
    }

    @Test
    void randomInitialStateStartsAtStepZero() {
        List<List<Trial>> tr = trials(2, 3, 5);
        double[][] in = weights(2, true);
        double[][] out = weights(2, false);
        double[][] h0 = new double[2][];
        for (int s = 0; s < 2; s++) {
            h0[s] = Initializer.randomState(N, s + 7, DataType.DOUBLE).data().asDouble();
        }
        EnsembleBatch batch = EnsembleBatch.of(tr, false);
        Gradients sd;
        Gradients adj;
        try (SameDiffEngine e = new SameDiffEngine(P, G, 13, true, true, DataType.DOUBLE)) {
            sd = e.compute(batch, in, out, h0);
        }
        try (AdjointEngine e = new AdjointEngine(P, G, true, true, DataType.DOUBLE, T, Long.MAX_VALUE)) {
            adj = e.compute(batch, in, out, h0);
        }
        assertArrayEquals(sd.loss(), adj.loss(), 1e-12);
        assertRelClose(sd.gradInput(), adj.gradInput(), 1e-9, "dL/dI");
        assertRelClose(sd.gradReadout(), adj.gradReadout(), 1e-9, "dL/dw");
    }

    /**
     * Rates kept a chunk at a time (forward recomputed per chunk in the backward pass) against rates
     * kept for every step: the same bits, in float32 and float64, for chunks that do and do not divide
     * the simulated steps, from a zero and from a random initial state; the engine reused for a second
     * batch gives the same bits as a fresh one.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 100})
    void chunkedRateStorageGivesTheSameBits(int chunk) {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            for (boolean randomStart : List.of(false, true)) {
                List<List<Trial>> tr = trials(3, 4, 21);
                double[][] in = weights(3, true);
                double[][] out = weights(3, false);
                double[][] h0 = null;
                if (randomStart) {
                    h0 = new double[3][];
                    for (int s = 0; s < 3; s++) {
                        h0[s] = Initializer.randomState(N, s + 3, DataType.DOUBLE).data().asDouble();
                    }
                }
                EnsembleBatch batch = EnsembleBatch.of(tr, !randomStart);
                long perStep = (long) batch.rows() * N * type.width();
                Gradients all;
                try (AdjointEngine e = new AdjointEngine(P, G, true, true, type, chunk, Long.MAX_VALUE)) {
                    all = e.compute(batch, in, out, h0);
                }
                try (AdjointEngine e = new AdjointEngine(P, G, true, true, type, chunk, chunk * perStep)) {
                    int len = batch.steps() - batch.start();
                    assertEquals(Math.min(chunk, len), e.storedSteps(len, batch.rows(), N), "steps kept");
                    String what = type + (randomStart ? " random h0" : " zero h0") + " chunk " + chunk;
                    EnsembleBatch other = EnsembleBatch.of(trials(3, 4, 22), !randomStart);
                    e.compute(other, in, out, h0);
                    Gradients kept = e.compute(batch, in, out, h0);
                    assertArrayEquals(all.loss(), kept.loss(), 0.0, what);
                    for (int s = 0; s < 3; s++) {
                        assertArrayEquals(all.gradInput()[s], kept.gradInput()[s], 0.0, what + " dL/dI");
                        assertArrayEquals(all.gradReadout()[s], kept.gradReadout()[s], 0.0, what + " dL/dw");
                    }
                }
            }
        }
    }

    /**
     * With I not trained the engine runs the forward pass only (no rates kept, no backward pass):
     * its loss and dL/dw equal the full pass's exactly, in float64 (and float32), for a zero and a
     * random initial state, and dL/dI is zero. The full pass's dL/dw is checked against the
     * whole-trial SameDiff graph above.
     */
    @Test
    void readoutOnlyGradientsComeFromTheForwardPassAlone() {
        for (DataType type : List.of(DataType.DOUBLE, DataType.FLOAT)) {
            for (boolean randomStart : List.of(false, true)) {
                List<List<Trial>> tr = trials(3, 4, 41);
                double[][] in = weights(3, true);
                double[][] out = weights(3, false);
                double[][] h0 = null;
                if (randomStart) {
                    h0 = new double[3][];
                    for (int s = 0; s < 3; s++) {
                        h0[s] = Initializer.randomState(N, s + 11, DataType.DOUBLE).data().asDouble();
                    }
                }
                EnsembleBatch batch = EnsembleBatch.of(tr, !randomStart);
                String what = type + (randomStart ? " random h0" : " zero h0");
                Gradients full;
                Gradients forward;
                try (AdjointEngine e = new AdjointEngine(P, G, true, true, type, T, Long.MAX_VALUE)) {
                    full = e.compute(batch, in, out, h0);
                }
                try (AdjointEngine e = new AdjointEngine(P, G, false, true, type, T, Long.MAX_VALUE)) {
                    forward = e.compute(batch, in, out, h0);
                    assertEquals(0, e.lastKeptSteps(), what + ": no rates kept");
                    assertEquals(false, e.lastRecomputed());
                }
                assertArrayEquals(full.loss(), forward.loss(), 0.0, what + " loss");
                for (int s = 0; s < 3; s++) {
                    assertArrayEquals(full.gradReadout()[s], forward.gradReadout()[s], 0.0, what + " dL/dw");
                    assertArrayEquals(new double[N], forward.gradInput()[s], 0.0, what + " dL/dI");
                }
                assertEquals(full.simulatedSteps(), forward.simulatedSteps());
            }
        }
    }
}
