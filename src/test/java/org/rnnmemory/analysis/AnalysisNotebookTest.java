package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.io.Json;
import org.rnnmemory.report.Jupyter;
import tech.tablesaw.api.Table;

/**
 * The exported notebook of a tiny run, executed by {@code rnnmem report} with Jupyter: it runs
 * without error, and every number it recomputes (from the tables with pandas and SciPy, and from
 * the weights with its own NumPy forward pass) and prints equals the value in the tables, read
 * here independently with Tablesaw.
 */
class AnalysisNotebookTest {
    /** {@code <table>/<row>/<column>  <notebook value>  <table value>  ok|DIFFERS}, as the notebook prints them. */
    private static final Pattern CHECK = Pattern.compile(
            "^(\\w+)/([^/\\s]+)/(\\w+)\\s+(\\S+)\\s+(\\S+)\\s+(ok|DIFFERS)$", Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("^(\\d+) numbers recomputed, (\\d+) differ from the tables$",
            Pattern.MULTILINE);

    @Test
    void executedNotebookRunsWithoutErrorAndItsNumbersAreTheTablesNumbers() throws Exception {
        Jupyter.assume();
        Path out = TinyRun.export();
        JsonNode nb = Json.MAPPER.readTree(out.resolve("analysis.ipynb").toFile());
        StringBuilder printed = new StringBuilder();
        int images = 0;
        for (JsonNode cell : nb.get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            assertTrue(cell.get("execution_count").isInt(), "every cell ran: " + cell.get("source"));
            for (JsonNode o : cell.get("outputs")) {
                assertFalse(o.get("output_type").asText().equals("error"), o.toString());
                if (o.get("output_type").asText().equals("stream")) {
                    o.get("text").forEach(l -> printed.append(l.asText()));
                }
                images += o.path("data").has("image/png") ? 1 : 0;
            }
        }
        assertEquals(5, images, "published comparison, outputs, metric against precision, training, integration");

        Map<String, double[]> checks = new LinkedHashMap<>();
        Matcher m = CHECK.matcher(printed);
        while (m.find()) {
            String table = m.group(1);
            String row = m.group(2);
            String column = m.group(3);
            double notebook = number(m.group(4));
            double shown = number(m.group(5));
            double csv = csvValue(out, table, row, column);
            String name = table + "/" + row + "/" + column;
            assertEquals("ok", m.group(6), name);
            assertClose(csv, shown, 1e-8, name + ": the table value the notebook shows");
            assertClose(csv, notebook, 1e-6, name + ": the value the notebook recomputed");
            checks.put(name, new double[] {notebook, csv});
        }
        List<String> required = new ArrayList<>(List.of("published_comparison/precision/run_mean",
                "published_comparison/precision/run_sd", "published_comparison/precision/published_mean",
                "published_comparison/precision/mw_u", "published_comparison/precision/mw_p",
                "published_comparison/weight_correlation/mw_p", "correlations/weight_correlation/pearson_r",
                "correlations/weight_correlation/pearson_p", "correlations/weight_correlation/spearman_p",
                "correlations/weight_correlation/holm_p", "summary/precision/mean", "summary/precision/median"));
        for (int seed = 1; seed <= 3; seed++) {
            for (String c : List.of("precision", "loss_30", "loss_50", "loss_80", "weight_correlation")) {
                required.add("analysis/" + seed + "/" + c);
            }
        }
        for (String r : required) {
            assertTrue(checks.containsKey(r), "the notebook recomputes " + r + "; it printed " + checks.keySet());
        }
        Matcher total = TOTAL.matcher(printed);
        assertTrue(total.find(), printed.toString());
        assertEquals(checks.size(), Integer.parseInt(total.group(1)));
        assertEquals(0, Integer.parseInt(total.group(2)));
    }

    @Test
    void notebookOnlyRewritesTheNotebookOfAReportFolderFromItsTablesAlone() throws Exception {
        Path copy = TinyRun.root().resolve("tables-only");
        TinyRun.copyTree(TinyRun.export(), copy);
        TinyRun.delete(copy.resolve("runs"));
        CliRun o = TinyRun.cli("report", "--notebook-only", copy.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("notebook: " + copy.resolve("analysis.ipynb"), o.out().strip());
        String nb = Files.readString(copy.resolve("analysis.ipynb"));
        assertTrue(nb.contains("RUNS = []") && nb.contains("PROTOCOL = None"), "no run directory beside it");
        if (Jupyter.installed()) {
            assertTrue(nb.contains("No run directory beside this notebook"), "says what it cannot recompute");
            assertTrue(nb.contains("numbers recomputed, 0 differ from the tables"), "the table checks ran and passed");
            assertFalse(nb.contains("\"output_type\": \"error\""));
        }
    }

    @Test
    void notebookOnlyNeedsAReportFolderAndNothingElse() throws Exception {
        Path empty = Files.createDirectories(TinyRun.root().resolve("no-report"));
        CliRun o = TinyRun.cli("report", "--notebook-only", empty.toString());
        assertEquals(2, o.code());
        assertEquals("error: " + empty.resolve("tables").resolve("analysis.csv") + ": not found: the folder holds no "
                + "analysis tables", o.err().strip());
        CliRun both = TinyRun.cli("report", "--notebook-only", empty.toString(), "--out", empty.toString());
        assertEquals(2, both.code());
        assertEquals("error: --notebook-only takes one report folder and neither --out nor --reanalyze",
                both.err().strip());
        try (var files = Files.list(empty)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    /** A cell of an exported table: the row whose first column (seed, or metric) equals {@code row}. */
    static double csvValue(Path out, String table, String row, String column) throws Exception {
        Table t = Table.read().csv(out.resolve("tables").resolve(table + ".csv").toFile());
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.column(0).getString(r).equals(row)) {
                return t.column(column).isMissing(r) ? Double.NaN : t.numberColumn(column).getDouble(r);
            }
        }
        throw new AssertionError(table + ".csv has no row " + row);
    }

    /** A number as Python prints it ("nan", "inf" included). */
    static double number(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static void assertClose(double expected, double actual, double rtol, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), what + ": expected NaN, found " + actual);
            return;
        }
        assertEquals(expected, actual, 1e-12 + rtol * Math.abs(expected), what);
    }
}
