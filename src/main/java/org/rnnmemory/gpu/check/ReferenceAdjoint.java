package org.rnnmemory.gpu.check;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rnnmemory.gpu.CudaAdjoint;

/**
 * A plain-Java adjoint BPTT of the CTRNN, independent of the GPU engine and of ND4J, in float64 or in
 * float32 (every operation rounded to float, as the CPU engine computes): the oracle of the GPU
 * self-test. Rows are independent given their seed's I and w, so blocks of rows run on separate
 * threads; within a row every sum runs in index order.
 *
 * <pre>
 *   h[t+1] = (1-a) h[t] + a r[t] gGt + a u[t] I,  r = tanh(h),  z[t] = w . r[t+1]
 *   e[t] = 2 lw (z[t] - y[t]) where y[t] != -1;   L = sum lw (z - y)^2
 *   gh[t+1] = (a gh[t+2] gGt^T + e[t] w) (1 - r[t+1]^2) + (1-a) gh[t+2]
 *   dL/dI = a sum_t u[t] gh[t+1],   dL/dw = sum_t e[t] r[t+1]
 * </pre>
 * tanh is {@link Math#tanh} (rounded to float in float32); z, the loss, e and dL/dw are summed in double
 * in both precisions.
 */
public final class ReferenceAdjoint {
    private final int n;
    private final double alpha;
    private final boolean f32;
    private final boolean trainInput;
    private final boolean trainReadout;
    /** [j][c] = gG[c][j] (forward), as double and float. */
    private final double[][] fwdD;
    private final float[][] fwdF;
    /** [j][c] = gG[j][c] (backward). */
    private final double[][] bwdD;
    private final float[][] bwdF;

