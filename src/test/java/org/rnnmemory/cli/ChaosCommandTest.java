package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.chaos.ChaosAnalysis;
import org.rnnmemory.chaos.ChaosRecord;
import org.rnnmemory.chaos.ChaosResult;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.chaos.ChaosTable;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.UserInputException;
import tech.tablesaw.api.Table;

class ChaosCommandTest {

    @TempDir
    Path dir;

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void jsonPrintsExactlyOneArrayWithOneObjectPerGainAndSeed() throws Exception {
        CliRun r = run("chaos", "--gains", "0.5,3", "--hidden-size", "50", "--network-seeds", "1-2",
                "--transient-tau", "10", "--duration-tau", "30", "--out", dir.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode array = Json.MAPPER.readTree(r.out());
        assertTrue(array.isArray());
        assertEquals(r.out().trim(), Json.pretty(array).trim(), "stdout holds the JSON array only");
        assertEquals(4, array.size());
        for (String key : List.of("gain", "network_seed", "hidden_size", "lambda_max", "delta0", "dimensionality",
                "delta0_r", "dimensionality_over_n", "lambda_converged", "steps", "lambda_sem", "dt_tau")) {
            for (JsonNode o : array) {
                assertTrue(o.has(key), key + " missing in " + o);
            }
        }
        assertEquals(0.5, array.get(0).get("gain").asDouble());
        assertEquals(2, array.get(1).get("network_seed").asLong());
        assertEquals(50, array.get(3).get("hidden_size").asInt());
        assertEquals(300, array.get(3).get("steps").asInt());
        assertTrue(array.get(0).get("lambda_max").asDouble() < -0.3);
        assertTrue(array.get(3).get("delta0").asDouble() > 1);

        Table t = ChaosTable.read(dir.resolve("chaos.csv"));
        assertEquals(4, t.rowCount());
        assertEquals(array.get(3).get("lambda_max").asDouble(), t.doubleColumn("lambda_max").getDouble(3), 0.0);
        for (String f : List.of("summary.csv", "run.json", "rate_traces.png", "lambda_vs_gain.svg",
                "dimensionality_vs_gain.png", "delta0_vs_gain.png")) {
            assertTrue(Files.exists(dir.resolve(f)), f);
        }
        JsonNode run = Json.MAPPER.readTree(dir.resolve("run.json").toFile());
        assertEquals("completed", run.get("status").asText());
        assertEquals(50, run.get("config").get("settings").get("hidden_size").asInt());
        assertEquals(2, run.get("config").get("network_seeds").size());
        assertFalse(run.get("java").get("version").asText().isEmpty());

        // provenance is enough to reproduce a result exactly
        ChaosSettings settings = ChaosRecord.settings(run);
        ChaosResult again = ChaosAnalysis.run(run.get("config").get("gains").get(1).asDouble(),
                run.get("config").get("network_seeds").get(1).asLong(), settings);
        assertEquals(array.get(3).get("lambda_max").asDouble(), again.lambdaMax(), 0.0);
        assertEquals(array.get(3).get("delta0").asDouble(), again.delta0(), 0.0);
    }

    @Test
    void tableOutputHasOneLinePerGainAndWritesNoFiguresWhenAsked() throws Exception {
        CliRun r = run("chaos", "--gains", "1.5,2", "--hidden-size", "40", "--network-seeds", "3",
                "--transient-tau", "5", "--duration-tau", "20", "--spectrum", "3", "--out", dir.toString(),
                "--no-figures");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("1.5 ")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith("2 ")), r.out());
        assertTrue(r.out().contains("0.1125"), "theory at g = 2: " + r.out());
        assertFalse(Files.exists(dir.resolve("lambda_vs_gain.png")));
        assertEquals(1 + 2 * 3, Files.readAllLines(dir.resolve("spectrum.csv")).size());
    }

    @Test
    void badGainsExitWithCodeTwoAndAOneLineErrorNamingTheOption() {
        CliRun r = run("chaos", "--gains", "0.5,abc", "--out", dir.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--gains"), r.err());
        assertTrue(r.err().contains("abc"), r.err());
        assertEquals("", r.out());
        assertEquals(2, run("chaos", "--gains", "-1", "--out", dir.toString()).code());
        assertEquals(2, run("chaos", "--gains", "1,1", "--out", dir.toString()).code());
    }

    @Test
    void otherBadArgumentsNameTheirOption() {
        CliRun dt = run("chaos", "--dt-tau", "0.2", "--out", dir.toString());
        assertEquals(2, dt.code());
        assertTrue(dt.err().contains("--dt-tau"), dt.err());
        CliRun n = run("chaos", "--hidden-size", "1", "--out", dir.toString());
        assertEquals(2, n.code());
        assertTrue(n.err().contains("--hidden-size"), n.err());
        CliRun seeds = run("chaos", "--network-seeds", "5-2", "--out", dir.toString());
        assertEquals(2, seeds.code());
        assertTrue(seeds.err().contains("--network-seeds"), seeds.err());
        CliRun threads = run("chaos", "--threads", "3", "--out", dir.toString());
        assertEquals(2, threads.code());
        assertTrue(threads.err().contains("--threads"), threads.err());
        CliRun spectrum = run("chaos", "--hidden-size", "10", "--spectrum", "11", "--out", dir.toString());
        assertEquals(2, spectrum.code());
        assertTrue(spectrum.err().contains("--spectrum"), spectrum.err());
        assertFalse(Files.exists(dir.resolve("chaos.csv")), "nothing is run or written");
    }

    @Test
    void seedAndGainListsParse() {
        assertEquals(List.of(1L, 2L, 3L, 7L, 9L, 10L), ChaosCommand.parseSeeds("1-3, 7,9-10"));
        assertEquals(List.of(-2L), ChaosCommand.parseSeeds("-2"));
        assertEquals(List.of(0.5, 1.0, 3.0), ChaosCommand.parseGains("0.5, 1,3"));
        UserInputException e = assertThrows(UserInputException.class, () -> ChaosCommand.parseSeeds("1,x"));
        assertTrue(e.getMessage().startsWith("--network-seeds"), e.getMessage());
        assertEquals("--dt-tau must be in (0, 0.1], found 0.2",
                ChaosCommand.asOption("dt_tau must be in (0, 0.1], found 0.2"));
    }
}
