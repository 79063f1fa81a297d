package org.rnnmemory.sweep;

import org.rnnmemory.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.config.SweepLoader;
import org.rnnmemory.io.Json;
import tech.tablesaw.api.Table;

/** A random search without the gain: candidates from Arbiter's random generator, no chaos columns or figures. */
class SweepRandomTest {
    @TempDir
    Path tmp;

    @Test
    void randomSearchOverTheLearningRateRunsEveryDrawnCandidate() throws Exception {
        Files.writeString(tmp.resolve("tiny.yaml"), SweepRunTest.EXPERIMENT.replace("epochs: 2", "epochs: 1"));
        Path sweep = tmp.resolve("lr.yaml");
        Files.writeString(sweep, """
                sweep:
                  experiment: tiny.yaml
                  search: random
                  candidates: 3
                  seed: 11
                  parameters:
                    training.learning_rate: {min: 1.0e-3, max: 1.0e-1, log: true}
                """);
        Path out = tmp.resolve("out");
        CliRun r = SweepRunTest.cli("sweep", sweep.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<SweepCandidate> drawn = SweepCandidates.all(SweepLoader.load(sweep));
        Table summary = Table.read().csv(out.resolve("sweep_summary.csv").toFile());
        assertEquals(3, summary.rowCount());
        for (int i = 0; i < 3; i++) {
            double lr = (Double) drawn.get(i).point().get("training.learning_rate");
            assertEquals(lr, summary.doubleColumn("training.learning_rate").get(i), 1e-12 * lr);
            assertTrue(lr >= 1e-3 && lr <= 1e-1, "lr " + lr);
            assertEquals(drawn.get(i).dirName(3), summary.stringColumn("candidate_dir").get(i));
            JsonNode run = Json.MAPPER.readTree(out.resolve("candidates").resolve(drawn.get(i).dirName(3))
                    .resolve("run.json").toFile());
            assertEquals("completed", run.get("status").asText());
        }
        assertFalse(summary.columnNames().contains("lambda_max"), "the gain is not swept");
        assertFalse(Files.exists(out.resolve("precision_vs_gain.png")));
        assertFalse(Files.exists(out.resolve("chaos.csv")));
        assertEquals(6, Table.read().csv(out.resolve("sweep.csv").toFile()).rowCount());
        String index = Files.readString(out.resolve("index.md"));
        assertTrue(index.startsWith("# Sweep lr\n\nThe lowest median precision, "), index);
    }
}
