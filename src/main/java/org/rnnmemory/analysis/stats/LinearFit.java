package org.rnnmemory.analysis.stats;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ordinary least-squares line {@code y = intercept + slope x}. Pairs containing a NaN are
 * dropped. Columns: {@code n, slope, intercept, r_squared, slope_se}.
 *
 * @param n number of complete pairs used
 * @param slope least-squares slope (NaN when n &lt; 2 or x is constant)
 * @param intercept least-squares intercept
 * @param rSquared coefficient of determination (NaN when y is also constant)
 * @param slopeSe standard error of the slope, {@code sqrt(RSS / (n - 2) / Sxx)} (NaN when n &lt; 3)
 */
public record LinearFit(int n, double slope, double intercept, double rSquared, double slopeSe)
        implements StatResult {

    /** Fits y on x. */
    public static LinearFit of(double[] x, double[] y) {
        double[][] p = Samples.pairs(x, y);
        double[] xs = p[0];
        double[] ys = p[1];
        int n = xs.length;
        if (n < 2) {
            return new LinearFit(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mx = Samples.mean(xs);
        double my = Samples.mean(ys);
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx);
            sxy += (xs[i] - mx) * (ys[i] - my);
            syy += (ys[i] - my) * (ys[i] - my);
        }
        if (sxx == 0) {
            return new LinearFit(n, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double e = ys[i] - intercept - slope * xs[i];
            rss += e * e;
        }
        double r2 = syy == 0 ? Double.NaN : sxy * sxy / (sxx * syy);
        double se = n > 2 ? Math.sqrt(rss / (n - 2) / sxx) : Double.NaN;
        return new LinearFit(n, slope, intercept, r2, se);
    }

    @Override
    public Map<String, Object> columns() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", n);
        m.put("slope", slope);
        m.put("intercept", intercept);
        m.put("r_squared", rSquared);
        m.put("slope_se", slopeSe);
        return m;
    }
}
