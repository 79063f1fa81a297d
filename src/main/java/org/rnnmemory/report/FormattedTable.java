package org.rnnmemory.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table's cells as text, formatted by {@link Numbers#cell}, shared by every renderer.
 *
 * @param header column names
 * @param numeric per column, whether it holds numbers (right-aligned)
 * @param rows cell text, row by row
 */
record FormattedTable(List<String> header, List<Boolean> numeric, List<List<String>> rows) {

    static FormattedTable of(Table table) {
        List<String> header = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            header.add(c.name());
            numeric.add(Numbers.isNumeric(c));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < table.rowCount(); r++) {
            List<String> row = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                row.add(Numbers.cell(c, r));
            }
            rows.add(List.copyOf(row));
        }
        return new FormattedTable(List.copyOf(header), List.copyOf(numeric), List.copyOf(rows));
    }

    /** Fixed-width text: header, a rule, then rows; numbers right-aligned, text left-aligned. */
    String toPlainText() {
        int[] width = new int[header.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = header.get(c).length();
            for (List<String> row : rows) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        appendLine(sb, rule, width);
        for (List<String> row : rows) {
            appendLine(sb, row, width);
        }
        return sb.toString();
    }

    private void appendLine(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String pad = " ".repeat(width[c] - cells.get(c).length());
            line.append(c == 0 ? "" : "  ").append(numeric.get(c) ? pad + cells.get(c) : cells.get(c) + pad);
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }
}
