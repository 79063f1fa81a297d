package org.rnnmemory.gpu;

import java.util.List;

/**
 * The engine's element-wise kernels as CUDA C source, compiled at run time by NVRTC with
 * {@code --fmad=false} (no contraction of a*b+c into a fused multiply-add unless written as
 * {@code fmaf}), so that each expression rounds as the CPU engine's Java and ND4J code does.
 *
 * <ul>
 *   <li>{@value #INIT}: h = h[0] of the row's seed (or 0) and r = tanh(h), over [R, N].</li>
 *   <li>{@value #FORWARD}: one block of {@value #ROW_BLOCK} threads per row, after the GEMM
 *       h = a r gGt + (1-a) h: adds the input u a I, stores r = tanh(h), reduces z = w . r in double,
 *       and from z the row's loss, its error e = 2 lw (z - y) (stored as float) and dL/dw += e r (double,
 *       per row).</li>
 *   <li>{@value #BACKWARD}: after the GEMM g = a gh[t+2] gGt^T, element-wise
 *       gh[t+1] = (g + e w) (1 - r^2) + (1-a) gh[t+2] (the last term fused, as OpenBLAS's axpy does), and
 *       P += u gh[t+1] where the row has input.</li>
 *   <li>{@value #SEED_SUMS}: per seed and unit, dL/dI = a sum over the seed's rows of P (float),
 *       dL/dw and the loss summed over its rows (double).</li>
 * </ul>
 *
 * <p>tanh is the CPU engine's: the float argument is widened to double, clamped to [-10, 10],
 * m = expm1(-2x) from a degree-11 Taylor polynomial at -2x/128 and seven doublings, tanh = -m / (2 + m),
 * rounded once to float; the same double operations in the same order (constants written as exact
 * hexadecimal literals), so the device's tanh of a float equals the CPU engine's bit for bit.
 */
public final class Kernels {
    public static final String INIT = "rnn_init";
    public static final String FORWARD = "rnn_forward";
    public static final String BACKWARD = "rnn_backward";
    public static final String SEED_SUMS = "rnn_seed_sums";
    /** Every entry point the engine launches. */
    public static final List<String> ENTRY_POINTS = List.of(INIT, FORWARD, BACKWARD, SEED_SUMS);
    /** Threads per block of {@value #FORWARD} (a power of two: its reduction halves it). */
    public static final int ROW_BLOCK = 128;
    /** Threads per block of the element-wise kernels. */
    public static final int ELEMENT_BLOCK = 256;
    /** NVRTC options besides the architecture. */
    public static final List<String> OPTIONS = List.of("--fmad=false");

    private Kernels() {}

