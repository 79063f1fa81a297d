package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.Json;

/**
 * Structure checks against the nbformat 4.5 JSON schema (jupyter/nbformat,
 * {@code nbformat/v4/nbformat.v4.5.schema.json}): the required and allowed keys of the notebook and
 * of markdown and code cells, the cell id pattern, and multi-line string fields; and the Python
 * cells the writer renders each block as. Running the cells is {@link ReportBuilderTest}'s part.
 */
class NotebookWriterTest {
    private static final Set<String> TOP_REQUIRED = Set.of("metadata", "nbformat_minor", "nbformat", "cells");
    private static final Map<String, Set<String>> CELL_REQUIRED = Map.of(
            "markdown", Set.of("id", "cell_type", "metadata", "source"),
            "code", Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count"));
    private static final Map<String, Set<String>> CELL_ALLOWED = Map.of(
            "markdown", Set.of("id", "cell_type", "metadata", "attachments", "source"),
            "code", Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count"));

    @TempDir
    Path dir;
    private JsonNode nb;

    @BeforeEach
    void writeAndParse() throws IOException {
        Path file = dir.resolve("analysis.ipynb");
        NotebookWriter.write(ReportFixture.report(dir), file);
        nb = Json.MAPPER.readTree(Files.readString(file));
    }

    @Test
    void topLevelIsNbformat45WithThePython3Kernel() {
        assertEquals(TOP_REQUIRED, keys(nb));
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals(5, nb.get("nbformat_minor").asInt());
        JsonNode kernel = nb.get("metadata").get("kernelspec");
        assertEquals("python3", kernel.get("name").asText());
        assertEquals("python", kernel.get("language").asText());
        assertTrue(kernel.get("display_name").isTextual());
        assertEquals("python", nb.get("metadata").get("language_info").get("name").asText());
        assertEquals("Memory analysis", nb.get("metadata").get("title").asText());
    }

    @Test
    void everyCellHasTheSchemasKeysAndAValidUniqueId() {
        Set<String> ids = new HashSet<>();
        for (JsonNode cell : nb.get("cells")) {
            String type = cell.get("cell_type").asText();
            assertTrue(CELL_REQUIRED.containsKey(type), type);
            assertTrue(keys(cell).containsAll(CELL_REQUIRED.get(type)), cell.toString());
            assertTrue(CELL_ALLOWED.get(type).containsAll(keys(cell)), cell.toString());
            assertTrue(cell.get("metadata").isObject());
            assertMultiline(cell.get("source"));
            String id = cell.get("id").asText();
            assertTrue(id.matches("^[a-zA-Z0-9-_]{1,64}$"), id);
            assertTrue(ids.add(id), "duplicate id " + id);
        }
    }

    @Test
    void codeCellsAreWrittenUnexecuted() {
        for (JsonNode cell : codeCells()) {
            assertTrue(cell.get("execution_count").isNull(), cell.toString());
            assertEquals(0, cell.get("outputs").size(), "outputs come from running the cell");
        }
        assertEquals(8, codeCells().size(), "set-up, two tables, two figures and three code blocks");
        assertEquals(NotebookWriter.SETUP, text(codeCells().get(0).get("source")));
    }

    @Test
    void aTableWithoutSourceCarriesItsValuesAsCsvAndOneWithSourceRunsIt() {
        String inline = text(codeCells().get(1).get("source"));
        assertTrue(inline.startsWith("pd.read_csv(io.StringIO(\"metric,n,pearson_r,pearson_p,"), inline);
        assertTrue(inline.contains("\\ny1,11,0.8164"), inline);
        assertTrue(inline.endsWith("\"))"), inline);
        assertEquals("pd.DataFrame({\"comparison\": [\"a | b\", \"tied\"]})", text(codeCells().get(3).get("source")));
    }

    @Test
    void figuresShowThePngsTheMarkdownReportWritesOrTheirSource() {
        assertEquals("Image(filename=\"figures/scatter.png\")", text(codeCells().get(2).get("source")));
        assertEquals("Image(filename=\"figures/groups.png\", width=40)", text(codeCells().get(4).get("source")));
    }

    @Test
    void markdownCellsHoldTitleHeadingsParagraphsAndCaptions() {
        List<String> md = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("markdown")) {
                md.add(text(cell.get("source")));
            }
        }
        assertEquals("# Memory analysis", md.get(0));
        assertEquals("## Correlations", md.get(1));
        assertTrue(md.get(2).startsWith("Across 11 seeds, r = 0.8164"));
        assertEquals("**Table 1.** Correlation of each y with x.", md.get(3));
        assertEquals("**Figure 1.** Scatter of y1 against x.", md.get(4));
        assertEquals("### Group comparison", md.get(5));
    }

    @Test
    void multilineSourceKeepsNewlinesOnAllButTheLastLine() {
        JsonNode code = codeCells().get(5);
        assertEquals(2, code.get("source").size());
        assertEquals("u = sum(m > f for m in [19, 22, 16, 29, 24] for f in [20, 11, 17, 12])\n",
                code.get("source").get(0).asText());
        assertEquals("u", code.get("source").get(1).asText());
    }

    @Test
    void pythonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\x01\"", NotebookWriter.pythonString("a\"b\\c\nd\te\u0001"));
    }

    private List<JsonNode> codeCells() {
        List<JsonNode> cells = new ArrayList<>();
        for (JsonNode cell : nb.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                cells.add(cell);
            }
        }
        return cells;
    }

    private static void assertMultiline(JsonNode value) {
        if (value.isArray()) {
            for (JsonNode line : value) {
                assertTrue(line.isTextual(), value.toString());
            }
        } else {
            assertTrue(value.isTextual(), value.toString());
        }
    }

    private static String text(JsonNode multiline) {
        if (multiline.isTextual()) {
            return multiline.asText();
        }
        StringBuilder sb = new StringBuilder();
        multiline.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            keys.add(it.next());
        }
        return keys;
    }
}
