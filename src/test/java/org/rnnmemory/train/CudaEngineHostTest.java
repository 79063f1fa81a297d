package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.gpu.CudaAdjoint;
import org.rnnmemory.gpu.HostExecutor;
import org.rnnmemory.gpu.check.ReferenceAdjoint;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/**
 * The cuda engine's arithmetic against the CPU adjoint engine, without a GPU: its kernels run on the
 * host ({@link HostExecutor}). Also ties the self-test's plain-Java reference adjoint to the CPU engine.
 * Rule for float32 results: err(x) = |x - x64| / |x64| against the CPU engine in float64, and
 * err(engine) <= max(4 err(CPU engine in float32), 1e-6).
 */
class CudaEngineHostTest {
    static final int N = 20;
    static final ModelParams P = new ModelParams(N, 100.0, 1.0, 1.5);
    static final TaskSpec TASK = new TaskSpec(700, 300, 100, 40, 20, 2.0, 0.007, 500, 0.1, 20);
    private static HostExecutor host;

    @TempDir
    static Path dir;

    @BeforeAll
    static void compile() throws Exception {
        if (HostExecutor.compiler() != null) {
            host = HostExecutor.compile(dir);
        }
    }

    @BeforeEach
    void needsACompiler() {
        Assumptions.assumeTrue(host != null, "no C++ compiler on this machine: the kernels cannot "
                + "be run on the host");
    }

    private static EnsembleBatch batch(int seeds, int b, long seed) {
        TrialGenerator gen = new TrialGenerator(TASK, new SplittableRandom(seed));
        List<List<Trial>> out = new java.util.ArrayList<>();
        for (int s = 0; s < seeds; s++) {
            List<Trial> l = new java.util.ArrayList<>();
            for (int i = 0; i < b; i++) {
                l.add(gen.next());
            }
            out.add(l);
        }
        return EnsembleBatch.of(out, true);
    }

    private static double[][] weights(int seeds, boolean input) {
        double[][] w = new double[seeds][];
        for (int s = 0; s < seeds; s++) {
            w[s] = (input ? Initializer.input(N, s + 1, DataType.FLOAT) : Initializer.readout(N, s + 1, DataType.FLOAT))
                    .castTo(DataType.DOUBLE).data().asDouble();
        }
        return w;
    }

    private static double[] flat(double[][] v) {
        return Arrays.stream(v).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double err(double[] x, double[] ref) {
        double d = 0;
        double r = 0;
        for (int i = 0; i < x.length; i++) {
            d += (x[i] - ref[i]) * (x[i] - ref[i]);
            r += ref[i] * ref[i];
        }
        return Math.sqrt(d / r);
    }

    private static void assertWithinFloat32(Gradients got, Gradients cpu32, Gradients cpu64) {
        double[][] g = {got.loss(), flat(got.gradInput()), flat(got.gradReadout())};
        double[][] c32 = {cpu32.loss(), flat(cpu32.gradInput()), flat(cpu32.gradReadout())};
        double[][] c64 = {cpu64.loss(), flat(cpu64.gradInput()), flat(cpu64.gradReadout())};
        for (int i = 0; i < 3; i++) {
            double e = err(g[i], c64[i]);
            double e32 = err(c32[i], c64[i]);
            assertTrue(e <= Math.max(4 * e32, 1e-6), "part " + i + ": " + e + " vs CPU float32 " + e32);
        }
    }

    @Test
    void emulatedCudaEngineMatchesTheCpuAdjointEngine() {
        INDArray g = Initializer.recurrent(N, 3, DataType.FLOAT);
        EnsembleBatch batch = batch(3, 4, 17);
        double[][] in = weights(3, true);
        double[][] out = weights(3, false);
        long bytes = 1L << 30;
        Gradients gpu;
        Gradients cpu32;
        Gradients cpu64;
        try (CudaEngine e = new CudaEngine(P, g, true, true, host);
             AdjointEngine a32 = new AdjointEngine(P, g, true, true, DataType.FLOAT, 250, bytes);
             AdjointEngine a64 = new AdjointEngine(P, g, true, true, DataType.DOUBLE, 250, bytes)) {
            gpu = e.compute(batch, in, out, null);
            cpu32 = a32.compute(batch, in, out, null);
            cpu64 = a64.compute(batch, in, out, null);
            assertEquals(700 - 250 * (batch.start() / 250), gpu.simulatedSteps());
            assertEquals(gpu.simulatedSteps(), e.lastKeptSteps());
        }
        assertWithinFloat32(gpu, cpu32, cpu64);
    }

    @Test
    void selfTestReferenceMatchesTheCpuAdjointEngine() {
        INDArray g = Initializer.recurrent(N, 4, DataType.FLOAT);
        EnsembleBatch batch = batch(2, 3, 18);
        double[][] in = weights(2, true);
        double[][] out = weights(2, false);
        float[][] gG = new float[N][N];
        INDArray scaled = g.castTo(DataType.FLOAT).mul(P.gain());
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                gG[i][j] = scaled.getFloat(i, j);
            }
        }
        Gradients cpu32;
        Gradients cpu64;
        try (AdjointEngine a32 = new AdjointEngine(P, g, true, true, DataType.FLOAT, 250, 1L << 30);
             AdjointEngine a64 = new AdjointEngine(P, scaled.castTo(DataType.DOUBLE).div(P.gain()), true, true,
                     DataType.DOUBLE, 250, 1L << 30)) {
            cpu32 = a32.compute(batch, in, out, null);
            cpu64 = a64.compute(batch, in, out, null);
        }
        CudaAdjoint.Result r64 = new ReferenceAdjoint(gG, P.alpha(), true, true, false).compute(2, 3, batch.u(),
                batch.y(), batch.rowWeight(), batch.start(), in, out, null, 2);
        CudaAdjoint.Result r32 = new ReferenceAdjoint(gG, P.alpha(), true, true, true).compute(2, 3, batch.u(),
                batch.y(), batch.rowWeight(), batch.start(), in, out, null, 2);
        // float64: the same numbers up to the order of double sums (and gG / g * g in the CPU engine's input)
        assertTrue(err(r64.loss(), cpu64.loss()) < 1e-12, "loss");
        assertTrue(err(flat(r64.gradInput()), flat(cpu64.gradInput())) < 1e-9, "dL/dI");
        assertTrue(err(flat(r64.gradReadout()), flat(cpu64.gradReadout())) < 1e-9, "dL/dw");
        assertWithinFloat32(new Gradients(r32.loss(), r32.gradInput(), r32.gradReadout(), 0), cpu32, cpu64);
    }

    @Test
    void deviceTanhEqualsTheCpuEnginesTanhOnEveryFloatTried() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 200_000;
        float[] x = new float[n + 14];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((rng.nextDouble() - 0.5) * (i % 2 == 0 ? 24 : 1e-3));
        }
        float[] special = {0f, -0f, 1e-30f, -1e-30f, Float.MIN_VALUE, 9.01f, -9.01f, 10f, -10f, 20f, Float.NaN,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.5f};
        System.arraycopy(special, 0, x, n, special.length);
        float[] cpu = new float[x.length];
        FastTanh.tanh(x, cpu, new double[x.length], x.length);
        for (int i = 0; i < x.length; i++) {
            float dev = host.tanh(x[i]);
            assertEquals(Float.floatToRawIntBits(cpu[i]), Float.floatToRawIntBits(dev), "tanh(" + x[i] + ")");
        }
    }
}
