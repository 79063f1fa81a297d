package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnmemory.train.InitFixture.P;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.ConfigValueException;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.Alignment;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Npy;

/** Each initialisation kind gives the vector its definition says, on a 30-unit network. */
class WeightInitializerTest {
    static final WeightInit RANDOM = new WeightInit.Random();
    static final int N = P.hiddenSize();

    static WeightInit.Pcs pcs(String of, List<Double> weights, Integer... pcs) {
        return new WeightInit.Pcs(List.of(pcs), of, weights);
    }

    @Test
    void randomIsTheSpecDrawOfTheModelSeed() {
        WeightInitializer.Initial a = InitFixture.initializer(RANDOM, RANDOM, DataType.FLOAT).initial(4);
        assertArrayEquals(InitFixture.random(true, 4, DataType.FLOAT), a.input(), 0.0);
        assertArrayEquals(InitFixture.random(false, 4, DataType.FLOAT), a.readout(), 0.0);
        assertNotEquals(a.input()[0], InitFixture.random(true, 5, DataType.FLOAT)[0]);
    }

    /** {@code readout: input}: w0 = I0 / sqrt(N), so cos(I0, w0) = 1 and |w0| = |I0| / sqrt(N). */
    @Test
    void readoutFromTheInputIsTheInputOverSqrtN() {
        for (DataType type : List.of(DataType.FLOAT, DataType.DOUBLE)) {
            WeightInitializer.Initial a = InitFixture.initializer(RANDOM, new WeightInit.ScaledInput(), type).initial(6);
            assertArrayEquals(InitFixture.random(true, 6, type), a.input(), 0.0);
            for (int i = 0; i < N; i++) {
                double want = a.input()[i] / Math.sqrt(N);
                assertEquals(type == DataType.FLOAT ? (float) want : want, a.readout()[i], 0.0);
            }
            double dot = 0;
            for (int i = 0; i < N; i++) {
                dot += a.input()[i] * a.readout()[i];
            }
            assertEquals(1.0, dot / WeightInitializer.norm(a.input()) / WeightInitializer.norm(a.readout()), 1e-6);
        }
        assertEquals("input", new WeightInit.ScaledInput().toYaml());
    }

    @Test
    void inputAlongSpontaneousPc1KeepsTheRandomNorm() {
        Pca spont = InitFixture.spontaneousPca(DataType.DOUBLE);
        assertTrue(spont.eigenvalues()[0] > 1e-3 && spont.eigenvalues()[0] > 1.2 * spont.eigenvalues()[1],
                "PC1 must be well separated: " + spont.eigenvalues()[0] + ", " + spont.eigenvalues()[1]);
        WeightInitializer init = InitFixture.initializer(pcs("spontaneous", null, 1), RANDOM, DataType.DOUBLE);
        for (int seed : new int[] {1, 2}) {
            double[] in = init.input(seed);
            assertEquals(1.0, Alignment.of(spont, in).varianceAlignment(), 1e-6);
            assertEquals(1.0, InitFixture.topFraction(spont, in, 1), 1e-12);
            double randomNorm = WeightInitializer.norm(InitFixture.random(true, seed, DataType.DOUBLE));
            assertEquals(randomNorm, WeightInitializer.norm(in), 1e-12 * randomNorm);
            assertTrue(spont.project(in)[0] > 0 == WeightInitializer.signFixedVector(spont, 0)[0] > 0);
        }
        double n1 = WeightInitializer.norm(init.input(1));
        double n2 = WeightInitializer.norm(init.input(2));
        assertTrue(Math.abs(n1 - n2) > 1e-3, "the norm follows each seed's draw: " + n1 + " vs " + n2);
        double cos = dot(init.input(1), init.input(2)) / (n1 * n2);
        assertEquals(1.0, cos, 1e-12, "the direction is the same PC for every seed");
    }

