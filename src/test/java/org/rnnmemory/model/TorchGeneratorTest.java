package org.rnnmemory.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;

/**
 * PyTorch's generator and float32 {@code normal_} against draws of PyTorch 1.13 itself
 * (src/test/resources/torch/normal-draws-v1.json, written by src/test/python/torch_normal_goldens.py
 * with Debian's python3-torch on x86-64 with AVX2): every float bit for bit, on every path (scalar
 * double path below 16 elements with its cached second normal, the 16-wide AVX2 block path, the
 * re-drawn last block when n % 16 != 0), and the published System A network.
 */
class TorchGeneratorTest {
    static final Path GOLDEN = Path.of("src/test/resources/torch/normal-draws-v1.json");
    static final Path SYS_A1 = Path.of("src/test/resources/reference/sys_A1");
    static JsonNode golden;

    @BeforeAll
    static void load() throws Exception {
        golden = Json.MAPPER.readTree(GOLDEN.toFile());
    }

    @Test
    void everyGoldenDrawIsReproducedBitForBit() {
        int cases = 0;
        long floats = 0;
        for (JsonNode c : golden.get("cases")) {
            TorchGenerator gen = new TorchGenerator(c.get("seed").asLong());
            for (JsonNode d : c.get("draws")) {
                int n = 1;
                for (JsonNode dim : d.get("shape")) {
                    n *= dim.asInt();
                }
                float[] got = gen.normal(n, d.get("mean").asDouble(), d.get("std").asDouble());
                if (d.has("bits")) {
                    int[] want = new int[n];
                    for (int i = 0; i < n; i++) {
                        want[i] = d.get("bits").get(i).asInt();
                    }
                    assertArrayEquals(want, bits(got), "seed " + c.get("seed") + " shape " + d.get("shape")
                            + " std " + d.get("std"));
                } else {
                    checkSummary(d, got);
                }
                floats += n;
            }
            cases++;
        }
        assertEquals(92, cases, "cases in the golden file");
        assertTrue(floats > 1_000_000, "floats compared: " + floats);
    }

    /** The million-draw case is stored as its first and last 64 floats, the sum and the xor of all bits. */
    private static void checkSummary(JsonNode d, float[] got) {
        int[] b = bits(got);
        assertEquals(d.get("count").asInt(), b.length);
        for (int i = 0; i < 64; i++) {
            assertEquals(d.get("first_bits").get(i).asInt(), b[i], "first " + i);
            assertEquals(d.get("last_bits").get(i).asInt(), b[b.length - 64 + i], "last " + i);
        }
        long sum = 0;
        int xor = 0;
        for (int v : b) {
            sum += v & 0xFFFFFFFFL;
            xor ^= v;
        }
        assertEquals(d.get("sum_bits_mod_2_64").asLong(), sum, "sum of the bit patterns");
        assertEquals(d.get("xor_bits").asLong(), xor & 0xFFFFFFFFL, "xor of the bit patterns");
    }

    @Test
    void mt19937MatchesTheReferenceSequence() {
        // the standard MT19937 check value: the 10000th output of the generator seeded with 5489
        TorchGenerator g = new TorchGenerator(5489);
        long v = 0;
        for (int i = 0; i < 10000; i++) {
            v = g.nextUint32();
        }
        assertEquals(4123659995L, v);
    }

    @Test
    void seedsUseTheirLow32Bits() {
        assertArrayEquals(new TorchGenerator(5).normal(40, 0, 1), new TorchGenerator((1L << 32) + 5).normal(40, 0, 1));
    }

    @Test
    void networkSeedOneGivesThePublishedRecurrentMatrix() {
        INDArray g = Initializer.recurrent(500, 1, DataType.FLOAT, Draws.PYTORCH);
        INDArray published = Npy.read(SYS_A1.resolve("G.npy"), DataType.FLOAT);
        assertArrayEquals(bits(published.data().asFloat()), bits(g.data().asFloat()), "all 250000 floats");
    }

    @Test
    void initialInputOfSeedOneIsTheStartOfThePublishedTrainedInput() {
        double[] i0 = Initializer.input(500, 1, DataType.FLOAT, Draws.PYTORCH).data().asDouble();
        double[] trained = Npy.read(SYS_A1.resolve("I.npy"), DataType.DOUBLE).data().asDouble();
        double r = correlation(i0, trained);
        assertTrue(r >= 0.998, "correlation of I0 with the published trained I: " + r);
    }

    @Test
    void initialReadoutIsTheInputOverRootN() {
        int n = 500;
        float[] i0 = Initializer.input(n, 7, DataType.FLOAT, Draws.PYTORCH).data().asFloat();
        float[] w0 = Initializer.readout(n, 7, DataType.FLOAT, Draws.PYTORCH).data().asFloat();
        float scale = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < n; i++) {
            // the block path computes w0 = fl(n1 * fl(1/sqrt(N))) from the same n1 = I0
            assertEquals(Float.floatToRawIntBits(i0[i] * scale), Float.floatToRawIntBits(w0[i]), "unit " + i);
            // two float roundings (of 1/sqrt(N) and of the product): within 2 ulp of the exact I0 / sqrt(N)
            assertEquals(i0[i] / Math.sqrt(n), w0[i], 2 * Math.ulp(w0[i]), "unit " + i);
        }
    }

    static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }

    static double correlation(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
