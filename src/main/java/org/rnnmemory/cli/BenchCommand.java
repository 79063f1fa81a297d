package org.rnnmemory.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.gpu.CudaInfo;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.model.Precision;
import org.rnnmemory.train.Benchmark;
import org.rnnmemory.train.CudaEngine;
import org.rnnmemory.train.TrainPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rnnmem bench [--config FILE] [--updates N] [--json]}: training speed against the GEMM floor.
 * When the experiment trains I, the same experiment with only w trained ({@code network.trainable:
 * [readout]}, forward pass only) is timed too, in the same process.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training updates and one evaluation against the GEMM floor measured in the same run;"
                + " when the experiment trains I, also a readout-only update.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "experiments/system-a.yaml",
            description = "Experiment file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--updates", defaultValue = "3", description = "Updates to time after one warm-up (default 3).")
    int updates;

    @Option(names = "--set", paramLabel = "path=value", description = "Override one value of the experiment.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() {
        if (updates < 1) {
            throw new UserInputException("--updates must be >= 1, found " + updates);
        }
        ExperimentSpec spec = ExperimentLoader.load(config, sets);
        TrainPlan plan = TrainPlan.of(spec);
        CudaInfo cuda = plan.engine().gpu() ? CudaEngine.device() : null;
        Benchmark.Result r = Benchmark.run(plan, null, updates);
        Benchmark.Result readoutOnly = plan.trainInput() && plan.trainReadout()
                ? Benchmark.run(plan.withTrainable(false, true), null, updates) : null;
        int seed = spec.seeds().get(0);
        var w = Initializer.network(plan.params(), plan.networkSeed(), seed, false, plan.dtype());
        long t0 = System.nanoTime();
        new Evaluator(spec.evalProtocol()).evaluate(w);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        ObjectNode o = Json.object();
        o.put("config", config.toString());
        o.put("seeds", plan.seeds().size());
        o.put("batch_size", plan.batchSize());
        o.put("hidden_size", plan.params().hiddenSize());
        o.put("engine", plan.engine().configName());
        o.put("workers", plan.workers());
        o.put("dtype", Precision.of(plan.dtype()).configName());
        o.put("updates_timed", r.updates());
        o.put("seconds_per_update", r.secondsPerUpdate());
        o.put("floor_seconds_per_update", r.floorSecondsPerUpdate());
        o.put("ratio_to_floor", r.ratioToFloor());
        o.put("gemm_seconds", r.gemmSeconds());
        o.put("gemm_shape", "[" + r.rows() + ", " + plan.params().hiddenSize() + "] x [" + plan.params().hiddenSize()
                + ", " + plan.params().hiddenSize() + "]");
        o.put("steps_simulated", r.stepsSimulated());
        o.put("steps_per_second", r.stepsPerSecond());
        o.put("cores", r.cores());
        o.put("peak_rss_bytes", r.peakRssBytes());
        o.put("steps_kept", r.keptSteps());
        o.put("recomputed", r.recomputed());
        o.put("evaluation_seconds", evalSeconds);
        o.put("projected_full_run_hours", r.secondsPerUpdate() * plan.totalUpdates() / 3600);
        o.put("gemms_per_step", r.gemmsPerStep());
        if (readoutOnly != null) {
            o.put("readout_only_seconds_per_update", readoutOnly.secondsPerUpdate());
            o.put("readout_only_ratio", readoutOnly.secondsPerUpdate() / r.secondsPerUpdate());
            o.put("readout_only_ratio_to_floor", readoutOnly.ratioToFloor());
        } else {
            o.putNull("readout_only_seconds_per_update");
            o.putNull("readout_only_ratio");
            o.putNull("readout_only_ratio_to_floor");
        }
        o.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
        o.put("backend", Nd4j.getBackend().getClass().getSimpleName());
        o.put("blas_core", org.rnnmemory.io.BlasKernel.coreName());
        o.put("blas_core_source", org.rnnmemory.io.BlasKernel.selection().source().label());
        o.put("floor_device", cuda == null ? "cpu" : "cuda");
        if (cuda != null) {
            o.set("cuda", Json.MAPPER.valueToTree(cuda.toMap()));
        }
        if (json) {
            System.out.println(Json.pretty(o));
        } else {
            System.out.printf(Locale.ROOT, "config              %s (%d seeds x batch %d, N = %d, %s engine, %d workers)%n",
                    config, plan.seeds().size(), plan.batchSize(), plan.params().hiddenSize(), plan.engine(),
                    plan.workers());
            System.out.printf(Locale.ROOT, "seconds per update  %.3f  (mean of %d)%n", r.secondsPerUpdate(), r.updates());
            if (cuda == null) {
                System.out.printf(Locale.ROOT, "GEMM floor          %.3f  (%.0f steps x %d x %.3f ms / %d cores)%n",
                        r.floorSecondsPerUpdate(), r.stepsSimulated(), r.gemmsPerStep(), r.gemmSeconds() * 1e3,
                        r.cores());
            } else {
                System.out.printf(Locale.ROOT, "GEMM floor          %.3f  (%.0f steps x 2 x %.1f us on the GPU)%n",
                        r.floorSecondsPerUpdate(), r.stepsSimulated(), r.gemmSeconds() * 1e6);
                System.out.printf(Locale.ROOT, "GPU                 %s (compute capability %s, driver %s, CUDA runtime %s,"
                        + " cuBLAS %s, NVRTC %s)%n", cuda.device(), cuda.computeCapability(), cuda.driverVersion(),
                        cuda.runtimeVersion(), cuda.cublasVersion(), cuda.nvrtcVersion());
            }
            System.out.printf(Locale.ROOT, "ratio to floor      %.3f%n", r.ratioToFloor());
            System.out.printf(Locale.ROOT, "steps per second    %.1f%n", r.stepsPerSecond());
            if (readoutOnly != null) {
                System.out.printf(Locale.ROOT, "readout only        %.3f  (%.3f of an update above; %.3f x its floor of 1 GEMM"
                        + " per step)%n", readoutOnly.secondsPerUpdate(),
                        readoutOnly.secondsPerUpdate() / r.secondsPerUpdate(), readoutOnly.ratioToFloor());
            }
            System.out.printf(Locale.ROOT, "peak RSS            %.2f GiB%n", r.peakRssBytes() / Math.pow(2, 30));
            System.out.printf(Locale.ROOT, "steps kept          %s%n", r.recomputed()
                    ? r.keptSteps() + " at a time, recomputed in the backward pass" : "all (up to " + r.keptSteps() + ")");
            System.out.printf(Locale.ROOT, "evaluation          %.2f s per model%n", evalSeconds);
            System.out.printf(Locale.ROOT, "projected run       %.2f h for %d updates%n",
                    r.secondsPerUpdate() * plan.totalUpdates() / 3600, plan.totalUpdates());
            System.out.printf(Locale.ROOT, "threads             OMP_NUM_THREADS=%s, backend %s%n",
                    System.getenv("OMP_NUM_THREADS"), Nd4j.getBackend().getClass().getSimpleName());
            System.out.printf(Locale.ROOT, "BLAS kernel         %s (%s)%n", org.rnnmemory.io.BlasKernel.coreName(),
                    org.rnnmemory.io.BlasKernel.selection().source().label());
        }
        return 0;
    }
}
