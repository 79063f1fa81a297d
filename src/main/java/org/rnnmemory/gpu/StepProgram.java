package org.rnnmemory.gpu;

import java.util.ArrayList;
import java.util.List;

/**
 * The operations of an update on a {@link DeviceLayout}, in segments of {@code segmentSteps} steps.
 * Each segment's forward and backward operations are captured once as a CUDA graph; an update
 * replays the forward segments from the first that holds a simulated step to the last, then the
 * backward segments from the last back to that one.
 *
 * <p>Per forward step k (rates r[k] in slot k): the GEMM h = a r[k] gGt + (1-a) h, then
 * {@link Kernels#FORWARD} (input, r[k+1] into slot k+1, outputs and errors). Per backward step k, from
 * the last down: the GEMM g = a gh[k+2] gGt^T into the buffer of gh[k+1], then {@link Kernels#BACKWARD}.
 * Two forward or backward operations per step; with a zero initial state a segment that starts before
 * the batch's first input keeps the state exactly zero until then, so starting a whole segment early
 * changes no result.
 */
public final class StepProgram {
    private final DeviceLayout layout;
    private final int segmentSteps;
    private final float alpha;
    private final float keep;
    private final boolean trainReadout;

    /**
     * @param alpha a = dt / tau
     * @param segmentSteps steps per captured segment
     */
    public StepProgram(DeviceLayout layout, double alpha, boolean trainReadout, int segmentSteps) {
        if (segmentSteps < 1) {
            throw new IllegalArgumentException("segmentSteps must be >= 1, found " + segmentSteps);
        }
        this.layout = layout;
        this.segmentSteps = segmentSteps;
        this.alpha = (float) alpha;
        this.keep = (float) (1.0 - alpha);
        this.trainReadout = trainReadout;
    }

    public DeviceLayout layout() {
        return layout;
    }

    public int segmentSteps() {
        return segmentSteps;
    }

    /** Segments covering the trial's steps. */
    public int segments() {
        return (layout.steps() + segmentSteps - 1) / segmentSteps;
    }

    /** The segment holding step {@code start} (the first simulated one). */
    public int firstSegment(int start) {
        if (start < 0 || start >= layout.steps()) {
            throw new IllegalArgumentException("start " + start + " outside 0.." + (layout.steps() - 1));
        }
        return start / segmentSteps;
    }

    /** First step of a segment. */
    public int from(int segment) {
        return segment * segmentSteps;
    }

    /** One past the last step of a segment. */
    public int to(int segment) {
        return Math.min(layout.steps(), (segment + 1) * segmentSteps);
    }

    /** h = h[0] of each row's seed (or zero) and rates slot {@code slot} = tanh(h). */
    public Op.Launch init(boolean hasInitialState, int slot) {
        long elements = (long) layout.rows() * layout.n();
        return new Op.Launch(Kernels.INIT, Kernels.elementGrid(elements), Kernels.ELEMENT_BLOCK, List.of(
                ptr("h"), new Op.Ptr(layout.rate(slot)), ptr("h0"), hasInitialState ? 1 : 0, layout.rows(),
                layout.n(), layout.rowsPerSeed()));
    }

    /** The forward steps of a segment, two operations per step. */
    public List<Op> forward(int segment) {
        List<Op> ops = new ArrayList<>();
        int n = layout.n();
        int rows = layout.rows();
        for (int k = from(segment); k < to(segment); k++) {
            ops.add(new Op.Gemm(Cublas.OP_N, Cublas.OP_N, n, rows, n, alpha, layout.offset("gGt"), n, layout.rate(k), n,
                    keep, layout.offset("h"), n));
            ops.add(new Op.Launch(Kernels.FORWARD, rows, Kernels.ROW_BLOCK, List.of(ptr("h"),
                    new Op.Ptr(layout.rate(k + 1)), ptr("u"), ptr("y"), k, layout.steps(), ptr("aI"), ptr("w"),
                    ptr("rowWeight"), new Op.Ptr(layout.error(k)), ptr("lossRow"), ptr("gwRow"), n,
                    layout.rowsPerSeed(), -1.0f, trainReadout ? 1 : 0)));
        }
        return ops;
    }

    /** The backward steps of a segment, from its last step down, two operations per step. */
    public List<Op> backward(int segment) {
        List<Op> ops = new ArrayList<>();
        int n = layout.n();
        int rows = layout.rows();
        int grid = Kernels.elementGrid((long) rows * n);
        for (int k = to(segment) - 1; k >= from(segment); k--) {
            long in = layout.adjointIn(k);
            long out = layout.adjointOut(k);
            ops.add(new Op.Gemm(Cublas.OP_T, Cublas.OP_N, n, rows, n, alpha, layout.offset("gGt"), n, in, n, 0f, out,
                    n));
            ops.add(new Op.Launch(Kernels.BACKWARD, grid, Kernels.ELEMENT_BLOCK, List.of(new Op.Ptr(out),
                    new Op.Ptr(in), new Op.Ptr(layout.rate(k + 1)), new Op.Ptr(layout.error(k)), ptr("w"), ptr("u"), k,
                    layout.steps(), ptr("pulse"), rows, n, layout.rowsPerSeed(), keep)));
        }
        return ops;
    }

    /** Per-seed sums of dL/dI (times a), dL/dw and the loss into the output block. */
    public Op.Launch seedSums() {
        long elements = (long) layout.seeds() * layout.n();
        return new Op.Launch(Kernels.SEED_SUMS, Kernels.elementGrid(elements), Kernels.ELEMENT_BLOCK, List.of(
                ptr("pulse"), ptr("gwRow"), ptr("lossRow"), ptr("gradInput"), ptr("gradReadout"), ptr("loss"),
                layout.seeds(), layout.rowsPerSeed(), layout.n(), alpha));
    }

    private Op.Ptr ptr(String name) {
        return new Op.Ptr(layout.offset(name));
    }
}
