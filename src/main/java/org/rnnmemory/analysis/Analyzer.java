package org.rnnmemory.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.dynamics.DynamicsSettings;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.eval.NonFiniteSimulationException;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Simulator;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;

/**
 * {@code rnnmem analyze}: merges run directories, simulates every seed's noise-free trials, and
 * writes the analysis tables ({@code RUN_DIR/tables/}), their schema, a provenance file and the
 * figures ({@code RUN_DIR/figures/}) into the first directory. Training outputs are only read.
 *
 * <pre>
 * tables/analysis.csv               one row per seed: SPEC section 4 metrics and trajectory metrics
 * tables/summary.csv                per metric: n, mean, sd, median, min, max, bootstrap CI of the mean
 * tables/correlations.csv           per metric against precision: Pearson, Spearman, bootstrap CI, Holm
 * tables/published_comparison.csv   this run against the 20 published models (Mann-Whitney U)
 * tables/published_model.csv        System A's seed 1 against the published model 1 (trained weights' r)
 * tables/integration.csv            plateau, target and drift per seed and duration
 * tables/separation.csv             separation of every pair of trajectories per seed
 * tables/trajectories.csv           trajectories on the top three memory-period PCs (subsampled)
 * tables/pc_directions.csv          the silent state, I and w in the same PC coordinates
 * tables/spectra.csv                covariance eigenvalues and cumulative weight fractions
 * tables/analysis_schema.json       type, unit and meaning of every column above
 * tables/analysis.json              run directories, seeds, options, timings, provenance
 * figures/*.png, figures/*.svg      see {@link AnalysisFigures}
 * </pre>
 */
public final class Analyzer {
    public static final String SCHEMA = "analysis_schema.json";
    public static final String INFO = "analysis.json";

    private Analyzer() {}

    /** What was analysed and how long it took. */
    public record Result(RunSet runs, List<SeedAnalysis> seeds, double simulateSeconds, double totalSeconds) {}

    /**
     * Runs the whole analysis, holding the lock of the first directory ({@link RunLock}) while it reads
     * and writes. Progress lines go to {@code log}.
     */
    public static Result run(List<Path> dirs, AnalysisOptions options, PrintStream log) {
        if (dirs.isEmpty() || !Files.isDirectory(dirs.get(0))) {
            RunSet.open(dirs);
        }
        try (RunLock lock = RunLock.acquire(dirs.get(0), "analyze")) {
            return analyse(dirs, options, log);
        }
    }

    private static Result analyse(List<Path> dirs, AnalysisOptions options, PrintStream log) {
        long start = System.nanoTime();
        Provenance prov = Provenance.capture(Path.of("."));
        RunSet runs = RunSet.open(dirs);
        ExperimentSpec spec = runs.spec();
        DurationPlan plan = DurationPlan.of(spec, options);
        checkWeights(runs);
        log.printf("[analyze] %s: %d seeds from %d run director%s, %d durations per seed%n", spec.name(),
                runs.seeds().size(), dirs.size(), dirs.size() == 1 ? "y" : "ies", plan.durationsMs().length);
        Mechanisms mechanisms = new Mechanisms(spec, DynamicsSettings.ANALYZE);
        List<SeedAnalysis> seeds = simulate(runs, spec.evalProtocol(), plan, options, mechanisms, log);
        double simulated = (System.nanoTime() - start) / 1e9;
        Path tables = RunDirectory.of(runs.outputDir()).tables();
        PublishedReference ref = PublishedReference.load();
        List<String> metrics = new ArrayList<>(runs.specMetricNames());
        metrics.addAll(SeedDynamics.METRICS);
        metrics.addAll(MechanismMetrics.NAMES);
        Table analysis = AnalysisTables.analysis(seeds, metrics);
        Map<String, Table> out = new LinkedHashMap<>();
        out.put(AnalysisTables.ANALYSIS, analysis);
        out.put(AnalysisTables.SUMMARY, AnalysisTables.summary(analysis, metrics, options.resamples(),
                options.bootstrapSeed()));
        out.put(AnalysisTables.CORRELATIONS, AnalysisTables.correlations(analysis, metrics, options.resamples(),
                options.bootstrapSeed()));
        out.put(AnalysisTables.PUBLISHED, AnalysisTables.published(analysis, ref));
        out.put(AnalysisTables.PUBLISHED_MODEL, PublishedModel.table(spec, analysis,
                runs.seedDirs().get(PublishedModel.SEED), ref));
        out.put(AnalysisTables.INTEGRATION, AnalysisTables.integration(seeds, plan));
        out.put(AnalysisTables.SEPARATION, AnalysisTables.separation(seeds));
        out.put(AnalysisTables.TRAJECTORIES, AnalysisTables.trajectories(seeds));
        out.put(AnalysisTables.DIRECTIONS, AnalysisTables.directions(seeds));
        out.put(AnalysisTables.SPECTRA, AnalysisTables.spectra(seeds));
        out.forEach((name, t) -> TableSchema.writeCsv(t, tables.resolve(name + ".csv")));
        PublishedModel.writeWeights(out.get(AnalysisTables.PUBLISHED_MODEL), tables);
        TableSchema schema = AnalysisTables.schema(metrics,
                ref.source());
        Json.write(tables.resolve(SCHEMA), schema.toJson());
        List<Path> figures = new ArrayList<>(AnalysisFigures.writeAll(runs, seeds, out, plan,
                RunDirectory.of(runs.outputDir()).figures()));
        figures.addAll(mechanisms.write(tables, RunDirectory.of(runs.outputDir()).figures(), analysis));
        double total = (System.nanoTime() - start) / 1e9;
        Json.write(tables.resolve(INFO), info(runs, plan, options, ref, prov, simulated, total, figures));
        log.printf("[analyze] wrote %d tables and %d figures to %s in %.1f s%n", out.size(), figures.size() / 2,
                runs.outputDir(), total);
        return new Result(runs, seeds, simulated, total);
    }

