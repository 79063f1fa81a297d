package org.rnnmemory.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * How far a run got: the {@code status} of {@code run.json} (and of a sweep's provenance). A failed
 * run records its reason after the word: {@code "failed: out of memory ..."}.
 */
public enum RunStatus {
    /** Started and not yet ended (or killed without a chance to say so). */
    RUNNING("running"),
    /** Every update trained and every seed evaluated. */
    COMPLETED("completed"),
    /** Stopped by a signal; resumable from its checkpoint. */
    INTERRUPTED("interrupted"),
    /** Ended by an error; the reason follows the word. */
    FAILED("failed");

    private final String word;

    RunStatus(String word) {
        this.word = word;
    }

    /** The word written to {@code run.json}. */
    public String word() {
        return word;
    }

    /** The status text of a failure: {@code "failed: " + reason}. */
    public static String failed(String reason) {
        return FAILED.word + ": " + reason;
    }

    /**
     * The status a {@code run.json} status text holds: its word, or {@code failed} for
     * {@code "failed: REASON"}; empty for any other text.
     */
    public static Optional<RunStatus> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(s -> text.equals(s.word) || s == FAILED && text.startsWith(FAILED.word))
                .findFirst();
    }

    /** Whether {@code text} is this status (for {@link #FAILED}, with or without a reason). */
    public boolean is(String text) {
        return of(text).orElse(null) == this;
    }

    /** The word. */
    @Override
    public String toString() {
        return word;
    }
}
