package org.rnnmemory.gpu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where every buffer of one update lies in the engine's single device allocation, for S seeds x B
 * rows per seed (R = S B rows), N units and T steps per trial. Offsets are in bytes from the start of
 * the allocation, each a multiple of {@value #ALIGN}. The buffers come in four consecutive blocks:
 *
 * <pre>
 * inputs (copied from the host every update)
 *   u          [R, T] float32   input per row and step (row-major: row i's trial is contiguous)
 *   y          [R, T] float32   target per row and step (-1: not in the loss)
 *   rowWeight  [R]    float64   loss weight 1 / (B * steps in the loss)
 *   aI         [S, N] float32   a I per seed (a = dt / tau)
 *   w          [S, N] float32   readout per seed
 *   h0         [S, N] float32   initial state per seed (unused when it is zero)
 * outputs (copied to the host every update)
 *   gradInput  [S, N] float32   dL/dI
 *   gradReadout[S, N] float64   dL/dw
 *   loss       [S]    float64   loss from the simulated steps
 * accumulators (set to zero every update)
 *   lossRow    [R]    float64   per-row loss
 *   gwRow      [R, N] float64   per-row dL/dw
 *   pulse      [R, N] float32   per-row sum over steps of u gh (dL/dI before the seed sums)
 *   gh0, gh1   [R, N] float32   the adjoint at alternate steps
 * state
 *   h          [R, N] float32   the state of the step being computed
 *   errors     [T, R] float32   e = 2 lw (z - y) per step and row
 *   gGt        [N, N] float32   g G transposed (row j, column c: g G[c][j])
 *   rates      [T + 1, R, N] float32   r[t] for t = 0..T (slot t holds tanh(h[t]))
 * </pre>
 *
 * @param seeds S
 * @param rowsPerSeed B
 * @param n N
 * @param steps T
 * @param buffers name to buffer, in layout order
 */
public record DeviceLayout(int seeds, int rowsPerSeed, int n, int steps, Map<String, Buffer> buffers) {
    /** Alignment of every buffer in bytes. */
    public static final int ALIGN = 256;

    /**
     * One buffer.
     *
     * @param offset bytes from the start of the allocation
     * @param bytes size in bytes
     */
    public record Buffer(String name, long offset, long bytes) {
        public long end() {
            return offset + bytes;
        }
    }

    public DeviceLayout {
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
    }

    /** The layout for S seeds x B rows, N units and T steps. */
    public static DeviceLayout of(int seeds, int rowsPerSeed, int n, int steps) {
        if (seeds < 1 || rowsPerSeed < 1 || n < 1 || steps < 1) {
            throw new IllegalArgumentException("seeds, rows per seed, units and steps must be >= 1, found " + seeds
                    + ", " + rowsPerSeed + ", " + n + ", " + steps);
        }
        long r = (long) seeds * rowsPerSeed;
        long sn = (long) seeds * n;
        long rn = r * n;
        List<Buffer> list = new ArrayList<>();
        long[] at = {0};
        java.util.function.BiConsumer<String, Long> add = (name, bytes) -> {
            list.add(new Buffer(name, at[0], bytes));
            at[0] = align(at[0] + bytes);
        };
        add.accept("u", 4 * r * steps);
        add.accept("y", 4 * r * steps);
        add.accept("rowWeight", 8 * r);
        add.accept("aI", 4 * sn);
        add.accept("w", 4 * sn);
        add.accept("h0", 4 * sn);
        add.accept("gradInput", 4 * sn);
        add.accept("gradReadout", 8 * sn);
        add.accept("loss", 8L * seeds);
        add.accept("lossRow", 8 * r);
        add.accept("gwRow", 8 * rn);
        add.accept("pulse", 4 * rn);
        add.accept("gh0", 4 * rn);
        add.accept("gh1", 4 * rn);
        add.accept("h", 4 * rn);
        add.accept("errors", 4 * r * steps);
        add.accept("gGt", 4L * n * n);
        add.accept("rates", 4 * rn * (steps + 1L));
        Map<String, Buffer> map = new LinkedHashMap<>();
        for (Buffer b : list) {
            map.put(b.name(), b);
        }
        return new DeviceLayout(seeds, rowsPerSeed, n, steps, map);
    }

    static long align(long bytes) {
        return (bytes + ALIGN - 1) / ALIGN * ALIGN;
    }

    public int rows() {
        return seeds * rowsPerSeed;
    }

    public Buffer buffer(String name) {
        Buffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no device buffer named " + name);
        }
        return b;
    }

    public long offset(String name) {
        return buffer(name).offset();
    }

    /** Bytes of the whole allocation. */
    public long totalBytes() {
        Buffer last = buffer("rates");
        return align(last.end());
    }

    /** Offset of the rates r[t] (slot t, t = 0..T). */
    public long rate(int t) {
        if (t < 0 || t > steps) {
            throw new IndexOutOfBoundsException("rate slot " + t + " outside 0.." + steps);
        }
        return offset("rates") + 4L * rows() * n * t;
    }

    /** Offset of the errors of step k. */
    public long error(int k) {
        if (k < 0 || k >= steps) {
            throw new IndexOutOfBoundsException("step " + k + " outside 0.." + (steps - 1));
        }
        return offset("errors") + 4L * rows() * k;
    }

    /** The adjoint buffer that step k of the backward pass reads (gh[k+2]); it writes the other one. */
    public long adjointIn(int k) {
        return offset((steps - 1 - k) % 2 == 0 ? "gh0" : "gh1");
    }

    /** The adjoint buffer that step k of the backward pass writes (gh[k+1]). */
    public long adjointOut(int k) {
        return offset((steps - 1 - k) % 2 == 0 ? "gh1" : "gh0");
    }

    /** The block copied from the host each update: u .. h0. */
    public long inputBytes() {
        return buffer("h0").end();
    }

    /** The block copied to the host each update: gradInput .. loss. */
    public Buffer outputs() {
        long from = offset("gradInput");
        return new Buffer("outputs", from, buffer("loss").end() - from);
    }

    /** The block set to zero each update: lossRow .. gh1. */
    public Buffer accumulators() {
        long from = offset("lossRow");
        return new Buffer("accumulators", from, buffer("gh1").end() - from);
    }
}
