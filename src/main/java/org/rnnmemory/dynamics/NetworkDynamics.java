package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.task.TaskSpec;

/**
 * The mechanism of one trained network: its optimal readout against the trained one (also for the
 * untrained input weights when known), its fixed and slow points with their linearisations, the
 * spectrum of the origin, and how fast its memory-period trajectories move and separate.
 *
 * <p>Everything is computed in float64 from the same noise-free trials: onset at the evaluation
 * onset, h = 0 at the start, one trial per fitting duration (the trained range, duration - jitter to
 * duration + jitter - 1 steps, every {@link DynamicsSettings#fitStepMs()}) and per test duration.
 * Starting points of the fixed-point search are sampled on the test trajectories' memory period.
 *
 * @param params the network's N, tau, dt and g
 * @param readout the optimal readout against the trained readout
 * @param untrained the optimal readout for the untrained input weights, or null when they are unknown
 * @param untrainedSource where the untrained input weights came from, or why they are unknown
 * @param origin the spectrum of J(0)
 * @param fixedPoints fixed points (q at or below the tolerance), ascending q
 * @param slowPoints slow points (local minima of q above it), ascending q
 * @param counts the search's book-keeping
 * @param memory speed and separation during the memory period
 * @param trajectories the simulated trials (kept for figures)
 * @param settings the settings used
 * @param seconds wall-clock time of the analysis
 */
