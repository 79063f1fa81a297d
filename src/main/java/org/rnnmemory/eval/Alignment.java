package org.rnnmemory.eval;

import java.util.Arrays;

/**
 * How a weight vector v sits in the principal components of an activity covariance C (SPEC section 4).
 *
 * @param activityPr activity dimensionality (sum l)^2 / sum l^2
 * @param k ceil(activityPr)
 * @param topkFraction sum_{i<=k} (e_i . v)^2 / |v|^2
 * @param varianceAlignment v^T C v / (|v|^2 l_1)
 * @param topEigenvalues the five largest eigenvalues
 * @param legacyParticipationRatio legacy formula (sum_i c_i)^2 / sum_i c_i^2 with c_i = e_i . v, eigenvector
 *        signs fixed so that each vector's largest-magnitude component is positive; ill-defined, not a headline metric
 */
public record Alignment(double activityPr, int k, double topkFraction, double varianceAlignment,
                        double[] topEigenvalues, double legacyParticipationRatio) {

    /** Number of eigenvalues reported in {@code topEigenvalues}. */
    public static final int TOP = 5;

    public static Alignment of(Pca pca, double[] v) {
        double[] l = pca.eigenvalues();
        double sum = 0;
        double sumSq = 0;
        for (double x : l) {
            sum += x;
            sumSq += x * x;
        }
        double pr = sum * sum / sumSq;
        int k = (int) Math.ceil(pr);
        double vv = 0;
        for (double x : v) {
            vv += x * x;
        }
        double[] c = pca.project(v);
        double top = 0;
        for (int i = 0; i < Math.min(k, c.length); i++) {
            top += c[i] * c[i];
        }
        double va = pca.quadraticForm(v) / (vv * l[0]);
        return new Alignment(pr, k, top / vv, va, Arrays.copyOf(l, Math.min(TOP, l.length)), legacyPr(pca, v));
    }

    /** The legacy participation ratio with the sign convention "largest-magnitude component positive". */
    static double legacyPr(Pca pca, double[] v) {
        int n = pca.size();
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < n; k++) {
            int arg = 0;
            double best = -1;
            for (int i = 0; i < n; i++) {
                double a = Math.abs(pca.eigenvectors()[i][k]);
                if (a > best) {
                    best = a;
                    arg = i;
                }
            }
            double sign = pca.eigenvectors()[arg][k] >= 0 ? 1 : -1;
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += sign * pca.eigenvectors()[i][k] * v[i];
            }
            sum += c;
            sumSq += c * c;
        }
        return sum * sum / sumSq;
    }
}
