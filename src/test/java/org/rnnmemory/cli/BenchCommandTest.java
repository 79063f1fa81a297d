package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.Json;

/** The bench command's JSON contract (no timing assertions: the numbers depend on the machine). */
class BenchCommandTest {
    @Test
    void jsonHasTheContractKeysAndConsistentRatio(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, """
                name: tiny
                seeds: [1, 2]
                network: {hidden_size: 16, dt_ms: 10}
                task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                       duration_jitter_ms: 20, cost_onset_ms: 600, trials: 24}
                training: {epochs: 1, batch_size: 6, learning_rate: 0.01}
                evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
                """);
        CliRun o = CliRun.of("bench", "--config", yaml.toString(), "--updates", "2",
                "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        for (String k : new String[] {"seconds_per_update", "floor_seconds_per_update", "ratio_to_floor",
                "steps_simulated", "peak_rss_bytes"}) {
            assertTrue(j.has(k) && j.get(k).isNumber(), k);
        }
        assertEquals(j.get("seconds_per_update").asDouble() / j.get("floor_seconds_per_update").asDouble(),
                j.get("ratio_to_floor").asDouble(), 1e-12);
        assertTrue(j.get("steps_simulated").asDouble() > 0 && j.get("steps_simulated").asDouble() <= 100);
        assertEquals(2, j.get("updates_timed").asInt());
        assertEquals(12, j.get("seeds").asInt() * j.get("batch_size").asInt());
        assertFalse(j.get("recomputed").asBoolean(), "a tiny model keeps every step's rates");
        assertEquals(j.get("steps_kept").asDouble(), Math.ceil(j.get("steps_simulated").asDouble()), 100);
        assertEquals(2, j.get("gemms_per_step").asInt(), "I and w train: forward and backward product per step");
        assertFloor(j);
        double readoutOnly = j.get("readout_only_seconds_per_update").asDouble();
        assertTrue(readoutOnly > 0, "readout-only update timed");
        assertEquals(readoutOnly / j.get("seconds_per_update").asDouble(), j.get("readout_only_ratio").asDouble(),
                1e-12);

        CliRun readout = CliRun.of("bench", "--config", yaml.toString(), "--updates", "1", "--json",
                "--set", "network.trainable=[readout]");
        assertEquals(0, readout.code(), readout.err());
        JsonNode r = Json.MAPPER.readTree(readout.out());
        assertEquals(1, r.get("gemms_per_step").asInt(), "only w trains: the forward product alone");
        assertFloor(r);
        assertEquals(0, r.get("steps_kept").asInt(), "nothing kept for a backward pass");
        assertTrue(r.get("readout_only_seconds_per_update").isNull(), "the experiment itself trains only w");
        assertTrue(r.get("readout_only_ratio").isNull());

        CliRun small = CliRun.of("bench", "--config", yaml.toString(), "--updates", "1", "--json",
                "--set", "training.rate_memory_gib=1e-9", "--set", "training.chunk_steps=7");
        assertEquals(0, small.code(), small.err());
        JsonNode k = Json.MAPPER.readTree(small.out());
        assertTrue(k.get("recomputed").asBoolean(), "1 byte of rate memory forces recomputation");
        assertEquals(1, k.get("steps_kept").asInt(), "no more than fits, and at least one step");
    }

    /** floor = steps simulated x GEMMs per step x one GEMM / cores, from the reported numbers. */
    static void assertFloor(JsonNode j) {
        double floor = j.get("steps_simulated").asDouble() * j.get("gemms_per_step").asInt()
                * j.get("gemm_seconds").asDouble() / j.get("cores").asInt();
        assertEquals(floor, j.get("floor_seconds_per_update").asDouble(), 1e-12 * floor);
    }
}
