package org.rnnmemory.analysis;

import org.rnnmemory.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merging run directories: configs must agree except in seeds, and no seed may come twice. */
class AnalysisMergeTest {

    @TempDir
    Path tmp;

    /** A directory holding only a resolved config (merging compares configs before reading tables). */
    private Path configOnly(String name, String yaml) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        ExperimentSpec spec = ExperimentLoader.parse(yaml, name + ".yaml", List.of());
        Files.writeString(dir.resolve(RunDirectory.RESOLVED), spec.toResolvedYaml());
        return dir;
    }

    @Test
    void differingConfigsAreRefusedNamingEveryDifferingKeyButNotSeeds() throws Exception {
        Path a = configOnly("a", TinyRun.YAML);
        Path b = configOnly("b", TinyRun.YAML.replace("gain: 1.5", "gain: 1.2").replace("epochs: 3", "epochs: 4")
                .replace("{from: 1, to: 3}", "[7, 8]"));
        UserInputException e = assertThrows(UserInputException.class, () -> RunSet.open(List.of(a, b)));
        assertTrue(e.getMessage().contains("network.gain, training.epochs"), e.getMessage());
        assertFalse(e.getMessage().contains("seeds"), e.getMessage());
        CliRun o = TinyRun.cli("analyze", a.toString(), b.toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("error: cannot merge " + b) && o.err().contains("network.gain"), o.err());
    }

    @Test
    void differingKeysComparesFlattenedConfigs() {
        ExperimentSpec s = ExperimentSpec.SYSTEM_A;
        assertEquals(List.of(), RunSet.differingKeys(s, s.withSeeds(List.of(3, 4))));
        ExperimentSpec other = ExperimentLoader.parse("name: system-a\nnetwork: {hidden_size: 400}\n", "x.yaml",
                List.of());
        assertEquals(List.of("network.hidden_size"), RunSet.differingKeys(s, other));
        ExperimentSpec otherMachine = ExperimentLoader.parse(
                "name: system-a\ntraining: {workers: 1, rate_memory_gib: 2.0, dtype: float64}\n", "x.yaml", List.of());
        assertEquals(List.of("training.dtype"), RunSet.differingKeys(s, otherMachine),
                "shards may differ in how they were executed, not in what they compute");
    }

    @Test
    void duplicateSeedsAcrossDirectoriesAreRefused() throws Exception {
        Path a = TinyRun.freshCopy("dup-a");
        Path b = TinyRun.freshCopy("dup-b");
        UserInputException e = assertThrows(UserInputException.class, () -> RunSet.open(List.of(a, b)));
        assertEquals("seed 1 appears in both " + a + " and " + b + "; each seed must come from one run directory",
                e.getMessage());
        CliRun o = TinyRun.cli("analyze", a.toString(), b.toString());
        assertEquals(2, o.code());
        assertFalse(Files.exists(a.resolve("tables/analysis.csv")), "nothing written on refusal");
    }

    @Test
    void shardedSeedsMergeIntoOneAnalysisInTheFirstDirectory() throws Exception {
        Path a = TinyRun.freshCopy("shard-a");
        Path b = tmp.resolve("shard-b");
        Path yaml = TinyRun.experiment("tiny-shard", TinyRun.YAML.replace("{from: 1, to: 3}", "[4, 5]"));
        CliRun run = TinyRun.cli("run", "--no-report", yaml.toString(), "--out", b.toString());
        assertEquals(0, run.code(), run.err());
        RunSet set = RunSet.open(List.of(a, b));
        assertEquals(List.of(1, 2, 3, 4, 5), set.spec().seeds());
        assertEquals(b.resolve("seeds/seed-4"), set.seedDirs().get(4));
        assertEquals(5 * 3 * 4, set.curves().size(), "seeds x epochs x updates per epoch");
        CliRun o = TinyRun.cli(concat(new String[] {"analyze", a.toString(), b.toString()}, TinyRun.DURATIONS));
        assertEquals(0, o.code(), o.err());
        Table t = Table.read().csv(a.resolve("tables/analysis.csv").toFile());
        assertEquals(List.of(1, 2, 3, 4, 5), t.intColumn("seed").asList());
        assertFalse(Files.exists(b.resolve("tables/analysis.csv")), "the second directory is only read");
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
