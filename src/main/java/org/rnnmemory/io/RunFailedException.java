package org.rnnmemory.io;

/**
 * A run that started but could not go on for lack of a resource (memory, disk space). Its
 * {@code run.json} says {@code failed} with the reason and its last checkpoint is intact, so it can
 * be resumed once the resource is there. Reported as one line, exit code {@link #EXIT_CODE}.
 */
public class RunFailedException extends RuntimeException {
    /** Exit code of a run that ran out of memory or disk. */
    public static final int EXIT_CODE = 3;

    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
