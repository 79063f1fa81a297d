package org.rnnmemory.task;

/**
 * One trial: input, target and loss mask per step, and the hidden variables that produced them.
 *
 * @param u input per step (length = trial steps)
 * @param y target per step; its value where {@code mask} is false is not read by the training loss
 * @param mask the training loss mask: true where the step counts in the loss (SPEC section 3's m[t])
 * @param onset pulse onset step, or -1 for a catch trial or an unknown onset
 * @param duration pulse duration in steps (the pulse covers duration + 1 steps), or -1
 * @param isCatch whether this is a catch trial (no input, target 0)
 */
public record Trial(float[] u, float[] y, boolean[] mask, int onset, int duration, boolean isCatch) {

    /**
     * The target that marks a step outside the loss in a dataset file (SPEC section 2's -1), and
     * the target the integration-memory task holds there.
     */
    public static final float NOT_EVALUATED = -1f;

    public Trial {
        if (u.length != y.length || u.length != mask.length) {
            throw new IllegalArgumentException("input, target and mask lengths differ: " + u.length + ", "
                    + y.length + " and " + mask.length);
        }
    }

    /**
     * A trial whose mask is decoded from its targets, as a dataset file stores it: a step is in the
     * loss unless its target is {@link #NOT_EVALUATED}.
     */
    public Trial(float[] u, float[] y, int onset, int duration, boolean isCatch) {
        this(u, y, decodeMask(y), onset, duration, isCatch);
    }

    /** The mask a dataset file's targets encode: true where y != {@link #NOT_EVALUATED}. */
    public static boolean[] decodeMask(float[] y) {
        boolean[] m = new boolean[y.length];
        for (int t = 0; t < y.length; t++) {
            m[t] = y[t] != NOT_EVALUATED;
        }
        return m;
    }

    /** The target of step t as a dataset file stores it: y[t] in the loss, {@link #NOT_EVALUATED} outside. */
    public float encodedTarget(int t) {
        return mask[t] ? y[t] : NOT_EVALUATED;
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

    /** Training mask at step t. */
    public boolean trainMask(int t) {
        return mask[t];
    }

    /** Evaluation mask (SPEC section 4): in the loss and a positive target. */
    public boolean evalMask(int t) {
        return mask[t] && y[t] > 0;
    }

    /** Number of steps in the training mask. */
    public int trainMaskCount() {
        int c = 0;
        for (boolean m : mask) {
            if (m) {
                c++;
            }
        }
        return c;
    }
}
