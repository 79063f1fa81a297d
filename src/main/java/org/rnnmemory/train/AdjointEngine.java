package org.rnnmemory.train;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
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
 * Seeds enter only through small [R, S] x [S, N] products with one-hot row-to-seed maps, so each
 * seed's numbers are those it would get alone. G gets no gradient.
 */
public final class AdjointEngine implements BpttEngine {
    private final ModelParams params;
    private final INDArray gGt;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final DataType type;
    private final List<INDArray> store = new ArrayList<>();
    private int storeRows = -1;
    private final FastTanh tanh = new FastTanh();

    public AdjointEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, DataType type) {
        this.params = params;
        this.gGt = g.castTo(type).mul(params.gain()).transpose().dup('c');
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.type = type;
    }

    private INDArray slot(int k, int rows, int n) {
        if (storeRows != rows) {
            store.clear();
            storeRows = rows;
        }
        while (store.size() <= k) {
            store.add(Nd4j.createUninitialized(type, rows, n));
        }
        return store.get(k);
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        int s = batch.seeds();
        int n = input[0].length;
        int rows = batch.rows();
        int start = batch.start();
        int steps = batch.steps();
        int len = steps - start;
        double a = params.alpha();
        INDArray inA = EngineSupport.matrix(input, type).muli(a);
        INDArray out = EngineSupport.matrix(readout, type);
        double[] loss = batch.lossBeforeStart();
        double[][] e = new double[Math.max(len, 0)][rows];

        // forward: h and r for every step; z and e as soon as r is known
        INDArray h = EngineSupport.rowStates(initialState, batch.rowsPerSeed(), s, n, type);
        INDArray r0 = Nd4j.createUninitialized(type, rows, n);
        Nd4j.getExecutioner().exec(new Tanh(h, r0));
        INDArray zs = Nd4j.createUninitialized(type, rows, s);
        INDArray prev = r0;
        for (int k = 0; k < len; k++) {
            int t = start + k;
            Nd4j.gemm(prev, gGt, h, false, false, a, 1.0 - a);
            INDArray us = seedColumns(batch, batch.u(), t, 1.0f);
            if (us != null) {
                Nd4j.gemm(us, inA, h, false, false, 1.0, 1.0);
            }
            INDArray r = slot(k, rows, n);
            tanh.apply(h, r);
            Nd4j.gemm(r, out, zs, false, true, 1.0, 0.0);
            double[] z = zs.data().asDouble();
            for (int i = 0; i < rows; i++) {
                double zi = z[i * s + batch.seedOfRow(i)];
                if (batch.inLoss(i, t)) {
                    double err = zi - batch.y()[i][t];
                    loss[batch.seedOfRow(i)] += batch.rowWeight()[i] * err * err;
                    e[k][i] = 2 * batch.rowWeight()[i] * err;
                }
            }
            prev = r;
        }
        double[][] gi = new double[s][n];
        double[][] gw = new double[s][n];
        if ((trainInput || trainReadout) && len > 0) {
            backward(batch, e, r0, out, a, gi, gw);
        }
        return new Gradients(loss, gi, gw, Math.max(len, 0));
    }

    private void backward(EnsembleBatch batch, double[][] e, INDArray r0, INDArray out, double a, double[][] gi,
                          double[][] gw) {
        int rows = batch.rows();
        int s = batch.seeds();
        int n = (int) out.columns();
        int start = batch.start();
        int len = e.length;
        INDArray ghNext = Nd4j.zeros(type, rows, n);
        INDArray gr = Nd4j.createUninitialized(type, rows, n);
        INDArray deriv = Nd4j.createUninitialized(type, rows, n);
        INDArray gradIn = Nd4j.zeros(type, s, n);
        INDArray gradOut = Nd4j.zeros(type, s, n);
        for (int k = len - 1; k >= 0; k--) {
            int t = start + k;
            INDArray r = store.get(k);
            INDArray es = seedColumns(batch, e[k]);
            if (es != null) {
                Nd4j.gemm(es, out, gr, false, false, 1.0, 0.0);
                Nd4j.gemm(es, r, gradOut, true, false, 1.0, 1.0);
                Nd4j.gemm(ghNext, gGt, gr, false, true, a, 1.0);
            } else {
                Nd4j.gemm(ghNext, gGt, gr, false, true, a, 0.0);
            }
            Nd4j.getExecutioner().exec(new MulOp(r, r, deriv));
            deriv.rsubi(1.0);
            gr.muli(deriv);
            Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, ghNext, gr);
            INDArray swap = ghNext;
            ghNext = gr;
            gr = swap;
            INDArray us = seedColumns(batch, batch.u(), t, 1.0f);
            if (us != null) {
                Nd4j.gemm(us, ghNext, gradIn, true, false, a, 1.0);
            }
        }
        if (trainInput) {
            copyInto(gi, gradIn);
        }
        if (trainReadout) {
            copyInto(gw, gradOut);
        }
    }

    /** [R, S] with row i's value of step t in its seed's column, or null when all are zero. */
    private INDArray seedColumns(EnsembleBatch batch, float[][] values, int t, float scale) {
        int rows = batch.rows();
        int s = batch.seeds();
        float[] m = null;
        for (int i = 0; i < rows; i++) {
            float v = values[i][t];
            if (v != 0f) {
                if (m == null) {
                    m = new float[rows * s];
                }
                m[i * s + batch.seedOfRow(i)] = v * scale;
            }
        }
        return m == null ? null : Nd4j.create(m, new long[] {rows, s}, 'c').castTo(type);
    }

    private INDArray seedColumns(EnsembleBatch batch, double[] values) {
        int rows = batch.rows();
        int s = batch.seeds();
        double[] m = null;
        for (int i = 0; i < rows; i++) {
            if (values[i] != 0) {
                if (m == null) {
                    m = new double[rows * s];
                }
                m[i * s + batch.seedOfRow(i)] = values[i];
            }
        }
        return m == null ? null : Nd4j.create(m, new long[] {rows, s}, 'c').castTo(type);
    }

    private static void copyInto(double[][] target, INDArray src) {
        double[][] v = EngineSupport.rows(src);
        for (int i = 0; i < target.length; i++) {
            System.arraycopy(v[i], 0, target[i], 0, v[i].length);
        }
    }

    @Override
    public void close() {
        store.clear();
    }
}
