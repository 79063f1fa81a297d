package org.rnnmemory.analysis.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap confidence intervals (Efron and Tibshirani 1993, ch. 13). Each call draws
 * its resamples from its own {@link SplittableRandom} seeded with {@code seed}, so the same data,
 * resample count and seed always give the same interval. The interval ends are the
 * {@code (1 - level) / 2} and {@code (1 + level) / 2} quantiles of the bootstrap statistics, by
 * linear interpolation between order statistics (R's and numpy's default quantile).
 *
 * <p>The percentile interval is known to be somewhat narrow for small n: for the mean of n = 20
 * normal values a nominal 95% interval covers the true mean about 93% of the time.
 */
public final class BootstrapCi {
    /** Smallest accepted resample count. */
    public static final int MIN_RESAMPLES = 10_000;

    private BootstrapCi() {}

    /**
     * Interval for the mean of the non-NaN values of {@code x}. The ends are NaN when fewer than
     * two values remain.
     *
     * @param resamples number of bootstrap resamples, at least {@link #MIN_RESAMPLES}
     * @param level confidence level in (0, 1), e.g. 0.95
     */
    public static MeanCi mean(double[] x, int resamples, long seed, double level) {
        double[] v = Samples.finite(x, "x");
        checkResamples(resamples);
        Samples.checkLevel(level);
        int n = v.length;
        double mean = n > 0 ? Samples.mean(v) : Double.NaN;
        if (n < 2) {
            return new MeanCi(n, mean, Double.NaN, Double.NaN, level, resamples, seed);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += v[rng.nextInt(n)];
            }
            stats[b] = s / n;
        }
        double[] ends = percentileEnds(stats, level);
        return new MeanCi(n, mean, ends[0], ends[1], level, resamples, seed);
    }

    /**
     * Paired bootstrap interval for Pearson's r: pairs are resampled together. Resamples in which
     * a variable is constant (r undefined) are skipped and counted in
     * {@link PearsonCi#validResamples()}. The ends are NaN when fewer than three complete pairs
     * remain.
     */
    public static PearsonCi pearson(double[] x, double[] y, int resamples, long seed, double level) {
        double[][] p = Samples.pairs(x, y);
        checkResamples(resamples);
        Samples.checkLevel(level);
        int n = p[0].length;
        double r = Correlation.r(p[0], p[1]);
        if (n < 3) {
            return new PearsonCi(n, r, Double.NaN, Double.NaN, level, resamples, 0, seed);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] bx = new double[n];
        double[] by = new double[n];
        int valid = 0;
        for (int b = 0; b < resamples; b++) {
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(n);
                bx[i] = p[0][k];
                by[i] = p[1][k];
            }
            double rb = Correlation.r(bx, by);
            if (!Double.isNaN(rb)) {
                stats[valid++] = rb;
            }
        }
        if (valid == 0) {
            return new PearsonCi(n, r, Double.NaN, Double.NaN, level, resamples, 0, seed);
        }
        double[] ends = percentileEnds(Arrays.copyOf(stats, valid), level);
        return new PearsonCi(n, r, ends[0], ends[1], level, resamples, valid, seed);
    }

    private static double[] percentileEnds(double[] stats, double level) {
        Arrays.sort(stats);
        double alpha = 1 - level;
        return new double[] {Samples.quantile(stats, alpha / 2), Samples.quantile(stats, 1 - alpha / 2)};
    }

    private static void checkResamples(int resamples) {
        if (resamples < MIN_RESAMPLES) {
            throw new IllegalArgumentException(
                    "resamples must be >= " + MIN_RESAMPLES + ", found " + resamples);
        }
    }
}
