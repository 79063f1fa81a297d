package org.rnnmemory.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws trials of a {@link TaskSpec}'s {@link IntegrationMemoryTask} from its own seeded generator. */
public final class TrialGenerator {
    private final IntegrationMemoryTask task;
    private final SplittableRandom rng;

    public TrialGenerator(TaskSpec spec, SplittableRandom rng) {
        this.task = new IntegrationMemoryTask(spec);
        this.rng = rng;
    }

    /** The next random trial. Catch, onset jitter and duration jitter are always drawn, in that order. */
    public Trial next() {
        return task.next(rng);
    }

    /** The next trial's parameters (the same draws as {@link #next()}). */
    public IntegrationMemoryTask.Params nextParams() {
        return task.sampleParams(rng);
    }

    /** A training set of {@code spec.trials()} trials. */
    public List<Trial> trainingSet() {
        return new ArrayList<>(task.trainingParams(rng).stream().map(task::trial).toList());
    }

    /** A non-catch trial with a forced onset and duration (steps). */
    public static Trial trial(TaskSpec spec, int onset, int duration) {
        return new IntegrationMemoryTask(spec).trial(IntegrationMemoryTask.Params.pulse(onset, duration));
    }

    /** A catch trial: no input, target 0 everywhere. */
    public static Trial catchTrial(TaskSpec spec) {
        return new IntegrationMemoryTask(spec).trial(IntegrationMemoryTask.Params.CATCH);
    }
}
