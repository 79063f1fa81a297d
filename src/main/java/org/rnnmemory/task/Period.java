package org.rnnmemory.task;

/**
 * A named epoch of a trial, in steps: {@code [from, to)}. A task declares its periods per trial
 * ({@link Task#periods}); inputs, targets and the loss mask are functions of them.
 *
 * @param name period name, e.g. {@code fixation}, {@code stimulus}, {@code delay}, {@code response}
 * @param from first step of the period
 * @param to first step after it, {@code >= from}
 */
public record Period(String name, int from, int to) {

    public Period {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a period needs a name");
        }
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("period " + name + " must satisfy 0 <= from <= to, found [" + from
                    + ", " + to + ")");
        }
    }

    /** Steps in the period. */
    public int length() {
        return to - from;
    }

    /** Whether step t lies in the period. */
    public boolean contains(int t) {
        return t >= from && t < to;
    }
}
