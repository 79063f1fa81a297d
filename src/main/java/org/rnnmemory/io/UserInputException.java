package org.rnnmemory.io;

/** A bad argument or configuration value; printed as a one-line error with exit code 2. */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
