package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.WeightsIO;

/** The dynamics command's contract: the JSON keys of the issue, the untrained readout, one-line errors with exit 2. */
class DynamicsCommandTest {
    static final List<String> POINT_KEYS = List.of("norm", "q", "speed", "output", "unstable_dimensions",
            "max_real_eigenvalue", "slowest_time_constant_ms");

    /** A random 16-unit network at dt = 10 ms (System A's task scaled to that step). */
    static Path weights(Path dir) {
        CtrnnWeights w = Initializer.network(new ModelParams(16, 100, 10, 1.5), 1, 2, false, DataType.FLOAT);
        WeightsIO.save(dir, w);
        return dir;
    }

    @Test
    void jsonHasTheContractKeys(@TempDir Path dir) throws Exception {
        CliRun o = CliRun.of("dynamics", "--weights", weights(dir).toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        for (String k : List.of("cosine_to_trained", "precision", "trained_precision", "ridge")) {
            assertTrue(j.get("optimal_readout").get(k).isNumber(), "optimal_readout." + k);
        }
        for (String k : List.of("max_real_eigenvalue", "unstable_dimensions")) {
            assertTrue(j.get("origin").get(k).isNumber(), "origin." + k);
        }
        for (String k : List.of("mean_speed", "min_speed", "separation_rate")) {
            assertTrue(j.get("memory_period").get(k).isNumber(), "memory_period." + k);
        }
        assertTrue(j.get("fixed_points").isArray() && j.get("slow_points").isArray());
        assertTrue(j.get("fixed_points").size() + j.get("slow_points").size() > 0, "no point found");
        for (String list : List.of("fixed_points", "slow_points")) {
            for (JsonNode p : j.get(list)) {
                POINT_KEYS.forEach(k -> assertTrue(p.has(k), list + "[]." + k));
            }
        }
        assertFalse(j.get("untrained_input").get("available").asBoolean(), "no run configuration, no initial I");
    }

    @Test
    void theUntrainedInputOfARunSeedIsTheTrainersDraw(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, TinyExperiment.YAML);
        Path run = dir.resolve("run");
        // A learning rate of 1e-12 leaves every float32 weight where the initialiser put it.
        CliRun r = CliRun.of("run", yaml.toString(), "--out", run.toString(), "--set", "seeds=[2]",
                "--set", "training.learning_rate=1e-12");
        assertEquals(0, r.code(), r.err());
        CliRun o = CliRun.of("dynamics", "--weights", run.resolve("seeds/seed-2").toString(), "--json");
        assertEquals(0, o.code(), o.err());
        JsonNode j = Json.MAPPER.readTree(o.out());
        JsonNode u = j.get("untrained_input");
        assertTrue(u.get("available").asBoolean(), u.toString());
        assertEquals(j.get("optimal_readout").get("precision").asDouble(), u.get("optimal_precision").asDouble(), 0.0);
        assertTrue(u.get("source").asText().contains("model seed 2"), u.get("source").asText());
    }

    static void oneLineError(CliRun o, Path named) {
        assertEquals(2, o.code(), o.err());
        assertEquals("", o.out());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains(named.toString()), o.err());
    }

    @Test
    void missingFolderIsAOneLineError(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere");
        CliRun o = CliRun.of("dynamics", "--weights", missing.toString(), "--json");
        oneLineError(o, missing);
        assertTrue(o.err().contains("weights directory not found"), o.err());
    }

    @Test
    void corruptOrNonFiniteFilesAreNamed(@TempDir Path dir) throws Exception {
        Path w = weights(dir.resolve("corrupt"));
        Files.write(w.resolve("G.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        oneLineError(CliRun.of("dynamics", "--weights", w.toString()), w.resolve("G.npy"));

        Path nan = weights(dir.resolve("nan"));
        INDArray i = Npy.read(nan.resolve("I.npy"), DataType.FLOAT);
        i.putScalar(3, Float.NaN);
        Npy.write(nan.resolve("I.npy"), i);
        CliRun o = CliRun.of("dynamics", "--weights", nan.toString(), "--json");
        oneLineError(o, nan.resolve("I.npy"));
        assertTrue(o.err().contains("value NaN at index (3, 0) is not finite"), o.err());
    }
}