public record NetworkDynamics(org.rnnmemory.model.ModelParams params, ReadoutComparison readout,
                              ReadoutComparison untrained, String untrainedSource, OriginSpectrum origin,
                              List<PointAnalysis> fixedPoints, List<PointAnalysis> slowPoints,
                              FixedPointFinder.Counts counts, MemoryPeriod memory, MemoryTrajectories trajectories,
                              DynamicsSettings settings, double seconds) {

    /**
     * Analyses one network.
     *
     * @param weights the trained network
     * @param protocol evaluation protocol (task, onset, test durations)
     * @param untrainedInput the input weights before training (see {@link UntrainedInput})
     */
    public static NetworkDynamics analyse(CtrnnWeights weights, EvalProtocol protocol, DynamicsSettings s,
                                          UntrainedInput untrainedInput) {
        long start = System.nanoTime();
        CtrnnWeights w = weights.castTo(DataType.DOUBLE);
        double dt = w.params().dtMs();
        int[] testMs = protocol.durationLabels().stream().mapToInt(Integer::parseInt).toArray();
        int[] fitMs = fitDurationsMs(protocol.task(), dt, s.fitStepMs(), testMs);
        int samples = s.finder().samplesPerTrajectory();
        MemoryTrajectories traj = MemoryTrajectories.simulate(w, protocol, fitMs, testMs, samples);
        Field field = Field.of(w);
        ReadoutComparison readout = ReadoutComparison.of(traj, fitMs, testMs, protocol.durationLabels(),
                field.readout());
        ReadoutComparison untrained = null;
        if (untrainedInput.known()) {
            double[] in = untrainedInput.input();
            if (Arrays.equals(in, field.input())) {
                untrained = readout;
            } else {
                INDArray i0 = Nd4j.createFromArray(in.clone()).reshape(w.n(), 1);
                MemoryTrajectories t0 = MemoryTrajectories.simulate(w.withInputReadout(i0, w.w()), protocol, fitMs,
                        testMs, 1);
                untrained = ReadoutComparison.of(t0, fitMs, testMs, protocol.durationLabels(), field.readout());
            }
        }
        OriginSpectrum origin = OriginSpectrum.of(field);
        double[][] states = flatten(traj.samples());
        FixedPointFinder.Outcome found = FixedPointFinder.find(field, states, s.finder(), s.threads());
        double[][] memoryStates = flatten(traj.figureStates());
        List<PointAnalysis> fixed = linearise(field, found.fixed(), memoryStates, s.threads());
        List<PointAnalysis> slow = linearise(field, found.slow(), memoryStates, s.threads());
        MemoryPeriod memory = MemoryPeriod.of(traj, testMs);
        return new NetworkDynamics(w.params(), readout, untrained, untrainedInput.source(), origin, fixed, slow,
                found.counts(), memory, traj, s, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The fitting durations of the optimal readout: the trained range (duration - jitter to
     * duration + jitter - 1 steps) every {@code stepMs} (whole steps, at least one), in ms; the test
     * durations when that range holds fewer than two.
     */
    static int[] fitDurationsMs(TaskSpec task, double dt, int stepMs, int[] testMs) {
        int stride = Math.max(1, (int) Math.round(stepMs / dt));
        int from = Math.max(1, task.duration() - task.durationJitter());
        int to = task.duration() + Math.max(0, task.durationJitter() - 1);
        List<Integer> out = new ArrayList<>();
        for (int d = from; d <= to && task.onset() + d < task.trialSteps(); d += stride) {
            out.add((int) Math.round(d * dt));
        }
        if (out.size() < 2) {
            return testMs.clone();
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[][] flatten(double[][][] x) {
        List<double[]> out = new ArrayList<>();
        for (double[][] a : x) {
            for (double[] v : a) {
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out.toArray(new double[0][]);
    }

    private static List<PointAnalysis> linearise(Field f, List<FixedPointFinder.Point> points, double[][] states,
                                                 int threads) {
        if (threads <= 1 || points.size() <= 1) {
            return points.stream().map(p -> PointAnalysis.of(f, p.h(), states)).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, points.size()));
        try {
            List<Future<PointAnalysis>> futures = new ArrayList<>();
            for (FixedPointFinder.Point p : points) {
                futures.add(pool.submit(() -> PointAnalysis.of(f, p.h(), states)));
            }
            List<PointAnalysis> out = new ArrayList<>();
            for (Future<PointAnalysis> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("linearisation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("linearisation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Checks that every weight is finite.
     *
     * @param dir the weights folder, to name the file in the error
     * @throws InputFileException naming G.npy, I.npy or w.npy and the first non-finite index
     */
    public static void requireFinite(Path dir, CtrnnWeights w) {
        String[] files = {"G.npy", "I.npy", "w.npy"};
        INDArray[] arrays = {w.G(), w.I(), w.w()};
        for (int k = 0; k < files.length; k++) {
            double[] v = arrays[k].castTo(DataType.DOUBLE).data().asDouble();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new InputFileException(dir.resolve(files[k]), "value " + i + " is not finite: " + v[i]);
                }
            }
        }
    }

    /** The point nearest to the sampled memory-period states, fixed or slow, or null when none was found. */
    public PointAnalysis nearestPoint() {
        PointAnalysis best = null;
        for (List<PointAnalysis> l : List.of(fixedPoints, slowPoints)) {
            for (PointAnalysis p : l) {
                if (best == null || p.distance() < best.distance()) {
                    best = p;
                }
            }
        }
        return best;
    }

    /** The JSON object printed by {@code rnnmem dynamics --json}. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        ObjectNode net = o.putObject("network");
        net.put("hidden_size", params.hiddenSize());
        net.put("tau_ms", params.tauMs());
        net.put("dt_ms", params.dtMs());
        net.put("gain", params.gain());
        ObjectNode units = o.putObject("units");
        units.put("eigenvalue", "1/tau");
        units.put("q", "1/tau^2");
        units.put("speed", "1/s (|F| / tau)");
        units.put("separation_rate", "1/s");
        units.put("time_constant", "ms");
        units.put("norm", "state units (h)");
        units.put("precision", "MSE over the evaluation window, mean over test durations");
        o.set("optimal_readout", readout.toJson());
        o.set("untrained_input", untrainedJson());
        o.set("origin", origin.toJson());
        ArrayNode fp = o.putArray("fixed_points");
        fixedPoints.forEach(p -> fp.add(p.toJson()));
        ArrayNode sp = o.putArray("slow_points");
        slowPoints.forEach(p -> sp.add(p.toJson()));
        o.set("finder", finderJson());
        o.set("memory_period", memory.toJson());
        o.put("seconds", seconds);
        return o;
    }

    private ObjectNode untrainedJson() {
        ObjectNode u = Json.object();
        u.put("available", untrained != null);
        u.put("source", untrainedSource);
        if (untrained != null) {
            u.put("optimal_precision", untrained.precision());
            u.put("cosine_to_trained", untrained.cosineToTrained());
            u.put("ridge", untrained.fit().ridge());
            u.put("ridge_relative", untrained.fit().relativeRidge());
            ObjectNode l = u.putObject("loss_by_duration");
            untrained.lossByDuration().forEach(l::put);
        }
        return u;
    }

    private ObjectNode finderJson() {
        FinderSettings f = settings.finder();
        ObjectNode o = Json.object();
        o.put("starts", counts.starts());
        o.put("truncated", counts.truncated());
        o.put("unconverged", counts.unconverged());
        o.put("not_minimum", counts.notMinimum());
        o.put("duplicates", counts.duplicates());
        o.put("outliers", counts.outliers());
        ObjectNode s = o.putObject("settings");
        s.put("samples_per_trajectory", f.samplesPerTrajectory());
        s.put("noise_scale", f.noiseScale());
        s.put("adam_iterations", f.adamIterations());
        s.put("adam_learning_rate", f.adamLearningRate());
        s.put("max_polished", f.maxPolished());
        s.put("polish_iterations", f.polishIterations());
        s.put("fixed_tolerance_q", f.fixedTolerance());
        s.put("gradient_tolerance", f.gradientTolerance());
        s.put("duplicate_tolerance", f.duplicateTolerance());
        s.put("outlier_scale", f.outlierScale());
        s.put("unstable_tolerance", Spectrum.UNSTABLE_TOLERANCE);
        s.put("seed", f.seed());
        return o;
    }
}
