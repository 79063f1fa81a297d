package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class ReportHtmlTest {
    private static final Pattern ATTRIBUTE = Pattern.compile("(?i)\\b(src|href|srcset|poster|action|data)\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)");
    private static final Pattern DATA_PNG = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
    private static final Pattern TD = Pattern.compile("<t[dh][^>]*>([^<]*)</t[dh]>");

    private static String page(Path dir) throws IOException {
        Path html = dir.resolve("analysis.html");
        HtmlWriter.write(ReportFixture.report(dir), html);
        return Files.readString(html);
    }

    /** Every src/href is a data: URI or a #anchor; no scripts, stylesheet links, imports or remote URLs. */
    @Test
    void pageIsSelfContained(@TempDir Path dir) throws IOException {
        String html = page(dir);
        Matcher m = ATTRIBUTE.matcher(html);
        int count = 0;
        while (m.find()) {
            String value = m.group(2).replaceAll("^[\"']|[\"']$", "").strip();
            assertTrue(value.startsWith("data:") || value.startsWith("#"), m.group());
            count++;
        }
        assertEquals(3, count, "two images and one anchor link");
        String lower = html.toLowerCase(Locale.ROOT);
        for (String forbidden : List.of("<script", "<link", "<iframe", "<object", "<embed", "@import", "url(",
                "http://", "https://", "\"//", "'//")) {
            assertFalse(lower.contains(forbidden), forbidden);
        }
        assertTrue(lower.contains("<style>"));
    }

    @Test
    void embeddedImagesDecodeToTheFigures(@TempDir Path dir) throws IOException {
        String html = page(dir);
        Matcher m = DATA_PNG.matcher(html);
        List<byte[]> images = new ArrayList<>();
        while (m.find()) {
            images.add(Base64.getDecoder().decode(m.group(1)));
        }
        assertEquals(2, images.size());
        assertArrayEquals(Files.readAllBytes(dir.resolve("scatter.png")), images.get(0));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(images.get(0)));
        assertNotNull(img);
        assertEquals(80, img.getWidth());
        assertEquals(60, img.getHeight());
        assertEquals(40, ImageIO.read(new ByteArrayInputStream(images.get(1))).getWidth());
    }

    @Test
    void tableCellsAreTheFormattedValues(@TempDir Path dir) throws IOException {
        String html = page(dir);
        Table t = ReportFixture.correlations();
        int start = html.indexOf("<table>");
        Matcher m = TD.matcher(html.substring(start, html.indexOf("</table>", start)));
        List<String> cells = new ArrayList<>();
        while (m.find()) {
            cells.add(m.group(1));
        }
        List<String> expected = new ArrayList<>(t.columnNames());
        for (int r = 0; r < t.rowCount(); r++) {
            for (int c = 0; c < t.columnCount(); c++) {
                expected.add(Numbers.cell(t.column(c), r));
            }
        }
        assertEquals(expected, cells);
        assertTrue(html.contains("<td>a | b</td>"));
    }

    @Test
    void markdownSubsetAndEscaping(@TempDir Path dir) throws IOException {
        String html = page(dir);
        assertTrue(html.contains("<p>Across 11 seeds, r = 0.8164 for <code>y1</code> (see <a href=\"#correlations\">the table</a>).</p>"));
        assertTrue(html.contains("<ul>\n<li><strong>bold</strong> item</li>\n<li><em>italic</em> item</li>\n</ul>"));
        assertTrue(html.contains("<h2 id=\"correlations\">Correlations</h2>"));
        assertTrue(html.contains("<pre class=\"source\"><code>print(&quot;```&quot;)</code></pre>"));
        assertEquals("<p>1 &lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>a*b*c &lt;x&gt;</code> 2 * 3 * 4</p>\n",
                Html.markdown("1 <script>alert(1)</script> & `a*b*c <x>` 2 * 3 * 4"));
        assertEquals("<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n<p>after</p>\n", Html.markdown("1. one\n2. two\n\nafter"));
    }

    /** A link to another document is shown as text and address, never as a live reference. */
    @Test
    void externalLinksAreNotLinked() {
        Report report = Report.builder("t").paragraph("See [the paper](https://example.org/paper.pdf).").build();
        String html = HtmlWriter.render(report);
        assertTrue(html.contains("<p>See the paper (https://example.org/paper.pdf).</p>"));
        assertFalse(html.contains("href="));
    }

    @Test
    void repeatedHeadingsGetDistinctIds() {
        Report report = Report.builder("Results").heading(2, "Results").heading(2, "Results").build();
        String html = HtmlWriter.render(report);
        assertTrue(html.contains("<h1 id=\"results\">") && html.contains("<h2 id=\"results-2\">")
                && html.contains("<h2 id=\"results-3\">"));
    }
}
