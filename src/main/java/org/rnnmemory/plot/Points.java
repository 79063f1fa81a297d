package org.rnnmemory.plot;

import java.util.ArrayList;
import java.util.List;

/** Points of a chart series, filtered before they are drawn. */
public final class Points {
    private Points() {}

    /**
     * The points whose y is finite, in order: {@code {x[], y[]}}, both of the same length (0 when none).
     * A NaN or infinite y (a metric that could not be computed) is left out rather than drawn.
     */
    public static double[][] finiteY(double[] x, double[] y) {
        List<Double> fx = new ArrayList<>();
        List<Double> fy = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i])) {
                fx.add(x[i]);
                fy.add(y[i]);
            }
        }
        return new double[][] {fx.stream().mapToDouble(Double::doubleValue).toArray(),
            fy.stream().mapToDouble(Double::doubleValue).toArray()};
    }
}