    @Test
    void float32ValuesAreRoundedAndKeepTheNorm() {
        WeightInitializer init = InitFixture.initializer(pcs("spontaneous", null, 1), RANDOM, DataType.FLOAT);
        double[] in = init.input(3);
        for (double x : in) {
            assertEquals(x, (double) (float) x, 0.0);
        }
        double randomNorm = WeightInitializer.norm(InitFixture.random(true, 3, DataType.FLOAT));
        assertEquals(randomNorm, WeightInitializer.norm(in), 1e-6 * randomNorm);
        assertEquals(1.0, Alignment.of(InitFixture.spontaneousPca(DataType.FLOAT), in).varianceAlignment(), 1e-6);
    }

    @Test
    void readoutAlongMemoryPcs1To3UsesTheSeedsInput() {
        WeightInitializer init = InitFixture.initializer(RANDOM, pcs("memory", null, 1, 2, 3), DataType.DOUBLE);
        WeightInitializer.Initial a = init.initial(6);
        Pca memory = InitFixture.memoryPca(a.input(), DataType.DOUBLE);
        assertEquals(1.0, InitFixture.topFraction(memory, a.readout(), 3), 1e-12);
        double norm = WeightInitializer.norm(a.readout());
        double[] c = memory.project(a.readout());
        for (int k = 0; k < 3; k++) {
            assertEquals(norm / Math.sqrt(3), Math.abs(c[k]), 1e-9 * norm, "projection on PC" + (k + 1));
        }
        double randomNorm = WeightInitializer.norm(InitFixture.random(false, 6, DataType.DOUBLE));
        assertEquals(randomNorm, norm, 1e-12 * randomNorm);
    }

    @Test
    void memoryPcaOfTheReadoutFollowsAPcInput() {
        WeightInitializer init = InitFixture.initializer(pcs("spontaneous", null, 1), pcs("memory", null, 1),
                DataType.DOUBLE);
        WeightInitializer.Initial a = init.initial(2);
        Pca withPcInput = InitFixture.memoryPca(a.input(), DataType.DOUBLE);
        Pca withRandomInput = InitFixture.memoryPca(InitFixture.random(true, 2, DataType.DOUBLE), DataType.DOUBLE);
        assertEquals(1.0, InitFixture.topFraction(withPcInput, a.readout(), 1), 1e-12);
        double other = InitFixture.topFraction(withRandomInput, a.readout(), 1);
        assertTrue(other < 1 - 1e-3, "memory PC1 of the random-input network differs: fraction " + other);
    }

    @Test
    void weightsSetTheRatioOfProjections() {
        WeightInitializer init = InitFixture.initializer(pcs("spontaneous", List.of(1.0, 2.0), 1, 2), RANDOM,
                DataType.DOUBLE);
        double[] in = init.input(1);
        Pca spont = InitFixture.spontaneousPca(DataType.DOUBLE);
        double c1 = dot(WeightInitializer.signFixedVector(spont, 0), in);
        double c2 = dot(WeightInitializer.signFixedVector(spont, 1), in);
        assertEquals(2.0, c2 / c1, 1e-9);
        assertTrue(c1 > 0);
        assertEquals(1.0, InitFixture.topFraction(spont, in, 2), 1e-12);
        double norm = WeightInitializer.norm(in);
        assertEquals(norm / Math.sqrt(5), c1, 1e-9 * norm);
    }

