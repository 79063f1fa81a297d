package org.rnnmemory.dynamics;

/**
 * Settings of the fixed- and slow-point search ({@link FixedPointFinder}). The field F and the
 * tolerances are in the field's units: F in 1/tau, q = |F|^2 / 2 in 1/tau^2, distances in units of
 * the state h (dimensionless).
 *
 * @param samplesPerTrajectory states taken from each memory-period trajectory as starting points,
 *        evenly spaced over the evaluation window
 * @param noiseScale standard deviation of the Gaussian noise added to every component of a starting
 *        state, as a fraction of the root-mean-square component of the sampled states
 *        ({@code sigma = noiseScale * sqrt(mean_i h_i^2)})
 * @param adamIterations iterations of the first-order stage (Adam on q, all starts at once)
 * @param adamLearningRate Adam step size, in units of h
 * @param maxPolished most candidates polished and analysed (those with the lowest q after the
 *        first-order stage, after a first de-duplication); the others are counted as truncated
 * @param polishIterations most Levenberg-Marquardt iterations per candidate
 * @param fixedTolerance q at or below which a point is a fixed point (1/tau^2; 1e-20 means
 *        |F| <= 1.4e-10 / tau)
 * @param gradientTolerance a point with q above {@code fixedTolerance} is a converged slow point when
 *        |grad q| <= gradientTolerance * |F| (F orthogonal to the range of J to that precision) and the
 *        Hessian of q is positive definite (a local minimum of q)
 * @param duplicateTolerance two points closer than {@code duplicateTolerance * sqrt(N)} (a root-mean-
 *        square difference per unit below the tolerance) are one point; the one with lower q is kept
 * @param outlierScale a point farther from the centroid of the sampled states than
 *        {@code outlierScale} times their mean distance to that centroid is an outlier and dropped
 * @param seed seed of the noise generator
 */
public record FinderSettings(int samplesPerTrajectory, double noiseScale, int adamIterations,
                             double adamLearningRate, int maxPolished, int polishIterations, double fixedTolerance,
                             double gradientTolerance, double duplicateTolerance, double outlierScale, long seed) {

    /** The settings of {@code rnnmem dynamics}: 8 starts per test trajectory, up to 12 points analysed. */
    public static final FinderSettings DEFAULT = new FinderSettings(8, 0.1, 1500, 0.01, 12, 40, 1e-20, 1e-8, 1e-4,
            10.0, 1);

    /** The lighter settings of {@code rnnmem analyze} (every seed): 4 starts per trajectory, up to 6 points. */
    public static final FinderSettings ANALYZE = new FinderSettings(4, 0.1, 1500, 0.01, 6, 40, 1e-20, 1e-8, 1e-4,
            10.0, 1);

    public FinderSettings {
        if (samplesPerTrajectory < 1) {
            throw new IllegalArgumentException("samplesPerTrajectory must be >= 1, found " + samplesPerTrajectory);
        }
        if (!(noiseScale >= 0)) {
            throw new IllegalArgumentException("noiseScale must be >= 0, found " + noiseScale);
        }
        if (adamIterations < 0 || !(adamLearningRate > 0)) {
            throw new IllegalArgumentException("Adam needs iterations >= 0 and a positive learning rate, found "
                    + adamIterations + " and " + adamLearningRate);
        }
        if (maxPolished < 1 || polishIterations < 1) {
            throw new IllegalArgumentException("maxPolished and polishIterations must be >= 1, found " + maxPolished
                    + " and " + polishIterations);
        }
        if (!(fixedTolerance > 0) || !(gradientTolerance > 0) || !(duplicateTolerance > 0) || !(outlierScale > 0)) {
            throw new IllegalArgumentException("tolerances and the outlier scale must be > 0");
        }
    }

    /** The same settings with another number of starts per trajectory and of analysed points. */
    public FinderSettings withBudget(int samples, int polished) {
        return new FinderSettings(samples, noiseScale, adamIterations, adamLearningRate, polished, polishIterations,
                fixedTolerance, gradientTolerance, duplicateTolerance, outlierScale, seed);
    }
}
