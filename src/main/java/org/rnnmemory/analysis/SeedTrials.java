package org.rnnmemory.analysis;

import java.util.List;
import java.util.Map;
import org.rnnmemory.eval.Pca;

/**
 * What the analysis simulated for one seed, from which every {@link SeedMetric} is computed: the
 * durations, the plateau and drift per duration, the memory-period PCA and mean rate per test
 * duration, the readout weights and the trajectory pairs. Quantities shared by several metrics (the
 * integration-curve fits, the separation fits, the readout geometry) are computed once, on first use.
 */
public final class SeedTrials {
    private final DurationPlan plan;
    private final double[] durationsMs;
    private final double[] plateau;
    private final double[] drift;
    private final List<Separation.Pair> pairs;
    private final Pca memory;
    private final double[][] meansByDuration;
    private final double[] readout;
    private Map<String, Double> integration;
    private Map<String, Double> driftSummary;
    private Map<String, Double> separation;
    private Map<String, Double> geometry;

    SeedTrials(DurationPlan plan, double[] durationsMs, double[] plateau, double[] drift, List<Separation.Pair> pairs,
               Pca memory, double[][] meansByDuration, double[] readout) {
        this.plan = plan;
        this.durationsMs = durationsMs;
        this.plateau = plateau;
        this.drift = drift;
        this.pairs = pairs;
        this.memory = memory;
        this.meansByDuration = meansByDuration;
        this.readout = readout;
    }

    /** The integration curve's fits ({@link IntegrationCurve#metrics}), by column name. */
    double integration(String name) {
        if (integration == null) {
            integration = IntegrationCurve.metrics(durationsMs, plateau, plan);
        }
        return integration.get(name);
    }

    /** Mean signed and relative drift over the test durations ({@link SeedDynamics#drift}), by column name. */
    double drift(String name) {
        if (driftSummary == null) {
            driftSummary = SeedDynamics.drift(plan, drift);
        }
        return driftSummary.get(name);
    }

    /** Trajectory separation against duration difference ({@link Separation#metrics}), by column name. */
    double separation(String name) {
        if (separation == null) {
            separation = Separation.metrics(pairs);
        }
        return separation.get(name);
    }

    /** Readout geometry in the memory period ({@link ReadoutGeometry#metrics}), by column name. */
    double readout(String name) {
        if (geometry == null) {
            geometry = ReadoutGeometry.metrics(memory, meansByDuration, readout);
        }
        return geometry.get(name);
    }
}
