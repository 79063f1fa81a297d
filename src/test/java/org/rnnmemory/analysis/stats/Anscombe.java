package org.rnnmemory.analysis.stats;

/**
 * Anscombe's quartet: F. J. Anscombe, "Graphs in Statistical Analysis", The American
 * Statistician 27(1), 17-21 (1973), Table 1; identical to R's {@code datasets::anscombe}.
 */
final class Anscombe {
    static final double[] X123 = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
    static final double[] X4 = {8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8};
    static final double[] Y1 = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
    static final double[] Y2 = {9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74};
    static final double[] Y3 = {7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73};
    static final double[] Y4 = {6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89};

    static final double[][] X = {X123, X123, X123, X4};
    static final double[][] Y = {Y1, Y2, Y3, Y4};

    private Anscombe() {}
}
