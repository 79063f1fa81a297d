package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.Trial;

/**
 * The float32 element-wise work in Java ({@link FusedFloatSteps}) against the ND4J operations it
 * replaces, with the OpenBLAS kernel in use: the same loss and gradients, bit for bit. N = 37 and
 * 15 rows (trials of {@link GradientTest}), so no row or array is a multiple of a SIMD width.
 */
class FusedFloatStepsTest {
    static final int N = 37;
    static final ModelParams P = new ModelParams(N, 10.0, 1.0, 1.5);
    static final INDArray G = Initializer.recurrent(N, 1, DataType.FLOAT);

    static Gradients compute(boolean fused, boolean trainInput, long rateBytes, EnsembleBatch batch, double[][] in,
                             double[][] out, double[][] h0) {
        try (AdjointEngine e = new AdjointEngine(P, G, trainInput, true, DataType.FLOAT, 11, rateBytes, fused)) {
            e.compute(batch, in, out, h0);
            Gradients g = e.compute(batch, in, out, h0);
            if (fused && trainInput) {
                assertNotNull(e.fusedAxpy(), "the probe found no form of axpy that reproduces OpenBLAS's");
            } else {
                assertNull(e.fusedAxpy());
            }
            return g;
        }
    }

    static void assertSameBits(Gradients want, Gradients got, String what) {
        assertArrayEquals(want.loss(), got.loss(), 0.0, what + " loss");
        for (int s = 0; s < want.loss().length; s++) {
            assertArrayEquals(want.gradInput()[s], got.gradInput()[s], 0.0, what + " dL/dI of seed " + s);
            assertArrayEquals(want.gradReadout()[s], got.gradReadout()[s], 0.0, what + " dL/dw of seed " + s);
        }
    }

    @Test
    void fusedStepsGiveTheBitsOfTheNd4jOperations() {
        List<List<Trial>> tr = GradientTest.trials(3, 5, 31);
        double[][] in = weights(3, true);
        double[][] out = weights(3, false);
        double[][] h0 = new double[3][];
        for (int s = 0; s < 3; s++) {
            h0[s] = Initializer.randomState(N, s + 5, DataType.DOUBLE).data().asDouble();
        }
        long perStep = 15L * N * 4;
        for (boolean random : List.of(false, true)) {
            EnsembleBatch batch = EnsembleBatch.of(tr, !random);
            double[][] start = random ? h0 : null;
            for (long bytes : List.of(Long.MAX_VALUE, 11 * perStep)) {
                String what = (random ? "random h0" : "zero h0") + (bytes == Long.MAX_VALUE ? ", all rates" : ", chunks");
                Gradients nd4j = compute(false, true, bytes, batch, in, out, start);
                Gradients java = compute(true, true, bytes, batch, in, out, start);
                assertSameBits(nd4j, java, what);
                assertEquals(batch.steps() - batch.start(), java.simulatedSteps());
            }
        }
    }

    @Test
    void nonFiniteReadoutFallsBackToTheOneHotProduct() {
        List<List<Trial>> tr = GradientTest.trials(2, 5, 32);
        double[][] in = weights(2, true);
        double[][] out = weights(2, false);
        out[1][4] = Double.NaN;
        EnsembleBatch batch = EnsembleBatch.of(tr, true);
        Gradients nd4j = compute(false, true, Long.MAX_VALUE, batch, in, out, null);
        Gradients java = compute(true, true, Long.MAX_VALUE, batch, in, out, null);
        // 0 * NaN in the one-hot product spoils the other seed's dL/dI too, as the trainer expects
        assertEquals(Double.NaN, nd4j.gradInput()[0][0]);
        assertSameBits(nd4j, java, "NaN in w of seed 1");
    }

    static double[][] weights(int seeds, boolean input) {
        double[][] w = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            INDArray a = input ? Initializer.input(N, s + 1, DataType.DOUBLE)
                    : Initializer.readout(N, s + 1, DataType.DOUBLE).muli(3);
            w[s] = a.castTo(DataType.FLOAT).castTo(DataType.DOUBLE).data().asDouble();
        }
        return w;
    }
}
