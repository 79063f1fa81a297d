package org.rnnmemory.model;

/**
 * Independent oracle: the CTRNN of SPEC section 1 as a plain double-precision Java loop, one trial
 * at a time, with no ND4J involved.
 */
public final class ReferenceEuler {
    private final double[][] g;   // N x N, row i = weights into unit i
    private final double[] in;
    private final double[] out;
    private final double gain;
    private final double alpha;

    public ReferenceEuler(double[][] g, double[] in, double[] out, double gain, double alpha) {
        this.g = g;
        this.in = in;
        this.out = out;
        this.gain = gain;
        this.alpha = alpha;
    }

    /** z[t] = w . r[t+1] for every step of input u, from state h0. */
    public double[] run(double[] h0, float[] u) {
        int n = in.length;
        double[] h = h0.clone();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.tanh(h[i]);
        }
        double[] z = new double[u.length];
        double[] next = new double[n];
        for (int t = 0; t < u.length; t++) {
            for (int i = 0; i < n; i++) {
                double rec = 0;
                for (int j = 0; j < n; j++) {
                    rec += g[i][j] * r[j];
                }
                next[i] = h[i] + alpha * (-h[i] + gain * rec + in[i] * u[t]);
            }
            double zt = 0;
            for (int i = 0; i < n; i++) {
                h[i] = next[i];
                r[i] = Math.tanh(h[i]);
                zt += out[i] * r[i];
            }
            z[t] = zt;
        }
        return z;
    }

    /** The SPEC training loss of one trial: mean of (z - y)^2 over y != -1. */
    public static double trialLoss(double[] z, float[] y) {
        double s = 0;
        int c = 0;
        for (int t = 0; t < z.length; t++) {
            if (y[t] != -1f) {
                double e = z[t] - y[t];
                s += e * e;
                c++;
            }
        }
        return s / c;
    }
}
