package org.rnnmemory.task;

import java.util.List;

/**
 * The numbers of the reference system, System A ({@code shared/reference/SPEC.md}), in one place.
 * Every default of the configuration ({@code config.*Section.SYSTEM_A}), the model parameters
 * ({@code ModelParams.SYSTEM_A}), the task in steps ({@link TaskSpec#SYSTEM_A}) and the evaluation
 * protocol ({@code EvalProtocol}) derive from these constants. Times are in ms; with
 * {@link #DT_MS} = 1 one step is one ms. This class lives in {@code task}, the lowest package that
 * the model, evaluation, configuration and command line all import.
 */
public final class SystemA {
    private SystemA() {}

    // SPEC section 1: the network

    /** Hidden units N. */
    public static final int HIDDEN_SIZE = 500;
    /** Time constant tau, ms. */
    public static final double TAU_MS = 100.0;
    /** Euler step dt, ms. */
    public static final double DT_MS = 1.0;
    /** Recurrent gain g. */
    public static final double GAIN = 1.5;
    /** Seed of the fixed recurrent matrix G, shared by every model seed. */
    public static final long NETWORK_SEED = 1L;

    // SPEC section 2: the task, ms

    /** Trial length, ms (7000 steps). */
    public static final int TRIAL_MS = 7000;
    /** Mean pulse onset, ms. */
    public static final int ONSET_MS = 3000;
    /** Onset jitter half-width, ms: onset uniform in [2000, 4000). */
    public static final int ONSET_JITTER_MS = 1000;
    /** Mean pulse duration, ms. */
    public static final int DURATION_MS = 150;
    /** Duration jitter half-width, ms: duration uniform in [50, 250). */
    public static final int DURATION_JITTER_MS = 100;
    /** Input amplitude during the pulse. */
    public static final double STRENGTH = 2.0;
    /** Target level per ms of pulse duration. */
    public static final double SLOPE_PER_MS = 0.007;
    /** First evaluated time, ms. */
    public static final int COST_ONSET_MS = 4500;
    /** Probability of a catch trial (no input, target 0). */
    public static final double CATCH_FRACTION = 0.1;
    /** Trials in a training set (generated once per model seed). */
    public static final int TRIALS = 500;

    // SPEC section 3: training

    /** Passes over the training set. */
    public static final int EPOCHS = 50;
    /** Trials per update. */
    public static final int BATCH_SIZE = 32;
    /** Adam learning rate. */
    public static final double LEARNING_RATE = 0.001;
    /** The model seeds trained: 1 to 20. */
    public static final int FIRST_SEED = 1;
    /** The last model seed trained. */
    public static final int LAST_SEED = 20;

    // SPEC section 4: evaluation, ms

    /** Pulse onset of the noise-free precision trials, ms. */
    public static final int EVAL_ONSET_MS = 3000;
    /** Test pulse durations, ms (300 lies outside the training range). */
    public static final List<Integer> EVAL_DURATIONS_MS = List.of(50, 150, 300);
    /** Length of the spontaneous run, ms. */
    public static final int SPONTANEOUS_MS = 10000;
    /** First time of the spontaneous covariance window, ms. */
    public static final int SPONTANEOUS_FROM_MS = 5000;
    /** Initial value of every unit in the spontaneous run. */
    public static final double SPONTANEOUS_H0 = 0.1;
    /** Pulse onset of the memory-period runs, ms. */
    public static final int MEMORY_ONSET_MS = 10;
    /** Length of the memory-period runs, ms. */
    public static final int MEMORY_MS = 4010;
    /** First time of the memory-period covariance window, ms. */
    public static final int MEMORY_FROM_MS = 1510;

    /** {@link #EVAL_DURATIONS_MS} as an array. */
    public static int[] evalDurationsMs() {
        return EVAL_DURATIONS_MS.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The System A task in steps of {@code dtMs}: every time rounded to the nearest step, the target
     * per step {@code SLOPE_PER_MS * dtMs}. At dt = 1 ms this is {@link TaskSpec#SYSTEM_A}.
     */
    public static TaskSpec task(double dtMs) {
        return new TaskSpec(steps(TRIAL_MS, dtMs), steps(ONSET_MS, dtMs), steps(ONSET_JITTER_MS, dtMs),
                steps(DURATION_MS, dtMs), steps(DURATION_JITTER_MS, dtMs), STRENGTH, SLOPE_PER_MS * dtMs,
                steps(COST_ONSET_MS, dtMs), CATCH_FRACTION, TRIALS);
    }

    private static int steps(int ms, double dtMs) {
        return (int) Math.round(ms / dtMs);
    }
}
