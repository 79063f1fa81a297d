package org.rnnmemory.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.TerminationCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.chaos.ChaosTable;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.RunInterruptedException;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.io.StopSignals;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.report.ReportFiles;
import tech.tablesaw.api.Table;

/**
 * Runs a sweep into its output folder:
 * <pre>
 * DIR/sweep.yaml                 the sweep file as given
 * DIR/sweep.json                 provenance, status and what was done with each candidate
 * DIR/candidates/K-DESCRIPTION/  one run directory per candidate (see ExperimentRunner), or with
 *                                --shards-per-candidate S > 1 its seeds in S run directories shards/0..S-1
 * DIR/sweep.csv                  one row per candidate and seed
 * DIR/sweep_summary.csv          one row per candidate
 * DIR/schema.json                type, unit and meaning of every column of both tables
 * DIR/chaos.csv                  lambda_max per gain and network seed (when network.gain is swept)
 * DIR/precision_vs_gain.{png,svg}, DIR/precision_vs_lambda.{png,svg}  (when network.gain is swept)
 * DIR/index.md, DIR/analysis.{ipynb,md,html}, DIR/figures/   the report
 * </pre>
 * Arbiter's {@link LocalOptimizationRunner} drives the candidates one at a time (each trains its
 * seeds on the experiment's {@code training.workers} threads) through {@link CandidateTasks}. The
 * sweep stops after the first failed candidate and rethrows its error; completed candidates are
 * skipped and interrupted ones resumed when the same sweep is run again.
 */
public final class SweepRunner {
    /** Threads of the untrained-network chaos analysis. */
    static final int CHAOS_THREADS = 2;
    /** The sweep's provenance file in its folder. */
    static final String JSON = "sweep.json";
    /** Key of {@value #JSON} that records {@link SweepPlan#shardsPerCandidate()}. */
    static final String SHARDS_KEY = "shards_per_candidate";

    private SweepRunner() {}

    /**
     * What a sweep produced.
     *
     * @param dir output folder
     * @param outcomes what was done with each candidate, by index
     * @param rows per-candidate results, in candidate order
     * @param findings the edge-of-chaos finding per group of candidates (empty unless the gain is swept)
     * @param text a plain-text table of the candidates and the finding
     */
    public record Result(Path dir, Map<Integer, CandidateOutcome> outcomes, List<CandidateSummary> rows,
                         List<EdgeOfChaosFinding> findings, String text) {}

    /**
     * Runs every candidate (skipping finished ones), then writes tables, figures and report.
     *
     * @param chaos run lengths of the lambda_max analysis; N and the step come from each candidate
     * @param command the command line, for the report
     * @param log progress lines
     */
    public static Result run(SweepPlan plan, ChaosSettings chaos, String command, PrintStream log) {
        return run(plan, chaos, command, log, true);
    }

