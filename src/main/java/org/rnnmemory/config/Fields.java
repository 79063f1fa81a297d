package org.rnnmemory.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;
import org.rnnmemory.config.ConfigNode.Entry;
import org.rnnmemory.config.ConfigNode.ListNode;
import org.rnnmemory.config.ConfigNode.MapNode;
import org.rnnmemory.config.ConfigNode.Scalar;

/**
 * Typed reads from one YAML mapping, without coercion: an integer key takes only a YAML integer, a
 * number key an integer or float, a string key only a string. Unknown keys are rejected when the
 * mapping is opened. Every error names the line and the dotted key.
 */
final class Fields {
    private final MapNode map;
    private final String path;

    private Fields(MapNode map, String path) {
        this.map = map;
        this.path = path;
    }

    /** Opens {@code node} (null = absent, all defaults) as a mapping with only {@code allowed} keys. */
    static Fields of(ConfigNode node, String path, Collection<String> allowed) {
        if (node == null) {
            return new Fields(null, path);
        }
        if (!(node instanceof MapNode m)) {
            throw typeError(node, path, "a mapping");
        }
        for (var e : m.entries().entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw new ConfigException(e.getValue().keyOrigin().where(), Schema.join(path, e.getKey()),
                        Suggest.unknownKey(e.getKey(), allowed));
            }
        }
        return new Fields(m, path);
    }

    /** The experiment section under {@code key}, with the keys {@link Schema} allows there. */
    Fields section(String key) {
        return of(node(key), key(key), Schema.keysOf(key(key)));
    }

    /** The value under {@code key}, or null when absent. */
    ConfigNode node(String key) {
        Entry e = map == null ? null : map.entries().get(key);
        return e == null ? null : e.value();
    }

    /** The value under {@code key} of a mapping that is present; an error at the mapping when absent. */
    ConfigNode required(String key, String expected) {
        if (map == null) {
            throw new IllegalStateException("required(" + key + ") on the absent mapping " + path);
        }
        ConfigNode n = node(key);
        if (n == null) {
            throw new ConfigException(map.origin().where(), key(key), "missing; expected " + expected);
        }
        return n;
    }

    /** Dotted path of {@code key} in this mapping. */
    String key(String key) {
        return Schema.join(path, key);
    }

    int integer(String key, int dflt) {
        return node(key) == null ? dflt : toInt(node(key), key(key));
    }

    long longInt(String key, long dflt) {
        return node(key) == null ? dflt : toLong(node(key), key(key));
    }

    double number(String key, double dflt) {
        return node(key) == null ? dflt : toDouble(node(key), key(key));
    }

    String string(String key, String dflt) {
        return node(key) == null ? dflt : toStr(node(key), key(key));
    }

    /** A string that may be YAML {@code null}. */
    String nullableString(String key, String dflt) {
        ConfigNode n = node(key);
        return n == null ? dflt : n instanceof Scalar s && s.value() == null ? null : toStr(n, key(key));
    }

    <T> List<T> list(String key, List<T> dflt, BiFunction<ConfigNode, String, T> item) {
        return node(key) == null ? dflt : toList(node(key), key(key), item);
    }

    static int toInt(ConfigNode n, String key) {
        long v = toLong(n, key);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(n.origin().where(), key, "integer out of range, found " + v);
        }
        return (int) v;
    }

    static long toLong(ConfigNode n, String key) {
        Object v = n instanceof Scalar s ? s.value() : null;
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            throw new ConfigException(n.origin().where(), key, "integer out of range, found " + v);
        }
        throw typeError(n, key, "an integer");
    }

    static double toDouble(ConfigNode n, String key) {
        Object v = n instanceof Scalar s ? s.value() : null;
        if (v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof BigInteger) {
            return ((Number) v).doubleValue();
        }
        throw typeError(n, key, "a number");
    }

    static String toStr(ConfigNode n, String key) {
        if (n instanceof Scalar s && s.value() instanceof String str) {
            return str;
        }
        throw typeError(n, key, "a string");
    }

    static boolean toBool(ConfigNode n, String key) {
        if (n instanceof Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        throw typeError(n, key, "true or false");
    }

    static <T> List<T> toList(ConfigNode n, String key, BiFunction<ConfigNode, String, T> item) {
        if (!(n instanceof ListNode l)) {
            throw typeError(n, key, "a list");
        }
        List<T> out = new ArrayList<>();
        for (ConfigNode i : l.items()) {
            out.add(item.apply(i, key + "[" + out.size() + "]"));
        }
        return out;
    }

    static ConfigException typeError(ConfigNode n, String key, String expected) {
        return new ConfigException(n.origin().where(), key, "expected " + expected + ", found " + describe(n));
    }

    /** How a value reads in a message: "a mapping", "the string '1.5'", "1.5 (a float)". */
    static String describe(ConfigNode n) {
        if (n instanceof MapNode) {
            return "a mapping";
        }
        if (n instanceof ListNode) {
            return "a list";
        }
        Scalar s = (Scalar) n;
        Object v = s.value();
        if (v == null) {
            return "null";
        }
        if (v instanceof String str) {
            return "the string '" + str + "'";
        }
        String kind = v instanceof Boolean ? "a boolean"
                : v instanceof Double ? "a float"
                : v instanceof Number ? "an integer"
                : v instanceof java.util.Date ? "a date" : "a " + v.getClass().getSimpleName();
        return s.text() + " (" + kind + ")";
    }
}