    /** Reads every completed seed's weights once before any work, so that a bad file is reported first. */
    private static void checkWeights(RunSet runs) {
        for (RunSet.SeedRecord r : runs.seeds()) {
            if ("completed".equals(r.status())) {
                WeightsIO.load(runs.seedDirs().get(r.seed()), DataType.DOUBLE);
            }
        }
    }

    /** Simulates every completed seed in parallel; a seed with non-finite metrics is left out (NaN). */
    static List<SeedAnalysis> simulate(RunSet runs, EvalProtocol protocol, DurationPlan plan, AnalysisOptions o,
                                       Mechanisms mechanisms, PrintStream log) {
        Map<Integer, Pca> spontaneous = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(o.workers(), Math.max(1, runs.seeds().size())));
        List<Future<SeedAnalysis>> futures = new ArrayList<>();
        try {
            for (RunSet.SeedRecord r : runs.seeds()) {
                futures.add(pool.submit(() -> analyseSeed(r, runs.seedDirs().get(r.seed()), protocol, plan, o,
                        spontaneous, mechanisms)));
            }
            List<SeedAnalysis> out = new ArrayList<>();
            for (Future<SeedAnalysis> f : futures) {
                SeedAnalysis a = f.get();
                log.printf("[analyze] seed %d %s%n", a.seed(), a.dynamics() == null ? "skipped (" + a.status() + ")"
                        : "done");
                out.add(a);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("analysis interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("analysis failed: " + c.getMessage(), c);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SeedAnalysis analyseSeed(RunSet.SeedRecord r, Path dir, EvalProtocol protocol, DurationPlan plan,
                                            AnalysisOptions o, Map<Integer, Pca> spontaneousCache,
                                            Mechanisms mechanisms) {
        Map<String, Double> metrics = new LinkedHashMap<>(r.metrics());
        if (!"completed".equals(r.status())) {
            // a diverged seed's weights may hold NaN: they are not read
            SeedDynamics.METRICS.forEach(m -> metrics.put(m, Double.NaN));
            metrics.putAll(MechanismMetrics.missing());
            return new SeedAnalysis(r.seed(), r.status(), metrics, null, null, null);
        }
        CtrnnWeights w = WeightsIO.load(dir, DataType.DOUBLE);
        SeedDynamics d;
        Pca spont;
        try {
            d = SeedDynamics.compute(r.seed(), w, protocol, plan, o);
            spont = spontaneous(w, protocol, spontaneousCache);
        } catch (NonFiniteSimulationException e) {
            throw new InputFileException(dir, "simulating these weights overflows (" + e.getMessage()
                    + "); the seed is marked completed but its weights cannot be analysed");
        }
        metrics.putAll(d.metrics());
        metrics.putAll(mechanisms.analyse(r.seed(), w, protocol));
        double[] input = w.I().data().asDouble();
        return new SeedAnalysis(r.seed(), r.status(), metrics, d, spont.eigenvalues(),
                ReadoutGeometry.cumulativeFraction(spont, input));
    }

    /** The spontaneous-activity PCA, which depends on G and g only: computed once per distinct G. */
    private static Pca spontaneous(CtrnnWeights w, EvalProtocol protocol, Map<Integer, Pca> cache) {
        double[] g = w.G().data().asDouble();
        int key = 31 * Arrays.hashCode(g) + Double.hashCode(w.params().gain());
        synchronized (cache) {
            Pca p = cache.get(key);
            if (p == null) {
                p = new Evaluator(protocol).spontaneousPca(new Simulator(w), w.n());
                cache.put(key, p);
            }
            return p;
        }
    }

    private static ObjectNode info(RunSet runs, DurationPlan plan, AnalysisOptions o, PublishedReference ref,
                                   Provenance prov, double simulated, double total, List<Path> figures) {
        ObjectNode j = Json.object();
        j.put("experiment", runs.spec().name());
        j.put("config_hash_without_seeds", runs.spec().withSeeds(List.of(0)).configHash());
        ArrayNode dirs = j.putArray("run_dirs");
        runs.dirs().forEach(d -> dirs.add(d.toAbsolutePath().normalize().toString()));
        ArrayNode seeds = j.putArray("seeds");
        runs.seeds().forEach(s -> seeds.add(s.seed()));
        ArrayNode durations = j.putArray("durations_ms");
        Arrays.stream(plan.durationsMs()).forEach(durations::add);
        j.putArray("trained_range_ms").add(plan.trainedFromMs()).add(plan.trainedToMs());
        j.put("target_slope_per_ms", plan.targetPerMs());
        ObjectNode opt = j.putObject("options");
        opt.put("trajectory_step_ms", o.trajectoryStepMs());
        opt.put("separation_step_ms", o.separationStepMs());
        opt.put("bootstrap_resamples", o.resamples());
        opt.put("bootstrap_seed", o.bootstrapSeed());
        opt.put("ci_level", AnalysisTables.LEVEL);
        opt.put("workers", o.workers());
        j.put("published_reference", ref.source() + " (bundled as src/main/resources" + PublishedReference.RESOURCE + ")");
        j.put("simulate_seconds", simulated);
        j.put("total_seconds", total);
        ArrayNode figs = j.putArray("figures");
        figures.forEach(f -> figs.add(runs.outputDir().relativize(f).toString()));
        j.set("provenance", prov.finish(RunStatus.COMPLETED.word()).toJson());
        return j;
    }
}
