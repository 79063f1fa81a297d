package org.rnnmemory.model;

/**
 * The float32 Box-Muller transform of PyTorch's AVX2 {@code normal_} kernel, lane by lane: the
 * Cephes-style {@code log} and {@code sincos} polynomials of its vector math header
 * ({@code avx_mathfun.h}), evaluated in float. The compiled kernel contracts each multiply whose
 * only use is an addition into a fused multiply-add (for {@code a*b + c*d}, the first product in
 * program order); this class does the same with {@link Math#fma(float, float, float)}. Of the
 * possible contractions, those that change a result were identified against 600,000 PyTorch
 * draws; the others (products that are exact, such as {@code e * 0.693359375} or
 * {@code z * 0.5}) cannot change one. Every operation is an IEEE-754 operation with one rounding,
 * so the results are the same bits on every JVM, interpreted or compiled.
 */
final class AvxMath {
    private static final float TWO_PI = (float) (2.0 * Math.PI);

    // log: Cephes coefficients
    private static final float SQRTHF = 0.707106781186547524f;
    private static final float LOG_P0 = 7.0376836292E-2f;
    private static final float LOG_P1 = -1.1514610310E-1f;
    private static final float LOG_P2 = 1.1676998740E-1f;
    private static final float LOG_P3 = -1.2420140846E-1f;
    private static final float LOG_P4 = +1.4249322787E-1f;
    private static final float LOG_P5 = -1.6668057665E-1f;
    private static final float LOG_P6 = +2.0000714765E-1f;
    private static final float LOG_P7 = -2.4999993993E-1f;
    private static final float LOG_P8 = +3.3333331174E-1f;
    private static final float LOG_Q1 = -2.12194440e-4f;
    private static final float LOG_Q2 = 0.693359375f;

    // sincos: Cephes coefficients
    private static final float FOPI = 1.27323954473516f;
    private static final float MINUS_DP1 = -0.78515625f;
    private static final float MINUS_DP2 = -2.4187564849853515625e-4f;
    private static final float MINUS_DP3 = -3.77489497744594108e-8f;
    private static final float SINCOF_P0 = -1.9515295891E-4f;
    private static final float SINCOF_P1 = 8.3321608736E-3f;
    private static final float SINCOF_P2 = -1.6666654611E-1f;
    private static final float COSCOF_P0 = 2.443315711809948E-005f;
    private static final float COSCOF_P1 = -1.388731625493765E-003f;
    private static final float COSCOF_P2 = 4.166664568298827E-002f;

    private AvxMath() {}

    /**
     * Transforms the 16 uniforms {@code d[i .. i+15]} in place: for j &lt; 8, u1 = 1 - d[i+j],
     * u2 = d[i+j+8], d[i+j] = r cos(2 pi u2) std + mean and d[i+j+8] = r sin(2 pi u2) std + mean
     * with r = sqrt(-2 log u1).
     */
    static void boxMuller16(float[] d, int i, float mean, float std) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1.0f - d[i + j];
            float u2 = d[i + j + 8];
            float radius = (float) Math.sqrt(-2.0f * log(u1));
            float theta = TWO_PI * u2;
            float[] sc = sincos(theta);
            float n1 = radius * sc[1];
            float n2 = radius * sc[0];
            d[i + j] = Math.fma(n1, std, mean);
            d[i + j + 8] = Math.fma(n2, std, mean);
        }
    }

    /** Natural logarithm of a positive normal float, as the vector header computes it. */
    static float log(float x0) {
        float x = Math.max(x0, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        int imm0 = (bits >>> 23) - 0x7f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | Float.floatToRawIntBits(0.5f));
        float e = (float) imm0 + 1.0f;
        boolean small = x < SQRTHF;
        float tmp = small ? x : 0.0f;
        x = x - 1.0f;
        e = e - (small ? 1.0f : 0.0f);
        x = x + tmp;
        float z = x * x;
        float y = LOG_P0;
        y = Math.fma(y, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        x = Math.fma(e, LOG_Q2, x);
        return x;
    }

    /** {sin(x), cos(x)} as the vector header computes them. */
    static float[] sincos(float x0) {
        int signSin = Float.floatToRawIntBits(x0) & 0x80000000;
        float x = Math.abs(x0);
        float y = x * FOPI;
        int j = (int) y;
        j = (j + 1) & ~1;
        y = (float) j;
        int swapSignSin = (j & 4) << 29;
        boolean polyMask = (j & 2) == 0;
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        int signCos = (~(j - 2) & 4) << 29;
        signSin ^= swapSignSin;
        float z = x * x;
        float c = COSCOF_P0;
        c = Math.fma(c, z, COSCOF_P1);
        c = Math.fma(c, z, COSCOF_P2);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1.0f;
        float s = SINCOF_P0;
        s = Math.fma(s, z, SINCOF_P1);
        s = Math.fma(s, z, SINCOF_P2);
        s = s * z;
        s = Math.fma(s, x, x);
        float sinPoly = polyMask ? s : c;
        float cosPoly = polyMask ? c : s;
        float sin = Float.intBitsToFloat(Float.floatToRawIntBits(sinPoly) ^ signSin);
        float cos = Float.intBitsToFloat(Float.floatToRawIntBits(cosPoly) ^ signCos);
        return new float[] {sin, cos};
    }
}
