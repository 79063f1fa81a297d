package org.rnnmemory.analysis;

import org.rnnmemory.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
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
        run = TinyRun.freshCopy("report");
        out = TinyRun.root().resolve("export");
        CliRun o = TinyRun.cli(AnalysisMergeTest.concat(new String[] {"report", run.toString(), "--out",
            out.toString()}, TinyRun.DURATIONS));
        assertEquals(0, o.code(), o.err());
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
    void notebookIsExecutedNbformat4WithEmbeddedPngsAndNoErrors() throws Exception {
        JsonNode nb = Json.MAPPER.readTree(out.resolve("analysis.ipynb").toFile());
        assertEquals(4, nb.get("nbformat").asInt());
        assertTrue(nb.get("nbformat_minor").asInt() >= 4);
        int pngs = 0;
        int code = 0;
        for (JsonNode cell : nb.get("cells")) {
            assertTrue(cell.has("source") && cell.has("metadata"));
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            code++;
            assertTrue(cell.get("execution_count").isInt(), "executed");
            for (JsonNode o : cell.get("outputs")) {
                assertFalse(o.get("output_type").asText().equals("error"));
                if (o.path("data").has("image/png")) {
                    byte[] png = Base64.getDecoder().decode(o.get("data").get("image/png").asText());
                    assertNotNull(ImageIO.read(new ByteArrayInputStream(png)), "embedded PNG decodes");
                    pngs++;
                }
            }
        }
        assertEquals(FIGURES, pngs, "every figure");
        assertTrue(code >= FIGURES + 4, "every figure and 4 tables");
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
        expected.add("U = " + Numbers.format(csv("published_comparison", "precision", "mw_u")) + ", p = "
                + Numbers.format(csv("published_comparison", "precision", "mw_p")));
        expected.add("r = " + Numbers.format(csv("correlations", "weight_correlation", "pearson_r")) + " (95% CI "
                + Numbers.format(csv("correlations", "weight_correlation", "r_ci_low")) + " to "
                + Numbers.format(csv("correlations", "weight_correlation", "r_ci_high")) + "), p = "
                + Numbers.format(csv("correlations", "weight_correlation", "pearson_p")) + ", Holm p = "
                + Numbers.format(csv("correlations", "weight_correlation", "holm_p")));
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
    void exportHoldsOnlyTheReportFiles() throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString()).sorted().toList();
            assertEquals(4 + FIGURES + 4, files.size(), files.toString());
        }
    }
}
