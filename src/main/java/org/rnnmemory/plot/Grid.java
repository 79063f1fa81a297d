package org.rnnmemory.plot;

import java.awt.Graphics2D;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/** Row-by-row layout of chart panels, in points. */
record Grid(List<? extends Chart<?, ?>> panels, int columns, int[] colX, int[] rowY, int widthPt, int heightPt) {

    static Grid of(List<? extends Chart<?, ?>> panels, int columns) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one chart, found none");
        }
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, found " + columns);
        }
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int[] colWidth = new int[cols];
        int[] rowHeight = new int[rows];
        for (int k = 0; k < panels.size(); k++) {
            Chart<?, ?> c = panels.get(k);
            colWidth[k % cols] = Math.max(colWidth[k % cols], c.getWidth());
            rowHeight[k / cols] = Math.max(rowHeight[k / cols], c.getHeight());
        }
        int[] colX = new int[cols + 1];
        for (int c = 0; c < cols; c++) {
            colX[c + 1] = colX[c] + colWidth[c];
        }
        int[] rowY = new int[rows + 1];
        for (int r = 0; r < rows; r++) {
            rowY[r + 1] = rowY[r] + rowHeight[r];
        }
        return new Grid(List.copyOf(panels), cols, colX, rowY, colX[cols], rowY[rows]);
    }

    /** Paints every panel at its place; g is in points. */
    void paint(Graphics2D g) {
        for (int k = 0; k < panels.size(); k++) {
            Chart<?, ?> c = panels.get(k);
            Graphics2D sub = (Graphics2D) g.create();
            try {
                sub.translate(colX[k % columns], rowY[k / columns]);
                c.paint(sub, c.getWidth(), c.getHeight());
            } finally {
                sub.dispose();
            }
        }
    }
}
