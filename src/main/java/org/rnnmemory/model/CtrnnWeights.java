package org.rnnmemory.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of one network.
 *
 * @param params model parameters (N, tau, dt, g)
 * @param G recurrent weights, N x N, row i holds the weights into unit i (gain not folded in)
 * @param I input weights, N x 1
 * @param w readout weights, N x 1
 * @param h0 initial state, length N
 */
public record CtrnnWeights(ModelParams params, INDArray G, INDArray I, INDArray w, INDArray h0) {

    public CtrnnWeights {
        long n = params.hiddenSize();
        check("G", G, new long[] {n, n});
        check("I", I, new long[] {n, 1});
        check("w", w, new long[] {n, 1});
        if (h0.length() != n) {
            throw new IllegalArgumentException("h0 must have " + n + " elements, found " + h0.length());
        }
    }

    private static void check(String name, INDArray a, long[] shape) {
        if (!java.util.Arrays.equals(a.shape(), shape)) {
            throw new IllegalArgumentException(name + " must have shape " + java.util.Arrays.toString(shape)
                    + ", found " + java.util.Arrays.toString(a.shape()));
        }
    }

    public int n() {
        return params.hiddenSize();
    }

    /** A copy in the given data type. */
    public CtrnnWeights castTo(DataType type) {
        return new CtrnnWeights(params, G.castTo(type).dup(), I.castTo(type).dup(), w.castTo(type).dup(),
                h0.castTo(type).reshape(n()).dup());
    }

    /** The same network with other input and readout weights. */
    public CtrnnWeights withInputReadout(INDArray newI, INDArray newW) {
        return new CtrnnWeights(params, G, newI, newW, h0);
    }

    /** Cosine similarity I.w / (|I| |w|), computed in double precision. */
    public double weightCorrelation() {
        double[] a = I.castTo(DataType.DOUBLE).data().asDouble();
        double[] b = w.castTo(DataType.DOUBLE).data().asDouble();
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
