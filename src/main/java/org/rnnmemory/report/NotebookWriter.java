package org.rnnmemory.report;

import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Renders a {@link Report} as a Python 3 {@link Notebook} that reproduces it when run from the
 * report's folder (as {@link ReportFiles#writeAll} lays it out).
 *
 * <p>Cells: a first code cell imports pandas and IPython's {@code Image}; the title and headings
 * become markdown cells ({@code #} to {@code ######}); paragraphs become markdown cells unchanged;
 * a table becomes a markdown caption cell followed by a code cell that builds it with pandas (the
 * block's source, e.g. {@code pd.read_csv("summary.csv")}; without one, the table's values as CSV
 * text inside the cell); a figure becomes a code cell showing the PNG that {@link MarkdownWriter}
 * writes to {@code figures/} (or the block's source) followed by its caption; a code block becomes
 * a code cell with its source. No cell carries outputs: they come from running the notebook.
 */
public final class NotebookWriter {
    /** The first code cell. */
    static final String SETUP = String.join("\n",
            "# Run from this notebook's folder: the tables and figures it reads lie beside it.",
            "import io",
            "",
            "import pandas as pd",
            "from IPython.display import Image, display",
            "",
            "pd.set_option(\"display.max_columns\", 30)",
            "pd.set_option(\"display.width\", 160)");

    private NotebookWriter() {}

    /** Writes the notebook atomically. */
    public static void write(Report report, Path file) {
        toNotebook(report).write(file);
    }

    /** The notebook. */
    public static Notebook toNotebook(Report report) {
        Notebook nb = new Notebook(report.title());
        nb.markdown("# " + report.title());
        nb.code(SETUP);
        Captions captions = new Captions();
        List<String> figureNames = MarkdownWriter.figureFileNames(report);
        int figure = 0;
        for (Block b : report.blocks()) {
            if (b instanceof Block.Heading h) {
                nb.markdown("#".repeat(h.level()) + " " + h.text());
            } else if (b instanceof Block.Paragraph p) {
                nb.markdown(p.markdown());
            } else if (b instanceof Block.TableBlock t) {
                nb.markdown("**" + captions.nextTable() + "** " + t.caption());
                nb.code(t.source().isEmpty() ? inlineCsv(t.table()) : t.source());
            } else if (b instanceof Block.Figure f) {
                String name = figureNames.get(figure++);
                nb.code(f.source().isEmpty() ? "Image(filename=" + pythonString(MarkdownWriter.FIGURE_DIR + "/" + name)
                        + ")" : f.source());
                nb.markdown("**" + captions.nextFigure() + "** " + f.caption());
            } else if (b instanceof Block.Code c) {
                nb.code(c.source());
            }
        }
        return nb;
    }

    /** A cell that builds the table from its values, written as CSV inside the cell. */
    static String inlineCsv(Table table) {
        return "pd.read_csv(io.StringIO(" + pythonString(table.write().toString("csv")) + "))";
    }

    /** A Python string literal (double quotes; backslash, quote and control characters escaped). */
    public static String pythonString(String text) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        sb.append(String.format("\\x%02x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
