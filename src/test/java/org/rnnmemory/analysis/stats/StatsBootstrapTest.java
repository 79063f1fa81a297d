package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class StatsBootstrapTest {
    private static final int R = BootstrapCi.MIN_RESAMPLES;

    /**
     * Coverage of the nominal 95% percentile interval for the mean of n = 20 values from
     * N(3, 2^2). Its expected coverage is about 0.93, not 0.95: the interval behaves like
     * mean +- 1.96 sqrt((n - 1) / n) s / sqrt(n), i.e. P(|t_19| &lt; 1.91) = 0.93. With
     * {@value #REPLICATIONS} replications the Monte Carlo standard error of the coverage is
     * about 0.004, so the band [0.92, 0.97] holds for any seed with high probability
     * (about 2 s with 10,000 resamples per interval).
     */
    @Test
    void percentileIntervalCoversTheTrueMeanAtAboutTheNominalRate() {
        double trueMean = 3.0;
        SplittableRandom data = new SplittableRandom(20_240_601L);
        int covered = 0;
        for (int rep = 0; rep < REPLICATIONS; rep++) {
            double[] x = new double[20];
            for (int i = 0; i < x.length; i++) {
                x[i] = trueMean + 2.0 * data.nextGaussian();
            }
            MeanCi ci = BootstrapCi.mean(x, R, rep, 0.95);
            if (ci.low() <= trueMean && trueMean <= ci.high()) {
                covered++;
            }
        }
        double coverage = covered / (double) REPLICATIONS;
        assertTrue(coverage >= 0.92 && coverage <= 0.97, "coverage " + coverage);
    }

    private static final int REPLICATIONS = 4000;

    /**
     * For a large, symmetric sample the bootstrap distribution of the mean is close to normal
     * with standard deviation sqrt((n - 1) / n) s / sqrt(n), so the 95% interval is close to
     * mean +- 1.96 times that. Data: the 40 normal quantiles at (i - 0.5) / 40.
     */
    @Test
    void intervalWidthMatchesTheBootstrapStandardError() {
        NormalDistribution z = new NormalDistribution(null, 0, 1);
        int n = 40;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 10 + 3 * z.inverseCumulativeProbability((i + 0.5) / n);
        }
        Summary s = Summary.of(x);
        double halfWidth = 1.959964 * Math.sqrt((n - 1.0) / n) * s.sd() / Math.sqrt(n);
        MeanCi ci = BootstrapCi.mean(x, 20_000, 11, 0.95);
        assertEquals(s.mean(), ci.mean(), 0.0);
        assertEquals(s.mean() - halfWidth, ci.low(), 0.05 * halfWidth);
        assertEquals(s.mean() + halfWidth, ci.high(), 0.05 * halfWidth);
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        double[] x = {1.2, 3.4, 2.2, 5.1, 0.7, 2.9, 4.4, 3.3};
        MeanCi a = BootstrapCi.mean(x, R, 42, 0.95);
        MeanCi b = BootstrapCi.mean(x, R, 42, 0.95);
        MeanCi c = BootstrapCi.mean(x, R, 43, 0.95);
        assertEquals(a, b);
        assertNotEquals(a.low(), c.low());
        double[] y = {2.0, 3.9, 2.5, 6.3, 0.1, 3.3, 4.0, 3.9};
        assertEquals(BootstrapCi.pearson(x, y, R, 5, 0.9), BootstrapCi.pearson(x, y, R, 5, 0.9));
    }

    @Test
    void narrowerLevelGivesNestedInterval() {
        double[] x = {1.2, 3.4, 2.2, 5.1, 0.7, 2.9, 4.4, 3.3, 2.8, 1.9};
        MeanCi ci95 = BootstrapCi.mean(x, R, 1, 0.95);
        MeanCi ci80 = BootstrapCi.mean(x, R, 1, 0.80);
        assertTrue(ci95.low() < ci80.low() && ci80.low() < ci80.mean());
        assertTrue(ci80.mean() < ci80.high() && ci80.high() < ci95.high());
        assertEquals(10, ci95.n());
        assertEquals(R, ci95.resamples());
    }

    @Test
    void pearsonIntervalContainsRAndIsDegenerateForAnExactLine() {
        PearsonCi ci = BootstrapCi.pearson(Anscombe.X123, Anscombe.Y1, R, 3, 0.95);
        assertEquals(Correlation.pearson(Anscombe.X123, Anscombe.Y1).r(), ci.r(), 0.0);
        assertTrue(ci.low() < ci.r() && ci.r() < ci.high() && ci.high() <= 1.0, ci.toString());
        assertEquals(R, ci.validResamples());
        PearsonCi line = BootstrapCi.pearson(new double[] {1, 2, 3, 4, 5, 6}, new double[] {3, 5, 7, 9, 11, 13}, R, 3,
                0.95);
        assertEquals(1.0, line.low(), 1e-12);
        assertEquals(1.0, line.high(), 1e-12);
    }

    /** Resamples that draw only the repeated x value have undefined r and are skipped and counted. */
    @Test
    void resamplesWithUndefinedRAreSkippedAndCounted() {
        double[] x = {0, 0, 0, 0, 1};
        double[] y = {0.5, 0.1, 0.9, 0.3, 2.0};
        PearsonCi ci = BootstrapCi.pearson(x, y, R, 9, 0.95);
        // P(no draw of the single 1 among 5 draws) = 0.8^5 = 0.328 of resamples are constant in x
        double skipped = 1 - ci.validResamples() / (double) R;
        assertEquals(Math.pow(0.8, 5), skipped, 0.02);
        assertTrue(ci.validResamples() < R);
    }

    @Test
    void nanIsDroppedAndTooFewValuesGiveNanEnds() {
        MeanCi ci = BootstrapCi.mean(new double[] {1, Double.NaN, 3, 2}, R, 1, 0.95);
        assertEquals(3, ci.n());
        assertEquals(2.0, ci.mean(), 0.0);
        MeanCi one = BootstrapCi.mean(new double[] {1, Double.NaN}, R, 1, 0.95);
        assertTrue(Double.isNaN(one.low()) && Double.isNaN(one.high()));
        PearsonCi two = BootstrapCi.pearson(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 2}, R, 1, 0.95);
        assertEquals(2, two.n());
        assertTrue(Double.isNaN(two.low()));
    }

    @Test
    void badArgumentsNameTheField() {
        double[] x = {1, 2, 3};
        assertEquals("resamples must be >= 10000, found 9999", assertThrows(IllegalArgumentException.class,
                () -> BootstrapCi.mean(x, 9999, 1, 0.95)).getMessage());
        assertEquals("level must be in (0, 1), found 95.0", assertThrows(IllegalArgumentException.class,
                () -> BootstrapCi.mean(x, R, 1, 95)).getMessage());
    }
}
