package org.rnnmemory.io;

import java.nio.file.Path;

/** A missing, unreadable or malformed input file. The message names the file. */
public class InputFileException extends RuntimeException {
    private final Path file;

    public InputFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InputFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
