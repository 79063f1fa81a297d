package org.rnnmemory.analysis.stats;

import java.util.Arrays;
import java.util.Objects;

/** Argument checks, NaN filtering and ranking shared by the statistics. */
final class Samples {
    private Samples() {}

    /** The non-NaN values of {@code x}, in order. */
    static double[] finite(double[] x, String name) {
        Objects.requireNonNull(x, name + " must not be null");
        return Arrays.stream(x).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** The pairs where neither value is NaN: {@code {xs, ys}}. */
    static double[][] pairs(double[] x, double[] y) {
        Objects.requireNonNull(x, "x must not be null");
        Objects.requireNonNull(y, "y must not be null");
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y must have the same length, found " + x.length + " and " + y.length);
        }
        int n = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        return new double[][] {Arrays.copyOf(xs, n), Arrays.copyOf(ys, n)};
    }

    static void checkLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), found " + level);
        }
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /**
     * Ranks 1..n with ties given the average of the ranks they span (as scipy's
     * {@code rankdata(method='average')} and R's {@code rank}).
     */
    static double[] averageRanks(double[] x) {
        int n = x.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] ranks = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && x[order[j + 1]] == x[order[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1.0;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = avg;
            }
            i = j + 1;
        }
        return ranks;
    }

    /** Sizes of the groups of equal values (groups of one included). */
    static int[] tieGroupSizes(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int[] sizes = new int[s.length];
        int groups = 0;
        int i = 0;
        while (i < s.length) {
            int j = i;
            while (j + 1 < s.length && s[j + 1] == s[i]) {
                j++;
            }
            sizes[groups++] = j - i + 1;
            i = j + 1;
        }
        return Arrays.copyOf(sizes, groups);
    }

    /**
     * Quantile by linear interpolation between order statistics (Hyndman and Fan type 7, the
     * default of R's {@code quantile} and numpy's {@code quantile}). {@code sorted} must be sorted.
     */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
