package org.rnnmemory.train;

import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run through the CLI: the run directory's contract, reproducibility and resume. */
class RunDirectoryTest {
    static final String YAML = TinyExperiment.YAML;

    @TempDir
    static Path tmp;
    static Path experiment;
    static Path run;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    @BeforeAll
    static void runOnce() throws Exception {
        experiment = tmp.resolve("tiny.yaml");
        Files.writeString(experiment, YAML);
        run = tmp.resolve("run");
        CliRun o = cli("run", "--no-report", experiment.toString(), "--out", run.toString());
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void runDirectoryHoldsEveryFile() throws Exception {
        for (String f : List.of("config.yaml", "config.resolved.yaml", "run.json", "checkpoint.bin", "tables/seeds.csv",
                "tables/curves.csv", "tables/schema.json", "seeds/seed-1/G.npy", "seeds/seed-3/model.json")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertEquals(YAML, Files.readString(run.resolve("config.yaml")));
        JsonNode info = Json.MAPPER.readTree(run.resolve("run.json").toFile());
        assertEquals("completed", info.get("status").asText());
        ExperimentSpec spec = ExperimentLoader.load(experiment, List.of());
        assertEquals(spec.configHash(), info.get("config_hash").asText());
        assertEquals(3, info.get("seeds").size());
        assertTrue(info.get("git").has("commit") && info.has("end_utc"), info.toString());
        long rss = info.get("peak_rss_bytes").asLong();
        // a JVM with ND4J's native libraries loaded holds well over 50 MB, and no process exceeds the machine
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        assertTrue(rss > 50L << 20 && rss < physical, "peak_rss_bytes " + rss);
    }

    @Test
    void tablesFollowTheirSchema() throws Exception {
        Table seeds = Table.read().csv(run.resolve("tables/seeds.csv").toFile());
        Table curves = Table.read().csv(run.resolve("tables/curves.csv").toFile());
        assertEquals(3, seeds.rowCount());
        assertEquals(3 * 3 * 4, curves.rowCount(), "seeds x epochs x (24 // 6) updates");
        for (String c : List.of("seed", "status", "precision", "loss_30", "loss_50", "loss_80", "weight_correlation",
                "final_train_loss", "updates", "train_seconds", "input_spont_activity_pr", "readout_mem_topk_fraction")) {
            assertTrue(seeds.columnNames().contains(c), "seeds.csv column " + c);
        }
        assertEquals(List.of("seed", "update", "epoch", "loss", "grad_norm_input", "grad_norm_readout", "seconds"),
                curves.columnNames());
        JsonNode schema = Json.MAPPER.readTree(run.resolve("tables/schema.json").toFile());
        for (String c : seeds.columnNames()) {
            assertTrue(schema.get("seeds").has(c), "schema for seeds." + c);
            assertTrue(schema.get("seeds").get(c).has("unit"));
        }
        for (String c : curves.columnNames()) {
            assertTrue(schema.get("curves").has(c), "schema for curves." + c);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("completed", seeds.stringColumn("status").get(i));
            assertEquals(12, seeds.intColumn("updates").get(i));
        }
    }

    @Test
    void evaluateOnSavedWeightsGivesTheTablePrecision() throws Exception {
        Table seeds = Table.read().csv(run.resolve("tables/seeds.csv").toFile());
        CliRun o = cli("evaluate", "--weights", run.resolve("seeds/seed-2").toString(), "--json",
                "--config", run.resolve("config.resolved.yaml").toString());
        assertEquals(0, o.code(), o.err());
        double fromCli = Json.MAPPER.readTree(o.out()).get("precision").asDouble();
        double fromTable = seeds.doubleColumn("precision").get(1);
        assertEquals(fromTable, fromCli, 1e-12 * Math.abs(fromTable));
    }

    @Test
    void sameSpecSameNumbers() throws Exception {
        Path again = tmp.resolve("again");
        assertEquals(0, cli("run", "--no-report", experiment.toString(), "--out", again.toString()).code());
        for (int s = 1; s <= 3; s++) {
            for (String f : List.of("I.npy", "w.npy")) {
                assertArrayEquals(
                        Npy.read(run.resolve("seeds/seed-" + s).resolve(f), DataType.FLOAT).data().asFloat(),
                        Npy.read(again.resolve("seeds/seed-" + s).resolve(f), DataType.FLOAT).data().asFloat(),
                        "seed " + s + " " + f);
            }
        }
        assertEquals(Files.readString(run.resolve("tables/curves.csv")).lines().map(RunDirectoryTest::dropSeconds)
                .toList(), Files.readString(again.resolve("tables/curves.csv")).lines()
                .map(RunDirectoryTest::dropSeconds).toList());
    }

    static String dropSeconds(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }

    @Test
    void resumeFromAMidRunCheckpointEqualsTheUninterruptedRun() throws Exception {
        ExperimentSpec spec = ExperimentLoader.load(experiment, List.of());
        Path resumed = tmp.resolve("resumed");
        Files.createDirectories(resumed);
        Files.writeString(resumed.resolve(RunDirectory.RESOLVED), spec.toResolvedYaml());
        TrainPlan plan = ExperimentRunner.plan(spec);
        try (Trainer t = new Trainer(plan, null, null)) {
            t.train(new Trainer.Listener() {
                @Override
                public void onEpoch(int epoch, Trainer trainer) {
                    if (epoch == 0) {
                        Checkpoint.write(resumed.resolve(RunDirectory.CHECKPOINT), spec.configHash(), trainer,
                                plan.learningRate());
                        throw new IllegalStateException("killed after the first epoch");
                    }
                }
            });
        } catch (IllegalStateException killed) {
            assertTrue(killed.getMessage().startsWith("killed"));
        }
        CliRun o = cli("run", "--no-report", experiment.toString(), "--out", resumed.toString(), "--resume");
        assertEquals(0, o.code(), o.err());
        for (int s = 1; s <= 3; s++) {
            assertArrayEquals(Npy.read(run.resolve("seeds/seed-" + s + "/w.npy"), DataType.FLOAT).data().asFloat(),
                    Npy.read(resumed.resolve("seeds/seed-" + s + "/w.npy"), DataType.FLOAT).data().asFloat());
        }
        assertEquals(Json.MAPPER.readTree(resumed.resolve("run.json").toFile()).get("resumed_from_update").asInt(), 4);
        Table a = Table.read().csv(run.resolve("tables/seeds.csv").toFile());
        Table b = Table.read().csv(resumed.resolve("tables/seeds.csv").toFile());
        assertEquals(a.doubleColumn("precision").asList(), b.doubleColumn("precision").asList());
    }

    @Test
    void badYamlIsOneLineNamingFileLineAndKeyAndWritesNothing() throws Exception {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, YAML.replace("gain: 1.5", "gian: 1.5"));
        Path out = tmp.resolve("never");
        CliRun o = cli("run", "--no-report", bad.toString(), "--out", out.toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("bad.yaml:3") && o.err().contains("network.gian") && o.err().contains("gain"),
                o.err());
        assertFalse(Files.exists(out));
        CliRun set = cli("run", "--no-report", experiment.toString(), "--out", out.toString(), "--set", "training.epochs=-1");
        assertEquals(2, set.code());
        assertTrue(set.err().contains("training.epochs"), set.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void existingRunIsNotOverwritten() {
        CliRun o = cli("run", "--no-report", experiment.toString(), "--out", run.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("--resume"), o.err());
    }

    @Test
    void trainingOnAWrittenDatasetEqualsTrainingOnTheGeneratedSet() throws Exception {
        Path data = tmp.resolve("data-seed2");
        CliRun w = cli("dataset", experiment.toString(), "--seed", "2", "--out", data.toString());
        assertEquals(0, w.code(), w.err());
        assertTrue(Files.isRegularFile(data.resolve("trials.csv")));
        Path out = tmp.resolve("from-dataset");
        CliRun o = cli("run", "--no-report", experiment.toString(), "--out", out.toString(), "--set", "seeds=[2]",
                "--set", "task.dataset=" + data);
        assertEquals(0, o.code(), o.err());
        assertArrayEquals(Npy.read(run.resolve("seeds/seed-2/I.npy"), DataType.FLOAT).data().asFloat(),
                Npy.read(out.resolve("seeds/seed-2/I.npy"), DataType.FLOAT).data().asFloat());
    }

    /** Provenance is enough to reproduce a result: retraining one seed from config.resolved.yaml gives its weights. */
    @Test
    void retrainingOneSeedFromTheResolvedConfigReproducesItsWeights() throws Exception {
        Path out = tmp.resolve("retrain-seed-3");
        CliRun o = cli("run", "--no-report", run.resolve("config.resolved.yaml").toString(), "--out", out.toString(),
                "--set", "seeds=[3]", "--set", "training.workers=1");
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("I.npy", "w.npy")) {
            assertArrayEquals(Npy.read(run.resolve("seeds/seed-3").resolve(f), DataType.FLOAT).data().asFloat(),
                    Npy.read(out.resolve("seeds/seed-3").resolve(f), DataType.FLOAT).data().asFloat(), f);
        }
    }
}
