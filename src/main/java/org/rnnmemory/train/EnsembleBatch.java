package org.rnnmemory.train;

import java.util.List;
import org.rnnmemory.task.Trial;

/**
 * One training batch for S seeds stacked on the batch axis: rows {@code s*B .. s*B+B-1} belong to
 * seed index s. Each row carries its trial's input u, target y and loss mask m over the whole trial.
 *
 * <p>The training loss of seed s is {@code (1/B) sum_{rows of s} sum_t m[t] (z[t]-y[t])^2 / sum_t m[t]}
 * with the trial's explicit mask m (SPEC section 3). {@code rowWeight[r] = 1 / (B * sum_t m[t])}.
 *
 * @param seeds number of seeds S
 * @param rowsPerSeed batch size B
 * @param u inputs [R][T]
 * @param y targets [R][T] (read only where the mask is true)
 * @param mask loss masks [R][T]
 * @param rowWeight per-row loss weight [R]
 * @param start first simulated step: steps before it are provably at the initial state
 */
public record EnsembleBatch(int seeds, int rowsPerSeed, float[][] u, float[][] y, boolean[][] mask, double[] rowWeight,
                            int start) {

    public int rows() {
        return u.length;
    }

    public int steps() {
        return u[0].length;
    }

    public int seedOfRow(int r) {
        return r / rowsPerSeed;
    }

    /**
     * Builds the batch for the given trials, seed-major.
     *
     * @param zeroInitialState when true, simulation starts at the first step with input in any row
     *        (the state is exactly zero before it); otherwise at step 0
     */
    public static EnsembleBatch of(List<List<Trial>> trialsPerSeed, boolean zeroInitialState) {
        int s = trialsPerSeed.size();
        int b = trialsPerSeed.get(0).size();
        float[][] u = new float[s * b][];
        float[][] y = new float[s * b][];
        boolean[][] mask = new boolean[s * b][];
        double[] weight = new double[s * b];
        int start = Integer.MAX_VALUE;
        for (int i = 0; i < s; i++) {
            List<Trial> trials = trialsPerSeed.get(i);
            if (trials.size() != b) {
                throw new IllegalArgumentException("every seed needs the same batch size");
            }
            for (int j = 0; j < b; j++) {
                Trial t = trials.get(j);
                int r = i * b + j;
                u[r] = t.u();
                y[r] = t.y();
                mask[r] = t.mask();
                int count = t.trainMaskCount();
                weight[r] = count == 0 ? 0 : 1.0 / ((double) b * count);
                start = Math.min(start, t.firstInputStep());
            }
        }
        return new EnsembleBatch(s, b, u, y, mask, weight, zeroInitialState ? start : 0);
    }

    /** True where step t of row r is inside the training loss. */
    public boolean inLoss(int r, int t) {
        return mask[r][t];
    }

    /**
     * The targets with the mask encoded as {@code -1} outside the loss ({@link Trial#NOT_EVALUATED}),
     * as the GPU kernels take them; {@link #y()} itself where it already reads so.
     */
    public float[][] maskEncodedTargets() {
        float[][] out = y;
        for (int r = 0; r < rows(); r++) {
            for (int t = 0; t < steps(); t++) {
                if ((y[r][t] != Trial.NOT_EVALUATED) != mask[r][t]) {
                    if (out == y) {
                        out = y.clone();
                    }
                    out[r] = encoded(r);
                    break;
                }
            }
        }
        return out;
    }

    private float[] encoded(int r) {
        float[] e = new float[steps()];
        for (int t = 0; t < e.length; t++) {
            e[t] = mask[r][t] ? y[r][t] : Trial.NOT_EVALUATED;
        }
        return e;
    }

    /** The loss contributed by the steps before {@code start}, where z = 0 exactly. */
    public double[] lossBeforeStart() {
        double[] out = new double[seeds];
        for (int r = 0; r < rows(); r++) {
            double s = 0;
            for (int t = 0; t < start; t++) {
                if (inLoss(r, t)) {
                    s += (double) y[r][t] * y[r][t];
                }
            }
            out[seedOfRow(r)] += rowWeight[r] * s;
        }
        return out;
    }
}
