package org.rnnmemory.sweep;

import org.rnnmemory.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.chaos.ChaosAnalysis;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.io.Json;
import tech.tablesaw.api.Table;

/** A tiny sweep (2 gains x 2 seeds) through the CLI: its files, its tables, and re-running it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepRunTest {
    static final String EXPERIMENT = """
            name: tiny
            seeds: [1, 2]
            network: {hidden_size: 12, tau_ms: 100, dt_ms: 10, gain: 1.5, network_seed: 1}
            task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                   duration_jitter_ms: 20, cost_onset_ms: 600, trials: 24}
            training: {epochs: 2, batch_size: 6, learning_rate: 0.01, workers: 2}
            evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
            """;
    static final String SWEEP = """
            sweep:
              experiment: tiny.yaml
              search: grid
              parameters:
                network.gain: [0.5, 2.0]
            """;

    @TempDir
    static Path tmp;
    static Path sweepFile;
    static Path out;
    static CliRun first;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void sweepOnce() throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), EXPERIMENT);
        sweepFile = tmp.resolve("gains.yaml");
        Files.writeString(sweepFile, SWEEP);
        out = tmp.resolve("out");
        first = cli("sweep", sweepFile.toString(), "--out", out.toString());
        assertEquals(0, first.code(), first.err());
    }

    @Test
    @Order(1)
    void everyCandidateHasACompletedRunDirectory() throws Exception {
        for (String c : List.of("00-gain-0.5", "01-gain-2")) {
            Path run = out.resolve("candidates").resolve(c);
            JsonNode info = Json.MAPPER.readTree(run.resolve("run.json").toFile());
            assertEquals("completed", info.get("status").asText(), c);
            assertEquals(2, Table.read().csv(run.resolve("tables/seeds.csv").toFile()).rowCount(), c);
            assertTrue(Files.readString(run.resolve("config.yaml")).endsWith(EXPERIMENT), c);
            assertTrue(Files.readString(run.resolve("config.resolved.yaml")).contains("gain: "
                    + (c.endsWith("0.5") ? "0.5" : "2.0")), c);
        }
        JsonNode sweep = Json.MAPPER.readTree(out.resolve("sweep.json").toFile());
        assertEquals("completed", sweep.get("status").asText());
        assertEquals(2, sweep.get("candidates").size());
        assertEquals("trained", sweep.get("candidates").get(1).get("action").asText());
        assertEquals(SWEEP, Files.readString(out.resolve("sweep.yaml")));
    }

    @Test
    @Order(2)
    void sweepCsvHasOneRowPerCandidateAndSeedWithTheParameterAndSeedColumns() throws Exception {
        Table t = Table.read().csv(out.resolve("sweep.csv").toFile());
        assertEquals(4, t.rowCount());
        Table seeds = Table.read().csv(out.resolve("candidates/00-gain-0.5/tables/seeds.csv").toFile());
        List<String> expected = new java.util.ArrayList<>(List.of("candidate", "candidate_dir", "network.gain"));
        expected.addAll(seeds.columnNames());
        assertEquals(expected, t.columnNames());
        assertEquals(List.of(0, 0, 1, 1), t.intColumn("candidate").asList());
        assertEquals(List.of(0.5, 0.5, 2.0, 2.0), t.doubleColumn("network.gain").asList());
        assertEquals(List.of(1, 2, 1, 2), t.intColumn("seed").asList());
        assertEquals(seeds.doubleColumn("precision").get(1), t.doubleColumn("precision").get(1), 0.0);
        JsonNode schema = Json.MAPPER.readTree(out.resolve("schema.json").toFile());
        for (String c : t.columnNames()) {
            assertTrue(schema.get("sweep").has(c), "schema of sweep." + c);
        }
    }

    @Test
    @Order(3)
    void summaryHasMedianIntervalAndLambdaPerCandidate() throws Exception {
        Table s = Table.read().csv(out.resolve("sweep_summary.csv").toFile());
        assertEquals(2, s.rowCount());
        for (String c : List.of("candidate", "network.gain", "n", "precision_median", "precision_mean",
                "precision_mean_ci_low", "precision_mean_ci_high", "weight_correlation_mean", "lambda_max")) {
            assertTrue(s.columnNames().contains(c), c);
        }
        Table seeds = Table.read().csv(out.resolve("candidates/01-gain-2/tables/seeds.csv").toFile());
        double p1 = seeds.doubleColumn("precision").get(0);
        double p2 = seeds.doubleColumn("precision").get(1);
        assertEquals(2, s.intColumn("n").get(1));
        assertEquals((p1 + p2) / 2, s.doubleColumn("precision_median").get(1), 1e-12);
        assertEquals(Math.min(p1, p2), s.doubleColumn("precision_mean_ci_low").get(1), 1e-12);
        assertEquals(Math.max(p1, p2), s.doubleColumn("precision_mean_ci_high").get(1), 1e-12);
        ChaosSettings settings = ChaosSettings.DEFAULTS.withHiddenSize(12).withDtTau(0.1);
        for (int row = 0; row < 2; row++) {
            double gain = s.doubleColumn("network.gain").get(row);
            double[] lambdas = new double[3];
            for (int seed = 1; seed <= 3; seed++) {
                lambdas[seed - 1] = ChaosAnalysis.run(gain, seed, settings).lambdaMax();
            }
            assertEquals((lambdas[0] + lambdas[1] + lambdas[2]) / 3, s.doubleColumn("lambda_max").get(row), 1e-12,
                    "mean over network seeds 1, 2, 3 at g = " + gain);
        }
        assertTrue(s.doubleColumn("lambda_max").get(0) < -0.3, "g = 0.5 is ordered");
        assertEquals("1 2 3", s.stringColumn("lambda_network_seeds").get(0));
        assertEquals(3 * 2, Table.read().csv(out.resolve("chaos.csv").toFile()).rowCount(), "3 network seeds x 2 gains");
    }

    @Test
    @Order(4)
    void reportAndFiguresAreWritten() throws Exception {
        for (String f : List.of("index.md", "analysis.ipynb", "analysis.md", "analysis.html", "precision_vs_gain.png",
                "precision_vs_gain.svg", "precision_vs_lambda.png", "figures/precision_vs_gain.png")) {
            assertTrue(Files.size(out.resolve(f)) > 500, f);
        }
        String index = Files.readString(out.resolve("index.md"));
        assertTrue(index.startsWith("# Sweep gains: precision against the recurrent gain"), index);
        assertTrue(index.contains("**Yes.**") || index.contains("**Partly.**") || index.contains("**No.**"), index);
        assertTrue(index.contains("Spearman's ρ"), index);
        assertTrue(first.out().contains("00-gain-0.5"), first.out());
    }

    @Test
    @Order(5)
    void rerunSkipsFinishedCandidatesAndResumesInterruptedOnes() throws Exception {
        Path finished = out.resolve("candidates/00-gain-0.5/tables/seeds.csv");
        FileTime before = Files.getLastModifiedTime(finished);
        Path interrupted = out.resolve("candidates/01-gain-2/run.json");
        Files.writeString(interrupted, Files.readString(interrupted).replace("\"completed\"", "\"running\""));
        CliRun again = cli("sweep", sweepFile.toString(), "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals(before, Files.getLastModifiedTime(finished), "a finished candidate is not retrained");
        JsonNode sweep = Json.MAPPER.readTree(out.resolve("sweep.json").toFile());
        assertEquals("skipped", sweep.get("candidates").get(0).get("action").asText());
        assertEquals("resumed", sweep.get("candidates").get(1).get("action").asText());
        assertTrue(again.err().contains("training already complete"), again.err());
        JsonNode run = Json.MAPPER.readTree(interrupted.toFile());
        assertEquals("completed", run.get("status").asText());
        assertEquals(8, run.get("resumed_from_update").asInt(), "2 epochs of 24 / 6 updates");
        assertEquals(4, Table.read().csv(out.resolve("sweep.csv").toFile()).rowCount());
    }
}
