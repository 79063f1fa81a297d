package org.rnnmemory.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions shared by the engines. */
final class EngineSupport {
    private EngineSupport() {}

    /** [S][N] to an INDArray [S, N] of the given type. */
    static INDArray matrix(double[][] v, DataType type) {
        return Nd4j.createFromArray(v).castTo(type);
    }

    /** Per-row initial state [R, N] from per-seed states (null = zeros). */
    static INDArray rowStates(double[][] perSeed, int rowsPerSeed, int seeds, int n, DataType type) {
        INDArray h = Nd4j.zeros(type, (long) seeds * rowsPerSeed, n);
        if (perSeed != null) {
            for (int r = 0; r < seeds * rowsPerSeed; r++) {
                h.putRow(r, Nd4j.createFromArray(perSeed[r / rowsPerSeed]).castTo(type));
            }
        }
        return h;
    }

    static double[][] rows(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
