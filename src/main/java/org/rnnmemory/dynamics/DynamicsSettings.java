package org.rnnmemory.dynamics;

/**
 * Settings of the mechanism analysis of one network.
 *
 * @param finder the fixed- and slow-point search
 * @param fitStepMs spacing of the optimal readout's fitting durations over the trained range, ms
 *        (rounded to whole steps of dt, at least one step)
 * @param threads threads for the per-point work of one network (polishing and linearisation)
 */
public record DynamicsSettings(FinderSettings finder, int fitStepMs, int threads) {

    /** {@code rnnmem dynamics}: {@link FinderSettings#DEFAULT}, durations every 10 ms, two threads. */
    public static final DynamicsSettings DEFAULT = new DynamicsSettings(FinderSettings.DEFAULT, 10, 2);

    /** {@code rnnmem analyze}: {@link FinderSettings#ANALYZE}, durations every 10 ms, one thread per seed. */
    public static final DynamicsSettings ANALYZE = new DynamicsSettings(FinderSettings.ANALYZE, 10, 1);

    public DynamicsSettings {
        if (finder == null) {
            throw new IllegalArgumentException("finder settings must be given");
        }
        if (fitStepMs < 1) {
            throw new IllegalArgumentException("fitStepMs must be >= 1, found " + fitStepMs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, found " + threads);
        }
    }
}
