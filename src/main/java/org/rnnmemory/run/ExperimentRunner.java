package org.rnnmemory.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.io.DoubleArrays;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.ConfigValueException;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.eval.EvaluationResult;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.gpu.CudaInfo;
import org.rnnmemory.eval.NonFiniteSimulationException;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Progress;
import org.rnnmemory.io.ResourceCheck;
import org.rnnmemory.io.ResourceFailures;
import org.rnnmemory.io.RunFailedException;
import org.rnnmemory.io.RunInterruptedException;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.io.StopSignals;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialDatasets;
import org.rnnmemory.train.AdjointEngine;
import org.rnnmemory.train.Benchmark;
import org.rnnmemory.train.Checkpoint;
import org.rnnmemory.train.CudaEngine;
import org.rnnmemory.train.CurvePoint;
import org.rnnmemory.train.SeedState;
import org.rnnmemory.train.TrainPlan;
import org.rnnmemory.train.Trainer;

/**
 * Runs an experiment end to end into a run directory ({@link RunDirectory} names its files): config,
 * provenance, training with per-epoch checkpoints, evaluation of every seed, weights and tables. All
 * files are written atomically.
 */
public final class ExperimentRunner {
    /** How often the evaluation polls for a stop (ms). */
    private static final long POLL_MS = 50;

    private ExperimentRunner() {}

    /** The trainer's plan for an experiment ({@link TrainPlan#of(ExperimentSpec)}). */
    public static TrainPlan plan(ExperimentSpec spec) {
        return TrainPlan.of(spec);
    }

    /** The default run directory: runs/NAME/UTC-TIMESTAMP-HASH. */
    public static Path defaultRunDir(ExperimentSpec spec) {
        String ts = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        return Path.of("runs", spec.name(), ts + "-" + spec.configHash());
    }