    /** The CUDA C source of every kernel. */
    public static String source() {
        StringBuilder c = new StringBuilder();
        for (int k = 2; k <= 11; k++) {
            c.append("#define RNN_C").append(k).append(' ').append(Double.toHexString(1.0 / factorial(k))).append('\n');
        }
        return "// rnn-memory: element-wise kernels of the adjoint engine (float32 state; tanh, outputs and sums in"
                + " double)\n"
                + "#define RNN_ROW_BLOCK " + ROW_BLOCK + "\n"
                + c
                + """

                __device__ float rnn_tanh(float x) {
                    double v = (double) x;
                    v = v < -10.0 ? -10.0 : (v > 10.0 ? 10.0 : v);
                    double z = v * (-2.0 / 128);
                    double m = z * (1 + z * (RNN_C2 + z * (RNN_C3 + z * (RNN_C4 + z * (RNN_C5 + z * (RNN_C6
                            + z * (RNN_C7 + z * (RNN_C8 + z * (RNN_C9 + z * (RNN_C10 + z * RNN_C11))))))))));
                    m = m * (2 + m);
                    m = m * (2 + m);
                    m = m * (2 + m);
                    m = m * (2 + m);
                    m = m * (2 + m);
                    m = m * (2 + m);
                    m = m * (2 + m);
                    return (float) (-m / (2 + m));
                }

                extern "C" __global__ void rnn_init(float* h, float* r, const float* h0, int hasH0, int rows, int n,
                                                    int rowsPerSeed) {
                    long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                    if (idx >= (long long) rows * n) return;
                    int i = (int) (idx / n);
                    int c = (int) (idx - (long long) i * n);
                    float v = hasH0 ? h0[(long long) (i / rowsPerSeed) * n + c] : 0.0f;
                    h[idx] = v;
                    r[idx] = rnn_tanh(v);
                }

                extern "C" __global__ void rnn_forward(float* h, float* rnext, const float* u, const float* y, int k,
                                                       int steps, const float* aI, const float* w,
                                                       const double* rowWeight, float* ek, double* lossRow,
                                                       double* gwRow, int n, int rowsPerSeed, float notEvaluated,
                                                       int trainReadout) {
                    __shared__ double part[RNN_ROW_BLOCK];
                    int i = blockIdx.x;
                    int seed = i / rowsPerSeed;
                    long long row = (long long) i * n;
                    long long at = (long long) i * steps + k;
                    float ui = u[at];
                    const float* ai = aI + (long long) seed * n;
                    const float* wi = w + (long long) seed * n;
                    double dot = 0.0;
                    for (int c = threadIdx.x; c < n; c += blockDim.x) {
                        float v = h[row + c];
                        if (ui != 0.0f) {
                            v = v + ui * ai[c];
                            h[row + c] = v;
                        }
                        float r = rnn_tanh(v);
                        rnext[row + c] = r;
                        dot += (double) r * (double) wi[c];
                    }
                    part[threadIdx.x] = dot;
                    __syncthreads();
                    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
                        if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
                        __syncthreads();
                    }
                    float yi = y[at];
                    if (yi == notEvaluated) {
                        if (threadIdx.x == 0) ek[i] = 0.0f;
                        return;
                    }
                    double err = part[0] - (double) yi;
                    double wgt = rowWeight[i];
                    double e = 2 * wgt * err;
                    if (threadIdx.x == 0) {
                        ek[i] = (float) e;
                        lossRow[i] += wgt * err * err;
                    }
                    if (trainReadout) {
                        for (int c = threadIdx.x; c < n; c += blockDim.x) {
                            gwRow[row + c] += e * (double) rnext[row + c];
                        }
                    }
                }

                extern "C" __global__ void rnn_backward(float* gh, const float* ghNext, const float* r, const float* ek,
                                                        const float* w, const float* u, int k, int steps, float* pulse,
                                                        int rows, int n, int rowsPerSeed, float keep) {
                    long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                    if (idx >= (long long) rows * n) return;
                    int i = (int) (idx / n);
                    int c = (int) (idx - (long long) i * n);
                    int seed = i / rowsPerSeed;
                    float v = gh[idx] + ek[i] * w[(long long) seed * n + c];
                    float rv = r[idx];
                    v = v * (1.0f - rv * rv);
                    v = fmaf(keep, ghNext[idx], v);
                    gh[idx] = v;
                    float ui = u[(long long) i * steps + k];
                    if (ui != 0.0f) pulse[idx] = pulse[idx] + v * ui;
                }

                extern "C" __global__ void rnn_seed_sums(const float* pulse, const double* gwRow,
                                                         const double* lossRow, float* gi, double* gw, double* loss,
                                                         int seeds, int rowsPerSeed, int n, float alpha) {
                    long long idx = (long long) blockIdx.x * blockDim.x + threadIdx.x;
                    if (idx >= (long long) seeds * n) return;
                    int s = (int) (idx / n);
                    int c = (int) (idx - (long long) s * n);
                    float acc = 0.0f;
                    double g = 0.0;
                    for (int b = 0; b < rowsPerSeed; b++) {
                        long long at = ((long long) s * rowsPerSeed + b) * n + c;
                        acc = acc + pulse[at];
                        g += gwRow[at];
                    }
                    gi[idx] = acc * alpha;
                    gw[idx] = g;
                    if (c == 0) {
                        double l = 0.0;
                        for (int b = 0; b < rowsPerSeed; b++) l += lossRow[s * rowsPerSeed + b];
                        loss[s] = l;
                    }
                }
                """;
    }

    /** Blocks of {@value #ELEMENT_BLOCK} threads covering {@code elements}. */
    public static int elementGrid(long elements) {
        long g = (elements + ELEMENT_BLOCK - 1) / ELEMENT_BLOCK;
        if (g > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many elements for one launch: " + elements);
        }
        return (int) Math.max(1, g);
    }

    private static double factorial(int k) {
        double f = 1;
        for (int i = 2; i <= k; i++) {
            f *= i;
        }
        return f;
    }
}
