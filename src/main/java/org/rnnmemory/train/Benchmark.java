package org.rnnmemory.train;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.Engine;
import org.rnnmemory.gpu.Cuda;
import org.rnnmemory.task.Trial;

/**
 * Times training updates and compares them with the GEMM floor measured in the same process:
 * floor per update = steps simulated x GEMMs per step of [S*B, N] x [N, N], timed single-threaded
 * with the OpenBLAS kernel in use, divided by the number of cores. A step needs 2 GEMMs (forward
 * r.G and backward lambda.G), or 1 when only w trains with the adjoint engine (which then runs
 * the forward pass only); for the cuda engine the two GEMMs are timed on the GPU (cuBLAS, replayed
 * from a CUDA graph) and not divided.
 */
public final class Benchmark {
    private Benchmark() {}

    /**
     * Result of a benchmark.
     *
     * @param secondsPerUpdate mean wall time per training update
     * @param floorSecondsPerUpdate the GEMM floor for the same steps and shapes
     * @param gemmSeconds one [S*B, N] x [N, N] GEMM, single-threaded (cuda engine: the mean of the forward and
     *        the backward GEMM on the GPU)
     * @param stepsSimulated mean steps simulated per update
     * @param rows S * B
     * @param cores available processors
     * @param updates updates timed
     * @param peakRssBytes peak resident set size of this process
     * @param keptSteps steps whose rates an engine kept at a time (most over the timed updates)
     * @param recomputed whether any timed update recomputed forward steps in its backward pass
     * @param gemmsPerStep GEMMs per simulated step in the floor (2, or 1 when only w trains)
     */
    public record Result(double secondsPerUpdate, double floorSecondsPerUpdate, double gemmSeconds,
                         double stepsSimulated, int rows, int cores, int updates, long peakRssBytes, int keptSteps,
                         boolean recomputed, int gemmsPerStep) {
        public double ratioToFloor() {
            return secondsPerUpdate / floorSecondsPerUpdate;
        }

        public double stepsPerSecond() {
            return stepsSimulated / secondsPerUpdate;
        }
    }

    /** Times {@code updates} training updates of the plan (after one warm-up update). */
    public static Result run(TrainPlan plan, List<Trial> dataset, int updates) {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = plan.params().hiddenSize();
        int rows = plan.seeds().size() * plan.batchSize();
        boolean gpu = plan.engine().gpu();
        double gemmBefore = gpu ? gpuGemmSeconds(rows, n) : gemmSeconds(rows, n, plan.dtype());
        final double[] acc = new double[2];
        final int[] count = {0};
        final int[] kept = {0};
        final boolean[] recomputed = {false};
        try (Trainer trainer = new Trainer(plan.withEpochs(Math.max(1,
                (updates + 1 + plan.updatesPerEpoch() - 1) / plan.updatesPerEpoch())), dataset, null)) {
            trainer.train(new Trainer.Listener() {
                @Override
                public void onUpdate(int update, int total, List<CurvePoint> points) {
                    if (update >= 1 && count[0] < updates) {
                        acc[0] += points.isEmpty() ? 0 : points.get(0).seconds();
                        acc[1] += trainer.lastSimulatedSteps();
                        kept[0] = Math.max(kept[0], trainer.lastKeptSteps());
                        recomputed[0] |= trainer.lastRecomputed();
                        count[0]++;
                    }
                    if (count[0] >= updates) {
                        throw new StopTraining();
                    }
                }
            });
        } catch (StopTraining stop) {
            // expected: the trainer is stopped once enough updates are timed
        }
        double seconds = acc[0] / count[0];
        double steps = acc[1] / count[0];
        // the floor is the fastest of two measurements, before and after the updates, so that
        // a transient load on the machine cannot make the floor slow and the ratio look good
        double gemm = Math.min(gemmBefore, gpu ? gpuGemmSeconds(rows, n) : gemmSeconds(rows, n, plan.dtype()));
        int gemms = gemmsPerStep(plan);
        return new Result(seconds, steps * gemms * gemm / (gpu ? 1 : cores), gemm, steps, rows, cores, updates,
                peakRss(), kept[0], recomputed[0], gemms);
    }

    /** GEMMs of [S*B, N] x [N, N] per simulated step: 1 for the adjoint engine when only w trains, else 2. */
    public static int gemmsPerStep(TrainPlan plan) {
        return plan.trainInput() || plan.engine() != Engine.ADJOINT ? 2 : 1;
    }

    /** Thrown by the listener to end a benchmark early. */
    static final class StopTraining extends RuntimeException {
        StopTraining() {
            super(null, null, false, false);
        }
    }

    /** Mean time of the forward and the backward [rows, n] x [n, n] GEMM on the GPU (200 per captured graph). */
    public static double gpuGemmSeconds(int rows, int n) {
        double[] t = Cuda.open().gemmSeconds(rows, n, 200);
        return (t[0] + t[1]) / 2;
    }

    /** Time of one [rows, n] x [n, n] GEMM on this thread: the fastest of 5 rounds of repetitions (after warm-up). */
    public static double gemmSeconds(int rows, int n, DataType type) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            best = Math.min(best, gemmRound(rows, n, type));
        }
        return best;
    }

    private static double gemmRound(int rows, int n, DataType type) {
        INDArray a = Nd4j.rand(type, rows, n);
        INDArray b = Nd4j.rand(type, n, n);
        INDArray c = Nd4j.createUninitialized(type, rows, n);
        for (int i = 0; i < 5; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        // about 4e8 flops a round, at least 10 and at most 2000 products (tiny shapes are all call overhead)
        int reps = (int) Math.max(10, Math.min(2000, 4e8 / (2.0 * rows * n * n)));
        long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        return (System.nanoTime() - t0) / 1e9 / reps;
    }

    /** Peak resident memory (VmHWM) of this process, or -1 when unknown. */
    public static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
