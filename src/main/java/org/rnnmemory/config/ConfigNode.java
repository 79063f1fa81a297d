package org.rnnmemory.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML value that remembers where it came from. */
sealed interface ConfigNode {

    /** Where the value was written. */
    Origin origin();

    /**
     * @param where {@code file:line} or {@code --set ARG}, for messages
     * @param baseDir folder against which relative paths in the value resolve
     */
    record Origin(String where, Path baseDir) {}

    /** A mapping entry: where its key was written, and its value. */
    record Entry(Origin keyOrigin, ConfigNode value) {}

    /** A mapping with string keys, in document order. */
    record MapNode(Origin origin, Map<String, Entry> entries) implements ConfigNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        /** A copy with {@code key} set (added at the end, or replaced in place). */
        MapNode with(String key, Entry entry) {
            Map<String, Entry> m = new LinkedHashMap<>(entries);
            m.put(key, entry);
            return new MapNode(origin, m);
        }
    }

    /** A sequence. */
    record ListNode(Origin origin, List<ConfigNode> items) implements ConfigNode {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /**
     * A scalar.
     *
     * @param value Integer, Long, BigInteger, Double, Boolean, String, null, or another YAML type
     * @param text the scalar as written
     */
    record Scalar(Origin origin, Object value, String text) implements ConfigNode {}
}
