package org.rnnmemory.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnmemory.eval.Pca;

/**
 * How the readout w sits relative to the memory-period activity: does it read the mean rate
 * vector and cancel the directions in which activity fluctuates over time?
 *
 * <p>With the memory-period covariance C (within-trial covariance over time, averaged over the test
 * durations, SPEC section 4), the per-duration mean rate vectors mu_d and their average mu:
 * <ul>
 *   <li>{@code readout_cos_mean}: cos(w, mu);</li>
 *   <li>{@code readout_cos_coding}: cos(w, mu_longest - mu_shortest), the direction along which the
 *       held value is coded;</li>
 *   <li>{@code readout_cos_pc1}: |cos(w, e_1)| with the top principal component;</li>
 *   <li>{@code readout_var_fraction}: (w'Cw / |w|^2) / (tr C / N), the output variance relative to
 *       that of a random direction of the same norm (below 1: w avoids the fluctuating directions);</li>
 *   <li>{@code readout_mean_fraction}: (mean_d (w.mu_d)^2 / |w|^2) / (mean_d |mu_d|^2 / N), the
 *       squared mean output relative to that of a random direction (above 1: w reads the mean);</li>
 *   <li>{@code readout_var_ratio}: w'Cw / mean_d (w.mu_d)^2, output variance over squared mean output.</li>
 * </ul>
 * Every quantity is invariant to the signs of the eigenvectors.
 */
public final class ReadoutGeometry {
    public static final String COS_MEAN = "readout_cos_mean";
    public static final String COS_CODING = "readout_cos_coding";
    public static final String COS_PC1 = "readout_cos_pc1";
    public static final String VAR_FRACTION = "readout_var_fraction";
    public static final String MEAN_FRACTION = "readout_mean_fraction";
    public static final String VAR_RATIO = "readout_var_ratio";

    private ReadoutGeometry() {}

    /**
     * @param memory PCA of the memory-period covariance C
     * @param means mean memory-period rate vector per test duration, ascending duration, [duration][unit]
     * @param w readout weights
     */
    public static Map<String, Double> metrics(Pca memory, double[][] means, double[] w) {
        int n = w.length;
        double[] mu = new double[n];
        for (double[] m : means) {
            for (int i = 0; i < n; i++) {
                mu[i] += m[i] / means.length;
            }
        }
        double[] coding = new double[n];
        for (int i = 0; i < n; i++) {
            coding[i] = means[means.length - 1][i] - means[0][i];
        }
        double ww = dot(w, w);
        double trace = 0;
        for (double l : memory.eigenvalues()) {
            trace += l;
        }
        double wcw = memory.quadraticForm(w);
        double meanOut = 0;
        double meanNorm = 0;
        for (double[] m : means) {
            meanOut += dot(w, m) * dot(w, m) / means.length;
            meanNorm += dot(m, m) / means.length;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(COS_MEAN, cos(w, mu));
        out.put(COS_CODING, cos(w, coding));
        out.put(COS_PC1, Math.abs(cos(w, memory.vector(0))));
        out.put(VAR_FRACTION, (wcw / ww) / (trace / n));
        out.put(MEAN_FRACTION, (meanOut / ww) / (meanNorm / n));
        out.put(VAR_RATIO, wcw / meanOut);
        return out;
    }

    /** Cumulative fraction of |v|^2 in the principal components 1..k, for k = 1..N. */
    public static double[] cumulativeFraction(Pca pca, double[] v) {
        double[] c = pca.project(v);
        double vv = dot(v, v);
        double[] out = new double[c.length];
        double s = 0;
        for (int k = 0; k < c.length; k++) {
            s += c[k] * c[k];
            out[k] = s / vv;
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double cos(double[] a, double[] b) {
        double d = Math.sqrt(dot(a, a) * dot(b, b));
        return d == 0 ? Double.NaN : dot(a, b) / d;
    }
}
