package org.rnnmemory.train;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Rates are stored in blocks of {@value #BLOCK} steps ([BLOCK * R, N] each). z, e and dL/dw are
 * computed in Java, in double precision, from each step's rates while they are still in cache (each
 * row needs only its own seed's w: one product over N per row rather than a [R, N] x [N, S] GEMM that
 * is 90% zeros). Seeds enter the ND4J products only through one-hot row-to-seed maps, so each seed's
 * numbers are those it would get alone. G gets no gradient.
 */
public final class AdjointEngine implements BpttEngine {
    static final int BLOCK = 64;

    private final ModelParams params;
    private final INDArray gGt;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final DataType type;
    private final FastTanh tanh = new FastTanh();
    private Buffers buffers;

    public AdjointEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, DataType type) {
        this.params = params;
        this.gGt = g.castTo(type).mul(params.gain()).transpose().dup('c');
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.type = type;
    }

    /**
     * Every array the engine writes during an update, with its per-step views, allocated once for a
     * shape (R rows, S seeds, N units) and reused by later updates. Nothing is allocated per step, so
     * no off-heap garbage accumulates between Java garbage collections (ND4J frees a buffer only
     * once its Java object is collected).
     */
    private final class Buffers {
        final int rows;
        final int seeds;
        final int n;
        /** Stored rates r[t+1], BLOCK steps per [BLOCK * R, N] array, and their [R, N] step views. */
        final List<INDArray[]> rates = new ArrayList<>();
        /** One-hot errors e per step, [R, S] views of [BLOCK * R, S] arrays. */
        final List<INDArray[]> errors = new ArrayList<>();
        final List<INDArray> owners = new ArrayList<>();
        final INDArray inputColumns;
        final INDArray inputs;
        final INDArray ghNext;
        final INDArray gr;
        final INDArray deriv;
        final INDArray pulse;
        final INDArray scaled;
        final double[] stepErrors;

        Buffers(int rows, int seeds, int n) {
            this.rows = rows;
            this.seeds = seeds;
            this.n = n;
            inputColumns = Nd4j.createUninitialized(type, rows, seeds);
            inputs = Nd4j.createUninitialized(type, rows);
            ghNext = Nd4j.createUninitialized(type, rows, n);
            gr = Nd4j.createUninitialized(type, rows, n);
            deriv = Nd4j.createUninitialized(type, rows, n);
            pulse = Nd4j.createUninitialized(type, rows, n);
            scaled = Nd4j.createUninitialized(type, rows, n);
            stepErrors = new double[rows * seeds];
        }

        /** Makes sure the first {@code steps} steps have storage. */
        void reserve(int steps) {
            while (rates.size() * BLOCK < steps) {
                rates.add(stepViews(Nd4j.createUninitialized(type, (long) BLOCK * rows, n)));
                errors.add(stepViews(Nd4j.createUninitialized(type, (long) BLOCK * rows, seeds)));
            }
        }

        private INDArray[] stepViews(INDArray block) {
            owners.add(block);
            INDArray[] views = new INDArray[BLOCK];
            for (int j = 0; j < BLOCK; j++) {
                views[j] = block.get(NDArrayIndex.interval((long) j * rows, (long) (j + 1) * rows), NDArrayIndex.all());
            }
            return views;
        }

        INDArray rate(int k) {
            return rates.get(k / BLOCK)[k % BLOCK];
        }

        INDArray error(int k) {
            return errors.get(k / BLOCK)[k % BLOCK];
        }
    }

    private Buffers buffers(int rows, int seeds, int n) {
        if (buffers == null || buffers.rows != rows || buffers.seeds != seeds || buffers.n != n) {
            buffers = null;
            buffers = new Buffers(rows, seeds, n);
        }
        return buffers;
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        int s = batch.seeds();
        int n = input[0].length;
        int rows = batch.rows();
        int len = Math.max(0, batch.steps() - batch.start());
        double a = params.alpha();
        Buffers buf = buffers(rows, s, n);
        buf.reserve(len);
        INDArray inA = EngineSupport.matrix(input, type).muli(a);
        INDArray out = EngineSupport.matrix(readout, type);
        double[][] w = EngineSupport.rows(out);
        double[] loss = batch.lossBeforeStart();
        double[][] gw = new double[s][n];
        double[][] pulses = inputColumns(batch, len);

        INDArray h = EngineSupport.rowStates(initialState, batch.rowsPerSeed(), s, n, type);
        INDArray prev = Nd4j.createUninitialized(type, rows, n);
        tanh.apply(h, prev);
        double[] rates = new double[rows * n];
        for (int k = 0; k < len; k++) {
            Nd4j.gemm(prev, gGt, h, false, false, a, 1.0 - a);
            if (pulses[k] != null) {
                Nd4j.gemm(seedColumns(batch, pulses[k], buf), inA, h, false, false, 1.0, 1.0);
            }
            INDArray r = buf.rate(k);
            tanh.apply(h, r, rates);
            prev = r;
            outputs(batch, batch.start() + k, rates, n, w, loss, buf.stepErrors, gw);
            EngineSupport.write(buf.error(k), buf.stepErrors);
        }
        double[][] gi = new double[s][n];
        if (trainInput && len > 0) {
            backward(batch, buf, out, pulses, a, gi);
        }
        return new Gradients(loss, gi, gw, len);
    }

    /**
     * Output z = w . r[t+1] of every row in the loss at step t, its loss, its error
     * e = 2 lw (z - y) (into one-hot error columns e[R, S], zero elsewhere) and dL/dw += e r, in
     * double precision from the step's rates.
     */
    private void outputs(EnsembleBatch batch, int t, double[] rates, int n, double[][] w, double[] loss,
                         double[] e, double[][] gw) {
        int rows = batch.rows();
        int s = batch.seeds();
        Arrays.fill(e, 0);
        for (int i = 0; i < rows; i++) {
            if (!batch.inLoss(i, t)) {
                continue;
            }
            int seed = batch.seedOfRow(i);
            double err = dot(rates, i * n, w[seed], n) - batch.y()[i][t];
            loss[seed] += batch.rowWeight()[i] * err * err;
            double ei = 2 * batch.rowWeight()[i] * err;
            e[i * s + seed] = ei;
            if (trainReadout) {
                double[] g = gw[seed];
                int off = i * n;
                for (int c = 0; c < n; c++) {
                    g[c] += ei * rates[off + c];
                }
            }
        }
    }

    /** Sum of a[off + c] b[c] over c < n, in four interleaved partial sums. */
    private static double dot(double[] a, int off, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int c = 0;
        for (; c + 3 < n; c += 4) {
            s0 += a[off + c] * b[c];
            s1 += a[off + c + 1] * b[c + 1];
            s2 += a[off + c + 2] * b[c + 2];
            s3 += a[off + c + 3] * b[c + 3];
        }
        for (; c < n; c++) {
            s0 += a[off + c] * b[c];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private void backward(EnsembleBatch batch, Buffers buf, INDArray out, double[][] pulses, double a,
                          double[][] gi) {
        int len = batch.steps() - batch.start();
        INDArray ghNext = buf.ghNext.assign(0);
        INDArray gr = buf.gr;
        INDArray pulse = buf.pulse.assign(0);
        for (int k = len - 1; k >= 0; k--) {
            INDArray r = buf.rate(k);
            Nd4j.gemm(buf.error(k), out, gr, false, false, 1.0, 0.0);
            Nd4j.gemm(ghNext, gGt, gr, false, true, a, 1.0);
            Nd4j.getExecutioner().exec(new MulOp(r, r, buf.deriv));
            buf.deriv.rsubi(1.0);
            gr.muli(buf.deriv);
            Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, ghNext, gr);
            INDArray swap = ghNext;
            ghNext = gr;
            gr = swap;
            if (pulses[k] != null) {
                EngineSupport.write(buf.inputs, pulses[k]);
                Nd4j.getExecutioner().exec(new BroadcastMulOp(ghNext, buf.inputs, buf.scaled, 0));
                pulse.addi(buf.scaled);
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

    /** Input of every row at each simulated step k (step start + k), or null where all are zero. */
    private static double[][] inputColumns(EnsembleBatch batch, int len) {
        double[][] columns = new double[len][];
        for (int i = 0; i < batch.rows(); i++) {
            float[] u = batch.u()[i];
            for (int k = 0; k < len; k++) {
                float v = u[batch.start() + k];
                if (v != 0f) {
                    if (columns[k] == null) {
                        columns[k] = new double[batch.rows()];
                    }
                    columns[k][i] = v;
                }
            }
        }
        return columns;
    }

    /** [R, S] with row i's value in its seed's column, written into the reused buffer. */
    private static INDArray seedColumns(EnsembleBatch batch, double[] values, Buffers buf) {
        int s = batch.seeds();
        double[] m = new double[values.length * s];
        for (int i = 0; i < values.length; i++) {
            m[i * s + batch.seedOfRow(i)] = values[i];
        }
        EngineSupport.write(buf.inputColumns, m);
        return buf.inputColumns;
    }

    private static void copyInto(double[][] target, INDArray src) {
        double[][] v = EngineSupport.rows(src);
        for (int i = 0; i < target.length; i++) {
            System.arraycopy(v[i], 0, target[i], 0, v[i].length);
        }
    }

    @Override
    public void close() {
        buffers = null;
    }
}
