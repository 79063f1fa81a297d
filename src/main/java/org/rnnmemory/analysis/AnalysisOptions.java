package org.rnnmemory.analysis;

import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.config.ExperimentSpec;

/**
 * Settings of {@code rnnmem analyze}.
 *
 * @param denseFromMs shortest pulse of the dense duration set, ms
 * @param denseToMs longest pulse of the dense duration set, ms (inclusive)
 * @param denseStepMs spacing of the dense duration set, ms
 * @param trajectoryStepMs time between rows of {@code tables/trajectories.csv}, ms
 * @param separationStepMs time between the memory-period samples used for trajectory separation, ms
 * @param resamples bootstrap resamples for every confidence interval (at least 10,000)
 * @param bootstrapSeed seed of the bootstrap resampling generators
 * @param workers seeds simulated in parallel
 */
public record AnalysisOptions(int denseFromMs, int denseToMs, int denseStepMs, int trajectoryStepMs,
                              int separationStepMs, int resamples, long bootstrapSeed, int workers) {

    /** Durations 20..400 ms in 20 ms steps, trajectories every 20 ms, separation every 10 ms. */
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(20, 400, 20, 20, 10,
            BootstrapCi.MIN_RESAMPLES, 1, Math.min(2, Runtime.getRuntime().availableProcessors()));

    public AnalysisOptions {
        if (denseFromMs < 0) {
            throw new IllegalArgumentException("dense durations must start at >= 0 ms, found " + denseFromMs);
        }
        if (denseStepMs < 1 || denseToMs < denseFromMs) {
            throw new IllegalArgumentException("dense durations need step >= 1 ms and to >= from, found "
                    + denseFromMs + ":" + denseToMs + ":" + denseStepMs);
        }
        if (trajectoryStepMs < 1) {
            throw new IllegalArgumentException("trajectory step must be >= 1 ms, found " + trajectoryStepMs);
        }
        if (separationStepMs < 1) {
            throw new IllegalArgumentException("separation step must be >= 1 ms, found " + separationStepMs);
        }
        if (resamples < BootstrapCi.MIN_RESAMPLES) {
            throw new IllegalArgumentException("resamples must be >= " + BootstrapCi.MIN_RESAMPLES + ", found "
                    + resamples);
        }
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, found " + workers);
        }
    }

    /** The same options with other dense durations. */
    public AnalysisOptions withDense(int fromMs, int toMs, int stepMs) {
        return new AnalysisOptions(fromMs, toMs, stepMs, trajectoryStepMs, separationStepMs, resamples, bootstrapSeed,
                workers);
    }

    /**
     * These options with the dense durations adjusted to an experiment, for runs where nobody chose
     * them: the step becomes the smallest whole multiple of {@code network.dt_ms} (in whole ms) not
     * below it, the first duration the first multiple of the step not below {@code denseFromMs}, and
     * the last one the longest multiple that still fits after the evaluation onset (at most
     * {@code denseToMs}). When no dense duration fits, the shortest test duration stands alone.
     */
    public AnalysisOptions fittedTo(ExperimentSpec spec) {
        double dt = spec.network().dtMs();
        int step = denseStepMs;
        while (!isMultiple(step, dt)) {
            step++;
        }
        int from = Math.max(step, (denseFromMs + step - 1) / step * step);
        int room = spec.task().trialMs() - spec.evaluation().onsetMs() - 1;
        int to = Math.min(denseToMs, room / step * step);
        if (to < from) {
            int shortest = spec.evaluation().durationsMs().stream().mapToInt(Integer::intValue).min().orElseThrow();
            return withDense(shortest, shortest, step);
        }
        return withDense(from, to, step);
    }

    private static boolean isMultiple(int ms, double dt) {
        double k = ms / dt;
        return Math.abs(k - Math.rint(k)) < 1e-9;
    }

    /** The same options with another worker count. */
    public AnalysisOptions withWorkers(int n) {
        return new AnalysisOptions(denseFromMs, denseToMs, denseStepMs, trajectoryStepMs, separationStepMs, resamples,
                bootstrapSeed, n);
    }
}
