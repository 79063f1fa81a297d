package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnnmemory.io.Json;
import org.rnnmemory.report.Numbers;
import tech.tablesaw.api.Table;

/** {@code rnnmem report} on a tiny run without analysis: it analyses first, then writes the report folder. */
class ReportAnalysisTest {
    /** Figures of an analysis: seven of the activity and output, four of the mechanism. */
    static final int FIGURES = 7 + 4;
    static Path run;
    static Path out;
    static String markdown;

    @BeforeAll
    static void report() throws Exception {
        out = TinyRun.export();
        run = TinyRun.reportedRun();
        markdown = Files.readString(out.resolve("analysis.md"));
    }

    @Test
    void reportRunsTheAnalysisWhenItsTablesAreMissing() {
        assertTrue(AnalysisOutputs.present(run));
        for (String f : List.of("index.md", "analysis.ipynb", "analysis.md", "analysis.html", "tables/summary.csv",
                "tables/correlations.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
    }

    @Test
    void notebookIsAPython3NotebookThatReadsTheFilesBesideIt() throws Exception {
        JsonNode nb = Json.MAPPER.readTree(out.resolve("analysis.ipynb").toFile());
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals("python3", nb.at("/metadata/kernelspec/name").asText());
        StringBuilder code = new StringBuilder();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                cell.get("source").forEach(l -> code.append(l.asText()));
                code.append('\n');
            }
        }
        String src = code.toString();
        for (String expected : List.of("RUN = Path(\".\")\n", "RUNS = [RUN / \"runs/seeds-1-3\"]",
                "pd.read_csv(TABLES / \"analysis.csv\")", "np.load(folder / \"w.npy\")",
                "\"durations_ms\": [30, 50, 80]", "\"precision\": \"precision (MSE)\"")) {
            assertTrue(src.contains(expected), "notebook code contains " + expected);
        }
    }

    @Test
    void everyMarkdownFigureDecodes() throws Exception {
        Matcher m = Pattern.compile("\\]\\((figures/[^)]+\\.png)\\)").matcher(markdown);
        int n = 0;
        while (m.find()) {
            assertNotNull(ImageIO.read(out.resolve(m.group(1)).toFile()), m.group(1));
            n++;
        }
        assertEquals(FIGURES, n);
    }

    /** Row {@code label} (first column) of a CSV table in the run directory. */
    static double csv(String table, String label, String column) throws Exception {
        Table t = Table.read().csv(run.resolve("tables/" + table + ".csv").toFile());
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.column(0).getString(r).equals(label)) {
                return t.numberColumn(column).getDouble(r);
            }
        }
        throw new AssertionError(table + " has no row " + label);
    }

    @Test
    void numbersInTheTextAreTheTableValuesFormatted() throws Exception {
        List<String> expected = new ArrayList<>();
        expected.add("mean " + Numbers.format(csv("published_comparison", "precision", "run_mean")) + " (sd "
                + Numbers.format(csv("published_comparison", "precision", "run_sd")));
        expected.add("against " + Numbers.format(csv("published_comparison", "precision", "published_mean")));
        expected.add("U = " + Numbers.format(csv("published_comparison", "precision", "mw_u")) + ", "
                + Numbers.pValue(csv("published_comparison", "precision", "mw_p")));
        expected.add("r = " + Numbers.format(csv("correlations", "weight_correlation", "pearson_r")) + " (95% CI "
                + Numbers.format(csv("correlations", "weight_correlation", "r_ci_low")) + " to "
                + Numbers.format(csv("correlations", "weight_correlation", "r_ci_high")) + "), "
                + Numbers.pValue(csv("correlations", "weight_correlation", "pearson_p")) + ", Holm "
                + Numbers.pValue(csv("correlations", "weight_correlation", "holm_p")));
        for (String m : List.of(IntegrationCurve.SLOPE_TRAINED, IntegrationCurve.R2_OUTSIDE, Separation.SLOPE,
                SeedDynamics.DRIFT, ReadoutGeometry.VAR_FRACTION, ReadoutGeometry.MEAN_FRACTION,
                "mech_readout_cosine", "mech_optimal_precision", "mech_separation_rate")) {
            expected.add(Numbers.format(csv("summary", m, "mean")) + " [95% CI "
                    + Numbers.format(csv("summary", m, "mean_ci_low")) + ", "
                    + Numbers.format(csv("summary", m, "mean_ci_high")) + "]");
        }
        String index = Files.readString(out.resolve("index.md"));
        for (String e : expected) {
            assertTrue(markdown.contains(e), "analysis.md contains: " + e);
            assertTrue(index.contains(e), "index.md contains: " + e);
        }
        assertTrue(markdown.contains("r = 0.06, p = 0.79"), "the published finding is quoted");
    }

    @Test
    void htmlReferencesNothingExternal() throws Exception {
        String html = Files.readString(out.resolve("analysis.html"));
        Matcher src = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (src.find()) {
            String target = src.group(1);
            assertTrue(target.startsWith("data:image/png;base64,") || target.startsWith("#"), target);
            images += target.startsWith("data:") ? 1 : 0;
        }
        assertEquals(FIGURES, images);
        for (String forbidden : List.of("<script", "<link", "<iframe", "url(", "@import")) {
            assertFalse(html.contains(forbidden), forbidden);
        }
    }

    @Test
    void exportHoldsTheReportAndWhatItsNotebookReads() throws Exception {
        List<String> expected = new ArrayList<>(List.of("analysis.html", "analysis.ipynb", "analysis.md", "index.md",
                "runs/seeds-1-3/config.resolved.yaml", "runs/seeds-1-3/config.yaml", "runs/seeds-1-3/run.json",
                "runs/seeds-1-3/tables/curves.csv", "runs/seeds-1-3/tables/schema.json",
                "runs/seeds-1-3/tables/seeds.csv", "tables/analysis.csv", "tables/analysis_schema.json",
                "tables/correlations.csv", "tables/integration.csv", "tables/published_comparison.csv",
                "tables/published_model.csv",
                "tables/summary.csv"));
        for (String f : List.of("integration_curve", "metric_vs_precision", "outputs", "separation", "spectra",
                "training_curves", "trajectories", "mechanism_points", "mechanism_spectra", "mechanism_speed",
                "mechanism_readout")) {
            expected.add("figures/" + f + ".png");
        }
        for (int seed = 1; seed <= 3; seed++) {
            for (String f : List.of("G.npy", "I.npy", "h0.npy", "model.json", "w.npy")) {
                expected.add("runs/seeds-1-3/seeds/seed-" + seed + "/" + f);
            }
        }
        try (Stream<Path> s = Files.walk(out)) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
            assertEquals(expected.stream().sorted().toList(), files);
        }
        assertArrayEquals(Files.readAllBytes(run.resolve("seeds/seed-2/w.npy")),
                Files.readAllBytes(out.resolve("runs/seeds-1-3/seeds/seed-2/w.npy")));
    }
}
