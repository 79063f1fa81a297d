package org.rnnmemory.gpu.check;

import java.util.SplittableRandom;
import org.rnnmemory.task.SystemA;

/**
 * Networks and batches of the GPU self-test, drawn from seeded generators: G, I and w as in SPEC
 * section 1 (already rounded to float, so that every precision starts from the same numbers) and
 * trials of the integrate-and-hold task of SPEC section 2 with configurable timing.
 */
public final class CheckData {
    private CheckData() {}

    /**
     * Trial timing in steps.
     *
     * @param steps trial length T
     * @param onset mean pulse onset
     * @param onsetJitter onset drawn uniformly from [onset - jitter, onset + jitter)
     * @param duration mean pulse duration
     * @param durationJitter duration drawn uniformly from [duration - jitter, duration + jitter)
     * @param costOnset first step of the evaluated plateau
     * @param catchFraction probability of a catch trial (no input, target 0)
     */
    public record Task(int steps, int onset, int onsetJitter, int duration, int durationJitter, int costOnset,
                       double catchFraction) {
        /** SPEC section 2 with dt = 1 ms. */
        public static final Task SYSTEM_A = new Task(SystemA.TRIAL_MS, SystemA.ONSET_MS, SystemA.ONSET_JITTER_MS,
                SystemA.DURATION_MS, SystemA.DURATION_JITTER_MS, SystemA.COST_ONSET_MS, SystemA.CATCH_FRACTION);
    }

    /**
     * A stacked batch (rows s*B .. s*B+B-1 belong to seed s).
     *
     * @param start first step with input in any row (the state is zero before it)
     */
    public record Batch(int seeds, int rowsPerSeed, float[][] u, float[][] y, double[] rowWeight, int start) {
        /** The rows of the given seeds only, in that order. */
        public Batch seeds(int... pick) {
            int rows = pick.length * rowsPerSeed;
            float[][] su = new float[rows][];
            float[][] sy = new float[rows][];
            double[] sw = new double[rows];
            for (int k = 0; k < pick.length; k++) {
                for (int b = 0; b < rowsPerSeed; b++) {
                    int from = pick[k] * rowsPerSeed + b;
                    su[k * rowsPerSeed + b] = u[from];
                    sy[k * rowsPerSeed + b] = y[from];
                    sw[k * rowsPerSeed + b] = rowWeight[from];
                }
            }
            return new Batch(pick.length, rowsPerSeed, su, sy, sw, start);
        }
    }

    /** g G with G ~ N(0, 1/N), [N][N] floats (row i = weights into unit i). */
    public static float[][] recurrent(int n, double gain, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] g = new float[n][n];
        float fg = (float) gain;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g[i][j] = (float) (rng.nextGaussian() / Math.sqrt(n)) * fg;
            }
        }
        return g;
    }

    /** [rows][n] float values ~ N(0, sd^2), as doubles. */
    public static double[][] gaussian(int rows, int n, double sd, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] out = new double[rows][n];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < n; c++) {
                out[i][c] = (float) (rng.nextGaussian() * sd);
            }
        }
        return out;
    }

    /** gGt, row-major [N * N] with element (j, c) = gG[c][j], as the GPU engine takes it. */
    public static float[] transposed(float[][] gG) {
        int n = gG.length;
        float[] out = new float[n * n];
        for (int c = 0; c < n; c++) {
            for (int j = 0; j < n; j++) {
                out[j * n + c] = gG[c][j];
            }
        }
        return out;
    }

    /** A batch of fresh trials for S seeds x B rows: input 2.0 during the pulse, plateau 0.007 per step of duration. */
    public static Batch batch(int seeds, int rowsPerSeed, Task task, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int rows = seeds * rowsPerSeed;
        float[][] u = new float[rows][task.steps()];
        float[][] y = new float[rows][task.steps()];
        double[] weight = new double[rows];
        int start = task.steps();
        for (int i = 0; i < rows; i++) {
            boolean isCatch = rng.nextDouble() < task.catchFraction();
            int on = task.onset() + rng.nextInt(-task.onsetJitter(), task.onsetJitter());
            int dur = task.duration() + rng.nextInt(-task.durationJitter(), task.durationJitter());
            int count = 0;
            for (int t = 0; t < task.steps(); t++) {
                if (!isCatch) {
                    u[i][t] = t >= on && t <= on + dur ? 2.0f : 0f;
                    y[i][t] = t < on ? 0f : t < task.costOnset() ? -1f : (float) (0.007 * dur);
                }
                if (y[i][t] != -1f) {
                    count++;
                }
            }
            if (!isCatch) {
                start = Math.min(start, on);
            }
            weight[i] = count == 0 ? 0 : 1.0 / ((double) rowsPerSeed * count);
        }
        return new Batch(seeds, rowsPerSeed, u, y, weight, start);
    }
}
