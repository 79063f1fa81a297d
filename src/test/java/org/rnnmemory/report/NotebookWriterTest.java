package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.Json;

/**
 * Structure checks against the nbformat 4.5 JSON schema (jupyter/nbformat,
 * {@code nbformat/v4/nbformat.v4.5.schema.json}): the required and allowed keys of the notebook,
 * of markdown and code cells and of each output type, the cell id pattern, and multi-line string
 * fields.
 */
class NotebookWriterTest {
    private static final Set<String> TOP_REQUIRED = Set.of("metadata", "nbformat_minor", "nbformat", "cells");
    private static final Map<String, Set<String>> CELL_REQUIRED = Map.of(
            "markdown", Set.of("id", "cell_type", "metadata", "source"),
            "code", Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count"));
    private static final Map<String, Set<String>> CELL_ALLOWED = Map.of(
            "markdown", Set.of("id", "cell_type", "metadata", "attachments", "source"),
            "code", Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count"));
    private static final Map<String, Set<String>> OUTPUT_KEYS = Map.of(
            "execute_result", Set.of("output_type", "data", "metadata", "execution_count"),
            "display_data", Set.of("output_type", "data", "metadata"),
            "stream", Set.of("output_type", "name", "text"));

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
    void topLevelIsNbformat45WithAJavaKernel() {
        assertEquals(TOP_REQUIRED, keys(nb));
        assertEquals(4, nb.get("nbformat").asInt());
        assertEquals(5, nb.get("nbformat_minor").asInt());
        JsonNode kernel = nb.get("metadata").get("kernelspec");
        assertEquals("java", kernel.get("name").asText());
        assertTrue(kernel.get("display_name").isTextual());
        assertEquals("java", nb.get("metadata").get("language_info").get("name").asText());
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
    void codeCellsAreExecutedInOrderWithValidOutputs() {
        int expectedCount = 1;
        for (JsonNode cell : codeCells()) {
            assertEquals(expectedCount++, cell.get("execution_count").asInt());
            for (JsonNode out : cell.get("outputs")) {
                String type = out.get("output_type").asText();
                assertTrue(OUTPUT_KEYS.containsKey(type), "output type " + type);
                assertEquals(OUTPUT_KEYS.get(type), keys(out));
                if (type.equals("execute_result")) {
                    assertEquals(cell.get("execution_count"), out.get("execution_count"));
                }
                for (JsonNode value : out.get("data")) {
                    assertMultiline(value);
                }
            }
        }
        assertEquals(7, expectedCount - 1, "two tables, two figures and three code blocks, all executed");
    }

    @Test
    void figuresAreBase64PngsThatDecode() throws IOException {
        List<byte[]> pngs = new ArrayList<>();
        for (JsonNode cell : codeCells()) {
            for (JsonNode out : cell.get("outputs")) {
                if (out.get("data").has("image/png")) {
                    assertEquals("display_data", out.get("output_type").asText());
                    assertTrue(out.get("data").has("text/plain"));
                    pngs.add(Base64.getDecoder().decode(out.get("data").get("image/png").asText()));
                }
            }
        }
        assertEquals(2, pngs.size());
        assertArrayEquals(Files.readAllBytes(dir.resolve("scatter.png")), pngs.get(0));
        for (byte[] png : pngs) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img);
        }
    }

    @Test
    void tablesCarryPlainTextAndHtml() {
        JsonNode tableCell = codeCells().get(0);
        assertEquals("correlations", text(tableCell.get("source")));
        JsonNode data = tableCell.get("outputs").get(0).get("data");
        String html = text(data.get("text/html"));
        String plain = text(data.get("text/plain"));
        assertTrue(html.startsWith("<table>") && html.contains("<td class=\"num\">0.8164</td>"), html);
        assertTrue(plain.startsWith("metric   n  pearson_r  pearson_p"), plain);
        assertTrue(plain.contains("y1      11     0.8164   0.002170"), plain);
        JsonNode groupsCell = codeCells().get(2);
        assertEquals("// Table 2. Mann-Whitney tests.", text(groupsCell.get("source")));
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
        JsonNode code = codeCells().get(4);
        assertEquals(2, code.get("source").size());
        assertEquals("var u = MannWhitney.test(males, females).u();\n", code.get("source").get(0).asText());
        assertEquals("u", code.get("source").get(1).asText());
        assertEquals("17.0", text(code.get("outputs").get(0).get("data").get("text/plain")));
        assertNotEquals(0, codeCells().get(5).get("outputs").size());
        assertEquals(0, codeCells().get(6).get("outputs").size());
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
