package org.rnnmemory.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The integration-and-memory task of SPEC section 2 ({@link TaskSpec}, in steps): integrate a pulse,
 * then hold a level proportional to its duration.
 *
 * <p>Periods of a non-catch trial with onset {@code on} and duration {@code dur}:
 * {@code fixation [0, on)} (no input, target 0, in the loss), {@code stimulus [on, on + dur + 1)}
 * (input {@code strength}, both pulse ends inclusive), {@code delay [on + dur + 1, costOnset)} when
 * non-empty, and {@code response [costOnset, T)} (target {@code targetPerStep * dur}, in the loss).
 * From the onset up to {@code costOnset - 1} the loss mask is false and the target holds
 * {@link Trial#NOT_EVALUATED} (-1, the SPEC's spelling, kept so that datasets and tables read as
 * before). If {@code on + dur >= costOnset} the stimulus reaches into the response period; the rule
 * is kept as SPEC writes it. A catch trial is one {@code fixation} period: no input, target 0 and in
 * the loss everywhere.
 */
public final class IntegrationMemoryTask implements Task<IntegrationMemoryTask.Params> {
    /** The name under which {@link Tasks} registers this task. */
    public static final String NAME = "integration-memory";

    private final TaskSpec spec;

    public IntegrationMemoryTask(TaskSpec spec) {
        this.spec = spec;
    }

    /**
     * One trial's hidden variables.
     *
     * @param isCatch whether the trial is a catch trial (then onset and duration are -1)
     * @param onset pulse onset, steps
     * @param duration pulse duration, steps (the pulse covers duration + 1 steps)
     */
    public record Params(boolean isCatch, int onset, int duration) {
        /** A catch trial. */
        public static final Params CATCH = new Params(true, -1, -1);

        /** A non-catch trial with this onset and duration (steps). */
        public static Params pulse(int onset, int duration) {
            return new Params(false, onset, duration);
        }
    }

    /** The task's settings in steps. */
    public TaskSpec spec() {
        return spec;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int trialSteps() {
        return spec.trialSteps();
    }

    @Override
    public int trainingTrials() {
        return spec.trials();
    }

    /** Catch (a uniform double), onset jitter and duration jitter (uniform ints) are always drawn, in that order. */
    @Override
    public Params sampleParams(SplittableRandom rng) {
        boolean isCatch = rng.nextDouble() < spec.catchFraction();
        int dOn = spec.onsetJitter() > 0 ? rng.nextInt(-spec.onsetJitter(), spec.onsetJitter()) : 0;
        int dDur = spec.durationJitter() > 0 ? rng.nextInt(-spec.durationJitter(), spec.durationJitter()) : 0;
        return isCatch ? Params.CATCH : Params.pulse(spec.onset() + dOn, spec.duration() + dDur);
    }

    @Override
    public List<Period> periods(Params p) {
        int n = spec.trialSteps();
        if (p.isCatch()) {
            return List.of(new Period("fixation", 0, n));
        }
        checkFits(p.onset(), p.duration());
        List<Period> out = new ArrayList<>(4);
        int pulseEnd = p.onset() + p.duration() + 1;
        out.add(new Period("fixation", 0, p.onset()));
        out.add(new Period("stimulus", p.onset(), pulseEnd));
        if (pulseEnd < spec.costOnset()) {
            out.add(new Period("delay", pulseEnd, spec.costOnset()));
        }
        out.add(new Period("response", Math.max(spec.costOnset(), p.onset()), n));
        return out;
    }

    @Override
    public Trial trial(Params p) {
        int n = spec.trialSteps();
        if (p.isCatch()) {
            boolean[] all = new boolean[n];
            Arrays.fill(all, true);
            return new Trial(new float[n], new float[n], all, -1, -1, true);
        }
        checkFits(p.onset(), p.duration());
        float[] u = new float[n];
        float[] y = new float[n];
        boolean[] mask = new boolean[n];
        float level = (float) (spec.targetPerStep() * p.duration());
        float strength = (float) spec.strength();
        for (int t = 0; t < n; t++) {
            if (t >= p.onset() && t <= p.onset() + p.duration()) {
                u[t] = strength;
            }
            if (t < p.onset()) {
                mask[t] = true;
            } else if (t < spec.costOnset()) {
                y[t] = Trial.NOT_EVALUATED;
            } else {
                y[t] = level;
                mask[t] = true;
            }
        }
        return new Trial(u, y, mask, p.onset(), p.duration(), false);
    }

    private void checkFits(int onset, int duration) {
        int n = spec.trialSteps();
        if (onset < 0 || duration < 0 || onset + duration >= n) {
            throw new IllegalArgumentException("pulse [" + onset + ", " + (onset + duration)
                    + "] does not fit in a trial of " + n + " steps");
        }
    }
}