    /**
     * As {@link #run(SweepPlan, ChaosSettings, String, PrintStream)}; the output folder is locked
     * ({@link RunLock}) for the whole sweep.
     *
     * @param checkResources refuse, before anything is written, a sweep whose largest candidate needs more
     *     memory than this process may use or whose runs do not fit on disk ({@link SweepResources})
     * @throws RunInterruptedException when a signal stopped a candidate ({@code sweep.json} says interrupted)
     */
    public static Result run(SweepPlan plan, ChaosSettings chaos, String command, PrintStream log,
                             boolean checkResources) {
        if (checkResources) {
            SweepResources.require(plan);
        }
        try (RunLock lock = RunLock.acquire(plan.dir(), "sweep")) {
            Instant start = Instant.now();
            Provenance prov = Provenance.capture(Path.of("."));
            copySweepFile(plan);
            writeJson(plan, prov, Map.of(), chaos, start);
            CandidateTasks tasks = new CandidateTasks(plan, log, checkResources);
            LocalOptimizationRunner runner = new LocalOptimizationRunner(1, configuration(plan), tasks);
            try (StopSignals signals = StopSignals.install()) {
                runner.execute();
            }
            Map<Integer, CandidateOutcome> outcomes = tasks.outcomes();
            RuntimeException failure = outcomes.values().stream().map(CandidateOutcome::failure)
                    .filter(f -> f != null).findFirst().orElse(null);
            if (failure instanceof RunInterruptedException) {
                writeJson(plan, prov.finish(RunStatus.INTERRUPTED.word()), outcomes, chaos, start);
                throw failure;
            }
            if (failure != null || outcomes.size() != plan.count()) {
                writeJson(plan, prov.finish("failed: " + (failure == null ? "not every candidate ran"
                        : failure.getMessage())), outcomes, chaos, start);
                throw failure != null ? failure : new IllegalStateException("sweep ended with " + outcomes.size()
                        + " of " + plan.count() + " candidates");
            }
            Result result = analyse(plan, outcomes, chaos, command, prov.git(), start, log);
            writeJson(plan, prov.finish(RunStatus.COMPLETED.word()), outcomes, chaos, start);
            return result;
        }
    }

    /** Arbiter configuration: the plan's generator, median precision to minimise, stop after all or a failure. */
    static OptimizationConfiguration configuration(SweepPlan plan) {
        return new OptimizationConfiguration.Builder()
                .candidateGenerator(SweepCandidates.generator(plan.spec()))
                .scoreFunction(new MedianPrecision())
                .terminationConditions(new MaxCandidatesCondition(plan.count()), new StopOnFailure())
                .build();
    }

    private static Result analyse(SweepPlan plan, Map<Integer, CandidateOutcome> outcomes, ChaosSettings chaos,
                                  String command, Provenance.Git git, Instant start, PrintStream log) {
        boolean gain = plan.gainVaries();
        Map<UntrainedChaos.Key, UntrainedChaos.Lambda> lambdas = Map.of();
        if (gain) {
            log.println("[sweep] lambda_max of the untrained networks (" + UntrainedChaos.NETWORK_SEEDS
                    + " network seeds per gain)");
            lambdas = UntrainedChaos.compute(plan.experiments(), chaos, CHAOS_THREADS, r -> {});
            List<org.rnnmemory.chaos.ChaosResult> all = new ArrayList<>();
            lambdas.values().forEach(l -> all.addAll(l.results()));
            ChaosTable.write(ChaosTable.of(all), plan.dir().resolve("chaos.csv"));
        }
        List<CandidateSummary> rows = new ArrayList<>();
        for (SweepCandidate c : plan.candidates()) {
            Table seeds = SeedTables.read(plan.runDirs(c));
            UntrainedChaos.Lambda lambda = gain ? lambdas.get(UntrainedChaos.Key.of(plan.experiment(c))) : null;
            rows.add(CandidateSummary.of(c, c.dirName(plan.count()), seeds, lambda));
        }
        List<String> labels = plan.experiments().get(0).evalProtocol().durationLabels();
        TableSchema.writeCsv(SweepTables.perSeed(plan.spec(), rows), plan.dir().resolve("sweep.csv"));
        Table summary = SweepTables.summary(plan.spec(), rows, gain);
        TableSchema.writeCsv(summary, plan.dir().resolve("sweep_summary.csv"));
        Json.write(plan.dir().resolve("schema.json"), SweepTables.schema(plan.spec(), labels, gain).toJson());
        List<EdgeOfChaosFinding> findings = gain ? findings(plan, rows) : List.of();
        ReportFiles.Written report = SweepReport.write(plan, rows, summary, findings, outcomes, chaos, command, git,
                Duration.between(start, Instant.now()));
        log.println("[sweep] " + report.execution().line());
        log.println("[sweep] wrote " + plan.dir());
        return new Result(plan.dir(), outcomes, rows, findings, SweepReport.text(plan, rows, findings));
    }

