package org.rnnmemory.io;

/**
 * A command refuses to start because the request cannot be met as asked: the directory is in use by
 * another process, or the run needs more memory or disk than it may use. Reported as a one-line
 * error with exit code 2; nothing has been written.
 */
public class RefusedException extends RuntimeException {
    public RefusedException(String message) {
        super(message);
    }
}
