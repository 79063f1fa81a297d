package org.rnnmemory.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trial-based task, in the manner of PsychRNN ({@code generate_trial_params} and
 * {@code trial_function}) and neurogym (declared periods): a trial is drawn as parameters (its
 * hidden variables), and the parameters decide the trial's periods, its input, its target and its
 * loss mask. Every array has one entry per time step of {@code dt}; input and output are scalars
 * per step (input and output size 1).
 *
 * <p>To add a task: implement this interface in one class and register it in {@link Tasks}. The
 * engines and the evaluation read only {@link Trial#u()}, {@link Trial#y()} and the explicit
 * {@link Trial#mask()}; no target value has a special meaning.
 *
 * @param <P> the trial parameters (a record of the trial's hidden variables)
 */
public interface Task<P> {

    /** The task's registered name ({@link Tasks}). */
    String name();

    /** Steps per trial. */
    int trialSteps();

    /** Trials in a training set. */
    int trainingTrials();

    /**
     * Draws one trial's parameters from {@code rng}. The number and order of draws must not depend
     * on anything but the task, so that a seed gives the same training set every time.
     */
    P sampleParams(SplittableRandom rng);

    /** The trial's periods, in order of their first step. */
    List<Period> periods(P params);

    /** The trial: input, target, loss mask (true where the training loss counts) and hidden variables. */
    Trial trial(P params);

    /** The next random trial. */
    default Trial next(SplittableRandom rng) {
        return trial(sampleParams(rng));
    }

    /** The parameters of a training set: {@link #trainingTrials()} draws. */
    default List<P> trainingParams(SplittableRandom rng) {
        List<P> out = new ArrayList<>(trainingTrials());
        for (int i = 0; i < trainingTrials(); i++) {
            out.add(sampleParams(rng));
        }
        return out;
    }
}
