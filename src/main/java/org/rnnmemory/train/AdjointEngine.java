package org.rnnmemory.train;

import static org.rnnmemory.io.DoubleArrays.allFinite;

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
 * is 90% zeros; {@link ReadoutErrors}). Seeds enter the ND4J products only through one-hot row-to-seed
 * maps, so each seed's numbers are those it would get alone. G gets no gradient.
 *
 * <p>For float32 arrays in host memory the element-wise work runs in Java, a row at a time
 * ({@link FusedFloatSteps}): the same operations in the same order as the ND4J operations, so the
 * same bits, in one pass over the rates of a step forward and one backward. Errors are kept as one
 * number per row and step.
 *
 * <p>When I does not train (only w, {@code network.trainable: [readout]}), dL/dw needs only the
 * forward pass: the engine then keeps no rates or errors, runs no backward pass, and returns the
 * same loss and dL/dw, bit for bit, as the full pass (dL/dI is returned as zeros).
 *
 * <p>Memory: when the rates of every simulated step do not fit in the engine's share of
 * {@code training.rate_memory_gib}, it keeps {@code chunk_steps} steps at a time: the forward pass
 * saves the state at each chunk start, and the backward pass recomputes each chunk's forward steps
 * (the same operations on the same values, so the same bits) before going back through them. That
 * costs one more [R, N] x [N, N] product per step and changes no result.
 */
public final class AdjointEngine implements BpttEngine {
    static final int BLOCK = 64;

    private final ModelParams params;
    private final INDArray gGt;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final DataType type;
    private final int chunkSteps;
    private final long rateBytes;
    private final boolean fusedAllowed;
    private final FastTanh tanh = new FastTanh();
    private Buffers buffers;
    private volatile int lastKept;
    private volatile boolean lastRecomputed;

