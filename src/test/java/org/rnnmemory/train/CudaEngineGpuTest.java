package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.config.Engine;
import org.rnnmemory.gpu.Cuda;
import org.rnnmemory.gpu.CudaUnavailableException;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/**
 * The cuda engine on a real GPU against the CPU adjoint engine; skipped, with the reason, where no
 * usable GPU and CUDA 12/13 libraries are found. Gradients: err(cuda) <= max(4 err(CPU float32), 1e-6)
 * against the CPU engine in float64; a 3-seed run's losses within 1e-3 relative of the CPU run's for
 * 3 updates.
 */
class CudaEngineGpuTest {
    static final int N = 40;
    static final ModelParams P = new ModelParams(N, 100.0, 1.0, 1.5);
    static final TaskSpec TASK = new TaskSpec(900, 400, 100, 40, 20, 2.0, 0.007, 600, 0.1, 40);

    private static String noGpu;

    @BeforeAll
    static void probe() {
        try {
            Cuda.open();
        } catch (CudaUnavailableException e) {
            noGpu = e.getMessage();
        }
    }

    @BeforeEach
    void needsAGpu() {
        Assumptions.assumeTrue(noGpu == null, "GPU test skipped: " + noGpu);
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

    private static double[] flat(double[][] v) {
        return Arrays.stream(v).flatMapToDouble(Arrays::stream).toArray();
    }

    @Test
    void gradientsMatchTheCpuEngineWithinFloat32() {
        INDArray g = Initializer.recurrent(N, 2, DataType.FLOAT);
        TrialGenerator gen = new TrialGenerator(TASK, new SplittableRandom(3));
        List<List<Trial>> trials = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<Trial> l = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                l.add(gen.next());
            }
            trials.add(l);
        }
        EnsembleBatch batch = EnsembleBatch.of(trials, true);
        double[][] in = new double[3][];
        double[][] out = new double[3][];
        for (int s = 0; s < 3; s++) {
            in[s] = Initializer.input(N, s + 1, DataType.FLOAT).castTo(DataType.DOUBLE).data().asDouble();
            out[s] = Initializer.readout(N, s + 1, DataType.FLOAT).castTo(DataType.DOUBLE).data().asDouble();
        }
        Gradients gpu;
        Gradients c32;
        Gradients c64;
        try (CudaEngine e = new CudaEngine(P, g, true, true);
             AdjointEngine a32 = new AdjointEngine(P, g, true, true, DataType.FLOAT, 250, 1L << 30);
             AdjointEngine a64 = new AdjointEngine(P, g, true, true, DataType.DOUBLE, 250, 1L << 30)) {
            gpu = e.compute(batch, in, out, null);
            c32 = a32.compute(batch, in, out, null);
            c64 = a64.compute(batch, in, out, null);
        }
        double[][] gv = {gpu.loss(), flat(gpu.gradInput()), flat(gpu.gradReadout())};
        double[][] v32 = {c32.loss(), flat(c32.gradInput()), flat(c32.gradReadout())};
        double[][] v64 = {c64.loss(), flat(c64.gradInput()), flat(c64.gradReadout())};
        for (int i = 0; i < 3; i++) {
            double e = err(gv[i], v64[i]);
            double e32 = err(v32[i], v64[i]);
            assertTrue(e <= Math.max(4 * e32, 1e-6), "part " + i + ": cuda " + e + ", CPU float32 " + e32);
        }
    }

    @Test
    void aThreeSeedRunTracksTheCpuRunsLosses() {
        TrainPlan cpu = new TrainPlan(P, 1, true, true, true, TASK, 1, 8, 0.001, Engine.ADJOINT, 250, DataType.FLOAT, 1,
                List.of(1, 2, 3));
        TrainPlan gpu = new TrainPlan(P, 1, true, true, true, TASK, 1, 8, 0.001, Engine.CUDA, 250, DataType.FLOAT, 1,
                List.of(1, 2, 3));
        List<CurvePoint> a = curve(cpu, 3);
        List<CurvePoint> b = curve(gpu, 3);
        assertEquals(9, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).seed(), b.get(i).seed());
            assertEquals(a.get(i).loss(), b.get(i).loss(), 1e-3 * Math.abs(a.get(i).loss()), "update " + a.get(i).update());
        }
    }

    private static List<CurvePoint> curve(TrainPlan plan, int updates) {
        List<CurvePoint> out = new ArrayList<>();
        try (Trainer t = new Trainer(plan, null, null)) {
            try {
                t.train(new Trainer.Listener() {
                    @Override
                    public void onUpdate(int update, int total, List<CurvePoint> points) {
                        out.addAll(points);
                        if (update + 1 >= updates) {
                            throw new Benchmark.StopTraining();
                        }
                    }
                });
            } catch (Benchmark.StopTraining stop) {
                // enough updates
            }
        }
        return out;
    }
}
