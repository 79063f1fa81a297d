package org.rnnmemory.model;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random initial weights as in SPEC section 1. */
public final class Initializer {
    private Initializer() {}

    /** G ~ N(0, 1/N), N x N, drawn from the network seed (shared by all model seeds). */
    public static INDArray recurrent(int n, long networkSeed, DataType type) {
        return recurrent(n, networkSeed, type, Draws.NATIVE);
    }

    /** I ~ N(0, 1), N x 1, drawn from the model seed. */
    public static INDArray input(int n, long modelSeed, DataType type) {
        return input(n, modelSeed, type, Draws.NATIVE);
    }

    /** w ~ N(0, 1/N), N x 1, drawn from the model seed. */
    public static INDArray readout(int n, long modelSeed, DataType type) {
        return readout(n, modelSeed, type, Draws.NATIVE);
    }

    /**
     * G ~ N(0, 1/N), N x N (row i = weights into unit i), from the network seed with {@code draws}.
     * With {@link Draws#PYTORCH} it equals {@code torch.empty(N, N).normal_(std=1/sqrt(N))} after
     * {@code torch.manual_seed(networkSeed)}, as float32 values.
     */
    public static INDArray recurrent(int n, long networkSeed, DataType type, Draws draws) {
        if (draws == Draws.PYTORCH) {
            return torch(networkSeed, n, n, 1.0 / Math.sqrt(n), type);
        }
        return gaussian(Rngs.of(networkSeed, Rngs.Purpose.NETWORK), n, n, 1.0 / Math.sqrt(n), type);
    }

    /** I ~ N(0, 1), N x 1, from the model seed with {@code draws}. */
    public static INDArray input(int n, long modelSeed, DataType type, Draws draws) {
        if (draws == Draws.PYTORCH) {
            return torch(modelSeed, n, 1, 1.0, type);
        }
        return gaussian(Rngs.of(modelSeed, "init.input"), n, 1, 1.0, type);
    }

    /**
     * w ~ N(0, 1/N), N x 1, from the model seed with {@code draws}. With {@link Draws#PYTORCH} the
     * generator is seeded with the model seed as for I, so w uses the same normal numbers as I.
     */
    public static INDArray readout(int n, long modelSeed, DataType type, Draws draws) {
        if (draws == Draws.PYTORCH) {
            return torch(modelSeed, n, 1, 1.0 / Math.sqrt(n), type);
        }
        return gaussian(Rngs.of(modelSeed, "init.readout"), n, 1, 1.0 / Math.sqrt(n), type);
    }

    /** A rows x cols float32 {@code normal_(std=sd)} of PyTorch's generator freshly seeded with {@code seed}. */
    static INDArray torch(long seed, int rows, int cols, double sd, DataType type) {
        float[] v = new TorchGenerator(seed).normal(rows * cols, 0.0, sd);
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(type);
    }

    /** h0 ~ N(0, 1), length N (the non-default initial-state option). */
    public static INDArray randomState(int n, long modelSeed, DataType type) {
        return gaussian(Rngs.of(modelSeed, "init.state"), n, 1, 1.0, type).reshape(n);
    }

    /** A full System-A-style network for one model seed. */
    public static CtrnnWeights network(ModelParams p, long networkSeed, long modelSeed, boolean randomState,
                                       DataType type) {
        int n = p.hiddenSize();
        INDArray h0 = randomState ? randomState(n, modelSeed, type) : Nd4j.zeros(type, n);
        return new CtrnnWeights(p, recurrent(n, networkSeed, type), input(n, modelSeed, type),
                readout(n, modelSeed, type), h0);
    }

    static INDArray gaussian(SplittableRandom rng, int rows, int cols, double sd, DataType type) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = sd * Rngs.gaussian(rng);
        }
        return Nd4j.create(v, new long[] {rows, cols}, 'c').castTo(type);
    }
}