    /**
     * @param chunkSteps steps whose rates are kept at a time when all of them do not fit
     * @param rateBytes memory this engine may use for stored rates
     */
    public AdjointEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, DataType type,
                         int chunkSteps, long rateBytes) {
        this(params, g, trainInput, trainReadout, type, chunkSteps, rateBytes, true);
    }

    /** @param fused whether float32 element-wise work may run in Java ({@link FusedFloatSteps}); false: ND4J only */
    AdjointEngine(ModelParams params, INDArray g, boolean trainInput, boolean trainReadout, DataType type,
                  int chunkSteps, long rateBytes, boolean fused) {
        if (chunkSteps < 1 || rateBytes < 1) {
            throw new IllegalArgumentException("chunkSteps and rateBytes must be >= 1, found " + chunkSteps + ", "
                    + rateBytes);
        }
        this.params = params;
        this.gGt = g.castTo(type).mul(params.gain()).transpose().dup('c');
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.type = type;
        this.chunkSteps = chunkSteps;
        this.rateBytes = rateBytes;
        this.fusedAllowed = fused;
    }

    /** Memory for the rates of {@code len} steps of R rows, as allocated (whole blocks of {@value #BLOCK} steps). */
    public static long bytesForAllSteps(int len, int rows, int n, DataType type) {
        long blocks = (len + BLOCK - 1) / BLOCK;
        return blocks * BLOCK * rows * n * type.width();
    }

    @Override
    public int lastKeptSteps() {
        return lastKept;
    }

    @Override
    public boolean lastRecomputed() {
        return lastRecomputed;
    }

    /**
     * The form of OpenBLAS's axpy that the fused backward step of the last shape reproduces, or null
     * when the backward pass runs in ND4J operations (or no update ran yet).
     */
    FusedFloatSteps.Axpy fusedAxpy() {
        return buffers == null ? null : buffers.axpy;
    }

    /** Every step's rates if they fit in the memory allowed, else the chunk length (at most what fits). */
    int storedSteps(int len, int rows, int n) {
        return storedSteps(len, rows, n, type, chunkSteps, rateBytes);
    }

    private static int storedSteps(int len, int rows, int n, DataType type, int chunkSteps, long rateBytes) {
        long perStep = (long) rows * n * type.width();
        if (bytesForAllSteps(len, rows, n, type) <= rateBytes) {
            return Math.max(len, 1);
        }
        return (int) Math.max(1, Math.min(chunkSteps, Math.min(len, rateBytes / perStep)));
    }

    /**
     * Native bytes an engine holds at its peak for {@code len} simulated steps of R rows of S seeds:
     * (g G)^T, the stored rates (as {@link #storedSteps} decides: every step, or a chunk at a time),
     * the one-hot errors of every step, the chunk start states and the per-step buffers.
     */
    public static double nativeBytes(int len, int rows, int seeds, int n, DataType type, int chunkSteps, long rateBytes) {
        double w = type.width();
        int stored = storedSteps(len, rows, n, type, chunkSteps, rateBytes);
        double blocks = Math.ceil(stored / (double) BLOCK);
        double errorBlocks = Math.ceil(len / (double) BLOCK);
        double chunks = stored < len ? Math.ceil(len / (double) stored) : 0;
        return w * ((double) n * n + blocks * BLOCK * rows * n + errorBlocks * BLOCK * rows * seeds
                + chunks * rows * n + 8.0 * rows * n + 2.0 * rows * seeds);
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
        final List<INDArray> owners = new ArrayList<>();
        /** Errors per simulated step, one per row (rounded to the engine's type). */
        double[][] errors = new double[0][];
        /** States at the chunk starts, when rates are kept a chunk at a time. */
        final List<INDArray> chunkStarts = new ArrayList<>();
        final INDArray replayState;
        final INDArray replayRate;
        final INDArray inputColumns;
        final INDArray errorColumns;
        final double[] oneHot;
        final INDArray inputs;
        final INDArray ghNext;
        final INDArray gr;
        final INDArray deriv;
        final INDArray pulse;
        final INDArray scaled;
        /** Row passes in Java, when they apply to these arrays; else null. */
        final FusedFloatSteps fused;
        /** How OpenBLAS's axpy rounds, when the fused backward step reproduces the ND4J path; else null. */
        final FusedFloatSteps.Axpy axpy;

        Buffers(int rows, int seeds, int rowsPerSeed, int n) {
            this.rows = rows;
            this.seeds = seeds;
            this.n = n;
            replayState = Nd4j.createUninitialized(type, rows, n);
            replayRate = Nd4j.createUninitialized(type, rows, n);
            inputColumns = Nd4j.createUninitialized(type, rows, seeds);
            errorColumns = Nd4j.createUninitialized(type, rows, seeds);
            oneHot = new double[rows * seeds];
            inputs = Nd4j.createUninitialized(type, rows);
            ghNext = Nd4j.createUninitialized(type, rows, n);
            gr = Nd4j.createUninitialized(type, rows, n);
            deriv = Nd4j.createUninitialized(type, rows, n);
            pulse = Nd4j.createUninitialized(type, rows, n);
            scaled = Nd4j.createUninitialized(type, rows, n);
            boolean java = fusedAllowed && FusedFloatSteps.applies(gr);
            fused = java ? new FusedFloatSteps(rows, n, rowsPerSeed) : null;
            axpy = java && trainInput ? fused.probe(gr, ghNext, replayRate, pulse, deriv, params.alpha(), seeds) : null;
        }

        /** Storage for the rates of {@code stored} steps, the errors of {@code len} steps and the chunk starts. */
        void reserve(int stored, int len) {
            while (rates.size() * BLOCK < stored) {
                rates.add(stepViews(Nd4j.createUninitialized(type, (long) BLOCK * rows, n)));
            }
            if (errors.length < len) {
                double[][] more = Arrays.copyOf(errors, len);
                for (int k = errors.length; k < len; k++) {
                    more[k] = new double[rows];
                }
                errors = more;
            }
            int chunks = stored < len ? (len + stored - 1) / stored : 0;
            while (chunkStarts.size() < chunks) {
                chunkStarts.add(Nd4j.createUninitialized(type, rows, n));
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

        /** Frees the native memory now rather than when the garbage collector gets to it. */
        void release() {
            List<INDArray> all = new ArrayList<>(owners);
            all.addAll(chunkStarts);
            all.addAll(List.of(replayState, replayRate, inputColumns, errorColumns, inputs, ghNext, gr, deriv, pulse,
                    scaled));
            rates.clear();
            errors = new double[0][];
            for (INDArray a : all) {
                if (a.closeable()) {
                    a.close();
                }
            }
        }
    }

    private Buffers buffers(int rows, int seeds, int rowsPerSeed, int n) {
        if (buffers == null || buffers.rows != rows || buffers.seeds != seeds || buffers.n != n) {
            if (buffers != null) {
                buffers.release();
                buffers = null;
            }
            buffers = new Buffers(rows, seeds, rowsPerSeed, n);
        }
        return buffers;
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        int s = batch.seeds();
        int n = input[0].length;
        int rows = batch.rows();
        int len = Math.max(0, batch.steps() - batch.start());
        Buffers buf = buffers(rows, s, batch.rowsPerSeed(), n);
        INDArray inA = EngineSupport.matrix(input, type).muli(params.alpha());
        INDArray out = EngineSupport.matrix(readout, type);
        double[][] w = EngineSupport.rows(out);
        double[] loss = batch.lossBeforeStart();
        double[][] gw = new double[s][n];
        double[][] gi = new double[s][n];
        double[][] pulses = inputColumns(batch, len);
        INDArray h = EngineSupport.rowStates(initialState, batch.rowsPerSeed(), s, n, type);
        if (!trainInput) {
            lastKept = 0;
            lastRecomputed = false;
            forwardOnly(batch, len, h, inA, pulses, buf, new ReadoutErrors(batch, w, loss, gw, trainReadout,
                    type == DataType.FLOAT, null));
            return new Gradients(loss, gi, gw, len);
        }
        int stored = storedSteps(len, rows, n);
        lastKept = Math.min(stored, len);
        lastRecomputed = stored < len;
        buf.reserve(stored, len);
        ReadoutErrors readoutErrors = new ReadoutErrors(batch, w, loss, gw, trainReadout, type == DataType.FLOAT,
                buf.errors);
        INDArray prev = Nd4j.createUninitialized(type, rows, n);
        tanh.apply(h, prev);
        double[] rates = buf.fused == null ? new double[rows * n] : null;
        for (int k = 0; k < len; k++) {
            if (stored < len && k % stored == 0) {
                buf.chunkStarts.get(k / stored).assign(h);
            }
            prev = step(batch, k, buf.rate(k % stored), prev, h, inA, pulses, buf, readoutErrors, rates);
        }
        if (len > 0) {
            backward(batch, buf, out, w, inA, pulses, stored, readoutErrors, gi);
        }
        return new Gradients(loss, gi, gw, len);
    }

    /**
     * The forward pass alone, for dL/dw and the loss: rates alternate between two buffers, nothing
     * is kept for a backward pass.
     */
    private void forwardOnly(EnsembleBatch batch, int len, INDArray h, INDArray inA, double[][] pulses, Buffers buf,
                             ReadoutErrors readout) {
        INDArray prev = buf.replayRate;
        INDArray next = buf.replayState;
        tanh.apply(h, prev);
        double[] rates = buf.fused == null ? new double[batch.rows() * buf.n] : null;
        for (int k = 0; k < len; k++) {
            INDArray r = step(batch, k, next, prev, h, inA, pulses, buf, readout, rates);
            next = prev;
            prev = r;
        }
    }

    /**
     * Forward step k from state h (updated in place) and rates prev = tanh(h): writes the new rates
     * into {@code r} and returns it; when {@code readout} is not null, also the readout work of the
     * step ({@code rates}, when not null, is a [R, N] scratch for the rates as doubles).
     */
    private INDArray step(EnsembleBatch batch, int k, INDArray r, INDArray prev, INDArray h, INDArray inA,
                          double[][] pulses, Buffers buf, ReadoutErrors readout, double[] rates) {
        double a = params.alpha();
        Nd4j.gemm(prev, gGt, h, false, false, a, 1.0 - a);
        if (pulses[k] != null) {
            Nd4j.gemm(seedColumns(batch, pulses[k], buf), inA, h, false, false, 1.0, 1.0);
        }
        if (buf.fused != null) {
            buf.fused.rates(h, r, readout, k);
        } else if (readout != null) {
            tanh.apply(h, r, rates);
            readout.rows(k, rates);
        } else {
            tanh.apply(h, r);
        }
        return r;
    }

    /**
     * The adjoint pass from the last simulated step back to the first, a chunk of {@code stored} steps
     * at a time; every chunk but the last (still in storage from the forward pass) is first recomputed
     * from its saved start state.
     */
    private void backward(EnsembleBatch batch, Buffers buf, INDArray out, double[][] w, INDArray inA,
                          double[][] pulses, int stored, ReadoutErrors errors, double[][] gi) {
        double a = params.alpha();
        int len = batch.steps() - batch.start();
        int chunks = (len + stored - 1) / stored;
        float[][] wf = buf.axpy != null && allFinite(w) ? floats(w) : null;
        INDArray ghNext = buf.ghNext.assign(0);
        INDArray gr = buf.gr;
        INDArray pulse = buf.pulse.assign(0);
        if (wf != null) {
            buf.fused.readoutTerm(gr, errors.errors(len - 1), wf);
        }
        for (int c = chunks - 1; c >= 0; c--) {
            int from = c * stored;
            int to = Math.min(len, from + stored);
            if (c < chunks - 1) {
                INDArray h = buf.replayState.assign(buf.chunkStarts.get(c));
                INDArray prev = buf.replayRate;
                tanh.apply(h, prev);
                for (int k = from; k < to; k++) {
                    prev = step(batch, k, buf.rate(k - from), prev, h, inA, pulses, buf, null, null);
                }
            }
            for (int k = to - 1; k >= from; k--) {
                INDArray r = buf.rate(k - from);
                if (wf != null) {
                    Nd4j.gemm(ghNext, gGt, gr, false, true, a, 1.0);
                    buf.fused.adjointStep(gr, r, ghNext, (float) (1.0 - a), buf.axpy, pulses[k], pulse,
                            k > 0 ? errors.errors(k - 1) : null, wf);
                } else {
                    nd4jAdjointStep(k, r, gr, ghNext, out, pulses, pulse, buf, errors);
                }
                INDArray swap = ghNext;
                ghNext = gr;
                gr = swap;
            }
        }
        INDArray gradIn = seedMap(batch).transpose().mmul(pulse).muli(a);
        copyInto(gi, gradIn);
    }

    /**
     * One step of the adjoint pass in ND4J operations: gr = e w + a ghNext (gG)^T, then
     * gr = gr * (1 - r^2) + (1 - a) ghNext and, at steps with input, pulse += gr * u.
     */
    private void nd4jAdjointStep(int k, INDArray r, INDArray gr, INDArray ghNext, INDArray out, double[][] pulses,
                                 INDArray pulse, Buffers buf, ReadoutErrors errors) {
        double a = params.alpha();
        EngineSupport.write(buf.errorColumns, errors.columns(k, buf.oneHot));
        Nd4j.gemm(buf.errorColumns, out, gr, false, false, 1.0, 0.0);
        Nd4j.gemm(ghNext, gGt, gr, false, true, a, 1.0);
        Nd4j.getExecutioner().exec(new MulOp(r, r, buf.deriv));
        buf.deriv.rsubi(1.0);
        gr.muli(buf.deriv);
        Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, ghNext, gr);
        if (pulses[k] != null) {
            EngineSupport.write(buf.inputs, pulses[k]);
            Nd4j.getExecutioner().exec(new BroadcastMulOp(gr, buf.inputs, buf.scaled, 0));
            pulse.addi(buf.scaled);
        }
    }

    private static float[][] floats(double[][] v) {
        float[][] f = new float[v.length][];
        for (int s = 0; s < v.length; s++) {
            f[s] = new float[v[s].length];
            for (int c = 0; c < f[s].length; c++) {
                f[s][c] = (float) v[s][c];
            }
        }
        return f;
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
        if (buffers != null) {
            buffers.release();
            buffers = null;
        }
    }
}
