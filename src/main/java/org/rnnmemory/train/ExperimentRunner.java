package org.rnnmemory.train;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.cli.UserInputException;
import org.rnnmemory.config.ConfigValueException;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.eval.EvaluationResult;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.gpu.CudaInfo;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Progress;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialDatasets;

/**
 * Runs an experiment end to end into a run directory: config, provenance, training with per-epoch
 * checkpoints, evaluation of every seed, weights and tables. All files are written atomically.
 *
 * <pre>
 * RUN_DIR/config.yaml            the experiment file as given
 * RUN_DIR/config.resolved.yaml   every key, with overrides and defaults applied
 * RUN_DIR/run.json               provenance and status
 * RUN_DIR/checkpoint.bin         training state after the last completed epoch
 * RUN_DIR/tables/seeds.csv       one row per seed
 * RUN_DIR/tables/curves.csv      one row per seed and update
 * RUN_DIR/tables/schema.json     type, unit and meaning of every column
 * RUN_DIR/seeds/seed-N/          G.npy, I.npy, w.npy, h0.npy, model.json
 * </pre>
 */
public final class ExperimentRunner {
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String RESOLVED = "config.resolved.yaml";

    private ExperimentRunner() {}

    /** The trainer's plan for an experiment. */
    public static TrainPlan plan(ExperimentSpec spec) {
        var net = spec.network();
        var tr = spec.training();
        return new TrainPlan(spec.modelParams(), net.networkSeed(), "zero".equals(net.initialState()),
                net.trainInput(), net.trainReadout(), spec.taskSpec(), tr.epochs(), tr.batchSize(),
                tr.learningRate(), tr.engine(), tr.chunkSteps(),
                "float64".equals(tr.dtype()) ? DataType.DOUBLE : DataType.FLOAT, tr.workers(), spec.seeds(),
                net.initInput(), net.initReadout(), spec.evalProtocol(), tr.rateMemoryGib(), net.initGenerator());
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
     * Runs (or resumes) the experiment.
     *
     * @param configText the experiment file's text as given (written to config.yaml)
     * @return the run directory
     */
    public static Path run(ExperimentSpec spec, String configText, Path dir, boolean resume) {
        TrainPlan plan = plan(spec);
        // the GPU is checked before anything is written: without one the run is a one-line user error
        CudaInfo cuda = "cuda".equals(plan.engine()) ? CudaEngine.device() : null;
        Checkpoint.State state = null;
        if (resume) {
            checkSameConfig(spec, dir);
            if (Files.exists(dir.resolve(CHECKPOINT))) {
                state = Checkpoint.read(dir.resolve(CHECKPOINT), plan.learningRate());
            }
        } else if (Files.exists(dir.resolve(RESOLVED))) {
            throw new UserInputException(dir + " already holds a run; use --resume to continue it or another --out");
        }
        List<Trial> dataset = spec.task().dataset() == null ? null
                : TrialDatasets.read(Path.of(spec.task().dataset()), plan.task().trialSteps());
        AtomicFiles.writeString(dir.resolve("config.yaml"), configText);
        AtomicFiles.writeString(dir.resolve(RESOLVED), spec.toResolvedYaml());
        List<String> earlierKernels = resume ? blasCores(dir.resolve("run.json")) : List.of();
        Provenance prov = Provenance.capture(Path.of("."));
        int resumedFrom = state == null ? 0 : state.nextUpdate();
        List<String> kernels = kernelsUsed(earlierKernels, prov.backend().blasCore(), spec, resumedFrom);
        writeRunJson(dir, prov, spec, plan, resumedFrom, kernels, cuda);
        noteRateMemory(spec, plan);
        try (Trainer trainer = newTrainer(spec, plan, dataset, state)) {
            train(trainer, spec, dir);
            finish(trainer, spec, dir);
        } catch (RuntimeException e) {
            writeRunJson(dir, prov.finish("failed: " + e.getMessage()), spec, plan, resumedFrom, kernels, cuda);
            throw e;
        }
        writeRunJson(dir, prov.finish("completed"), spec, plan, resumedFrom, kernels, cuda);
        return dir;
    }

    /** Says on stderr when the adjoint engine may have to recompute forward steps to stay within its memory. */
    private static void noteRateMemory(ExperimentSpec spec, TrainPlan plan) {
        if (!"adjoint".equals(plan.engine())) {
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
            JsonNode o = Json.MAPPER.readTree(runJson.toFile());
            List<String> out = new ArrayList<>();
            if (o.get("blas_cores") != null && o.get("blas_cores").isArray()) {
                o.get("blas_cores").forEach(k -> out.add(k.asText()));
            } else if (o.at("/backend/blas_core").isTextual()) {
                out.add(o.at("/backend/blas_core").asText());
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * run.json: provenance, the experiment's identity, the OpenBLAS kernels used, and for the cuda
     * engine the GPU and CUDA versions.
     */
    private static void writeRunJson(Path dir, Provenance prov, ExperimentSpec spec, TrainPlan plan, int resumedFrom,
                                     List<String> kernels, CudaInfo cuda) {
        ObjectNode o = prov.toJson();
        o.put("experiment", spec.name());
        o.put("config_hash", spec.configHash());
        var seeds = o.putArray("seeds");
        spec.seeds().forEach(seeds::add);
        o.put("engine", plan.engine());
        o.put("workers", plan.workers());
        o.put("dtype", "float64".equals(spec.training().dtype()) ? "float64" : "float32");
        o.put("updates_total", plan.totalUpdates());
        o.put("resumed_from_update", resumedFrom);
        var cores = o.putArray("blas_cores");
        kernels.forEach(cores::add);
        // peak resident memory of this process so far (all workers; since the resume, if resumed)
        o.put("peak_rss_bytes", Benchmark.peakRss());
        if (cuda != null) {
            o.set("cuda", Json.MAPPER.valueToTree(cuda.toMap()));
        }
        Json.write(dir.resolve("run.json"), o);
    }

    private static void checkSameConfig(ExperimentSpec spec, Path dir) {
        Path resolved = dir.resolve(RESOLVED);
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

    private static void train(Trainer trainer, ExperimentSpec spec, Path dir) {
        TrainPlan plan = trainer.plan();
        int remaining = plan.totalUpdates() - trainer.nextUpdate();
        try (Progress progress = Progress.start(spec.name(), plan.totalUpdates(), "updates")) {
            progress.step(trainer.nextUpdate(), "");
            trainer.train(new Trainer.Listener() {
                @Override
                public void onUpdate(int update, int total, List<CurvePoint> points) {
                    double mean = points.stream().mapToDouble(CurvePoint::loss).filter(Double::isFinite).average()
                            .orElse(Double.NaN);
                    progress.step(1, String.format(Locale.ROOT, "epoch %d/%d loss %.5f",
                            update / plan.updatesPerEpoch() + 1, plan.epochs(), mean));
                }

                @Override
                public void onEpoch(int epoch, Trainer t) {
                    Checkpoint.write(dir.resolve(CHECKPOINT), spec.configHash(), t, plan.learningRate());
                }
            });
        }
        if (remaining == 0) {
            System.err.println("[" + spec.name() + "] training already complete; re-evaluating");
        }
    }

    private static void finish(Trainer trainer, ExperimentSpec spec, Path dir) {
        trainer.releaseEngines();
        TrainPlan plan = trainer.plan();
        Evaluator evaluator = new Evaluator(spec.evalProtocol());
        List<SeedState> states = trainer.states();
        List<Future<EvaluationResult>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(plan.workers(), states.size())));
        try {
            for (SeedState s : states) {
                CtrnnWeights w = weights(trainer, s);
                WeightsIO.save(dir.resolve("seeds").resolve("seed-" + s.seed()), w);
                futures.add(pool.submit(() -> finite(s) ? evaluator.evaluate(w) : null));
            }
            List<RunTables.SeedRow> rows = new ArrayList<>();
            for (int i = 0; i < states.size(); i++) {
                SeedState s = states.get(i);
                rows.add(new RunTables.SeedRow(s.seed(), s.status().name().toLowerCase(Locale.ROOT), s.divergedAt(),
                        s.lastLoss(), s.updates(), s.trainSeconds(), futures.get(i).get()));
            }
            List<String> labels = spec.evalProtocol().durationLabels();
            Path tables = dir.resolve("tables");
            TableSchema.writeCsv(RunTables.seeds(rows, labels), tables.resolve("seeds.csv"));
            TableSchema.writeCsv(RunTables.curves(trainer.history()), tables.resolve("curves.csv"));
            Json.write(tables.resolve("schema.json"), RunTables.schema(labels).toJson());
            printSummary(spec, dir, rows);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean finite(SeedState s) {
        for (double[] v : new double[][] {s.input(), s.readout()}) {
            for (double x : v) {
                if (!Double.isFinite(x)) {
                    return false;
                }
            }
        }
        return true;
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
        precisions.sort(Double::compare);
        if (!precisions.isEmpty()) {
            double median = precisions.size() % 2 == 1 ? precisions.get(precisions.size() / 2)
                    : 0.5 * (precisions.get(precisions.size() / 2 - 1) + precisions.get(precisions.size() / 2));
            sb.append(String.format(Locale.ROOT, "median precision %.6f over %d seeds%n", median, precisions.size()));
        }
        sb.append("run directory: ").append(dir).append('\n');
        System.out.print(sb);
    }
}
