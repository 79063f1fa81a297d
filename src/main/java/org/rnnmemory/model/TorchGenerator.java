package org.rnnmemory.model;

/**
 * PyTorch's CPU random number generator and its float32 {@code normal_}, reproduced bit for bit
 * (PyTorch 1.13 on x86-64 with AVX2, the reference implementation's platform).
 *
 * <p>The engine is MT19937 seeded with the low 32 bits of the seed ({@code torch.manual_seed}).
 * A float uniform is {@code (draw & (2^24 - 1)) * 2^-24}; a double uniform takes two draws,
 * {@code ((hi << 32 | lo) & (2^53 - 1)) * 2^-53}.
 *
 * <p>{@link #normal(int, float, float)} follows {@code normal_} on a contiguous float32 tensor:
 * <ul>
 *   <li>n &gt;= 16: all n uniforms are drawn first; each block of 16 is transformed by Box-Muller,
 *       element j (j &lt; 8) with element j + 8 ({@code u1 = 1 - d[j]}, {@code u2 = d[j + 8]}),
 *       in float arithmetic with the Cephes-style polynomials of the AVX2 kernel
 *       ({@link AvxMath}); when n % 16 != 0, 16 fresh uniforms overwrite the last 16 slots and
 *       that block is transformed again (n + 16 draws in all);</li>
 *   <li>n &lt; 16: each element comes from the double-precision scalar path, which produces normals
 *       in pairs and keeps the second for the next element (also across calls, until reseeded).</li>
 * </ul>
 * Checked against draws of PyTorch 1.13 (golden file in the tests, with its generator script).
 */
public final class TorchGenerator {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;
    private static final float FLOAT_UNIT = 1.0f / (1 << 24);
    private static final double DOUBLE_UNIT = 1.0 / (1L << 53);

    private final int[] state = new int[N];
    private int next;
    private double cachedNormal;
    private boolean hasCachedNormal;

    /** A generator as {@code torch.manual_seed(seed)} leaves it. */
    public TorchGenerator(long seed) {
        int s = (int) seed;
        state[0] = s;
        for (int j = 1; j < N; j++) {
            int prev = state[j - 1];
            state[j] = 1812433253 * (prev ^ (prev >>> 30)) + j;
        }
        next = N;
    }

    /** The next 32-bit output of MT19937, as an unsigned value in a long. */
    public long nextUint32() {
        if (next >= N) {
            twist();
        }
        int y = state[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFFFFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (state[i] & UPPER) | (state[(i + 1) % N] & LOWER);
            int v = state[(i + M) % N] ^ (y >>> 1);
            state[i] = (y & 1) != 0 ? v ^ MATRIX_A : v;
        }
        next = 0;
    }

    /** A float uniform in [0, 1) as {@code uniform_real_distribution<float>} draws it. */
    public float nextFloatUniform() {
        return (nextUint32() & 0xFFFFFF) * FLOAT_UNIT;
    }

    /** A double uniform in [0, 1) as {@code uniform_real_distribution<double>} draws it. */
    public double nextDoubleUniform() {
        long hi = nextUint32();
        long lo = nextUint32();
        return ((hi << 32 | lo) & ((1L << 53) - 1)) * DOUBLE_UNIT;
    }

    /**
     * {@code torch.empty(n).normal_(mean, std)}: n float32 normals in the order of the tensor's
     * elements (row-major for a matrix).
     */
    public float[] normal(int n, double mean, double std) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, found " + n);
        }
        float[] d = new float[n];
        if (n >= 16) {
            fillBlocks(d, (float) mean, (float) std);
        } else {
            for (int i = 0; i < n; i++) {
                d[i] = (float) (nextScalarNormal() * std + mean);
            }
        }
        return d;
    }

    private void fillBlocks(float[] d, float mean, float std) {
        int n = d.length;
        for (int i = 0; i < n; i++) {
            d[i] = nextFloatUniform();
        }
        for (int i = 0; i + 16 <= n; i += 16) {
            AvxMath.boxMuller16(d, i, mean, std);
        }
        if (n % 16 != 0) {
            int start = n - 16;
            for (int i = 0; i < 16; i++) {
                d[start + i] = nextFloatUniform();
            }
            AvxMath.boxMuller16(d, start, mean, std);
        }
    }

    /** One standard normal of the scalar double path (pairs, second one cached). */
    private double nextScalarNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }
}
