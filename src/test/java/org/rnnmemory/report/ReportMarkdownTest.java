package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class ReportMarkdownTest {
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+)\\)");

    /**
     * Every cell of every markdown table equals the value read back from the table's CSV file
     * (same declared column types), formatted by {@link Numbers#cell}.
     */
    @Test
    void tableCellsEqualTheCsvValuesFormatted(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("out/analysis.md");
        MarkdownWriter.write(ReportFixture.report(dir), md);
        List<List<List<String>>> tables = markdownTables(Files.readString(md));
        List<Table> sources = List.of(ReportFixture.correlations(), ReportFixture.groups());
        assertEquals(sources.size(), tables.size());
        for (int t = 0; t < sources.size(); t++) {
            Table csv = roundTrip(sources.get(t), dir.resolve(sources.get(t).name() + ".csv"));
            List<List<String>> md0 = tables.get(t);
            assertEquals(csv.columnNames(), md0.get(0));
            assertEquals(csv.rowCount(), md0.size() - 1);
            for (int r = 0; r < csv.rowCount(); r++) {
                for (int c = 0; c < csv.columnCount(); c++) {
                    assertEquals(Numbers.cell(csv.column(c), r), md0.get(r + 1).get(c),
                            csv.name() + " row " + r + " column " + csv.column(c).name());
                }
            }
        }
    }

    /** The r quoted in the paragraph is the CSV's pearson_r for y1, formatted the same way. */
    @Test
    void proseNumbersMatchTheCsv(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("analysis.md");
        MarkdownWriter.write(ReportFixture.report(dir), md);
        Table csv = roundTrip(ReportFixture.correlations(), dir.resolve("c.csv"));
        String r = Numbers.format(csv.doubleColumn("pearson_r").get(0));
        assertEquals("0.8164", r);
        assertTrue(Files.readString(md).contains("Across 11 seeds, r = " + r + " for `y1`"));
    }

    @Test
    void figuresAreCopiedAndLinkedRelatively(@TempDir Path dir) throws IOException {
        Path md = dir.resolve("out/analysis.md");
        Report report = ReportFixture.report(dir);
        MarkdownWriter.write(report, md);
        String text = Files.readString(md);
        Matcher m = IMAGE.matcher(text);
        List<String> links = new ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        assertEquals(List.of("figures/scatter.png", "figures/groups.png"), links);
        for (String link : links) {
            Path file = md.getParent().resolve(link);
            assertArrayEquals(Files.readAllBytes(dir.resolve(file.getFileName())), Files.readAllBytes(file));
            BufferedImage img = ImageIO.read(file.toFile());
            assertNotNull(img, link);
        }
        assertEquals(80, ImageIO.read(md.getParent().resolve(links.get(0)).toFile()).getWidth());
        assertTrue(text.contains("![Figure 1. Scatter of y1 against x.](figures/scatter.png)\n\n**Figure 1.** Scatter"));
    }

    @Test
    void layoutOfTitleCaptionsAndCode(@TempDir Path dir) throws IOException {
        String text = MarkdownWriter.render(ReportFixture.report(dir));
        assertTrue(text.startsWith("# Memory analysis\n\n## Correlations\n\n"));
        assertTrue(text.contains("**Table 2.** Mann-Whitney tests.\n\n| comparison | n_x | n_y | mw_u |"));
        assertTrue(text.contains("| :--- | ---: | ---: | ---: | ---: | :--- | ---: | ---: |"));
        assertTrue(text.contains("| a \\| b | 5 | 4 | 17.00 | 0.1111 | exact | 0.8500 | 0.7000 |"));
        assertTrue(text.contains("| tied | 3 | 2 | 3.000 | NA | normal | 0.5000 | 0 |"));
        assertTrue(text.contains("```python\nu = sum(m > f for m in [19, 22, 16, 29, 24] for f in [20, 11, 17, 12])\nu\n"
                + "```\n\n```text\n17\n```"));
        assertTrue(text.contains("````python\nprint(\"```\")\n````\n\n````text\n```\n````"),
                "fence longer than the backticks inside");
        assertTrue(text.endsWith("```python\nunused = 0\n```\n"));
    }

    @Test
    void duplicateFigureNamesGetASuffix(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Report report = Report.builder("t")
                .figure(ReportFixture.png(a, "plot 1.png", 10, 10, java.awt.Color.BLACK), "first")
                .figure(ReportFixture.png(b, "plot 1.png", 12, 10, java.awt.Color.BLACK), "second")
                .build();
        assertEquals(List.of("plot_1.png", "plot_1-2.png"), MarkdownWriter.figureFileNames(report));
        Path md = dir.resolve("doc/analysis.md");
        MarkdownWriter.write(report, md);
        assertEquals(12, ImageIO.read(md.resolveSibling("figures/plot_1-2.png").toFile()).getWidth());
    }

    static Table roundTrip(Table table, Path csv) throws IOException {
        AtomicFiles.writeVia(csv, tmp -> table.write().csv(tmp.toFile()));
        ColumnType[] types = table.columns().stream().map(c -> c.type()).toArray(ColumnType[]::new);
        return Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).tableName(table.name()).columnTypes(types));
    }

    /** Pipe tables of a GFM document: header row then data rows (the alignment row dropped). */
    static List<List<List<String>>> markdownTables(String text) {
        List<List<List<String>>> tables = new ArrayList<>();
        List<List<String>> current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("|")) {
                if (current == null) {
                    current = new ArrayList<>();
                    tables.add(current);
                }
                List<String> cells = cells(line);
                if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    current.add(cells);
                }
            } else {
                current = null;
            }
        }
        return tables;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        for (String c : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|", -1)) {
            cells.add(c.strip().replace("\\|", "|"));
        }
        return cells;
    }
}
