package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.Json;

/** The evaluate command's contract: one JSON object with the expected.json keys; one-line errors with exit 2. */
class EvaluateCommandTest {
    static final Path REF = Path.of("src/test/resources/reference/sys_A1");

    static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void jsonHasTheExpectedKeys() throws Exception {
        CliRun o = run("evaluate", "--weights", REF.toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode got = Json.MAPPER.readTree(o.out());
        JsonNode want = Json.MAPPER.readTree(REF.resolve("expected.json").toFile());
        want.fieldNames().forEachRemaining(k -> assertTrue(got.has(k), "missing key " + k));
        for (String block : new String[] {"input_vs_spontaneous", "readout_vs_memory"}) {
            want.get(block).fieldNames().forEachRemaining(k -> assertTrue(got.get(block).has(k), block + "." + k));
        }
        assertEquals(3, got.get("loss_by_duration").size());
        assertTrue(got.get("loss_by_duration").has("150"));
    }

    @Test
    void missingFileIsAOneLineErrorNamingIt(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"G.npy", "I.npy", "w.npy", "h0.npy", "expected.json"}) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        Files.delete(dir.resolve("w.npy"));
        CliRun o = run("evaluate", "--weights", dir.toString(), "--json");
        assertEquals(2, o.code());
        assertEquals("", o.out());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(dir.resolve("w.npy").toString()), o.err());
    }

    @Test
    void malformedModelJsonIsNamed(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"G.npy", "I.npy", "w.npy", "h0.npy"}) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("model.json"), "{\"hidden_size\": 500, \"tau_ms\": ");
        CliRun o = run("evaluate", "--weights", dir.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("model.json"), o.err());
    }
}