    /** The newest run directory of this experiment and config hash, for {@code --resume} without {@code --out}. */
    public static Path latestRunDir(ExperimentSpec spec) {
        Path parent = Path.of("runs", spec.name());
        if (!Files.isDirectory(parent)) {
            throw new UserInputException("--resume: no earlier run of '" + spec.name() + "' under " + parent);
        }
        try (Stream<Path> dirs = Files.list(parent)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-" + spec.configHash()))
                    .max(Comparator.comparing(d -> d.getFileName().toString()))
                    .orElseThrow(() -> new UserInputException("--resume: no run of this configuration (hash "
                            + spec.configHash() + ") under " + parent));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How a run is started.
     *
     * @param source what the run comes from, first in refusals (e.g. the experiment file)
     * @param checkResources refuse a run whose estimated memory or disk exceeds the limits
     *     ({@link RunFootprint}, {@link ResourceCheck})
     * @param dryRun check everything a run checks before it writes, report the plan and write nothing
     */
    public record Options(String source, boolean checkResources, boolean dryRun) {
        /** A real run with resource checks, its refusals naming the experiment. */
        public static Options of(ExperimentSpec spec) {
            return new Options(spec.name(), true, false);
        }
    }

    /** Runs (or resumes) the experiment with {@link Options#of}. */
    public static Path run(ExperimentSpec spec, String configText, Path dir, boolean resume) {
        return run(spec, configText, dir, resume, Options.of(spec));
    }

    /**
     * Runs (or resumes) the experiment. Everything is checked before the first write: the
     * configuration, the dataset and initialisation files, the checkpoint of a resumed run, and the
     * memory and disk the run needs; the run directory is then locked ({@link RunLock}) for the whole
     * run. On SIGINT or SIGTERM the update in progress is abandoned, a checkpoint of the last completed
     * update is written, {@code run.json} says {@code interrupted} and a {@link RunInterruptedException}
     * is thrown. Running out of memory or disk records {@code failed} with the reason in
     * {@code run.json} and throws a {@link RunFailedException}; the last checkpoint stays intact.
     *
     * @param configText the experiment file's text as given (written to config.yaml)
     * @return the run directory
     */
    public static Path run(ExperimentSpec spec, String configText, Path dir, boolean resume, Options options) {
        TrainPlan plan = plan(spec);
        List<Trial> dataset = spec.task().dataset() == null ? null
                : TrialDatasets.read(Path.of(spec.task().dataset()), plan.task().trialSteps());
        // the GPU is checked before anything is written: without one the run is a one-line user error
        CudaInfo cuda = plan.engine().gpu() ? CudaEngine.device() : null;
        RunLock.requireFree(dir);
        checkDirectory(spec, dir, resume);
        RunFootprint footprint = RunFootprint.of(plan);
        if (options.checkResources()) {
            ResourceCheck.requireMemory(options.source(), footprint.phases(), ResourceCheck.Limits.current());
            ResourceCheck.requireDisk(options.source(), footprint.diskBytes(), footprint.diskLargest(), dir);
        }
        if (options.dryRun()) {
            Checkpoint.State state = resume ? checkpoint(spec, plan, dir) : null;
            if (state == null) {
                checkInitialisation(spec, plan);
            }
            System.out.print(DryRun.describe(spec, plan, dir, state, footprint, ResourceCheck.Limits.current()));
            return dir;
        }
        try (RunLock lock = RunLock.acquire(dir, resume ? "run --resume" : "run");
             StopSignals signals = StopSignals.install()) {
            checkDirectory(spec, dir, resume);
            Checkpoint.State state = resume ? checkpoint(spec, plan, dir) : null;
            try (Trainer trainer = newTrainer(spec, plan, dataset, state)) {
                RunDirectory run = RunDirectory.of(dir);
                AtomicFiles.writeString(run.config(), configText);
                AtomicFiles.writeString(run.resolved(), spec.toResolvedYaml());
                List<String> earlierKernels = resume ? blasCores(run.runJson()) : List.of();
                Provenance prov = Provenance.capture(Path.of("."));
                int resumedFrom = state == null ? 0 : state.nextUpdate();
                List<String> kernels = kernelsUsed(earlierKernels, prov.backend().blasCore(), spec, resumedFrom);
                Status status = new Status(dir, prov, spec, plan, resumedFrom, kernels, cuda);
                status.write(Provenance.RUNNING, trainer.nextUpdate());
                noteRateMemory(spec, plan);
                execute(trainer, spec, dir, status, signals);
            }
        }
        return dir;
    }

    /** Trains and evaluates, recording in run.json how the run ended. */
    private static void execute(Trainer trainer, ExperimentSpec spec, Path dir, Status status, StopSignals signals) {
        try {
            if (!train(trainer, spec, dir, signals)) {
                Checkpoint.write(RunDirectory.of(dir).checkpoint(), spec.configHash(), trainer, trainer.plan().learningRate());
                status.interrupted(signals.signal(), trainer.nextUpdate());
                throw signals.interrupted(String.format(Locale.ROOT,
                        "%s: interrupted by %s at update %d of %d; checkpoint saved, run.json says interrupted",
                        spec.name(), signals.signal(), trainer.nextUpdate(), trainer.plan().totalUpdates()));
            }
            if (!finish(trainer, spec, dir, signals)) {
                status.interrupted(signals.signal(), trainer.nextUpdate());
                throw signals.interrupted(String.format(Locale.ROOT,
                        "%s: interrupted by %s while evaluating, after all %d updates; checkpoint kept, run.json says"
                                + " interrupted", spec.name(), signals.signal(), trainer.plan().totalUpdates()));
            }
            status.write(Provenance.COMPLETED, trainer.nextUpdate());
        } catch (RunInterruptedException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            String reason = ResourceFailures.reason(e);
            String message = reason != null ? reason : String.valueOf(e.getMessage());
            status.failed(message, trainer.nextUpdate());
            if (reason == null) {
                throw e;
            }
            throw new RunFailedException(String.format(Locale.ROOT, "%s: %s at update %d of %d; run.json says failed, "
                    + "%s", spec.name(), reason, trainer.nextUpdate(), trainer.plan().totalUpdates(),
                    checkpointNote(dir)), e);
        }
    }

    /** Where a failed run can resume from. */
    private static String checkpointNote(Path dir) {
        try {
            OptionalInt next = RunDirectory.of(dir).checkpointNextUpdate();
            return next.isEmpty() ? "no checkpoint yet (the run restarts from the beginning)"
                    : "the checkpoint of update " + next.getAsInt() + " is intact";
        } catch (RuntimeException e) {
            return "the checkpoint is not readable";
        }
    }

    /** The checkpoint of a resumed run, checked against it; null when there is none yet. */
    private static Checkpoint.State checkpoint(ExperimentSpec spec, TrainPlan plan, Path dir) {
        Path file = RunDirectory.of(dir).checkpoint();
        return Files.exists(file) ? Checkpoint.read(file, plan, spec.configHash()) : null;
    }

    /** A new run needs a directory without a run; a resumed one a run of the same configuration. */
    private static void checkDirectory(ExperimentSpec spec, Path dir, boolean resume) {
        if (resume) {
            checkSameConfig(spec, dir);
        } else if (Files.exists(RunDirectory.of(dir).resolved())) {
            throw new UserInputException(dir + " already holds a run; use --resume to continue it or another --out");
        }
    }

    /** Says on stderr when the adjoint engine may have to recompute forward steps to stay within its memory. */
    private static void noteRateMemory(ExperimentSpec spec, TrainPlan plan) {
        if (plan.engine() != Engine.ADJOINT) {
            return;
        }
        // from a zero state, simulation starts at the batch's first onset, at the earliest onset - jitter
        int steps = plan.zeroInitialState() ? plan.task().trialSteps() - (plan.task().onset() - plan.task().onsetJitter())
                : plan.task().trialSteps();
        double gib = (double) AdjointEngine.bytesForAllSteps(steps, plan.seeds().size() * plan.batchSize(),
                plan.params().hiddenSize(), plan.dtype()) / (1L << 30);
        if (gib > plan.rateMemoryGib()) {
            System.err.printf(Locale.ROOT, "[%s] every step's rates may need up to %.1f GiB, more than "
                    + "training.rate_memory_gib = %.1f: the adjoint engine keeps %d steps at a time where needed and "
                    + "recomputes them (one more product per step, same results)%n", spec.name(), gib,
                    plan.rateMemoryGib(), plan.chunkSteps());
        }
    }

    /** {@link Trainer#checkInitialisation}; a rejected initialisation becomes a one-line user error. */
    private static void checkInitialisation(ExperimentSpec spec, TrainPlan plan) {
        try {
            Trainer.checkInitialisation(plan);
        } catch (ConfigValueException e) {
            throw new UserInputException(spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** A trainer; a rejected initialisation ({@code network.init.*}) becomes a one-line user error. */
    private static Trainer newTrainer(ExperimentSpec spec, TrainPlan plan, List<Trial> dataset, Checkpoint.State state) {
        try {
            return new Trainer(plan, dataset, state);
        } catch (ConfigValueException e) {
            throw new UserInputException(spec.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The OpenBLAS kernels a run has used, oldest first ({@code blas_cores} in run.json). A resumed
     * run on another kernel than before is said on stderr: its float32 numbers then differ at
     * rounding level from those of an uninterrupted run on one kernel.
     */
    static List<String> kernelsUsed(List<String> earlier, String now, ExperimentSpec spec, int resumedFrom) {
        List<String> out = new ArrayList<>(earlier);
        if (!earlier.isEmpty() && !earlier.get(earlier.size() - 1).equals(now)) {
            System.err.printf(Locale.ROOT, "[%s] note: resumed at update %d with OpenBLAS kernel %s; the earlier "
                    + "updates ran with %s (float32 results differ at rounding level from a run on one kernel; "
                    + "run.json lists both in blas_cores)%n", spec.name(), resumedFrom, now,
                    earlier.get(earlier.size() - 1));
        }
        if (out.isEmpty() || !out.get(out.size() - 1).equals(now)) {
            out.add(now);
        }
        return out;
    }

    /** The blas_cores of an earlier run.json (its backend.blas_core for older files); empty when unreadable. */
    private static List<String> blasCores(Path runJson) {
        try {
            return RunRecord.read(runJson).blasCores();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The run's {@code run.json}: provenance, configuration, and how far the run got. */
    private static final class Status {
        private final Path dir;
        private final Provenance prov;
        private final ExperimentSpec spec;
        private final TrainPlan plan;
        private final int resumedFrom;
        private final List<String> kernels;
        private final CudaInfo cuda;

        Status(Path dir, Provenance prov, ExperimentSpec spec, TrainPlan plan, int resumedFrom, List<String> kernels,
               CudaInfo cuda) {
            this.dir = dir;
            this.prov = prov;
            this.spec = spec;
            this.plan = plan;
            this.resumedFrom = resumedFrom;
            this.kernels = kernels;
            this.cuda = cuda;
        }

        void write(String status, int updatesDone) {
            ObjectNode o = json(status.equals(Provenance.RUNNING) ? prov : prov.finish(status), updatesDone);
            Json.write(RunDirectory.of(dir).runJson(), o);
        }

        void interrupted(String signal, int updatesDone) {
            ObjectNode o = json(prov.finish(Provenance.INTERRUPTED), updatesDone);
            o.put("interrupted_by", signal);
            Json.write(RunDirectory.of(dir).runJson(), o);
        }

        /** Records a failure; a failure to record it (a full disk) is left unsaid rather than hiding the first. */
        void failed(String reason, int updatesDone) {
            try {
                write(Provenance.failed(reason), updatesDone);
            } catch (RuntimeException e) {
                // run.json keeps its last state
            }
        }

        private ObjectNode json(Provenance p, int updatesDone) {
            ObjectNode o = p.toJson();
            o.put("experiment", spec.name());
            o.put(Provenance.CONFIG_HASH, spec.configHash());
            var seeds = o.putArray("seeds");
            spec.seeds().forEach(seeds::add);
            o.put("engine", plan.engine().configName());
            o.put("workers", plan.workers());
            o.put("dtype", spec.training().dtype().configName());
            o.put("updates_total", plan.totalUpdates());
            o.put("resumed_from_update", resumedFrom);
            o.put("updates_done", updatesDone);
            var cores = o.putArray("blas_cores");
            kernels.forEach(cores::add);
            // peak resident memory of this process so far (all workers; since the resume, if resumed)
            o.put("peak_rss_bytes", Benchmark.peakRss());
            if (cuda != null) {
                o.set("cuda", Json.MAPPER.valueToTree(cuda.toMap()));
            }
            return o;
        }
    }

    private static void checkSameConfig(ExperimentSpec spec, Path dir) {
        Path resolved = RunDirectory.of(dir).resolved();
        if (!Files.isRegularFile(resolved)) {
            throw new UserInputException("--resume: " + resolved + " not found: not a run directory");
        }
        try {
            String before = Files.readString(resolved);
            if (!before.equals(spec.toResolvedYaml())) {
                throw new UserInputException("--resume: the configuration differs from the run in " + dir
                        + " (compare " + resolved + " with the experiment and --set values)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trains the remaining updates; false when a signal stopped training. */
    private static boolean train(Trainer trainer, ExperimentSpec spec, Path dir, StopSignals signals) {
        TrainPlan plan = trainer.plan();
        int remaining = plan.totalUpdates() - trainer.nextUpdate();
        boolean done;
        try (Progress progress = Progress.start(spec.name(), plan.totalUpdates(), "updates")) {
            progress.skip(trainer.nextUpdate());
            done = trainer.train(new Trainer.Listener() {
                @Override
                public boolean stopRequested() {
                    return signals.requested();
                }

                @Override
                public void onUpdate(int update, int total, List<CurvePoint> points) {
                    double mean = points.stream().mapToDouble(CurvePoint::loss).filter(Double::isFinite).average()
                            .orElse(Double.NaN);
                    progress.step(1, String.format(Locale.ROOT, "epoch %d/%d loss %.5f",
                            update / plan.updatesPerEpoch() + 1, plan.epochs(), mean));
                }

                @Override
                public void onEpoch(int epoch, Trainer t) {
                    Checkpoint.write(RunDirectory.of(dir).checkpoint(), spec.configHash(), t, plan.learningRate());
                }
            });
        }
        if (done && remaining == 0) {
            System.err.println("[" + spec.name() + "] training already complete; re-evaluating");
        }
        return done;
    }

    /** Saves and evaluates every seed and writes the tables; false when a signal stopped the evaluation. */
    private static boolean finish(Trainer trainer, ExperimentSpec spec, Path dir, StopSignals signals) {
        trainer.releaseEngines();
        TrainPlan plan = trainer.plan();
        Evaluator evaluator = new Evaluator(spec.evalProtocol());
        List<SeedState> states = trainer.states();
        List<Future<EvaluationResult>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.workers(), states.size())));
        try {
            for (SeedState s : states) {
                CtrnnWeights w = weights(trainer, s);
                WeightsIO.save(RunDirectory.of(dir).seed(s.seed()), w);
                futures.add(pool.submit(() -> finite(s) ? evaluateOrNull(evaluator, w) : null));
            }
            List<RunTables.SeedRow> rows = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                SeedState s = states.get(i);
                Future<EvaluationResult> f = futures.get(i);
                while (!f.isDone()) {
                    if (signals.requested()) {
                        return false;
                    }
                    try {
                        f.get(POLL_MS, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // poll again
                    }
                }
                rows.add(new RunTables.SeedRow(s.seed(), s.status().name().toLowerCase(Locale.ROOT), s.divergedAt(),
                        s.lastLoss(), s.updates(), s.trainSeconds(), f.get()));
            }
            List<String> labels = spec.evalProtocol().durationLabels();
            RunDirectory run = RunDirectory.of(dir);
            TableSchema.writeCsv(RunTables.seeds(rows, labels), run.seedsCsv());
            TableSchema.writeCsv(RunTables.curves(trainer.history()), run.curvesCsv());
            Json.write(run.schema(), RunTables.schema(labels).toJson());
            printSummary(spec, dir, rows);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IllegalStateException("evaluation failed: " + c, c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The evaluation, or null when the network's simulation is not finite (its metrics are then NaN). */
    private static EvaluationResult evaluateOrNull(Evaluator evaluator, CtrnnWeights w) {
        try {
            return evaluator.evaluate(w);
        } catch (NonFiniteSimulationException e) {
            return null;
        }
    }

    private static boolean finite(SeedState s) {
        return DoubleArrays.allFinite(s.input()) && DoubleArrays.allFinite(s.readout());
    }

    /** The trained network of a seed, in the plan's data type. */
    public static CtrnnWeights weights(Trainer trainer, SeedState s) {
        TrainPlan plan = trainer.plan();
        int n = plan.params().hiddenSize();
        DataType t = plan.dtype();
        INDArray h0 = s.initialState() == null ? Nd4j.zeros(t, n) : Nd4j.createFromArray(s.initialState()).castTo(t);
        return new CtrnnWeights(plan.params(), trainer.recurrent(),
                Nd4j.createFromArray(s.input()).castTo(t).reshape(n, 1),
                Nd4j.createFromArray(s.readout()).castTo(t).reshape(n, 1), h0);
    }

    private static void printSummary(ExperimentSpec spec, Path dir, List<RunTables.SeedRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%n%-6s %-10s %12s %12s %12s%n", "seed", "status", "precision",
                "weight_corr", "final_loss"));
        List<Double> precisions = new ArrayList<>();
        for (RunTables.SeedRow r : rows) {
            EvaluationResult e = r.evaluation();
            sb.append(String.format(Locale.ROOT, "%-6d %-10s %12.6f %12.4f %12.6f%n", r.seed(), r.status(),
                    e == null ? Double.NaN : e.precision(), e == null ? Double.NaN : e.weightCorrelation(),
                    r.finalTrainLoss()));
            if (e != null) {
                precisions.add(e.precision());
            }
        }
        if (!precisions.isEmpty()) {
            double median = DoubleArrays.medianOfSorted(precisions.stream().mapToDouble(Double::doubleValue).sorted()
                    .toArray());
            sb.append(String.format(Locale.ROOT, "median precision %.6f over %d seeds%n", median, precisions.size()));
        }
        sb.append("run directory: ").append(dir).append('\n');
        System.out.print(sb);
    }
}
