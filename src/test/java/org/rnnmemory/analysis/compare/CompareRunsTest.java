package org.rnnmemory.analysis.compare;

import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.report.Numbers;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparison of tiny real runs (N = 12 and 16, 3 epochs): which settings may differ, the tables'
 * columns and rows, the numbers in them, and the files written.
 */
class CompareRunsTest {
    static final String YAML = TinyExperiment.YAML;

    @TempDir
    static Path tmp;
    static Path base;
    static Path readout;
    static Path wide;

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    static Path run(String name, String... sets) throws Exception {
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, YAML);
        Path dir = tmp.resolve(name);
        String[] args = new String[5 + 2 * sets.length];
        args[0] = "run";
        args[1] = "--no-report";
        args[2] = yaml.toString();
        args[3] = "--out";
        args[4] = dir.toString();
        for (int i = 0; i < sets.length; i++) {
            args[5 + 2 * i] = "--set";
            args[6 + 2 * i] = sets[i];
        }
        CliRun o = cli(args);
        assertEquals(0, o.code(), o.err());
        return dir;
    }

    @BeforeAll
    static void runOnce() throws Exception {
        base = run("base");
        readout = run("readout", "network.trainable=[readout]", "seeds=[2, 3, 4]");
        wide = run("wide", "network.hidden_size=16");
    }

    /** A copy of the base run whose resolved config has the given overrides (its seeds.csv unchanged). */
    static Path variant(String name, String... overrides) throws Exception {
        Path dir = tmp.resolve("variant-" + name);
        Files.createDirectories(dir.resolve("tables"));
        String resolved = ExperimentLoader.load(base.resolve(RunDirectory.RESOLVED), List.of(overrides))
                .toResolvedYaml();
        Files.writeString(dir.resolve(RunDirectory.RESOLVED), resolved);
        Files.copy(base.resolve(RunDirectory.SEEDS_CSV), dir.resolve(RunDirectory.SEEDS_CSV));
        return dir;
    }

    static RunComparison.Result compare(String out, List<String> labels, Path... dirs) {
        return RunComparison.compare(List.of(dirs), labels, tmp.resolve(out));
    }

    @Test
    void refusesADifferentTaskNamingTheKeys() throws Exception {
        Path other = variant("task", "task.trial_ms=1200", "evaluation.onset_ms=200");
        UserInputException e = assertThrows(UserInputException.class,
                () -> compare("x", List.of("A", "T"), base, other));
        assertTrue(e.getMessage().contains("task.trial_ms (A: 1000, T: 1200)"), e.getMessage());
        assertTrue(e.getMessage().contains("evaluation.onset_ms (A: 300, T: 200)"), e.getMessage());
        String differing = e.getMessage().substring(0, e.getMessage().indexOf(". "));
        assertFalse(differing.contains("network."), differing);
        CliRun o = cli("compare", base.toString(), other.toString(), "--labels", "A,T", "--out", tmp.resolve("y").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("error: runs A, T cannot be compared"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(Files.exists(tmp.resolve("y")));
    }

    @Test
    void refusesADifferentGNamingTheKeys() throws Exception {
        Path other = variant("g", "network.gain=1.2", "network.network_seed=2", "network.tau_ms=50");
        UserInputException e = assertThrows(UserInputException.class,
                () -> compare("x", List.of("A", "G"), base, other));
        String m = e.getMessage();
        String differing = m.substring(0, m.indexOf(". "));
        for (String key : List.of("network.gain (A: 1.5, G: 1.2)", "network.network_seed (A: 1, G: 2)",
                "network.tau_ms (A: 100, G: 50)")) {
            assertTrue(differing.contains(key), m);
        }
        assertFalse(differing.contains("task."), m);
        assertFalse(differing.contains("network.dt_ms"), m);
    }

    @Test
    void acceptsDifferentTrainableInitAndHiddenSize() throws Exception {
        Path init = variant("init", "network.init.input={pcs: [1], of: spontaneous}", "training.epochs=5");
        RunComparison.Result r = compare("accept", List.of("A", "B", "N16", "C"), base, readout, wide, init);
        List<String> keys = r.differences().stream().map(RunCompatibility.Difference::key).toList();
        assertEquals(List.of("network.hidden_size", "network.trainable", "network.init.input", "training.epochs"), keys);
        assertEquals(List.of("12", "12", "16", "12"), r.differences().get(0).values());
        assertEquals(List.of("[input, readout]", "[readout]", "[input, readout]", "[input, readout]"),
                r.differences().get(1).values());
        assertTrue(Files.isRegularFile(tmp.resolve("accept/figures/precision_vs_n.png")));
        assertTrue(Files.isRegularFile(tmp.resolve("accept/figures/dimensionality_vs_n.svg")));
        String index = Files.readString(tmp.resolve("accept/index.md"));
        assertTrue(index.contains("`network.hidden_size` differs (N = A: 12, B: 12, N16: 16, C: 12)"), index);
        assertTrue(index.contains("each N has its own G by construction"), index);
        Table runs = r.tables().runs();
        assertEquals(List.of("label", "experiment", "run_dir", "config_hash", "seeds", "completed", "diverged",
                "hidden_size", "network.trainable", "network.init.input", "training.epochs"), runs.columnNames());
        assertEquals("{pcs: [1], of: spontaneous, weights: [1.0]}", runs.stringColumn("network.init.input").get(3));
    }

    @Test
    void tablesHaveTheirColumnsAndOneRowPerRunSeedMetricAndPair() throws Exception {
        RunComparison.Result r = compare("tables", List.of("A", "B", "N16"), base, readout, wide);
        Table c = r.tables().comparison();
        assertEquals(9, c.rowCount());
        assertEquals(List.of("label", "seed", "status", "precision", "weight_correlation", "hidden_size", "diverged_at",
                "loss_30", "loss_50", "loss_80"), c.columnNames().subList(0, 10));
        assertEquals(5 + 23 - 4 + 1, c.columnCount());
        assertTrue(c.columnNames().contains("readout_mem_activity_pr"));
        assertEquals(List.of(1, 2, 3, 2, 3, 4, 1, 2, 3), c.intColumn("seed").asList());
        assertEquals(16, c.intColumn("hidden_size").getInt(6));

        Table seedsB = ComparedRun.load(readout, "B").seeds();
        assertEquals(seedsB.doubleColumn("precision").getDouble(1), c.doubleColumn("precision").getDouble(4), 0.0);

        Table s = r.tables().summary();
        assertEquals(3 * ComparisonTables.SUMMARY_METRICS.size(), s.rowCount());
        assertEquals(List.of("label", "metric", "hidden_size", "n", "mean", "sd", "median", "min", "max", "mean_ci_low",
                "mean_ci_high", "ci_level", "ci_resamples", "ci_seed"), s.columnNames());
        double[] pB = ComparedRun.load(readout, "B").values("precision");
        int row = Narrative.row(s, "label", "B", "metric", "precision");
        assertEquals(Summary.of(pB).mean(), s.doubleColumn("mean").getDouble(row), 1e-15);
        assertEquals(Arrays.stream(pB).sorted().toArray()[1], s.doubleColumn("median").getDouble(row), 0.0);
        assertTrue(s.doubleColumn("mean_ci_low").getDouble(row) <= s.doubleColumn("mean").getDouble(row));

        Table t = r.tables().tests();
        assertEquals(2 * 3, t.rowCount());
        assertEquals(List.of("metric", "label_x", "label_y", "hidden_size_x", "hidden_size_y", "median_x", "median_y",
                "n_x", "n_y", "mw_u", "mw_p", "mw_method", "cles", "rank_biserial_r", "mw_holm_p", "n_pairs", "wsr_n",
                "wsr_v", "wsr_p", "wsr_method", "median_diff", "wsr_rank_biserial_r", "n_x_lower", "wsr_holm_p"),
                t.columnNames());
        assertEquals(List.of(2, 3, 2, 2, 3, 2), t.intColumn("n_pairs").asList());
        assertEquals(List.of("exact", "exact", "exact", "exact", "exact", "exact"), t.stringColumn("mw_method").asList());
        for (int i = 0; i < t.rowCount(); i++) {
            assertTrue(t.doubleColumn("wsr_holm_p").getDouble(i) >= t.doubleColumn("wsr_p").getDouble(i));
            assertTrue(t.doubleColumn("mw_holm_p").getDouble(i) >= t.doubleColumn("mw_p").getDouble(i));
        }
        // 3 vs 3 seeds without ties: the smallest exact two-sided Mann-Whitney p is 2 / C(6, 3) = 0.1
        assertTrue(t.doubleColumn("mw_p").getDouble(1) >= 0.1 - 1e-12);
    }

    @Test
    void writesTablesThatReadBackWithTheirSchemaAndAReportWithTheNumbers() throws Exception {
        RunComparison.Result r = compare("files", List.of("A", "B"), base, readout);
        Path out = tmp.resolve("files");
        for (String f : List.of("comparison.csv", "comparison_summary.csv", "comparison_tests.csv", "comparison_runs.csv",
                "schema.json", "index.md", "analysis.ipynb", "analysis.md", "analysis.html",
                "figures/precision_by_system.png", "figures/precision_by_system.svg")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("figures/precision_vs_n.png")), "N is the same in both runs");
        var schema = ComparisonSchema.of(List.of("30", "50", "80"), r.differences());
        Table back = schema.readCsv(ComparisonSchema.COMPARISON, out.resolve("comparison.csv"));
        assertEquals(6, back.rowCount());
        assertEquals(List.copyOf(schema.columns(ComparisonSchema.COMPARISON).keySet()), back.columnNames());
        Table tests = schema.readCsv(ComparisonSchema.TESTS, out.resolve("comparison_tests.csv"));
        assertEquals(2, tests.rowCount());
        assertEquals(List.copyOf(schema.columns(ComparisonSchema.TESTS).keySet()), tests.columnNames());
        Table summary = schema.readCsv(ComparisonSchema.SUMMARY, out.resolve("comparison_summary.csv"));
        assertEquals(List.copyOf(schema.columns(ComparisonSchema.SUMMARY).keySet()), summary.columnNames());

        double median = Summary.of(ComparedRun.load(base, "A").values("precision")).median();
        String md = Files.readString(out.resolve("analysis.md"));
        assertTrue(md.contains("A " + Numbers.format(median) + " (mean "), md);
        assertTrue(md.contains("No other setting differs") || md.contains("`network.trainable` (A: [input, readout], B: [readout])"),
                md);
        assertTrue(Files.readString(out.resolve("index.md")).contains("N = 12."));
    }

    @Test
    void divergedSeedsAreCountedAndLeftOutOfTheStatistics() throws Exception {
        Path diverged = variant("diverged");
        List<String> lines = Files.readAllLines(diverged.resolve(RunDirectory.SEEDS_CSV));
        String[] f = lines.get(2).split(",", -1);
        assertEquals("2", f[0]);
        for (int i = 3; i < f.length; i++) {
            f[i] = f[i].matches("-?\\d+") ? f[i] : "";
        }
        f[1] = "diverged";
        f[2] = "7";
        lines.set(2, String.join(",", f));
        Files.write(diverged.resolve(RunDirectory.SEEDS_CSV), lines);

        RunComparison.Result r = compare("diverged", List.of("A", "D"), base, diverged);
        assertEquals(6, r.tables().comparison().rowCount());
        assertEquals(1, r.tables().runs().intColumn("diverged").getInt(1));
        assertEquals(2, r.tables().runs().intColumn("completed").getInt(1));
        Table s = r.tables().summary();
        assertEquals(2, s.intColumn("n").getInt(Narrative.row(s, "label", "D", "metric", "precision")));
        assertEquals(3, s.intColumn("n").getInt(Narrative.row(s, "label", "A", "metric", "precision")));
        Table t = r.tables().tests();
        assertEquals(2, t.intColumn("n_pairs").getInt(0));
        assertEquals(0, t.intColumn("wsr_n").getInt(0), "the two remaining seeds are identical copies");
        assertEquals("none", t.stringColumn("wsr_method").getString(0));
        assertTrue(Files.readString(tmp.resolve("diverged/index.md"))
                .contains("left out of every statistic (D: 1 of 3)"));
    }

    @Test
    void labelsDefaultToUniqueExperimentNamesAndAreChecked() {
        assertEquals(List.of("tiny", "tiny-2", "other"), RunComparison.labels(List.of(), List.of("tiny", "tiny", "other")));
        assertEquals(Path.of("notebooks-export", "compare-A-B"), RunComparison.defaultOut(List.of("A", "B")));
        UserInputException count = assertThrows(UserInputException.class,
                () -> RunComparison.labels(List.of("A"), List.of("x", "y")));
        assertEquals("--labels: 1 labels for 2 runs", count.getMessage());
        UserInputException twice = assertThrows(UserInputException.class,
                () -> RunComparison.labels(List.of("A", "A"), List.of("x", "y")));
        assertEquals("--labels: 'A' is given twice", twice.getMessage());
        assertThrows(UserInputException.class, () -> RunComparison.labels(List.of("A", "b/c"), List.of("x", "y")));
    }

    @Test
    void cliComparesAndRefusesTheSameDirectoryTwice() {
        CliRun ok = cli("compare", base.toString(), readout.toString(), "--out", tmp.resolve("cli").toString());
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("wrote " + tmp.resolve("cli")), ok.out());
        assertTrue(ok.out().startsWith("tiny  "), ok.out());
        assertTrue(ok.out().contains("\ntiny-2  "), ok.out());
        CliRun twice = cli("compare", base.toString(), base.toString(), "--out", tmp.resolve("twice").toString());
        assertEquals(2, twice.code());
        assertEquals("error: " + base + " is given twice", twice.err().strip());
        CliRun missing = cli("compare", base.toString(), tmp.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope"), missing.err());
    }
}
