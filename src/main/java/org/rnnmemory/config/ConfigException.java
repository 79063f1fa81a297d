package org.rnnmemory.config;

import org.rnnmemory.io.UserInputException;

/**
 * A configuration that cannot be used. The message is one line,
 * {@code <where>: <dotted.key>: <problem>}, where {@code <where>} is {@code file:line} for a value
 * read from a file, {@code --set ARG} for a command-line override, or just the file for a file that
 * cannot be read; the key part is left out for problems of the whole document.
 */
public class ConfigException extends UserInputException {
    private final String where;
    private final String key;
    private final String problem;

    /**
     * @param where {@code file:line}, {@code --set ARG} or a file name
     * @param key dotted key of the offending value, or null for the whole document
     * @param problem what is wrong, as a phrase ("must be > 0, found -3.0")
     */
    public ConfigException(String where, String key, String problem) {
        super(oneLine(where + ": " + (key == null || key.isEmpty() ? "" : key + ": ") + problem));
        this.where = where;
        this.key = key == null || key.isEmpty() ? null : key;
        this.problem = problem;
    }

    /** {@code file:line}, {@code --set ARG} or the file name. */
    public String where() {
        return where;
    }

    /** The dotted key, or null for a problem of the whole document. */
    public String key() {
        return key;
    }

    /** The problem without location and key. */
    public String problem() {
        return problem;
    }

    static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
