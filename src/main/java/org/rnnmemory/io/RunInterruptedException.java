package org.rnnmemory.io;

/**
 * A run stopped on SIGINT or SIGTERM after recording its state ({@code run.json} status
 * {@code interrupted}, the last checkpoint kept). The command line reports it as one line with the
 * command that resumes, and exits with {@link #exitCode()}: 128 + the signal number, as a shell does
 * (130 for SIGINT, 143 for SIGTERM).
 */
public class RunInterruptedException extends RuntimeException {
    private final String signal;
    private final int exitCode;

    /**
     * @param signal the signal's name, e.g. "SIGINT"
     * @param exitCode 128 + the signal number
     * @param message what was interrupted and how far it got
     */
    public RunInterruptedException(String signal, int exitCode, String message) {
        super(message);
        this.signal = signal;
        this.exitCode = exitCode;
    }

    public String signal() {
        return signal;
    }

    public int exitCode() {
        return exitCode;
    }
}
