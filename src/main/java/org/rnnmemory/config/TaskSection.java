package org.rnnmemory.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnmemory.task.SystemA;

/**
 * The {@code task:} section: the integration-and-memory task of SPEC section 2, in ms. Converted
 * to steps by {@link ExperimentSpec#taskSpec()}.
 *
 * @param trialMs trial length, ms
 * @param onsetMs mean pulse onset, ms
 * @param onsetJitterMs onset jitter half-width, ms
 * @param durationMs mean pulse duration, ms
 * @param durationJitterMs duration jitter half-width, ms
 * @param strength input amplitude during the pulse
 * @param slopePerMs target level per ms of pulse duration
 * @param costOnsetMs first evaluated time, ms
 * @param catchFraction probability of a catch trial, in [0, 1]
 * @param trials trials in a training set
 * @param dataset a pre-generated training set to use instead of sampling, or null
 */
public record TaskSection(int trialMs, int onsetMs, int onsetJitterMs, int durationMs, int durationJitterMs,
                          double strength, double slopePerMs, int costOnsetMs, double catchFraction, int trials,
                          String dataset) {

    /** SPEC section 2 ({@link SystemA}), no dataset. */
    public static final TaskSection SYSTEM_A = new TaskSection(SystemA.TRIAL_MS, SystemA.ONSET_MS,
            SystemA.ONSET_JITTER_MS, SystemA.DURATION_MS, SystemA.DURATION_JITTER_MS, SystemA.STRENGTH,
            SystemA.SLOPE_PER_MS, SystemA.COST_ONSET_MS, SystemA.CATCH_FRACTION, SystemA.TRIALS, null);

    public TaskSection {
        Check.atLeast("task.trial_ms", trialMs, 1);
        Check.atLeast("task.onset_jitter_ms", onsetJitterMs, 0);
        if (onsetMs < onsetJitterMs) {
            throw Check.fail("task.onset_ms", "must be >= task.onset_jitter_ms = " + onsetJitterMs + ", found " + onsetMs);
        }
        Check.atLeast("task.duration_jitter_ms", durationJitterMs, 0);
        if (durationMs < durationJitterMs) {
            throw Check.fail("task.duration_ms", "must be >= task.duration_jitter_ms = " + durationJitterMs
                    + ", found " + durationMs);
        }
        long latestEnd = (long) onsetMs + onsetJitterMs + durationMs + durationJitterMs;
        if (latestEnd > trialMs) {
            throw Check.fail("task.trial_ms", "must hold the latest pulse end (onset_ms + onset_jitter_ms"
                    + " + duration_ms + duration_jitter_ms = " + latestEnd + "), found " + trialMs);
        }
        Check.finite("task.strength", strength);
        Check.finite("task.slope_per_ms", slopePerMs);
        Check.atLeast("task.cost_onset_ms", costOnsetMs, 0);
        if (costOnsetMs >= trialMs) {
            throw Check.fail("task.cost_onset_ms", "must be < task.trial_ms = " + trialMs + ", found " + costOnsetMs);
        }
        if (!(catchFraction >= 0 && catchFraction <= 1)) {
            throw Check.fail("task.catch_fraction", "must lie in [0, 1], found " + catchFraction);
        }
        Check.atLeast("task.trials", trials, 1);
        if (dataset != null && (dataset.isBlank() || dataset.contains("\n"))) {
            throw Check.fail("task.dataset", "must be null or a non-empty single-line string, found '"
                    + dataset + "'");
        }
    }

    /** The section as ordered YAML values, keys in canonical order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial_ms", trialMs);
        m.put("onset_ms", onsetMs);
        m.put("onset_jitter_ms", onsetJitterMs);
        m.put("duration_ms", durationMs);
        m.put("duration_jitter_ms", durationJitterMs);
        m.put("strength", strength);
        m.put("slope_per_ms", slopePerMs);
        m.put("cost_onset_ms", costOnsetMs);
        m.put("catch_fraction", catchFraction);
        m.put("trials", trials);
        m.put("dataset", dataset);
        return m;
    }
}
