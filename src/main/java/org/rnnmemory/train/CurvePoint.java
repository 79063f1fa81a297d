package org.rnnmemory.train;

/**
 * One training update of one seed.
 *
 * @param seed model seed
 * @param update update index (0-based)
 * @param epoch epoch index (0-based)
 * @param loss training loss of the batch before the update
 * @param gradNormInput L2 norm of dL/dI (0 when I is not trained)
 * @param gradNormReadout L2 norm of dL/dw (0 when w is not trained)
 * @param seconds wall time of the update (shared by the seeds trained together)
 */
public record CurvePoint(int seed, int update, int epoch, double loss, double gradNormInput, double gradNormReadout,
                         double seconds) {}
