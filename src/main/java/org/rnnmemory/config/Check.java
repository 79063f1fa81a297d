package org.rnnmemory.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Validation helpers shared by the configuration records; each failure names the YAML key. */
final class Check {
    private Check() {}

    static ConfigValueException fail(String key, String problem) {
        return new ConfigValueException(key, problem);
    }

    static void atLeast(String key, long value, long min) {
        if (value < min) {
            throw fail(key, "must be >= " + min + ", found " + value);
        }
    }

    static void positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw fail(key, "must be > 0, found " + value);
        }
    }

    static void nonNegative(String key, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw fail(key, "must be >= 0, found " + value);
        }
    }

    static void finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw fail(key, "must be a finite number, found " + value);
        }
    }

    static <T> T notNull(String key, T value) {
        if (value == null) {
            throw fail(key, "must be given");
        }
        return value;
    }

    static void oneOf(String key, String value, List<String> allowed) {
        notNull(key, value);
        if (!allowed.contains(value)) {
            throw fail(key, "must be one of " + String.join(", ", allowed) + "; found " + quote(value)
                    + Suggest.hint(value, allowed));
        }
    }

    /** Rejects a repeated item, naming it as {@code key[i]}. */
    static void distinct(String key, List<?> values) {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw fail(key + "[" + i + "]", "repeats the value " + values.get(i));
            }
        }
    }

    /** A number as a person would write it: 10 rather than 10.0. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String quote(String s) {
        return "'" + s + "'";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
