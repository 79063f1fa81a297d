package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Locale;

/**
 * Exact BPTT by the adjoint method on a GPU, for S seeds stacked on the batch axis that share G: the
 * arithmetic of the CPU adjoint engine ({@code train.AdjointEngine}), with both [R, N] x [N, N]
 * products per step done by cuBLAS and the rest by {@link Kernels}. The rates of every step stay in
 * device memory; the forward and backward passes run as CUDA graphs captured once per batch shape and
 * segment ({@link StepProgram}) and replayed every update. Inputs: per-row input u and target y over
 * the whole trial (float32, -1 marks steps outside the loss), per-row loss weights and per-seed I, w
 * and h[0]; outputs: per-seed loss, dL/dI and dL/dw.
 *
 * <p>Against the CPU engine the results differ only in the order of float32 sums inside the two GEMMs
 * (cuBLAS's, not OpenBLAS's), in where the products of the error and the readout are rounded relative
 * to the backward GEMM, and in the order of double-precision sums (outputs, per-seed sums); tanh,
 * the input, the adjoint update and the loss terms round as on the CPU.
 */
public final class CudaAdjoint implements AutoCloseable {
    /** Steps per captured segment. */
    public static final int SEGMENT_STEPS = 250;

    /**
     * Loss and gradients of an update.
     *
     * @param loss training loss per seed [S]
     * @param gradInput dL/dI per seed [S][N]
     * @param gradReadout dL/dw per seed [S][N]
     * @param simulatedSteps steps the device simulated (from the start of the first segment simulated)
     */
    public record Result(double[] loss, double[][] gradInput, double[][] gradReadout, int simulatedSteps) {}

    private final Executor ex;
    private final float[] gGt;
    private final int n;
    private final double alpha;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final int segmentSteps;
    private Shape shape;

    /** Device memory, programs and host buffers of one batch shape. */
    private final class Shape {
        final DeviceLayout layout;
        final StepProgram program;
        final long base;
        final MemorySegment inputs;
        final MemorySegment outputs;
        final Object[] forward;
        final Object[] backward;

        Shape(DeviceLayout layout) {
            this.layout = layout;
            this.program = new StepProgram(layout, alpha, trainReadout, segmentSteps);
            long need = layout.totalBytes();
            long free = ex.memory()[0];
            if (need > free) {
                throw new CudaUnavailableException(String.format(Locale.ROOT, "the cuda engine needs %.2f GiB of GPU "
                        + "memory for %d seeds x %d rows x %d units x %d steps (the rates of every step are kept); "
                        + "%.2f GiB are free", need / GIB, layout.seeds(), layout.rowsPerSeed(), n, layout.steps(),
                        free / GIB));
            }
            this.base = ex.allocate(need);
            this.inputs = ex.hostBuffer(layout.inputBytes());
            this.outputs = ex.hostBuffer(layout.outputs().bytes());
            MemorySegment g = ex.hostBuffer(4L * n * n);
            MemorySegment.copy(gGt, 0, g, JAVA_FLOAT, 0, gGt.length);
            ex.upload(base + layout.offset("gGt"), g, 4L * n * n);
            ex.synchronize();
            ex.freeHost(g);
            this.forward = new Object[program.segments()];
            this.backward = new Object[program.segments()];
        }

        boolean fits(int seeds, int rowsPerSeed, int steps) {
            return layout.seeds() == seeds && layout.rowsPerSeed() == rowsPerSeed && layout.steps() == steps;
        }

        void release() {
            for (Object[] graphs : List.of(forward, backward)) {
                for (int i = 0; i < graphs.length; i++) {
                    if (graphs[i] != null) {
                        ex.release(graphs[i]);
                        graphs[i] = null;
                    }
                }
            }
            ex.free(base);
            ex.freeHost(inputs);
            ex.freeHost(outputs);
        }
    }

    private static final double GIB = 1L << 30;

    /**
     * @param executor where the operations run
     * @param gGt g G transposed, row-major [N, N] (element (j, c) = g G[c][j]), float32
     * @param alpha a = dt / tau
     * @param segmentSteps steps per captured segment
     */
    public CudaAdjoint(Executor executor, float[] gGt, int n, double alpha, boolean trainInput, boolean trainReadout,
                       int segmentSteps) {
        if (gGt.length != n * n) {
            throw new IllegalArgumentException("gGt must have N * N = " + n * n + " elements, found " + gGt.length);
        }
        this.ex = executor;
        this.gGt = gGt.clone();
        this.n = n;
        this.alpha = alpha;
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.segmentSteps = segmentSteps;
    }

