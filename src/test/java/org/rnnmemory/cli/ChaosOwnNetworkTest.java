package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.chaos.ChaosAnalysis;
import org.rnnmemory.chaos.ChaosNetwork;
import org.rnnmemory.chaos.ChaosResult;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.chaos.ChaosTable;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.WeightsIO;
import tech.tablesaw.api.Table;

/**
 * {@code rnnmem chaos --config} and {@code --weights}: the analysis of one given network at its own N,
 * gain and dt / tau. The oracle is the random-network mode ({@link ChaosAnalysis#run(double, long,
 * ChaosSettings)}), which draws the same G from the same seed: given the same G, gain, step and
 * initial-state seed the numbers must be identical.
 */
class ChaosOwnNetworkTest {

    @TempDir
    Path dir;

    /** The keys of the random-network mode's JSON objects. */
    static final List<String> KEYS = List.of("gain", "network_seed", "hidden_size", "dt_tau", "transient_steps",
            "steps", "duration_tau", "lambda_max", "lambda_sem", "lambda_drift", "lambda_converged",
            "lyapunov_spectrum", "delta0", "delta0_r", "dimensionality", "dimensionality_over_n",
            "covariance_samples", "seconds");

    /** N = 40, tau 100 ms, dt 5 ms (a = 0.05), g = 2, network seed 3, float64. */
    static String experiment(String dtype, String dtMs) {
        return """
                name: chaos-own
                seeds: [1]
                network: {hidden_size: 40, tau_ms: 100, dt_ms: %s, gain: 2.0, network_seed: 3}
                task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                       duration_jitter_ms: 20, cost_onset_ms: 600, trials: 24}
                training: {epochs: 1, batch_size: 6, dtype: %s}
                evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
                """.formatted(dtMs, dtype);
    }

    static ChaosSettings settings(int n, double dtTau) {
        return new ChaosSettings(n, dtTau, 5, 20, ChaosSettings.DEFAULT_ORTHO_EVERY, 1,
                ChaosSettings.DEFAULT_SAMPLE_EVERY, ChaosSettings.DEFAULT_INITIAL_SD, ChaosSettings.DEFAULT_TRACE_TAU,
                ChaosSettings.DEFAULT_TRACE_UNITS);
    }

