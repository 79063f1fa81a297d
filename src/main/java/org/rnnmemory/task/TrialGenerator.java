package org.rnnmemory.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws trials of a {@link TaskSpec} from its own seeded generator. */
public final class TrialGenerator {
    private final TaskSpec spec;
    private final SplittableRandom rng;

    public TrialGenerator(TaskSpec spec, SplittableRandom rng) {
        this.spec = spec;
        this.rng = rng;
    }

    /** The next random trial. Catch, onset jitter and duration jitter are always drawn, in that order. */
    public Trial next() {
        boolean isCatch = rng.nextDouble() < spec.catchFraction();
        int dOn = spec.onsetJitter() > 0 ? rng.nextInt(-spec.onsetJitter(), spec.onsetJitter()) : 0;
        int dDur = spec.durationJitter() > 0 ? rng.nextInt(-spec.durationJitter(), spec.durationJitter()) : 0;
        return isCatch ? catchTrial(spec) : trial(spec, spec.onset() + dOn, spec.duration() + dDur);
    }

    /** A training set of {@code spec.trials()} trials. */
    public List<Trial> trainingSet() {
        List<Trial> out = new ArrayList<>(spec.trials());
        for (int i = 0; i < spec.trials(); i++) {
            out.add(next());
        }
        return out;
    }

    /** A non-catch trial with a forced onset and duration (steps). */
    public static Trial trial(TaskSpec spec, int onset, int duration) {
        int n = spec.trialSteps();
        if (onset < 0 || duration < 0 || onset + duration >= n) {
            throw new IllegalArgumentException("pulse [" + onset + ", " + (onset + duration)
                    + "] does not fit in a trial of " + n + " steps");
        }
        float[] u = new float[n];
        float[] y = new float[n];
        float level = (float) (spec.targetPerStep() * duration);
        for (int t = 0; t < n; t++) {
            if (t >= onset && t <= onset + duration) {
                u[t] = (float) spec.strength();
            }
            if (t < onset) {
                y[t] = 0f;
            } else if (t < spec.costOnset()) {
                y[t] = Trial.NOT_EVALUATED;
            } else {
                y[t] = level;
            }
        }
        return new Trial(u, y, onset, duration, false);
    }

    /** A catch trial: no input, target 0 everywhere. */
    public static Trial catchTrial(TaskSpec spec) {
        return new Trial(new float[spec.trialSteps()], new float[spec.trialSteps()], -1, -1, true);
    }
}
