package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.gpu.check.CheckData;
import org.rnnmemory.gpu.check.ReferenceAdjoint;

/**
 * The GPU engine's whole update (layout, segment programs, graph replays, kernels) run on the host:
 * the kernels are the engine's CUDA C source compiled by the host C++ compiler ({@link HostExecutor}),
 * the GEMMs a float32 loop with cuBLAS's column-major semantics. Checked against the float64 and
 * float32 reference adjoints with the self-test's rule: err(engine) <= max(4 err(float32), 1e-6), with
 * err(x) = |x - x64| / |x64|. What this leaves to a GPU run: cuBLAS, the CUDA calls and NVRTC.
 */
class EmulatedEngineTest {
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
        Assumptions.assumeTrue(host != null, "no C++ compiler (g++, c++ or clang++) on this machine:"
                + " the kernels cannot be run on the host");
    }

    private record Problem(float[][] gG, double[][] in, double[][] w, double[][] h0, CheckData.Batch batch, int start) {}

    private static Problem problem(int n, int seeds, int b, CheckData.Task task, boolean randomH0, long seed) {
        float[][] gG = CheckData.recurrent(n, 1.5, seed);
        double[][] in = CheckData.gaussian(seeds, n, 1.0, seed + 1);
        double[][] w = CheckData.gaussian(seeds, n, 1.0 / Math.sqrt(n), seed + 2);
        double[][] h0 = randomH0 ? CheckData.gaussian(seeds, n, 1.0, seed + 3) : null;
        CheckData.Batch batch = CheckData.batch(seeds, b, task, seed + 4);
        return new Problem(gG, in, w, h0, batch, randomH0 ? 0 : batch.start());
    }

    private static CudaAdjoint.Result reference(Problem p, boolean f32, boolean trainInput, boolean trainReadout) {
        CheckData.Batch b = p.batch();
        return new ReferenceAdjoint(p.gG(), 0.01, trainInput, trainReadout, f32).compute(b.seeds(), b.rowsPerSeed(),
                b.u(), b.y(), b.rowWeight(), p.start(), p.in(), p.w(), p.h0(), 2);
    }

    private static CudaAdjoint.Result emulated(CudaAdjoint engine, Problem p) {
        CheckData.Batch b = p.batch();
        return engine.compute(b.seeds(), b.rowsPerSeed(), b.u(), b.y(), b.rowWeight(), p.start(), p.in(), p.w(),
                p.h0());
    }

    private static double[] flat(double[][] v) {
        return Arrays.stream(v).flatMapToDouble(Arrays::stream).toArray();
    }

    static double relative(double[] x, double[] ref) {
        double d = 0;
        double r = 0;
        for (int i = 0; i < x.length; i++) {
            d += (x[i] - ref[i]) * (x[i] - ref[i]);
            r += ref[i] * ref[i];
        }
        return Math.sqrt(d / r);
    }

    private static void assertClose(CudaAdjoint.Result got, CudaAdjoint.Result r64, CudaAdjoint.Result r32) {
        double[][] parts = {got.loss(), flat(got.gradInput()), flat(got.gradReadout())};
        double[][] parts64 = {r64.loss(), flat(r64.gradInput()), flat(r64.gradReadout())};
        double[][] parts32 = {r32.loss(), flat(r32.gradInput()), flat(r32.gradReadout())};
        String[] names = {"loss", "dL/dI", "dL/dw"};
        for (int i = 0; i < 3; i++) {
            double e = relative(parts[i], parts64[i]);
            double e32 = relative(parts32[i], parts64[i]);
            double tol = Math.max(4 * e32, 1e-6);
            assertTrue(e <= tol, names[i] + ": engine " + e + " from float64, float32 reference " + e32);
            assertTrue(e32 > 0 && e32 < 1e-4, names[i] + ": float32 reference error " + e32);
        }
    }

    @Test
    void zeroInitialStateStartingInALaterSegmentMatchesTheReferences() {
        Problem p = problem(24, 2, 3, new CheckData.Task(900, 400, 50, 40, 20, 600, 0.1), false, 5);
        assertTrue(p.start() >= CudaAdjoint.SEGMENT_STEPS, "the first input lies in the second segment");
        try (CudaAdjoint engine = new CudaAdjoint(host, CheckData.transposed(p.gG()), 24, 0.01, true, true,
                CudaAdjoint.SEGMENT_STEPS)) {
            CudaAdjoint.Result got = emulated(engine, p);
            assertEquals(900 - CudaAdjoint.SEGMENT_STEPS * (p.start() / CudaAdjoint.SEGMENT_STEPS), got.simulatedSteps());
            assertClose(got, reference(p, false, true, true), reference(p, true, true, true));
        }
    }

    @Test
    void randomInitialStateFromStepZeroMatchesTheReferences() {
        Problem p = problem(24, 2, 3, new CheckData.Task(300, 100, 50, 20, 10, 200, 0.0), true, 6);
        try (CudaAdjoint engine = new CudaAdjoint(host, CheckData.transposed(p.gG()), 24, 0.01, true, true, 64)) {
            CudaAdjoint.Result got = emulated(engine, p);
            assertEquals(300, got.simulatedSteps());
            assertClose(got, reference(p, false, true, true), reference(p, true, true, true));
        }
    }

    @Test
    void replaysServeNewBatchesAndAShapeChangeRebuildsTheLayout() {
        CheckData.Task task = new CheckData.Task(400, 200, 150, 20, 10, 300, 0.1);
        Problem first = problem(16, 2, 2, task, false, 7);
        try (CudaAdjoint engine = new CudaAdjoint(host, CheckData.transposed(first.gG()), 16, 0.01, true, true, 50)) {
            emulated(engine, first);
            for (long seed : new long[] {7, 8, 9}) {
                Problem p = problem(16, 2, 2, task, false, seed);
                Problem same = new Problem(first.gG(), p.in(), p.w(), null, p.batch(), p.start());
                assertClose(emulated(engine, same), reference(same, false, true, true), reference(same, true, true, true));
            }
            Problem three = problem(16, 3, 2, task, false, 10);
            Problem other = new Problem(first.gG(), three.in(), three.w(), null, three.batch(), three.start());
            assertClose(emulated(engine, other), reference(other, false, true, true),
                    reference(other, true, true, true));
        }
    }

    @Test
    void untrainedParametersGetZeroGradientsAndTheSameLoss() {
        Problem p = problem(16, 2, 2, new CheckData.Task(300, 150, 50, 20, 10, 200, 0.0), false, 11);
        try (CudaAdjoint readoutOnly = new CudaAdjoint(host, CheckData.transposed(p.gG()), 16, 0.01, false, true, 100);
             CudaAdjoint inputOnly = new CudaAdjoint(host, CheckData.transposed(p.gG()), 16, 0.01, true, false, 100);
             CudaAdjoint both = new CudaAdjoint(host, CheckData.transposed(p.gG()), 16, 0.01, true, true, 100)) {
            CudaAdjoint.Result r = emulated(readoutOnly, p);
            CudaAdjoint.Result i = emulated(inputOnly, p);
            CudaAdjoint.Result all = emulated(both, p);
            for (int s = 0; s < 2; s++) {
                assertTrue(Arrays.stream(r.gradInput()[s]).allMatch(v -> v == 0), "no dL/dI when I is not trained");
                assertTrue(Arrays.stream(i.gradReadout()[s]).allMatch(v -> v == 0), "no dL/dw when w is not trained");
                assertEquals(all.loss()[s], r.loss()[s], 0.0);
                assertEquals(all.loss()[s], i.loss()[s], 0.0);
                assertEquals(0, relative(all.gradReadout()[s], r.gradReadout()[s]), 0.0);
                assertEquals(0, relative(all.gradInput()[s], i.gradInput()[s]), 0.0);
            }
        }
    }

    @Test
    void aBatchWithoutInputOnlyHasTheLossOfItsTargets() {
        CheckData.Task allCatch = new CheckData.Task(200, 100, 50, 20, 10, 150, 1.0);
        Problem p = problem(8, 1, 2, allCatch, false, 12);
        assertEquals(200, p.start());
        try (CudaAdjoint engine = new CudaAdjoint(host, CheckData.transposed(p.gG()), 8, 0.01, true, true, 50)) {
            CudaAdjoint.Result r = emulated(engine, p);
            assertEquals(0, r.simulatedSteps());
            assertEquals(0.0, r.loss()[0], 0.0);
            assertTrue(Arrays.stream(r.gradInput()[0]).allMatch(v -> v == 0));
        }
    }
}
