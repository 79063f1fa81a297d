package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FastTanhTest {
    @Test
    void equalsCorrectlyRoundedTanhOnNd4jArrays() {
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
            float want = (float) Math.tanh(v[i]);
            assertEquals(want, got[i], Math.ulp(want), "tanh(" + v[i] + ")");
        }
    }
}
