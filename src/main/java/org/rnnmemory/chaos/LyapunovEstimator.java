package org.rnnmemory.chaos;

/**
 * Running averages of the log stretching factors {@code log R_jj} of each re-orthonormalisation
 * interval. Exponents are returned in 1/tau: the sum of logs divided by the measured time
 * {@code steps * a} (one step lasts {@code a tau}).
 */
final class LyapunovEstimator {
    /** Blocks for the standard error. */
    static final int BLOCKS = 10;

    private final int k;
    private final double intervalTau;
    private final double[] sums;
    private final double[] firstExponent;
    private int intervals;

    /**
     * @param k number of exponents
     * @param intervals number of orthonormalisation intervals that will be added
     * @param intervalTau length of one interval, in tau
     */
    LyapunovEstimator(int k, int intervals, double intervalTau) {
        this.k = k;
        this.intervalTau = intervalTau;
        this.sums = new double[k];
        this.firstExponent = new double[intervals];
    }

    void add(double[] logR) {
        for (int j = 0; j < k; j++) {
            sums[j] += logR[j];
        }
        firstExponent[intervals++] = logR[0];
    }

    /** The k exponents, in 1/tau. */
    double[] spectrum() {
        double[] s = new double[k];
        for (int j = 0; j < k; j++) {
            s[j] = sums[j] / (intervals * intervalTau);
        }
        return s;
    }

    /** lambda_max over the first {@code count} intervals, in 1/tau. */
    double lambdaMaxOver(int count) {
        double s = 0;
        for (int i = 0; i < count; i++) {
            s += firstExponent[i];
        }
        return s / (count * intervalTau);
    }

    /** Change of the running lambda_max estimate over the last quarter of the window, in 1/tau. */
    double drift() {
        return Math.abs(lambdaMaxOver(intervals) - lambdaMaxOver(Math.max(1, intervals * 3 / 4)));
    }

    /** Standard error of lambda_max from {@value #BLOCKS} consecutive blocks, in 1/tau. */
    double standardError() {
        int per = intervals / BLOCKS;
        if (per == 0) {
            return Double.NaN;
        }
        double[] block = new double[BLOCKS];
        double mean = 0;
        for (int b = 0; b < BLOCKS; b++) {
            double s = 0;
            for (int i = b * per; i < (b + 1) * per; i++) {
                s += firstExponent[i];
            }
            block[b] = s / (per * intervalTau);
            mean += block[b] / BLOCKS;
        }
        double ss = 0;
        for (double v : block) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (BLOCKS - 1) / BLOCKS);
    }

    /** Convergence tolerance for an estimate lambda: max(0.005, 0.05 |lambda|) in 1/tau. */
    static double tolerance(double lambda) {
        return Math.max(0.005, 0.05 * Math.abs(lambda));
    }

    boolean converged() {
        return drift() <= tolerance(lambdaMaxOver(intervals));
    }
}
