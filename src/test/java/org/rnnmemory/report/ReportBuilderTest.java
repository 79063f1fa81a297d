package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.Json;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class ReportBuilderTest {

    @Test
    void headingLevelOutsideTwoToSixIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").heading(1, "x"));
        assertEquals("heading level must be in 2..6, found 1", e.getMessage());
    }

    @Test
    void nonPngFigureIsRejectedNamingTheFile(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("plot.png"), "not an image");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Report.builder("t").figure(fake, "caption"));
        assertEquals("figure " + fake + " is not a PNG file", e.getMessage());
        Path missing = dir.resolve("missing.png");
        UncheckedIOException u = assertThrows(UncheckedIOException.class,
                () -> Report.builder("t").figure(missing, "caption"));
        assertTrue(u.getMessage().startsWith("cannot read figure " + missing), u.getMessage());
    }

    @Test
    void blankTitleOrCaptionIsRejected() {
        assertEquals("report title must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Report.builder(" ").build()).getMessage());
        Table t = Table.create("t", DoubleColumn.create("x", new double[] {1}));
        assertEquals("table caption must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Report.builder("r").table(t, "")).getMessage());
    }

    @Test
    void tableIsCopiedWhenAdded() {
        Table t = Table.create("t", DoubleColumn.create("x", new double[] {1.5}));
        Report report = Report.builder("r").table(t, "caption").build();
        t.doubleColumn("x").set(0, 99.0);
        Table stored = ((Block.TableBlock) report.blocks().get(0)).table();
        assertEquals(1.5, stored.doubleColumn("x").get(0), 0.0);
    }

    @Test
    void writeAllProducesTheThreeFormatsAndTheFigures(@TempDir Path dir) throws IOException {
        ReportFiles.Written w = ReportFiles.writeAll(ReportFixture.report(dir), dir.resolve("report"));
        assertEquals(dir.resolve("report/analysis.ipynb"), w.notebook());
        for (Path p : List.of(w.notebook(), w.markdown(), w.html(),
                dir.resolve("report/figures/scatter.png"), dir.resolve("report/figures/groups.png"))) {
            assertTrue(Files.size(p) > 0, p.toString());
        }
        try (var files = Files.list(dir.resolve("report"))) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")
                    || p.getFileName().toString().startsWith(".")), "no temporary files left");
        }
        assertEquals(Jupyter.installed() ? NotebookExecution.Status.EXECUTED : NotebookExecution.Status.UNAVAILABLE,
                w.execution().status(), w.execution().line());
        if (Jupyter.installed()) {
            JsonNode cells = Json.MAPPER.readTree(w.notebook().toFile()).get("cells");
            int executed = 0;
            String result = null;
            for (JsonNode cell : cells) {
                if (cell.get("cell_type").asText().equals("code")) {
                    executed += cell.get("execution_count").isInt() ? 1 : 0;
                    String src = cell.get("source").toString();
                    if (src.contains("u = sum(")) {
                        result = cell.at("/outputs/0/data/text~1plain").toString();
                    }
                }
            }
            assertEquals(8, executed, "every code cell ran, from the report's folder");
            assertEquals("[\"17\"]", result, "the cell's output comes from running it");
        }
    }
}
