package org.rnnmemory.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.rnnmemory.model.ModelParams;

/**
 * Exact BPTT with the backward pass derived by hand (the adjoint method), in eager ND4J operations
 * on preallocated buffers. The forward pass stores r for every simulated step; the backward pass
 * then needs one [R, N] x [N, N] product per step, like the forward pass.
 *
 * <p>With a = dt/tau, h[t+1] = (1-a) h[t] + a (r[t] gGt + u[t] I), r = tanh(h), z[t] = w . r[t+1] and
 * L = sum_t lw[t] (z[t] - y[t])^2, the adjoint gh[t+1] = dL/dh[t+1] obeys
 * <pre>
 *   e[t]    = 2 lw[t] (z[t] - y[t])
 *   gr      = e[t] w + a gh[t+2] (g G)
 *   gh[t+1] = gr * (1 - r[t+1]^2) + (1 - a) gh[t+2]
 *   dL/dw  += e[t] r[t+1]          dL/dI += a u[t] gh[t+1]
 * </pre>
 * Rates are stored in blocks of {@value #BLOCK} steps ([BLOCK * R, N] each), so z, e and dL/dw are
 * computed with one product per block instead of small products per step. Seeds enter only through
 * one-hot row-to-seed maps, so each seed's numbers are those it would get alone. G gets no gradient.
 */
public final class AdjointEngine implements BpttEngine {
    static final int BLOCK = 64;

    private final ModelParams params;
    private final INDArray gGt;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final DataType type;
    private final List<INDArray> blocks = new ArrayList<>();
    private final FastTanh tanh = new FastTanh();
    private int blockRows = -1;

