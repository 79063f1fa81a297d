package org.rnnmemory.chaos;

/**
 * Run lengths and numerical settings of one chaos analysis (all times in units of tau).
 * Error messages name the field; the {@code rnnmem chaos} option of each field is its name in
 * kebab case ({@code dt_tau} is {@code --dt-tau}).
 *
 * @param hiddenSize number of units N
 * @param dtTau Euler step in units of tau (a = dt / tau), in (0, 0.1] so that the discrete map stays
 *              close to the continuous-time dynamics
 * @param transientTau time discarded before measuring, in tau
 * @param durationTau measured time, in tau
 * @param orthoEvery tangent vectors are re-orthonormalised every this many steps
 * @param spectrum number k of leading Lyapunov exponents to estimate (1 = lambda_max only)
 * @param sampleEvery the rate covariance uses every this many steps of the measured window
 * @param initialSd standard deviation of the random initial state h[0]
 * @param traceTau length of the recorded rate traces from t = 0, in tau
 * @param traceUnits number of units whose rates are recorded (units 0 .. traceUnits-1)
 */
public record ChaosSettings(int hiddenSize, double dtTau, double transientTau, double durationTau, int orthoEvery,
                            int spectrum, int sampleEvery, double initialSd, double traceTau, int traceUnits) {

    /** Largest allowed Euler step, in tau. */
    public static final double MAX_DT_TAU = 0.1;

    public static final int DEFAULT_HIDDEN_SIZE = 500;
    public static final double DEFAULT_DT_TAU = 0.1;
    public static final double DEFAULT_TRANSIENT_TAU = 200;
    public static final double DEFAULT_DURATION_TAU = 1000;
    public static final int DEFAULT_ORTHO_EVERY = 10;
    public static final int DEFAULT_SPECTRUM = 1;
    public static final int DEFAULT_SAMPLE_EVERY = 5;
    public static final double DEFAULT_INITIAL_SD = 0.1;
    public static final double DEFAULT_TRACE_TAU = 100;
    public static final int DEFAULT_TRACE_UNITS = 4;

    /**
     * Defaults: N = 500 (as System A), dt = 0.1 tau, 200 tau transient, 1000 tau measured,
     * re-orthonormalisation every 10 steps (1 tau), covariance from every 5th step (0.5 tau).
     */
    public static final ChaosSettings DEFAULTS = new ChaosSettings(DEFAULT_HIDDEN_SIZE, DEFAULT_DT_TAU,
            DEFAULT_TRANSIENT_TAU, DEFAULT_DURATION_TAU, DEFAULT_ORTHO_EVERY, DEFAULT_SPECTRUM, DEFAULT_SAMPLE_EVERY,
            DEFAULT_INITIAL_SD, DEFAULT_TRACE_TAU, DEFAULT_TRACE_UNITS);

    public ChaosSettings {
        require(hiddenSize >= 2, "hidden_size must be >= 2, found " + hiddenSize);
        require(dtTau > 0 && dtTau <= MAX_DT_TAU, "dt_tau must be in (0, " + MAX_DT_TAU + "], found " + dtTau);
        require(transientTau >= 0 && Double.isFinite(transientTau), "transient_tau must be >= 0, found "
                + transientTau);
        require(durationTau > 0 && Double.isFinite(durationTau), "duration_tau must be > 0, found " + durationTau);
        require(orthoEvery >= 1, "ortho_every must be >= 1, found " + orthoEvery);
        require(spectrum >= 1 && spectrum <= hiddenSize, "spectrum must be in [1, hidden_size = " + hiddenSize
                + "], found " + spectrum);
        require(sampleEvery >= 1, "sample_every must be >= 1, found " + sampleEvery);
        require(initialSd > 0 && Double.isFinite(initialSd), "initial_sd must be > 0, found " + initialSd);
        require(traceTau >= 0 && Double.isFinite(traceTau), "trace_tau must be >= 0, found " + traceTau);
        require(traceUnits >= 0 && traceUnits <= hiddenSize, "trace_units must be in [0, hidden_size = "
                + hiddenSize + "], found " + traceUnits);
        require(measuredSteps(durationTau, dtTau, orthoEvery) >= 10L * orthoEvery,
                "duration_tau must cover at least 10 orthonormalisation intervals, found " + durationTau);
    }

    /** Steps discarded before measuring. */
    public int transientSteps() {
        return Math.toIntExact(Math.round(transientTau / dtTau));
    }

    /** Measured steps: duration / dt rounded to whole orthonormalisation intervals. */
    public int measuredSteps() {
        return Math.toIntExact(measuredSteps(durationTau, dtTau, orthoEvery));
    }

    /** Steps with recorded rate traces (from t = 0). */
    public int traceSteps() {
        return Math.toIntExact(Math.round(traceTau / dtTau));
    }

    public ChaosSettings withHiddenSize(int n) {
        return new ChaosSettings(n, dtTau, transientTau, durationTau, orthoEvery, spectrum, sampleEvery, initialSd,
                traceTau, Math.min(traceUnits, n));
    }

    public ChaosSettings withRunLength(double transientT, double duration) {
        return new ChaosSettings(hiddenSize, dtTau, transientT, duration, orthoEvery, spectrum, sampleEvery, initialSd,
                traceTau, traceUnits);
    }

    public ChaosSettings withDtTau(double dt) {
        return new ChaosSettings(hiddenSize, dt, transientTau, durationTau, orthoEvery, spectrum, sampleEvery,
                initialSd, traceTau, traceUnits);
    }

    public ChaosSettings withSpectrum(int k) {
        return new ChaosSettings(hiddenSize, dtTau, transientTau, durationTau, orthoEvery, k, sampleEvery, initialSd,
                traceTau, traceUnits);
    }

    private static long measuredSteps(double durationTau, double dtTau, int orthoEvery) {
        long raw = Math.round(durationTau / dtTau);
        return Math.max(orthoEvery, (raw + orthoEvery - 1) / orthoEvery * orthoEvery);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
