package org.rnnmemory.task;

/**
 * One trial: input and target per step, and the hidden variables that produced them.
 *
 * @param u input per step (length = trial steps)
 * @param y target per step; -1 marks steps that the training loss ignores
 * @param onset pulse onset step, or -1 for a catch trial or an unknown onset
 * @param duration pulse duration in steps (the pulse covers duration + 1 steps), or -1
 * @param isCatch whether this is a catch trial (no input, target 0)
 */
public record Trial(float[] u, float[] y, int onset, int duration, boolean isCatch) {

    /** Value of y that marks a step outside the training loss. */
    public static final float NOT_EVALUATED = -1f;

    public Trial {
        if (u.length != y.length) {
            throw new IllegalArgumentException("input and target lengths differ: " + u.length + " vs " + y.length);
        }
    }

    public int steps() {
        return u.length;
    }

    /** First step with non-zero input, or {@code steps()} when there is none. */
    public int firstInputStep() {
        for (int t = 0; t < u.length; t++) {
            if (u[t] != 0f) {
                return t;
            }
        }
        return u.length;
    }

    /** Training mask: 1 where y != -1. */
    public boolean trainMask(int t) {
        return y[t] != NOT_EVALUATED;
    }

    /** Evaluation mask: 1 where y > 0. */
    public boolean evalMask(int t) {
        return y[t] > 0;
    }

    /** Number of steps in the training mask. */
    public int trainMaskCount() {
        int c = 0;
        for (float v : y) {
            if (v != NOT_EVALUATED) {
                c++;
            }
        }
        return c;
    }
}