    static List<String> keys(JsonNode o) {
        List<String> k = new ArrayList<>();
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            k.add(it.next());
        }
        return k;
    }

    @Test
    void configAnalysesTheExperimentsNetworkAtItsOwnGainSizeAndStep() throws Exception {
        Path yaml = dir.resolve("own.yaml");
        Files.writeString(yaml, experiment("float64", "5"));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("chaos", "--config", yaml.toString(), "--transient-tau", "5", "--duration-tau", "20",
                "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertTrue(o.isObject(), "one network, one object: " + r.out());
        List<String> want = new ArrayList<>(List.of("source"));
        want.addAll(KEYS);
        assertEquals(want, keys(o), "the random-network keys plus source");
        assertEquals(yaml.toString(), o.get("source").asText());
        assertEquals(40, o.get("hidden_size").asInt());
        assertEquals(0.05, o.get("dt_tau").asDouble(), 0.0);
        assertEquals(2.0, o.get("gain").asDouble(), 0.0);
        assertEquals(3, o.get("network_seed").asLong());
        assertEquals(400, o.get("steps").asInt(), "20 tau at dt = 0.05 tau");

        ChaosResult oracle = ChaosAnalysis.run(2.0, 3, settings(40, 0.05));
        assertEquals(oracle.lambdaMax(), o.get("lambda_max").asDouble(), 0.0);
        assertEquals(oracle.lambdaSem(), o.get("lambda_sem").asDouble(), 0.0);
        assertEquals(oracle.delta0(), o.get("delta0").asDouble(), 0.0);
        assertEquals(oracle.dimensionality(), o.get("dimensionality").asDouble(), 0.0);

        Table t = ChaosTable.read(out.resolve("chaos.csv"));
        assertEquals(1, t.rowCount());
        assertEquals(yaml.toString(), t.stringColumn("source").get(0));
        JsonNode run = Json.MAPPER.readTree(out.resolve("run.json").toFile());
        assertEquals(yaml.toString(), run.get("config").get("source").asText());
        assertEquals(0.05, run.get("config").get("settings").get("dt_tau").asDouble(), 0.0);
        assertEquals(3, run.get("config").get("network").get("network_seed").asLong());
        assertTrue(Files.exists(out.resolve("rate_traces.png")));
    }

    @Test
    void configUsesTheGTrainingUsesAndTakesOverrides() throws Exception {
        Path yaml = dir.resolve("own32.yaml");
        Files.writeString(yaml, experiment("float32", "5"));
        CliRun r = CliRun.of("chaos", "--config", yaml.toString(), "--set", "network.gain=0.5", "--transient-tau",
                "5", "--duration-tau", "20", "--out", dir.resolve("o").toString(), "--json", "--no-figures");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertEquals(0.5, o.get("gain").asDouble(), 0.0);
        // float32 training draws G and rounds it to float: a slightly different matrix, the same stable
        // origin, so lambda_max agrees with the float64 draw to well within 1e-6 and is about g - 1
        ChaosResult oracle = ChaosAnalysis.run(0.5, 3, settings(40, 0.05));
        assertEquals(oracle.lambdaMax(), o.get("lambda_max").asDouble(), 1e-6);
        assertTrue(o.get("lambda_max").asDouble() < -0.3, "ordered at g = 0.5: " + o.get("lambda_max"));
    }

    @Test
    void weightsAnalyseGAtTheGainAndStepOfModelJson() throws Exception {
        int n = 30;
        INDArray g = Initializer.recurrent(n, ChaosNetwork.FILE_STATE_SEED, DataType.DOUBLE);
        CtrnnWeights w = new CtrnnWeights(new ModelParams(n, 100, 2, 3.0), g, Initializer.input(n, 1,
                DataType.DOUBLE), Initializer.readout(n, 1, DataType.DOUBLE), Nd4j.zeros(
                DataType.DOUBLE, n));
        Path weights = dir.resolve("net");
        WeightsIO.save(weights, w);
        CliRun r = CliRun.of("chaos", "--weights", weights.toString(), "--transient-tau", "5", "--duration-tau",
                "20", "--out", dir.resolve("o").toString(), "--json", "--no-figures");
        assertEquals(0, r.code(), r.err());
        JsonNode o = Json.MAPPER.readTree(r.out());
        assertEquals(weights.toString(), o.get("source").asText());
        assertTrue(o.get("network_seed").isNull(), "G read from a file has no network seed");
        assertEquals(0.02, o.get("dt_tau").asDouble(), 0.0);
        assertEquals(3.0, o.get("gain").asDouble(), 0.0);
        assertEquals(1000, o.get("steps").asInt());
        ChaosResult oracle = ChaosAnalysis.run(3.0, ChaosNetwork.FILE_STATE_SEED, settings(n, 0.02));
        assertEquals(oracle.lambdaMax(), o.get("lambda_max").asDouble(), 0.0);
        assertEquals(oracle.delta0(), o.get("delta0").asDouble(), 0.0);
        Table t = ChaosTable.read(dir.resolve("o").resolve("chaos.csv"));
        assertTrue(t.longColumn("network_seed").isMissing(0));

        CliRun text = CliRun.of("chaos", "--weights", weights.toString(), "--transient-tau", "5",
                "--duration-tau", "20", "--out", dir.resolve("o2").toString(), "--no-figures");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("N = 30, g = 3, dt = 0.02 tau"), text.out());
        assertTrue(text.out().contains("standard error over 10 time blocks"), text.out());
    }

    @Test
    void badInputIsOneLineNamingTheOptionFileOrKeyAndWritesNothing() throws Exception {
        Path yaml = dir.resolve("own.yaml");
        Files.writeString(yaml, experiment("float64", "5"));
        Path out = dir.resolve("never");
        assertBad("--gains", "chaos", "--config", yaml.toString(), "--gains", "1,2", "--out", out.toString());
        assertBad("--dt-tau", "chaos", "--config", yaml.toString(), "--dt-tau", "0.01", "--out", out.toString());
        assertBad("--hidden-size", "chaos", "--weights", dir.toString(), "--hidden-size", "10", "--out",
                out.toString());
        assertBad("--config and --weights", "chaos", "--config", yaml.toString(), "--weights", dir.toString(),
                "--out", out.toString());
        assertBad("--set needs --config", "chaos", "--set", "network.gain=2", "--out", out.toString());

        Path coarse = dir.resolve("coarse.yaml");
        Files.writeString(coarse, experiment("float64", "5").replace("tau_ms: 100", "tau_ms: 40"));
        assertBad(coarse + ": network.dt_ms / network.tau_ms must be in (0, 0.1]", "chaos", "--config",
                coarse.toString(), "--out", out.toString());
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, experiment("float64", "5").replace("gain:", "gian:"));
        assertBad("network.gian", "chaos", "--config", typo.toString(), "--out", out.toString());
        assertBad("missing.yaml", "chaos", "--config", dir.resolve("missing.yaml").toString(), "--out",
                out.toString());
        assertBad("network.gain", "chaos", "--config", yaml.toString(), "--set", "network.gain=-1", "--out",
                out.toString());

        Path weights = dir.resolve("net");
        int n = 8;
        WeightsIO.save(weights, new CtrnnWeights(new ModelParams(n, 100, 5, 1.5),
                Initializer.recurrent(n, 1, DataType.DOUBLE), Initializer.input(n, 1, DataType.DOUBLE),
                Initializer.readout(n, 1, DataType.DOUBLE), Nd4j.zeros(DataType.DOUBLE, n)));
        Files.delete(weights.resolve("G.npy"));
        assertBad(weights.resolve("G.npy").toString(), "chaos", "--weights", weights.toString(), "--out",
                out.toString());
        INDArray bad = Initializer.recurrent(n, 1, DataType.DOUBLE);
        bad.putScalar(2, 5, Double.NaN);
        Npy.write(weights.resolve("G.npy"), bad);
        assertBad(weights.resolve("G.npy") + ": value NaN at index (2, 5) is not finite", "chaos", "--weights",
                weights.toString(), "--out", out.toString());
        Npy.write(weights.resolve("G.npy"), Initializer.recurrent(n, 1, DataType.DOUBLE));
        Files.writeString(weights.resolve("model.json"),
                "{\"hidden_size\": 8, \"tau_ms\": 100, \"dt_ms\": 50, \"gain\": 1.5}");
        assertBad(weights.resolve("model.json") + ": dt_ms / tau_ms must be in (0, 0.1]", "chaos", "--weights",
                weights.toString(), "--out", out.toString());
        assertBad("--spectrum", "chaos", "--config", yaml.toString(), "--spectrum", "41", "--out", out.toString());
        assertBad(dir.resolve("nowhere").toString(), "chaos", "--weights", dir.resolve("nowhere").toString(),
                "--out", out.toString());
        assertFalse(Files.exists(out), "nothing is written");
    }

    private static void assertBad(String expected, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertNotEquals("", r.err().strip());
    }
}
