package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * FastTanh against StrictMath.tanh (fdlibm, error below 1 ulp of double) rounded to float: that
 * reference is itself the correctly rounded float except within ~1e-16 relative of a rounding
 * boundary.
 */
class FastTanhTest {
    @Test
    void equalsRoundedReferenceOnNd4jArrays() {
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 37;
        int cols = 53;
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            double scale = Math.pow(10, rng.nextInt(-7, 2));
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * scale);
        }
        v[0] = 0f;
        v[1] = -0f;
        v[2] = 30f;
        v[3] = -9.5f;
        INDArray x = Nd4j.create(v, new long[] {rows, cols}, 'c');
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        new FastTanh().apply(x, y);
        float[] got = y.data().asFloat();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToIntBits((float) StrictMath.tanh(v[i])), Float.floatToIntBits(got[i]),
                    "tanh(" + v[i] + ")");
        }
    }

    @Test
    void agreesWithReferenceOnRandomFloatsOfEveryMagnitude() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 1 << 16;
        float[] x = new float[n];
        float[] y = new float[n];
        double[] work = new double[n];
        int mismatches = 0;
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < n; i++) {
                float v = round % 2 == 0 ? Float.intBitsToFloat(rng.nextInt()) : (float) (rng.nextDouble(-12, 12));
                x[i] = Float.isNaN(v) ? 0.5f : v;
            }
            FastTanh.tanh(x, y, work, n);
            for (int i = 0; i < n; i++) {
                float want = (float) StrictMath.tanh(x[i]);
                if (want != y[i] || Float.floatToIntBits(want) != Float.floatToIntBits(y[i])) {
                    mismatches++;
                    assertEquals(want, y[i], Math.ulp(want), "tanh(" + x[i] + ") more than 1 ulp off");
                }
            }
        }
        assertEquals(0, mismatches, "results differing from the rounded reference by 1 ulp");
    }

    @Test
    void specialValues() {
        float[] x = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-30f, 9.01f, 9.1f, 10f, -10f, 1e30f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] y = new float[x.length];
        FastTanh.tanh(x, y, new double[x.length], x.length);
        for (int i = 0; i < x.length; i++) {
            float want = (float) StrictMath.tanh(x[i]);
            assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), "tanh(" + x[i] + ")");
        }
    }

    @Test
    void compiledLoopsGiveTheSameBitsAsTheFirstCall() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 4099;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rng.nextDouble(-11, 11);
        }
        float[] first = new float[n];
        FastTanh.tanh(x, first, new double[n], n);
        float[] later = new float[n];
        double[] work = new double[n];
        for (int rep = 0; rep < 3000; rep++) {
            FastTanh.tanh(x, later, work, n);
        }
        assertArrayEquals(first, later);
        for (float v : later) {
            assertTrue(Math.abs(v) <= 1f);
        }
    }
}
