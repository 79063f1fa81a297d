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
import org.rnnmemory.io.Json;
import org.rnnmemory.report.Jupyter;

/** {@code rnnmem run} ends with the analysis and the report of what it trained; {@code --no-report} stops before. */
class RunReportTest {
    @TempDir
    Path tmp;

    private Path experiment() throws Exception {
        Path yaml = tmp.resolve("tiny.yaml");
        Files.writeString(yaml, TinyExperiment.YAML);
        return yaml;
    }

    @Test
    void runWritesTheAnalysisAndTheReportAndEndsByNamingThem() throws Exception {
        Path run = tmp.resolve("run");
        CliRun o = CliRun.of("run", experiment().toString(), "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("tables/analysis.csv", "tables/correlations.csv", "figures/outputs.png",
                "figures/metric_vs_precision.png", "report/index.md", "report/analysis.html", "report/analysis.md",
                "report/analysis.ipynb", "report/figures/outputs.png")) {
            assertTrue(Files.isRegularFile(run.resolve(f)), f);
        }
        assertFalse(Files.exists(run.resolve("report/tables")), "the report reads the run's own tables");
        List<String> lines = o.out().lines().toList();
        List<String> last = lines.subList(lines.size() - 4, lines.size());
        assertTrue(last.get(0).startsWith("report:   " + run.resolve("report/analysis.html")), last.get(0));
        assertTrue(last.get(1).startsWith("notebook: " + run.resolve("report/analysis.ipynb")), last.get(1));
        assertTrue(last.get(2).startsWith("next:     ./rnnmem report " + run + "   (copy it to notebooks-export/tiny/"),
                last.get(2));
        assertTrue(last.get(3).startsWith("          ./rnnmem compare " + run + " OTHER_RUN_DIR"), last.get(3));

        JsonNode nb = Json.MAPPER.readTree(run.resolve("report/analysis.ipynb").toFile());
        String code = nb.get("cells").toString();
        assertTrue(code.contains("RUN = Path(\\\"..\\\")") && code.contains("RUNS = [RUN]"), "reads the run directory");
        if (Jupyter.installed()) {
            assertTrue(last.get(1).contains("(executed; open it in Jupyter)"), last.get(1));
            assertTrue(code.contains("numbers recomputed, 0 differ from the tables"), "its checks ran and passed");
            assertFalse(code.contains("\"output_type\":\"error\""));
        } else {
            assertTrue(last.get(1).contains("(not executed: Jupyter not found"), last.get(1));
        }
    }

    @Test
    void noReportStopsAfterTrainingAndEvaluation() throws Exception {
        Path run = tmp.resolve("plain");
        CliRun o = CliRun.of("run", experiment().toString(), "--out", run.toString(), "--no-report");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.isRegularFile(run.resolve("tables/seeds.csv")));
        assertFalse(Files.exists(run.resolve("report")));
        assertFalse(Files.exists(run.resolve("tables/analysis.csv")));
        List<String> lines = o.out().lines().toList();
        assertEquals("next: ./rnnmem analyze " + run + "   (statistics and figures), then ./rnnmem report " + run,
                lines.get(lines.size() - 1));
    }
}
