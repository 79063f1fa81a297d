package org.rnnmemory.report;

import java.util.Objects;
import tech.tablesaw.api.Table;

/** One element of a {@link Report}, in document order. */
public sealed interface Block permits Block.Heading, Block.Paragraph, Block.TableBlock, Block.Figure, Block.Code {

    /**
     * A section heading below the report title.
     *
     * @param level 2 (section) to 6; level 1 is the report title
     * @param text plain text
     */
    record Heading(int level, String text) implements Block {
        public Heading {
            if (level < 2 || level > 6) {
                throw new IllegalArgumentException("heading level must be in 2..6, found " + level);
            }
            requireText(text, "heading text");
        }
    }

    /**
     * A paragraph of markdown. The HTML renderer understands a subset: paragraphs separated by
     * blank lines, {@code -} / {@code *} and {@code 1.} lists, {@code `code`}, {@code **bold**},
     * {@code *italic*} and {@code [text](#anchor)} links; links to other documents are shown as
     * text followed by the address, never as live links.
     */
    record Paragraph(String markdown) implements Block {
        public Paragraph {
            requireText(markdown, "paragraph");
        }
    }

    /**
     * A table, numbered "Table k" in document order.
     *
     * @param table the data (the builder stores a copy)
     * @param caption plain text shown after "Table k."
     * @param source Python code of the notebook cell that builds the table with pandas, e.g.
     *     {@code pd.read_csv("summary.csv")} (run in the report's folder); empty: the cell holds the
     *     table's values
     */
    record TableBlock(Table table, String caption, String source) implements Block {
        public TableBlock {
            Objects.requireNonNull(table, "table must not be null");
            requireText(caption, "table caption");
            Objects.requireNonNull(source, "table source must not be null");
        }
    }

    /**
     * A PNG figure, numbered "Figure k" in document order.
     *
     * @param fileName file name used in the markdown {@code figures/} folder
     * @param png the PNG file's bytes
     * @param caption plain text shown after "Figure k."
     * @param source Python code of the notebook cell that shows the figure; empty: the PNG the
     *     markdown report writes to {@code figures/}
     */
    record Figure(String fileName, byte[] png, String caption, String source) implements Block {
        public Figure {
            requireText(fileName, "figure file name");
            Objects.requireNonNull(png, "figure png must not be null");
            requireText(caption, "figure caption");
            Objects.requireNonNull(source, "figure source must not be null");
        }
    }

    /**
     * A piece of Python code and the text it prints. The markdown and HTML renderings show both;
     * the notebook holds the code only, its output comes from running it.
     *
     * @param source the Python code
     * @param output its text output as shown in markdown and HTML; empty for none
     */
    record Code(String source, String output) implements Block {
        public Code {
            requireText(source, "code source");
            Objects.requireNonNull(output, "code output must not be null");
        }
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