    /**
     * @param gG g G, [N][N], row i = weights into unit i (float values)
     * @param alpha a = dt / tau
     * @param f32 float32 arithmetic (else float64)
     */
    public ReferenceAdjoint(float[][] gG, double alpha, boolean trainInput, boolean trainReadout, boolean f32) {
        this.n = gG.length;
        this.alpha = alpha;
        this.f32 = f32;
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        fwdD = new double[n][n];
        fwdF = new float[n][n];
        bwdD = new double[n][n];
        bwdF = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                fwdD[j][i] = gG[i][j];
                fwdF[j][i] = gG[i][j];
                bwdD[i][j] = gG[i][j];
                bwdF[i][j] = gG[i][j];
            }
        }
    }

    private double rnd(double x) {
        return f32 ? (float) x : x;
    }

    /** Per-row results of a block. */
    private record RowResult(double loss, double[] pulse, double[] gw) {}

    /**
     * Loss and gradients for a stacked batch, as {@link CudaAdjoint#compute} takes it.
     *
     * @param threads worker threads
     */
    public CudaAdjoint.Result compute(int seeds, int rowsPerSeed, float[][] u, float[][] y, double[] rowWeight,
                                      int start, double[][] input, double[][] readout, double[][] initialState,
                                      int threads) {
        int rows = seeds * rowsPerSeed;
        int steps = u[0].length;
        int block = Math.max(1, Math.min(8, (rows + threads - 1) / threads));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "reference-adjoint");
            t.setDaemon(true);
            return t;
        });
        RowResult[] results = new RowResult[rows];
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int b0 = 0; b0 < rows; b0 += block) {
                int from = b0;
                int to = Math.min(rows, b0 + block);
                jobs.add(pool.submit(() -> rowsBlock(from, to, rowsPerSeed, u, y, rowWeight, start, input, readout,
                        initialState, results)));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("reference adjoint failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        double[] loss = new double[seeds];
        double[][] gi = new double[seeds][n];
        double[][] gw = new double[seeds][n];
        for (int s = 0; s < seeds; s++) {
            double[] p = new double[n];
            for (int b = 0; b < rowsPerSeed; b++) {
                int i = s * rowsPerSeed + b;
                double before = 0;
                for (int t = 0; t < start; t++) {
                    if (y[i][t] != -1f) {
                        before += (double) y[i][t] * y[i][t];
                    }
                }
                loss[s] += rowWeight[i] * before + results[i].loss();
                for (int c = 0; c < n; c++) {
                    p[c] = rnd(p[c] + results[i].pulse()[c]);
                    gw[s][c] += results[i].gw()[c];
                }
            }
            for (int c = 0; c < n; c++) {
                gi[s][c] = trainInput ? rnd(p[c] * rnd(alpha)) : 0;
                if (!trainReadout) {
                    gw[s][c] = 0;
                }
            }
        }
        return new CudaAdjoint.Result(loss, gi, gw, steps - start);
    }

    /** Forward and backward pass of rows [from, to). */
    private void rowsBlock(int from, int to, int rowsPerSeed, float[][] u, float[][] y, double[] rowWeight, int start,
                           double[][] input, double[][] readout, double[][] initialState, RowResult[] out) {
        int m = to - from;
        int steps = u[0].length;
        int len = steps - start;
        double a = rnd(alpha);
        double keep = rnd(1.0 - alpha);
        double[][] h = new double[m][n];
        double[][] w = new double[m][];
        double[][] ai = new double[m][n];
        double[][][] rates = new double[m][len + 1][];
        double[][] err = new double[m][len];
        double[] loss = new double[m];
        double[][] gw = new double[m][n];
        for (int b = 0; b < m; b++) {
            int seed = (from + b) / rowsPerSeed;
            w[b] = new double[n];
            for (int c = 0; c < n; c++) {
                w[b][c] = rnd(readout[seed][c]);
                ai[b][c] = rnd(rnd(input[seed][c]) * a);
                h[b][c] = initialState == null ? 0 : rnd(initialState[seed][c]);
            }
            rates[b][0] = tanh(h[b]);
        }
        double[][] acc = new double[m][n];
        float[][] accF = new float[m][n];
        for (int k = 0; k < len; k++) {
            int t = start + k;
            double[][] prev = new double[m][];
            for (int b = 0; b < m; b++) {
                prev[b] = rates[b][k];
            }
            product(prev, acc, accF, fwdD, fwdF);
            for (int b = 0; b < m; b++) {
                int i = from + b;
                double ui = u[i][t];
                double[] hb = h[b];
                for (int c = 0; c < n; c++) {
                    double v = rnd(rnd(a * acc[b][c]) + rnd(keep * hb[c]));
                    if (ui != 0) {
                        v = rnd(v + rnd(ui * ai[b][c]));
                    }
                    hb[c] = v;
                }
                double[] r = tanh(hb);
                rates[b][k + 1] = r;
                if (y[i][t] != -1f) {
                    double z = 0;
                    for (int c = 0; c < n; c++) {
                        z += r[c] * w[b][c];
                    }
                    double d = z - y[i][t];
                    loss[b] += rowWeight[i] * d * d;
                    double e = 2 * rowWeight[i] * d;
                    err[b][k] = rnd(e);
                    for (int c = 0; c < n; c++) {
                        gw[b][c] += e * r[c];
                    }
                }
            }
        }
        double[][] pulse = new double[m][n];
        if (trainInput) {
            double[][] gh = new double[m][n];
            for (int k = len - 1; k >= 0; k--) {
                int t = start + k;
                product(gh, acc, accF, bwdD, bwdF);
                for (int b = 0; b < m; b++) {
                    int i = from + b;
                    double[] r = rates[b][k + 1];
                    double ui = u[i][t];
                    for (int c = 0; c < n; c++) {
                        double v = rnd(rnd(a * acc[b][c]) + rnd(err[b][k] * w[b][c]));
                        v = rnd(v * rnd(1 - rnd(r[c] * r[c])));
                        v = rnd(v + rnd(keep * gh[b][c]));
                        gh[b][c] = v;
                        if (ui != 0) {
                            pulse[b][c] = rnd(pulse[b][c] + rnd(v * ui));
                        }
                    }
                }
            }
        }
        for (int b = 0; b < m; b++) {
            out[from + b] = new RowResult(loss[b], pulse[b], gw[b]);
        }
    }

    /** acc[b][c] = sum_j x[b][j] mat[j][c], in float or double, j in order. */
    private void product(double[][] x, double[][] acc, float[][] accF, double[][] matD, float[][] matF) {
        int m = x.length;
        if (f32) {
            for (float[] row : accF) {
                java.util.Arrays.fill(row, 0f);
            }
            for (int j = 0; j < n; j++) {
                float[] g = matF[j];
                for (int b = 0; b < m; b++) {
                    float xj = (float) x[b][j];
                    float[] ab = accF[b];
                    for (int c = 0; c < n; c++) {
                        ab[c] += xj * g[c];
                    }
                }
            }
            for (int b = 0; b < m; b++) {
                for (int c = 0; c < n; c++) {
                    acc[b][c] = accF[b][c];
                }
            }
        } else {
            for (double[] row : acc) {
                java.util.Arrays.fill(row, 0);
            }
            for (int j = 0; j < n; j++) {
                double[] g = matD[j];
                for (int b = 0; b < m; b++) {
                    double xj = x[b][j];
                    double[] ab = acc[b];
                    for (int c = 0; c < n; c++) {
                        ab[c] += xj * g[c];
                    }
                }
            }
        }
    }

    private double[] tanh(double[] h) {
        double[] r = new double[n];
        for (int c = 0; c < n; c++) {
            r[c] = rnd(Math.tanh(h[c]));
        }
        return r;
    }
}
