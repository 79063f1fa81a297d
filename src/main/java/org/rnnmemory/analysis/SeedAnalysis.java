package org.rnnmemory.analysis;

import java.util.Map;

/**
 * One row of {@code tables/analysis.csv}.
 *
 * @param seed model seed
 * @param status training status from seeds.csv
 * @param metrics SPEC section 4 metrics then trajectory metrics, by column name (NaN when undefined)
 * @param dynamics the seed's trajectories and curves, or null when it was not simulated (diverged)
 * @param spontaneousEigenvalues eigenvalues of the spontaneous-activity covariance, descending, or null
 * @param inputCumulative cumulative fraction of |I|^2 in spontaneous PCs 1..k, or null
 */
public record SeedAnalysis(int seed, String status, Map<String, Double> metrics, SeedDynamics dynamics,
                           double[] spontaneousEigenvalues, double[] inputCumulative) {

    public SeedAnalysis {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    public double metric(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; metrics: " + metrics.keySet());
        }
        return v;
    }
}
