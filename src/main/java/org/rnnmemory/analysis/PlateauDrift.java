package org.rnnmemory.analysis;

import org.rnnmemory.analysis.stats.LinearFit;

/** Constancy of the output plateau: the least-squares slope of z(t) over the evaluation window. */
public final class PlateauDrift {
    private PlateauDrift() {}

    /**
     * Drift of the output per second.
     *
     * @param z output per step
     * @param from first step of the window (inclusive)
     * @param to last step of the window (exclusive)
     * @param dtMs time step, ms
     * @return slope of z against time over the window, output units per second (NaN for fewer than two steps)
     */
    public static double perSecond(double[] z, int from, int to, double dtMs) {
        int n = to - from;
        double[] t = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = (from + i) * dtMs / 1000.0;
            y[i] = z[from + i];
        }
        return LinearFit.of(t, y).slope();
    }

    /** Mean of z over steps [from, to). */
    public static double mean(double[] z, int from, int to) {
        double s = 0;
        for (int t = from; t < to; t++) {
            s += z[t];
        }
        return s / (to - from);
    }
}
