package org.rnnmemory.config;

/**
 * A configuration record rejected a value. Carries the dotted YAML key so that the loader can
 * point at the line it came from; the message reads {@code "network.tau_ms: must be > 0, found -3.0"}.
 */
public class ConfigValueException extends IllegalArgumentException {
    private final String key;
    private final String problem;

    public ConfigValueException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
        this.problem = problem;
    }

    /** Dotted key of the rejected value, list items as {@code key[i]} (0-based). */
    public String key() {
        return key;
    }

    /** The problem without the key. */
    public String problem() {
        return problem;
    }

    /** The same problem with the key placed under {@code prefix}. */
    public ConfigValueException within(String prefix) {
        ConfigValueException e = new ConfigValueException(prefix + "." + key, problem);
        e.initCause(this);
        return e;
    }
}
