package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * FastTanh against {@code (float) StrictMath.tanh(x)} for every float with |x| <= 10.5 (about 2.2e9
 * values, ~1 minute). Off by default; run with
 * {@code mvn test -Dtest=FastTanhExhaustiveTest -Drnnmem.exhaustive=true}.
 */
@EnabledIfSystemProperty(named = "rnnmem.exhaustive", matches = "true")
class FastTanhExhaustiveTest {
    @Test
    void everyFloatUpToTenAndAHalf() {
        int chunk = 1 << 20;
        float[] x = new float[chunk];
        float[] y = new float[chunk];
        double[] work = new double[chunk];
        int top = Float.floatToIntBits(10.5f);
        long total = 0;
        long differing = 0;
        String first = null;
        for (int sign = 0; sign < 2; sign++) {
            for (int from = 0; from <= top; from += chunk) {
                int n = Math.min(chunk, top - from + 1);
                for (int i = 0; i < n; i++) {
                    x[i] = Float.intBitsToFloat(sign == 0 ? from + i : (from + i) | 0x80000000);
                }
                FastTanh.tanh(x, y, work, n);
                for (int i = 0; i < n; i++) {
                    total++;
                    float want = (float) StrictMath.tanh(x[i]);
                    if (Float.floatToIntBits(want) != Float.floatToIntBits(y[i])) {
                        differing++;
                        if (first == null) {
                            first = "tanh(" + x[i] + ") = " + y[i] + ", reference " + want;
                        }
                    }
                }
            }
        }
        System.out.printf("FastTanh: %d floats, %d differ from the rounded reference%n", total, differing);
        assertEquals(0, differing, first);
    }
}