    @Test
    void eigenvectorSignsDoNotMatter() {
        Pca spont = InitFixture.spontaneousPca(DataType.DOUBLE);
        double[][] flipped = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < N; k++) {
                flipped[i][k] = -spont.eigenvectors()[i][k];
            }
        }
        Pca minus = new Pca(spont.eigenvalues(), flipped);
        List<Integer> pcs = List.of(1, 3);
        List<Double> w = List.of(0.5, -1.5);
        assertArrayEquals(WeightInitializer.combination(spont, pcs, w), WeightInitializer.combination(minus, pcs, w),
                0.0);
        double[] e = WeightInitializer.signFixedVector(minus, 0);
        int arg = 0;
        for (int i = 1; i < N; i++) {
            arg = Math.abs(e[i]) > Math.abs(e[arg]) ? i : arg;
        }
        assertTrue(e[arg] > 0);
    }

    @Test
    void vectorIsReadFromTheFileAsGiven(@TempDir Path dir) {
        double[] v = new double[N];
        double[] u = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = 0.25 * i - 3;
            u[i] = Math.sin(i);
        }
        Path flat = dir.resolve("flat.npy");
        Path column = dir.resolve("column.npy");
        Npy.write(flat, Nd4j.createFromArray(v));
        Npy.write(column, Nd4j.createFromArray(u).reshape(N, 1));
        WeightInitializer init = InitFixture.initializer(new WeightInit.Vector(flat), new WeightInit.Vector(column),
                DataType.DOUBLE);
        for (int seed : new int[] {1, 9}) {
            WeightInitializer.Initial a = init.initial(seed);
            assertArrayEquals(v, a.input(), 0.0);
            assertArrayEquals(u, a.readout(), 0.0);
        }
        double[] f = InitFixture.initializer(RANDOM, new WeightInit.Vector(column), DataType.FLOAT).readout(1, v);
        for (int i = 0; i < N; i++) {
            assertEquals((float) u[i], f[i], 0.0);
        }
    }

    @Test
    void badVectorFilesNameTheFile(@TempDir Path dir) {
        Path shortFile = dir.resolve("short.npy");
        Npy.write(shortFile, Nd4j.ones(DataType.DOUBLE, N - 1));
        InputFileException e = assertThrows(InputFileException.class,
                () -> InitFixture.initializer(new WeightInit.Vector(shortFile), RANDOM, DataType.FLOAT));
        assertEquals(shortFile, e.file());
        assertTrue(e.getMessage().startsWith(shortFile + ": expected a weight vector of shape (30,) or (30, 1)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("found shape [29]"), e.getMessage());

        Path matrix = dir.resolve("matrix.npy");
        Npy.write(matrix, Nd4j.ones(DataType.DOUBLE, N, 2));
        e = assertThrows(InputFileException.class,
                () -> InitFixture.initializer(RANDOM, new WeightInit.Vector(matrix), DataType.FLOAT));
        assertTrue(e.getMessage().startsWith(matrix.toString()) && e.getMessage().endsWith("[30, 2]"), e.getMessage());

        Path zero = dir.resolve("zero.npy");
        Npy.write(zero, Nd4j.zeros(DataType.FLOAT, N));
        e = assertThrows(InputFileException.class,
                () -> InitFixture.initializer(RANDOM, new WeightInit.Vector(zero), DataType.FLOAT));
        assertEquals(zero + ": the weight vector is zero (norm 0)", e.getMessage());

        Path missing = dir.resolve("missing.npy");
        e = assertThrows(InputFileException.class,
                () -> InitFixture.initializer(new WeightInit.Vector(missing), RANDOM, DataType.FLOAT));
        assertEquals(missing + ": file not found", e.getMessage());
    }

    @Test
    void zeroWeightsAndTooLargePcsNameTheKey() {
        WeightInitializer zero = InitFixture.initializer(pcs("spontaneous", List.of(0.0, 0.0), 1, 2), RANDOM,
                DataType.FLOAT);
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> zero.initial(1));
        assertEquals("network.init.input", e.key());
        assertTrue(e.getMessage().startsWith("network.init.input: the weighted sum of PCs [1, 2] with weights"
                + " [0.0, 0.0] has norm 0.0"), e.getMessage());

        e = assertThrows(ConfigValueException.class,
                () -> InitFixture.initializer(RANDOM, pcs("memory", null, 2, 31), DataType.FLOAT));
        assertEquals("network.init.readout.pcs[1]", e.key());
        assertEquals("network.init.readout.pcs[1]: must be <= network.hidden_size = 30, found 31", e.getMessage());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
