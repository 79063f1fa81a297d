package org.rnnmemory.train;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The element-wise work of the adjoint engine for float32 arrays in host memory, done in Java one
 * row of N units at a time while the row is in the first-level cache, with the same IEEE-754
 * operations, in the same order, as the ND4J operations it replaces, so the results are the same
 * bits:
 * <ul>
 *   <li>forward: r = tanh(h) ({@link FastTanh}), then the readout work of the row
 *       ({@link ReadoutErrors#row}), in one pass over h and r instead of one pass for tanh and one
 *       over a [R, N] double copy of the rates;</li>
 *   <li>backward: gh[t+1] = gr * (1 - r * r) + (1 - a) gh[t+2], the pulse sum of dL/dI, and the next
 *       step's readout term e w, in one pass instead of four ND4J operations, an OpenBLAS axpy, a
 *       broadcast product and a one-hot [R, S] x [S, N] product.</li>
 * </ul>
 * Two of those operations are only known at run time: OpenBLAS's saxpy computes
 * y + alpha x with one rounding (fused multiply-add) or two depending on its kernel and on the
 * element's position ({@link Axpy}), and the one-hot product e w equals the rounded product only if
 * the GEMM kernel starts its sums at +0. {@link #probe} runs both ways in the engine's own buffers,
 * on data where the two roundings of axpy differ at every element, and tells which elements are
 * rounded once, or that the fused step cannot reproduce the ND4J path (then the engine keeps it).
 * Arrays are [R, N] (rows x units), C-ordered and contiguous.
 */
final class FusedFloatSteps {
    /**
     * How OpenBLAS's saxpy y += alpha x rounds an array of the engine's length, as found by
     * {@link #probe}: elements with a flat index below {@code fusedBelow} are rounded once (fused
     * multiply-add), the rest twice (alpha x, then the sum). The AVX2 kernel, for instance, runs
     * fused multiply-adds over blocks of 32 elements and a plain loop over the remainder; the
     * AVX-512 kernel rounds every element once; kernels without FMA round every element twice.
     */
    record Axpy(int fusedBelow) {}

    private final int rows;
    private final int n;
    private final int[] seedOfRow;
    private final float[] in;
    private final float[] out;
    private final float[] third;
    private final double[] work;
    private final double[] values;

    /** Row buffers for arrays of {@code rows} x {@code n}, rows owned by seeds as in {@code seedOfRow}. */
    FusedFloatSteps(int rows, int n, int rowsPerSeed) {
        this.rows = rows;
        this.n = n;
        this.seedOfRow = new int[rows];
        for (int i = 0; i < rows; i++) {
            seedOfRow[i] = i / rowsPerSeed;
        }
        in = new float[n];
        out = new float[n];
        third = new float[n];
        work = new double[n];
        values = new double[n];
    }

    /** Whether the fused passes can run on this array: float32, host memory, C order without gaps. */
    static boolean applies(INDArray a) {
        return a.dataType() == DataType.FLOAT && EngineSupport.HOST_MEMORY && EngineSupport.rowMajorContiguous(a)
                && !Boolean.getBoolean("rnnmem.nd4jTanh");
    }

    /**
     * r = tanh(h), row by row; after each row, when {@code readout} is not null, the readout work of
     * that row at simulated step k from the rates as stored (float32, as doubles).
     */
    void rates(INDArray h, INDArray r, ReadoutErrors readout, int k) {
        FloatBuffer hb = h.data().asNioFloat();
        FloatBuffer rb = r.data().asNioFloat();
        int ho = (int) h.offset();
        int ro = (int) r.offset();
        for (int i = 0; i < rows; i++) {
            hb.get(ho + i * n, in, 0, n);
            FastTanh.tanh(in, out, work, n);
            rb.put(ro + i * n, out, 0, n);
            if (readout != null) {
                if (readout.inLoss(k, i)) {
                    for (int c = 0; c < n; c++) {
                        values[c] = out[c];
                    }
                }
                readout.row(k, i, values, 0);
            }
        }
    }

    /**
     * target[i, c] = e[i] w[seed(i), c] in float32, +0 where the product is zero: what the one-hot
     * product [R, S] x [S, N] gives when its sums start at +0.
     *
     * @param e one error per row (float32 values)
     * @param w readout per seed [S][N] (float32 values)
     */
    void readoutTerm(INDArray target, double[] e, float[][] w) {
        FloatBuffer tb = target.data().asNioFloat();
        int to = (int) target.offset();
        for (int i = 0; i < rows; i++) {
            oneRow((float) e[i], w[seedOfRow[i]], out);
            tb.put(to + i * n, out, 0, n);
        }
    }

    private void oneRow(float e, float[] w, float[] dst) {
        for (int c = 0; c < n; c++) {
            dst[c] = e * w[c] + 0f;
        }
    }

    /**
     * One step of the adjoint pass after the recurrent product gr += a gh[t+2] (gG)^T:
     * gr = gr * (1 - r * r) + (1 - a) gh[t+2] (gr becomes gh[t+1]); when {@code inputs} is not null,
     * pulse += gh[t+1] * inputs (one input per row); when {@code nextErrors} is not null, ghNext
     * (no longer needed) receives the readout term of the step before, e w.
     */
    void adjointStep(INDArray gr, INDArray r, INDArray ghNext, float oneMinusA, Axpy axpy, double[] inputs,
                     INDArray pulse, double[] nextErrors, float[][] w) {
        FloatBuffer gb = gr.data().asNioFloat();
        FloatBuffer rb = r.data().asNioFloat();
        FloatBuffer nb = ghNext.data().asNioFloat();
        FloatBuffer pb = inputs == null ? null : pulse.data().asNioFloat();
        int go = (int) gr.offset();
        int ro = (int) r.offset();
        int no = (int) ghNext.offset();
        int po = inputs == null ? 0 : (int) pulse.offset();
        for (int i = 0; i < rows; i++) {
            gb.get(go + i * n, in, 0, n);
            rb.get(ro + i * n, out, 0, n);
            nb.get(no + i * n, third, 0, n);
            int cut = (int) Math.max(0, Math.min(n, (long) axpy.fusedBelow() - (long) i * n));
            for (int c = 0; c < cut; c++) {
                float d = 1f - out[c] * out[c];
                in[c] = Math.fma(oneMinusA, third[c], in[c] * d);
            }
            for (int c = cut; c < n; c++) {
                float d = 1f - out[c] * out[c];
                in[c] = in[c] * d + oneMinusA * third[c];
            }
            gb.put(go + i * n, in, 0, n);
            if (inputs != null) {
                float u = (float) inputs[i];
                pb.get(po + i * n, out, 0, n);
                for (int c = 0; c < n; c++) {
                    out[c] = out[c] + in[c] * u;
                }
                pb.put(po + i * n, out, 0, n);
            }
            if (nextErrors != null) {
                oneRow((float) nextErrors[i], w[seedOfRow[i]], third);
                nb.put(no + i * n, third, 0, n);
            }
        }
    }

    /**
     * Runs the ND4J path and the fused step in the given [R, N] buffers (their contents are
     * overwritten) and returns how axpy rounds, when the fused step then reproduces every result
     * bit for bit in both roles of the two adjoint buffers; else null.
     *
     * @param a dt / tau
     * @param seeds S
     */
    Axpy probe(INDArray gr, INDArray ghNext, INDArray r, INDArray pulse, INDArray scratch, double a, int seeds) {
        SplittableRandom rnd = new SplittableRandom(20261130L);
        float[][] w = new float[seeds][n];
        double[] e = new double[rows];
        double[] inputs = new double[rows];
        double[] oneHot = new double[rows * seeds];
        for (float[] row : w) {
            for (int c = 0; c < n; c++) {
                row[c] = c % 7 == 3 ? -0f : (float) rnd.nextDouble(-1, 1);
            }
        }
        for (int i = 0; i < rows; i++) {
            e[i] = i % 3 == 1 ? 0 : (float) rnd.nextDouble(-1, 1);
            inputs[i] = i % 2 == 0 ? 0 : (float) rnd.nextDouble(0, 2);
            oneHot[i * seeds + seedOfRow[i]] = e[i];
        }
        INDArray outW = Nd4j.create(DataType.FLOAT, seeds, n);
        for (int s = 0; s < seeds; s++) {
            outW.putRow(s, Nd4j.createFromArray(w[s]));
        }
        INDArray columns = Nd4j.create(oneHot, new long[] {rows, seeds}, 'c').castTo(DataType.FLOAT);
        Nd4j.gemm(columns, outW, scratch, false, false, 1.0, 0.0);
        readoutTerm(gr, e, w);
        if (!bitsEqual(scratch, gr)) {
            return null;
        }
        Axpy first = axpyRounding(gr, ghNext, r, scratch, a, rnd);
        Axpy second = axpyRounding(ghNext, gr, r, scratch, a, rnd);
        if (first == null || !first.equals(second)
                || !stepAgrees(gr, ghNext, r, pulse, scratch, a, first, inputs, e, w, rnd)
                || !stepAgrees(ghNext, gr, r, pulse, scratch, a, first, inputs, e, w, rnd)) {
            return null;
        }
        return first;
    }

    /**
     * Which elements OpenBLAS's axpy (y = gr * (1 - r^2), x = gh) rounds once: data where the two
     * roundings differ at every element, the ND4J path run on it, and each element classified.
     * Null unless the elements rounded once are exactly those below some flat index.
     */
    private Axpy axpyRounding(INDArray gr, INDArray gh, INDArray r, INDArray deriv, double a, SplittableRandom rnd) {
        int len = rows * n;
        float oneMinusA = (float) (1.0 - a);
        float[] g = new float[len];
        float[] x = new float[len];
        float[] rv = new float[len];
        float[] y = new float[len];
        for (int i = 0; i < len; i++) {
            do {
                g[i] = (float) rnd.nextDouble(-4, 4);
                x[i] = (float) rnd.nextDouble(-4, 4);
                rv[i] = (float) rnd.nextDouble(-1, 1);
                y[i] = g[i] * (1f - rv[i] * rv[i]);
            } while (Math.fma(oneMinusA, x[i], y[i]) == y[i] + oneMinusA * x[i]);
        }
        put(gr, g);
        put(gh, x);
        put(r, rv);
        Nd4j.getExecutioner().exec(new MulOp(r, r, deriv));
        deriv.rsubi(1.0);
        gr.muli(deriv);
        Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, gh, gr);
        float[] got = gr.dup('c').data().asFloat();
        int fusedBelow = 0;
        while (fusedBelow < len && same(got[fusedBelow], Math.fma(oneMinusA, x[fusedBelow], y[fusedBelow]))) {
            fusedBelow++;
        }
        for (int i = fusedBelow; i < len; i++) {
            if (!same(got[i], y[i] + oneMinusA * x[i])) {
                return null;
            }
        }
        return new Axpy(fusedBelow);
    }

    private static boolean same(float p, float q) {
        return Float.floatToRawIntBits(p) == Float.floatToRawIntBits(q);
    }

    private static void put(INDArray a, float[] v) {
        a.data().asNioFloat().put((int) a.offset(), v, 0, v.length);
    }

    private boolean stepAgrees(INDArray gr, INDArray ghNext, INDArray r, INDArray pulse, INDArray scratch,
                               double a, Axpy form, double[] inputs, double[] e, float[][] w, SplittableRandom rnd) {
        fill(gr, rnd, 4);
        fill(ghNext, rnd, 4);
        fill(r, rnd, 1);
        fill(pulse, rnd, 4);
        INDArray gr0 = gr.dup();
        INDArray gh0 = ghNext.dup();
        INDArray pulse0 = pulse.dup();
        // the ND4J path, as AdjointEngine's backward pass runs it
        INDArray deriv = scratch;
        Nd4j.getExecutioner().exec(new MulOp(r, r, deriv));
        deriv.rsubi(1.0);
        gr.muli(deriv);
        Nd4j.getBlasWrapper().level1().axpy(gr.length(), 1.0 - a, ghNext, gr);
        INDArray in = Nd4j.createFromArray(inputs).castTo(DataType.FLOAT);
        INDArray scaled = Nd4j.createUninitialized(DataType.FLOAT, rows, n);
        Nd4j.getExecutioner().exec(new BroadcastMulOp(gr, in, scaled, 0));
        pulse.addi(scaled);
        INDArray wantGh = gr.dup();
        INDArray wantPulse = pulse.dup();
        // the fused step from the same inputs
        gr.assign(gr0);
        ghNext.assign(gh0);
        pulse.assign(pulse0);
        adjointStep(gr, r, ghNext, (float) (1.0 - a), form, inputs, pulse, e, w);
        INDArray term = Nd4j.createUninitialized(DataType.FLOAT, rows, n);
        readoutTerm(term, e, w);
        return bitsEqual(wantGh, gr) && bitsEqual(wantPulse, pulse) && bitsEqual(term, ghNext);
    }

    private static void fill(INDArray a, SplittableRandom rnd, double scale) {
        float[] v = new float[(int) a.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextDouble(-scale, scale);
        }
        put(a, v);
    }

    private static boolean bitsEqual(INDArray x, INDArray y) {
        float[] a = x.dup('c').data().asFloat();
        float[] b = y.dup('c').data().asFloat();
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                return false;
            }
        }
        return true;
    }
}
