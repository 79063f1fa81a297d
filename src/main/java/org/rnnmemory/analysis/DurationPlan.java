package org.rnnmemory.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.eval.EvalProtocol;

/**
 * The pulse durations whose noise-free trials the analysis simulates: the evaluation's test
 * durations together with a dense set, all in ms and whole steps of dt.
 *
 * @param durationsMs every analysed duration, ascending, without repeats
 * @param testDurationsMs the evaluation's test durations, in protocol order
 * @param dtMs time step, ms
 * @param trainedFromMs shortest duration of the training distribution (duration - jitter), ms
 * @param trainedToMs longest duration of the training distribution (duration + jitter), ms
 * @param targetPerMs target plateau per ms of pulse (task.slope_per_ms)
 * @param denseFromMs first duration of the dense set, ms
 * @param denseStepMs spacing of the dense set, ms
 */
public record DurationPlan(int[] durationsMs, int[] testDurationsMs, double dtMs, int trainedFromMs,
                           int trainedToMs, double targetPerMs, int denseFromMs, int denseStepMs) {

    /** A plan whose dense set starts at its first duration with the spacing of its first two. */
    public DurationPlan(int[] durationsMs, int[] testDurationsMs, double dtMs, int trainedFromMs, int trainedToMs,
                        double targetPerMs) {
        this(durationsMs, testDurationsMs, dtMs, trainedFromMs, trainedToMs, targetPerMs, durationsMs[0],
                durationsMs.length > 1 ? durationsMs[1] - durationsMs[0] : 1);
    }

    /** The plan of an experiment: its test durations and the options' dense set. */
    public static DurationPlan of(ExperimentSpec spec, AnalysisOptions o) {
        double dt = spec.network().dtMs();
        EvalProtocol p = spec.evalProtocol();
        TreeSet<Integer> all = new TreeSet<>(spec.evaluation().durationsMs());
        for (int d = o.denseFromMs(); d <= o.denseToMs(); d += o.denseStepMs()) {
            double steps = d / dt;
            if (Math.abs(steps - Math.rint(steps)) > 1e-9) {
                throw new UserInputException("dense duration " + d + " ms is not a multiple of network.dt_ms = " + dt
                        + "; choose --durations FROM:TO:STEP in multiples of it");
            }
            if (p.onset() + Math.round(steps) >= p.task().trialSteps()) {
                throw new UserInputException("dense duration " + d + " ms does not fit in a trial of "
                        + spec.task().trialMs() + " ms with onset " + spec.evaluation().onsetMs() + " ms");
            }
            all.add(d);
        }
        int[] test = spec.evaluation().durationsMs().stream().mapToInt(Integer::intValue).toArray();
        int dur = spec.task().durationMs();
        int jit = spec.task().durationJitterMs();
        return new DurationPlan(all.stream().mapToInt(Integer::intValue).toArray(), test, dt, dur - jit, dur + jit,
                spec.task().slopePerMs(), o.denseFromMs(), o.denseStepMs());
    }

    /** Steps of dt in a duration of {@code ms}. */
    public int steps(int ms) {
        return (int) Math.round(ms / dtMs);
    }

    /** Index of a duration in {@link #durationsMs()}, or -1. */
    public int indexOf(int ms) {
        for (int i = 0; i < durationsMs.length; i++) {
            if (durationsMs[i] == ms) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a duration belongs to the evenly spaced dense set. */
    public boolean onDenseGrid(double ms) {
        double k = (ms - denseFromMs) / denseStepMs;
        return k >= 0 && k == Math.rint(k);
    }

    /** Whether a duration lies in the training distribution's range (both ends included). */
    public boolean inTrainedRange(double ms) {
        return ms >= trainedFromMs && ms <= trainedToMs;
    }

    /** The test durations' indices in {@link #durationsMs()}. */
    public List<Integer> testIndices() {
        List<Integer> out = new ArrayList<>();
        for (int d : testDurationsMs) {
            out.add(indexOf(d));
        }
        return out;
    }
}
