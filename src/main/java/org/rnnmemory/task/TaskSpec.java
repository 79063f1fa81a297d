package org.rnnmemory.task;

/**
 * The integration-and-memory task (SPEC section 2), in time steps.
 *
 * <p>A non-catch trial has onset {@code on = onset + U[-onsetJitter, onsetJitter)} and duration
 * {@code dur = duration + U[-durationJitter, durationJitter)}; the input is {@code strength} for
 * {@code on <= t <= on + dur} (both ends inclusive); the target is 0 before the onset, -1 ("not
 * evaluated") from the onset up to {@code costOnset - 1}, and {@code targetPerStep * dur} from
 * {@code costOnset} on; the loss mask is false exactly where the target is -1. A catch trial has no
 * input and target 0 everywhere. {@link IntegrationMemoryTask} builds the trials ({@link Task}).
 *
 * @param trialSteps steps per trial
 * @param onset mean onset, steps
 * @param onsetJitter onset jitter half-width, steps
 * @param duration mean pulse duration, steps
 * @param durationJitter duration jitter half-width, steps
 * @param strength input amplitude during the pulse
 * @param targetPerStep target level per step of duration (slope_per_ms * dt_ms)
 * @param costOnset first evaluated step
 * @param catchFraction probability of a catch trial
 * @param trials trials in a training set
 */
public record TaskSpec(int trialSteps, int onset, int onsetJitter, int duration, int durationJitter,
                       double strength, double targetPerStep, int costOnset, double catchFraction, int trials) {

    /** SPEC section 2 with dt = 1 ms ({@link SystemA}). */
    public static final TaskSpec SYSTEM_A = SystemA.task(SystemA.DT_MS);

    public TaskSpec {
        positive("trial_ms", trialSteps);
        nonNegative("onset_jitter_ms", onsetJitter);
        nonNegative("duration_jitter_ms", durationJitter);
        positive("trials", trials);
        if (onset - onsetJitter < 0) {
            throw new IllegalArgumentException("onset_ms - onset_jitter_ms must be >= 0, found "
                    + (onset - onsetJitter) + " steps");
        }
        if (duration - durationJitter < 0) {
            throw new IllegalArgumentException("duration_ms - duration_jitter_ms must be >= 0, found "
                    + (duration - durationJitter) + " steps");
        }
        if (onset + onsetJitter + duration + durationJitter > trialSteps) {
            throw new IllegalArgumentException("the latest pulse end (onset + jitter + duration + jitter = "
                    + (onset + onsetJitter + duration + durationJitter) + " steps) must lie within trial_ms ("
                    + trialSteps + " steps)");
        }
        if (costOnset < 0 || costOnset >= trialSteps) {
            throw new IllegalArgumentException("cost_onset_ms must lie in [0, trial_ms), found " + costOnset + " steps");
        }
        if (!(catchFraction >= 0 && catchFraction <= 1)) {
            throw new IllegalArgumentException("catch_fraction must lie in [0, 1], found " + catchFraction);
        }
        if (!Double.isFinite(strength)) {
            throw new IllegalArgumentException("strength must be finite, found " + strength);
        }
        if (!Double.isFinite(targetPerStep)) {
            throw new IllegalArgumentException("slope_per_ms must be finite, found " + targetPerStep);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, found " + v);
        }
    }

    private static void nonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, found " + v);
        }
    }

    /** The same task with a different trial length. */
    public TaskSpec withTrialSteps(int steps) {
        return new TaskSpec(steps, onset, onsetJitter, duration, durationJitter, strength, targetPerStep,
                costOnset, catchFraction, trials);
    }
}
