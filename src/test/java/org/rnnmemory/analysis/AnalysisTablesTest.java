package org.rnnmemory.analysis;

import org.rnnmemory.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.analysis.stats.Holm;
import org.rnnmemory.analysis.stats.MeanCi;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.io.Json;
import org.rnnmemory.plot.Figures;
import tech.tablesaw.api.Table;

/** {@code rnnmem analyze} on a tiny trained run: files, columns, rows and values of every table. */
class AnalysisTablesTest {
    static Path run;
    static Map<String, String> before;
    static AnalysisOutputs outputs;

    @BeforeAll
    static void analyse() throws Exception {
        run = TinyRun.freshCopy("tables");
        before = hashes(run);
        CliRun o = TinyRun.cli(AnalysisMergeTest.concat(new String[] {"analyze", run.toString()},
                TinyRun.DURATIONS));
        assertEquals(0, o.code(), o.err());
        outputs = AnalysisOutputs.read(run);
    }

    static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                byte[] h = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
                out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(h));
            }
        }
        return out;
    }

    @Test
    void trainingOutputsAreUntouchedAndNewFilesAreOnlyUnderTablesAndFigures() throws Exception {
        Map<String, String> after = hashes(run);
        // the lock file names the last process that held the directory: analyze itself
        assertTrue(Files.readString(run.resolve(org.rnnmemory.io.RunLock.FILE)).contains("command analyze"));
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (!e.getKey().equals(org.rnnmemory.io.RunLock.FILE)) {
                assertEquals(e.getValue(), after.get(e.getKey()), "unchanged: " + e.getKey());
            }
        }
        List<String> added = new ArrayList<>(after.keySet());
        added.removeAll(before.keySet());
        assertTrue(added.stream().allMatch(f -> f.startsWith("tables/") || f.startsWith("figures/")), added.toString());
        for (String t : AnalysisTables.ALL) {
            assertTrue(added.contains("tables/" + t + ".csv"), t);
        }
        assertTrue(added.contains("tables/analysis_schema.json") && added.contains("tables/analysis.json"));
    }

    @Test
    void everyTableHasItsDeclaredColumns() throws Exception {
        JsonNode schema = Json.MAPPER.readTree(run.resolve("tables/analysis_schema.json").toFile());
        for (String t : AnalysisTables.ALL) {
            String header = Files.readAllLines(run.resolve("tables/" + t + ".csv")).get(0);
            List<String> declared = new ArrayList<>();
            schema.get(t).fieldNames().forEachRemaining(declared::add);
            assertEquals(declared, List.of(header.split(",")), t);
            schema.get(t).forEach(c -> assertTrue(c.has("unit") && c.has("description"), t));
        }
    }

    @Test
    void analysisHasOneRowPerSeedWithEverySpecAndTrajectoryMetric() {
        Table a = outputs.table(AnalysisTables.ANALYSIS);
        assertEquals(List.of(1, 2, 3), a.intColumn("seed").asList());
        for (String c : List.of("precision", "loss_30", "loss_50", "loss_80", "weight_correlation",
                "input_spont_activity_pr", "input_spont_topk_fraction", "input_spont_variance_alignment",
                "input_spont_legacy_pr", "readout_mem_activity_pr", "readout_mem_topk_fraction",
                "readout_mem_variance_alignment", "readout_mem_legacy_pr")) {
            assertTrue(a.columnNames().contains(c), c);
        }
        for (String m : SeedDynamics.METRICS) {
            assertTrue(a.columnNames().contains(m), m);
            for (double v : a.doubleColumn(m).asDoubleArray()) {
                assertTrue(Double.isFinite(v), m + " = " + v);
            }
        }
        Table seeds = Table.read().csv(run.resolve("tables/seeds.csv").toFile());
        assertArrayEquals(seeds.doubleColumn("precision").asDoubleArray(), a.doubleColumn("precision").asDoubleArray());
    }

    @Test
    void summaryEqualsSummaryAndBootstrapOfTheAnalysisColumn() {
        Table a = outputs.table(AnalysisTables.ANALYSIS);
        Table s = outputs.table(AnalysisTables.SUMMARY);
        assertEquals(a.columnCount() - 2, s.rowCount(), "one row per metric");
        for (String m : List.of("precision", "weight_correlation", Separation.SLOPE, ReadoutGeometry.VAR_FRACTION)) {
            double[] x = a.doubleColumn(m).asDoubleArray();
            Summary sum = Summary.of(x);
            MeanCi ci = BootstrapCi.mean(x, 10_000, 1, 0.95);
            assertEquals(sum.mean(), outputs.value(AnalysisTables.SUMMARY, m, "mean"), 0.0, m);
            assertEquals(sum.sd(), outputs.value(AnalysisTables.SUMMARY, m, "sd"), 0.0, m);
            assertEquals(sum.median(), outputs.value(AnalysisTables.SUMMARY, m, "median"), 0.0, m);
            assertEquals(sum.min(), outputs.value(AnalysisTables.SUMMARY, m, "min"), 0.0, m);
            assertEquals(sum.max(), outputs.value(AnalysisTables.SUMMARY, m, "max"), 0.0, m);
            assertEquals(ci.low(), outputs.value(AnalysisTables.SUMMARY, m, "mean_ci_low"), 0.0, m);
            assertEquals(ci.high(), outputs.value(AnalysisTables.SUMMARY, m, "mean_ci_high"), 0.0, m);
            assertEquals(10_000, outputs.value(AnalysisTables.SUMMARY, m, "ci_resamples"), 0.0);
        }
    }

    @Test
    void correlationsCoverEveryPredictorWithHolmAdjustedP() {
        Table c = outputs.table(AnalysisTables.CORRELATIONS);
        List<String> metrics = c.stringColumn("metric").asList();
        assertTrue(!metrics.contains("precision") && !metrics.contains("loss_50"), metrics.toString());
        assertTrue(metrics.contains("weight_correlation") && metrics.contains(Separation.SLOPE));
        assertEquals(List.of("metric", "kind", "n", "pearson_r", "pearson_p", "spearman_rho", "spearman_p", "r_ci_low",
                "r_ci_high", "ci_level", "ci_resamples", "ci_valid_resamples", "ci_seed", "holm_p", "spearman_holm_p"),
                c.columnNames());
        assertArrayEquals(Holm.adjust(c.doubleColumn("pearson_p").asDoubleArray()),
                c.doubleColumn("holm_p").asDoubleArray(), 0.0);
        int row = metrics.indexOf("input_spont_activity_pr");
        assertTrue(Double.isNaN(c.doubleColumn("pearson_r").getDouble(row)),
                "the spontaneous spectrum is the same for every seed: no correlation");
    }

    @Test
    void publishedComparisonUsesTheTwentyPublishedModels() {
        Table p = outputs.table(AnalysisTables.PUBLISHED);
        assertEquals(List.of("precision", "weight_correlation", "input_spont_legacy_pr", "readout_mem_legacy_pr"),
                p.stringColumn("metric").asList());
        assertEquals(0.0250, outputs.value(AnalysisTables.PUBLISHED, "precision", "published_mean"), 5e-5);
        assertEquals(0.0082, outputs.value(AnalysisTables.PUBLISHED, "precision", "published_sd"), 5e-5);
        assertEquals(0.861, outputs.value(AnalysisTables.PUBLISHED, "weight_correlation", "published_mean"), 5e-4);
        assertEquals(3, outputs.value(AnalysisTables.PUBLISHED, "precision", "run_n"), 0.0);
        assertEquals(20, outputs.value(AnalysisTables.PUBLISHED, "precision", "published_n"), 0.0);
    }

    @Test
    void trajectoryTablesHaveARowPerSeedDurationAndSample() {
        int durations = 9; // 10..90 ms, the test durations 30, 50, 80 among them
        int samples = 35; // onset 300 ms to 990 ms every 20 ms
        assertEquals(3 * durations * samples, outputs.table(AnalysisTables.TRAJECTORIES).rowCount());
        assertEquals(3 * durations, outputs.table(AnalysisTables.INTEGRATION).rowCount());
        assertEquals(3 * durations * (durations - 1) / 2, outputs.table(AnalysisTables.SEPARATION).rowCount());
        assertEquals(3 * 3, outputs.table(AnalysisTables.DIRECTIONS).rowCount());
        assertEquals(3 * 2 * 12, outputs.table(AnalysisTables.SPECTRA).rowCount());
        assertEquals(List.of("seed", "duration_ms", "t_ms", "pc1", "pc2", "pc3"),
                outputs.table(AnalysisTables.TRAJECTORIES).columnNames());
    }

    @Test
    void everyFigureIsAPngAt300DpiWithAnSvg() throws Exception {
        for (String f : List.of(AnalysisFigures.TRAINING, AnalysisFigures.OUTPUTS, AnalysisFigures.SCATTER,
                AnalysisFigures.SPECTRA, AnalysisFigures.TRAJECTORIES, AnalysisFigures.SEPARATION,
                AnalysisFigures.INTEGRATION)) {
            BufferedImage img = ImageIO.read(run.resolve("figures/" + f + ".png").toFile());
            assertTrue(img != null && img.getWidth() >= Figures.pixels(3 * 72, Figures.DPI), f);
            assertTrue(Files.readString(run.resolve("figures/" + f + ".svg")).contains("<svg"), f);
        }
    }
}