    /**
     * Loss and gradients for one stacked batch (rows {@code s*B .. s*B+B-1} belong to seed s).
     *
     * @param u input per row and step [R][T]
     * @param y target per row and step [R][T] (-1: not in the loss)
     * @param rowWeight loss weight per row [R]
     * @param start first step to simulate; every earlier step must be at a zero state with zero input
     * @param input I per seed [S][N]
     * @param readout w per seed [S][N]
     * @param initialState h[0] per seed [S][N], or null for zeros (then {@code start} may be > 0)
     */
    public Result compute(int seeds, int rowsPerSeed, float[][] u, float[][] y, double[] rowWeight, int start,
                          double[][] input, double[][] readout, double[][] initialState) {
        int rows = seeds * rowsPerSeed;
        int steps = u[0].length;
        if (u.length != rows || y.length != rows || rowWeight.length != rows || input.length != seeds
                || readout.length != seeds) {
            throw new IllegalArgumentException("batch shapes disagree with " + seeds + " seeds x " + rowsPerSeed
                    + " rows");
        }
        if (initialState != null && start != 0) {
            throw new IllegalArgumentException("a non-zero initial state needs start 0, found " + start);
        }
        double[][] gi = new double[seeds][n];
        double[][] gw = new double[seeds][n];
        if (start >= steps) {
            return new Result(lossBefore(seeds, rowsPerSeed, y, rowWeight, steps), gi, gw, 0);
        }
        ex.bind();
        if (shape == null || !shape.fits(seeds, rowsPerSeed, steps)) {
            if (shape != null) {
                shape.release();
                shape = null;
            }
            shape = new Shape(DeviceLayout.of(seeds, rowsPerSeed, n, steps));
        }
        Shape sh = shape;
        DeviceLayout layout = sh.layout;
        StepProgram program = sh.program;
        int first = program.firstSegment(start);
        int from = program.from(first);
        pack(sh, u, y, rowWeight, input, readout, initialState);
        ex.upload(sh.base, sh.inputs, layout.inputBytes());
        DeviceLayout.Buffer acc = layout.accumulators();
        ex.zero(sh.base + acc.offset(), acc.bytes());
        ex.run(List.of(program.init(initialState != null, from)), sh.base);
        for (int j = first; j < program.segments(); j++) {
            if (sh.forward[j] == null) {
                sh.forward[j] = ex.capture(program.forward(j), sh.base);
            }
            ex.replay(sh.forward[j]);
        }
        if (trainInput) {
            for (int j = program.segments() - 1; j >= first; j--) {
                if (sh.backward[j] == null) {
                    sh.backward[j] = ex.capture(program.backward(j), sh.base);
                }
                ex.replay(sh.backward[j]);
            }
        }
        ex.run(List.of(program.seedSums()), sh.base);
        DeviceLayout.Buffer out = layout.outputs();
        ex.download(sh.outputs, sh.base + out.offset(), out.bytes());
        ex.synchronize();
        double[] loss = lossBefore(seeds, rowsPerSeed, y, rowWeight, from);
        long giAt = layout.offset("gradInput") - out.offset();
        long gwAt = layout.offset("gradReadout") - out.offset();
        long lossAt = layout.offset("loss") - out.offset();
        for (int s = 0; s < seeds; s++) {
            for (int c = 0; c < n; c++) {
                int idx = s * n + c;
                gi[s][c] = trainInput ? sh.outputs.get(JAVA_FLOAT, giAt + 4L * idx) : 0;
                gw[s][c] = trainReadout ? sh.outputs.get(JAVA_DOUBLE, gwAt + 8L * idx) : 0;
            }
            loss[s] += sh.outputs.get(JAVA_DOUBLE, lossAt + 8L * s);
        }
        return new Result(loss, gi, gw, steps - from);
    }

    /** Writes the input block in the layout's order into the host buffer. */
    private void pack(Shape sh, float[][] u, float[][] y, double[] rowWeight, double[][] input, double[][] readout,
                      double[][] initialState) {
        DeviceLayout layout = sh.layout;
        MemorySegment in = sh.inputs;
        int steps = layout.steps();
        long uAt = layout.offset("u");
        long yAt = layout.offset("y");
        for (int i = 0; i < u.length; i++) {
            if (u[i].length != steps || y[i].length != steps) {
                throw new IllegalArgumentException("row " + i + " has " + u[i].length + " inputs and " + y[i].length
                        + " targets, expected " + steps);
            }
            MemorySegment.copy(u[i], 0, in, JAVA_FLOAT, uAt + 4L * i * steps, steps);
            MemorySegment.copy(y[i], 0, in, JAVA_FLOAT, yAt + 4L * i * steps, steps);
        }
        MemorySegment.copy(rowWeight, 0, in, JAVA_DOUBLE, layout.offset("rowWeight"), rowWeight.length);
        float a = (float) alpha;
        for (int s = 0; s < input.length; s++) {
            for (int c = 0; c < n; c++) {
                long at = 4L * (s * n + c);
                in.set(JAVA_FLOAT, layout.offset("aI") + at, (float) input[s][c] * a);
                in.set(JAVA_FLOAT, layout.offset("w") + at, (float) readout[s][c]);
                in.set(JAVA_FLOAT, layout.offset("h0") + at, initialState == null ? 0f : (float) initialState[s][c]);
            }
        }
    }

    /** The loss of the steps before {@code to}, where z = 0 exactly: sum over rows of lw y^2. */
    static double[] lossBefore(int seeds, int rowsPerSeed, float[][] y, double[] rowWeight, int to) {
        double[] out = new double[seeds];
        for (int r = 0; r < y.length; r++) {
            double s = 0;
            for (int t = 0; t < to; t++) {
                if (y[r][t] != -1f) {
                    s += (double) y[r][t] * y[r][t];
                }
            }
            out[r / rowsPerSeed] += rowWeight[r] * s;
        }
        return out;
    }

    /** Bytes of device memory a batch shape needs. */
    public static long deviceBytes(int seeds, int rowsPerSeed, int n, int steps) {
        return DeviceLayout.of(seeds, rowsPerSeed, n, steps).totalBytes();
    }

    @Override
    public void close() {
        if (shape != null) {
            ex.bind();
            shape.release();
            shape = null;
        }
    }
}