    private static List<EdgeOfChaosFinding> findings(SweepPlan plan, List<CandidateSummary> rows) {
        List<EdgeOfChaosFinding> out = new ArrayList<>();
        SweepFigure.groups(rows, SweepReport.otherKeys(plan)).forEach((group, members) -> {
            if (members.stream().anyMatch(r -> Double.isFinite(r.precision().median()))) {
                out.add(EdgeOfChaosFinding.of(group, members));
            }
        });
        return out;
    }

    private static void copySweepFile(SweepPlan plan) {
        try {
            AtomicFiles.writeString(plan.dir().resolve("sweep.yaml"), Files.readString(plan.sweepFile()));
        } catch (IOException e) {
            throw new InputFileException(plan.sweepFile(), "cannot read: " + e.getMessage());
        }
    }

    private static void writeJson(SweepPlan plan, Provenance prov, Map<Integer, CandidateOutcome> outcomes,
                                  ChaosSettings chaos, Instant start) {
        ObjectNode o = prov.toJson();
        o.put("sweep", plan.name());
        o.put("sweep_file", plan.sweepFile().toAbsolutePath().normalize().toString());
        o.put("experiment", plan.spec().experiment().toString());
        o.put("search", plan.spec().search());
        o.put("seed", plan.spec().seed());
        o.set("parameters", Json.MAPPER.valueToTree(plan.spec().parameters()));
        o.put("candidates_total", plan.count());
        o.put(SHARDS_KEY, plan.shardsPerCandidate());
        ArrayNode list = o.putArray("candidates");
        for (SweepCandidate c : plan.candidates()) {
            ObjectNode n = list.addObject();
            n.put("index", c.index());
            n.put("dir", SweepPlan.CANDIDATES + "/" + c.dirName(plan.count()));
            n.set("point", Json.MAPPER.valueToTree(c.point()));
            n.put("config_hash", plan.experiment(c).configHash());
            if (plan.sharded()) {
                ArrayNode shards = n.putArray("shards");
                for (CandidateShard s : plan.shards(c)) {
                    ObjectNode sn = shards.addObject();
                    sn.put("index", s.index());
                    sn.put("dir", plan.dir().relativize(s.dir()).toString());
                    sn.set("seeds", Json.MAPPER.valueToTree(s.seeds()));
                    sn.put("config_hash", s.experiment().configHash());
                }
            }
            CandidateOutcome out = outcomes.get(c.index());
            n.put("action", out == null ? "pending" : out.action().label());
            if (out != null) {
                n.put("median_precision", Double.isFinite(out.medianPrecision()) ? out.medianPrecision() : null);
                n.put("seconds", out.seconds());
            }
        }
        ObjectNode ch = o.putObject("lambda_max");
        ch.put("network_seeds_per_gain", UntrainedChaos.NETWORK_SEEDS);
        ch.put("dt_tau", "min(network.dt_ms / network.tau_ms, " + ChaosSettings.MAX_DT_TAU + ")");
        ch.put("transient_tau", chaos.transientTau());
        ch.put("duration_tau", chaos.durationTau());
        ch.put("ortho_every", chaos.orthoEvery());
        ch.put("initial_sd", chaos.initialSd());
        ObjectNode ci = o.putObject("bootstrap");
        ci.put("resamples", CandidateSummary.RESAMPLES);
        ci.put("level", CandidateSummary.LEVEL);
        o.put("wall_seconds", Duration.between(start, Instant.now()).toMillis() / 1000.0);
        Json.write(plan.dir().resolve(JSON), o);
    }

    /** Ends the search once a candidate has failed. */
    static final class StopOnFailure implements TerminationCondition {
        @Override
        public void initialize(IOptimizationRunner runner) {}

        @Override
        public boolean terminate(IOptimizationRunner runner) {
            return runner.numCandidatesFailed() > 0;
        }

        @Override
        public String toString() {
            return "StopOnFailure";
        }
    }
}
