package org.rnnmemory.train;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions shared by the engines. */
final class EngineSupport {
    /**
     * True on the CPU backend, where an array's NIO view is its memory. Other backends (CUDA) keep
     * a device copy that Java must not read or write behind ND4J's back; there the engines use ND4J
     * operations only.
     */
    static final boolean HOST_MEMORY = "CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName());

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

    /** Writes values (row-major) into a C-ordered, contiguous array or view, rounding to its type. */
    static void write(INDArray target, double[] values) {
        if (!rowMajorContiguous(target) || target.length() != values.length) {
            throw new IllegalArgumentException("write needs a contiguous C-ordered target of length " + values.length);
        }
        int offset = (int) target.offset();
        if (HOST_MEMORY && target.dataType() == DataType.DOUBLE) {
            target.data().asNioDouble().put(offset, values, 0, values.length);
        } else if (HOST_MEMORY && target.dataType() == DataType.FLOAT) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            target.data().asNioFloat().put(offset, f, 0, f.length);
        } else {
            target.assign(Nd4j.createFromArray(values).reshape(target.shape()).castTo(target.dataType()));
        }
    }

    /** The first {@code n} elements of {@code a} (row-major) as doubles, into {@code values}. */
    static void read(INDArray a, double[] values, int n) {
        if (HOST_MEMORY && a.dataType() == DataType.DOUBLE && rowMajorContiguous(a)) {
            a.data().asNioDouble().get((int) a.offset(), values, 0, n);
        } else {
            System.arraycopy(a.castTo(DataType.DOUBLE).dup('c').data().asDouble(), 0, values, 0, n);
        }
    }

    /** True when the elements lie in row-major order without gaps (dimensions of size 1 ignored). */
    static boolean rowMajorContiguous(INDArray a) {
        long[] shape = a.shape();
        long[] stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    static double[][] rows(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