    public AdjointEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, DataType type) {
        this.params = params;
        this.gGt = g.castTo(type).mul(params.gain()).transpose().dup('c');
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.type = type;
    }

    private INDArray block(int b, int rows, int n) {
        if (blockRows != rows) {
            blocks.clear();
            blockRows = rows;
        }
        while (blocks.size() <= b) {
            blocks.add(Nd4j.createUninitialized(type, (long) BLOCK * rows, n));
        }
        return blocks.get(b);
    }

    private static INDArray rowsOf(INDArray a, long from, long to) {
        return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
    }

    /** Stored r[t+1] of simulated step k, a [R, N] view. */
    private INDArray rate(int k, int rows) {
        int j = k % BLOCK;
        return rowsOf(blocks.get(k / BLOCK), (long) j * rows, (long) (j + 1) * rows);
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        int s = batch.seeds();
        int n = input[0].length;
        int rows = batch.rows();
        int len = Math.max(0, batch.steps() - batch.start());
        double a = params.alpha();
        INDArray inA = EngineSupport.matrix(input, type).muli(a);
        INDArray out = EngineSupport.matrix(readout, type);
        double[] loss = batch.lossBeforeStart();
        INDArray gradOut = Nd4j.zeros(type, s, n);
        List<INDArray> errors = new ArrayList<>();

        INDArray h = EngineSupport.rowStates(initialState, batch.rowsPerSeed(), s, n, type);
        INDArray r0 = Nd4j.createUninitialized(type, rows, n);
        tanh.apply(h, r0);
        INDArray prev = r0;
        for (int k = 0; k < len; k++) {
            int t = batch.start() + k;
            Nd4j.gemm(prev, gGt, h, false, false, a, 1.0 - a);
            INDArray us = seedColumns(batch, column(batch.u(), t, rows));
            if (us != null) {
                Nd4j.gemm(us, inA, h, false, false, 1.0, 1.0);
            }
            block(k / BLOCK, rows, n);
            INDArray r = rate(k, rows);
            tanh.apply(h, r);
            prev = r;
            if (k % BLOCK == BLOCK - 1 || k == len - 1) {
                errors.add(finishBlock(batch, k / BLOCK, k % BLOCK + 1, out, loss, gradOut));
            }
        }
        double[][] gi = new double[s][n];
        double[][] gw = new double[s][n];
        if (trainReadout) {
            copyInto(gw, gradOut);
        }
        if (trainInput && len > 0) {
            backward(batch, errors, out, a, gi);
        }
        return new Gradients(loss, gi, gw, len);
    }

    /**
     * Outputs, loss, errors e and dL/dw for the first {@code filled} steps of a block. Returns the
     * block's errors as one-hot seed columns [filled * R, S].
     */
    private INDArray finishBlock(EnsembleBatch batch, int b, int filled, INDArray out, double[] loss,
                                 INDArray gradOut) {
        int rows = batch.rows();
        int s = batch.seeds();
        INDArray stored = rowsOf(blocks.get(b), 0, (long) filled * rows);
        double[] z = stored.mmul(out.transpose()).data().asDouble();
        double[] e = new double[filled * rows * s];
        for (int j = 0; j < filled; j++) {
            int t = batch.start() + b * BLOCK + j;
            for (int i = 0; i < rows; i++) {
                int seed = batch.seedOfRow(i);
                int at = (j * rows + i) * s + seed;
                if (batch.inLoss(i, t)) {
                    double err = z[at] - batch.y()[i][t];
                    loss[seed] += batch.rowWeight()[i] * err * err;
                    e[at] = 2 * batch.rowWeight()[i] * err;
                }
            }
        }
        INDArray errors = Nd4j.create(e, new long[] {(long) filled * rows, s}, 'c').castTo(type);
        if (trainReadout) {
            Nd4j.gemm(errors, stored, gradOut, true, false, 1.0, 1.0);
        }
        return errors;
    }

    private void backward(EnsembleBatch batch, List<INDArray> errors, INDArray out, double a, double[][] gi) {
        int rows = batch.rows();
        int n = (int) out.columns();
        int len = batch.steps() - batch.start();
        INDArray ghNext = Nd4j.zeros(type, rows, n);
        INDArray gr = Nd4j.createUninitialized(type, rows, n);
        INDArray deriv = Nd4j.createUninitialized(type, rows, n);
        INDArray pulse = Nd4j.zeros(type, rows, n);
        INDArray scaled = Nd4j.createUninitialized(type, rows, n);
        for (int k = len - 1; k >= 0; k--) {
            int t = batch.start() + k;
            INDArray r = rate(k, rows);
            int j = k % BLOCK;
            INDArray es = rowsOf(errors.get(k / BLOCK), (long) j * rows, (long) (j + 1) * rows);
            Nd4j.gemm(es, out, gr, false, false, 1.0, 0.0);
            Nd4j.gemm(ghNext, gGt, gr, false, true, a, 1.0);
            Nd4j.getExecutioner().exec(new MulOp(r, r, deriv));
            deriv.rsubi(1.0);
            gr.muli(deriv);
            Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, ghNext, gr);
            INDArray swap = ghNext;
            ghNext = gr;
            gr = swap;
            double[] u = column(batch.u(), t, rows);
            if (u != null) {
                INDArray ucol = Nd4j.createFromArray(u).castTo(type);
                Nd4j.getExecutioner().exec(new BroadcastMulOp(ghNext, ucol, scaled, 0));
                pulse.addi(scaled);
            }
        }
        INDArray gradIn = seedMap(batch).transpose().mmul(pulse).muli(a);
        copyInto(gi, gradIn);
    }

    /** One-hot [R, S] map from rows to seeds. */
    private INDArray seedMap(EnsembleBatch batch) {
        double[] m = new double[batch.rows() * batch.seeds()];
        for (int i = 0; i < batch.rows(); i++) {
            m[i * batch.seeds() + batch.seedOfRow(i)] = 1;
        }
        return Nd4j.create(m, new long[] {batch.rows(), batch.seeds()}, 'c').castTo(type);
    }

    /** Step t of every row, or null when all are zero. */
    private static double[] column(float[][] values, int t, int rows) {
        double[] c = null;
        for (int i = 0; i < rows; i++) {
            if (values[i][t] != 0f) {
                if (c == null) {
                    c = new double[rows];
                }
                c[i] = values[i][t];
            }
        }
        return c;
    }

    /** [R, S] with row i's value in its seed's column, or null for null. */
    private INDArray seedColumns(EnsembleBatch batch, double[] values) {
        if (values == null) {
            return null;
        }
        int s = batch.seeds();
        double[] m = new double[values.length * s];
        for (int i = 0; i < values.length; i++) {
            m[i * s + batch.seedOfRow(i)] = values[i];
        }
        return Nd4j.create(m, new long[] {values.length, s}, 'c').castTo(type);
    }

    private static void copyInto(double[][] target, INDArray src) {
        double[][] v = EngineSupport.rows(src);
        for (int i = 0; i < target.length; i++) {
            System.arraycopy(v[i], 0, target[i], 0, v[i].length);
        }
    }

    @Override
    public void close() {
        blocks.clear();
    }
}
