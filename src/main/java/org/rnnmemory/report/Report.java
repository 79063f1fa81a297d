package org.rnnmemory.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * An analysis document: a title and a list of blocks (headings, markdown paragraphs, tables,
 * PNG figures, code cells with their output), rendered by {@link NotebookWriter},
 * {@link MarkdownWriter} and {@link HtmlWriter}.
 *
 * <pre>{@code
 * Report report = Report.builder("Memory analysis")
 *         .heading(2, "Correlations")
 *         .paragraph("Across " + Numbers.format(20) + " seeds, r = " + Numbers.format(r) + ".")
 *         .table(correlations, "Correlation of each metric with precision.")
 *         .figure(Path.of("out/scatter.png"), "Precision against weight correlation.")
 *         .build();
 * }</pre>
 */
public record Report(String title, List<Block> blocks) {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public Report {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("report title must not be blank");
        }
        blocks = List.copyOf(blocks);
    }

    /** Starts a report with the given title. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    /** Builds a {@link Report} block by block. */
    public static final class Builder {
        private final String title;
        private final List<Block> blocks = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
        }

        /** A heading of level 2 (section) to 6. */
        public Builder heading(int level, String text) {
            blocks.add(new Block.Heading(level, text));
            return this;
        }

        /** A markdown paragraph (see {@link Block.Paragraph} for what the HTML renderer supports). */
        public Builder paragraph(String markdown) {
            blocks.add(new Block.Paragraph(markdown));
            return this;
        }

        /** A table; its notebook cell shows a comment as source. */
        public Builder table(Table table, String caption) {
            return table(table, caption, "");
        }

        /** A table, with the code shown in its notebook cell. The table is copied. */
        public Builder table(Table table, String caption, String source) {
            Objects.requireNonNull(table, "table must not be null");
            blocks.add(new Block.TableBlock(copyOf(table), caption, source));
            return this;
        }

        /** A PNG figure read now from {@code png}; its notebook cell shows a comment as source. */
        public Builder figure(Path png, String caption) {
            return figure(png, caption, "");
        }

        /**
         * A PNG figure read now from {@code png}, with the code shown in its notebook cell.
         *
         * @throws IllegalArgumentException if the file is not a PNG
         * @throws UncheckedIOException if the file cannot be read
         */
        public Builder figure(Path png, String caption, String source) {
            Objects.requireNonNull(png, "figure path must not be null");
            byte[] bytes = readPng(png);
            blocks.add(new Block.Figure(png.getFileName().toString(), bytes, caption, source));
            return this;
        }

        /** A code cell and its text output (empty for none). */
        public Builder code(String source, String output) {
            blocks.add(new Block.Code(source, output));
            return this;
        }

        public Report build() {
            return new Report(title, blocks);
        }
    }

    /**
     * Column-by-column copy. Not {@code Table.copy()}: that goes through Tablesaw's row
     * selections, which fail with the fastutil 6 that datavec puts on the classpath.
     */
    private static Table copyOf(Table table) {
        Table copy = Table.create(table.name());
        for (Column<?> c : table.columns()) {
            copy.addColumns(c.copy());
        }
        return copy;
    }

    private static byte[] readPng(Path png) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read figure " + png + ": " + e.getMessage(), e);
        }
        if (bytes.length < PNG_SIGNATURE.length
                || !Arrays.equals(Arrays.copyOf(bytes, PNG_SIGNATURE.length), PNG_SIGNATURE)) {
            throw new IllegalArgumentException("figure " + png + " is not a PNG file");
        }
        return bytes;
    }
}
