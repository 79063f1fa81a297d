package org.rnnmemory.report;

/** Numbered caption labels, counted in document order; one instance per rendering. */
final class Captions {
    private int tables;
    private int figures;

    /** "Table k." for the next table. */
    String nextTable() {
        return "Table " + (++tables) + ".";
    }

    /** "Figure k." for the next figure. */
    String nextFigure() {
        return "Figure " + (++figures) + ".";
    }
}
