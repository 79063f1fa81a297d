package org.rnnmemory.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The experiment key tree, read off the canonical form of {@link ExperimentSpec#SYSTEM_A}: a key
 * whose value there is a map is a section, every other key is a leaf.
 */
final class Schema {
    private Schema() {}

    private static final Map<String, Object> CANONICAL = ExperimentSpec.SYSTEM_A.toMap();

    /** The keys allowed directly under a section ("" for the top level). */
    static Collection<String> keysOf(String sectionPath) {
        return section(sectionPath).keySet();
    }

    /** Whether {@code path} names a section (a mapping of further keys). */
    static boolean isSection(String path) {
        return path.isEmpty() || get(CANONICAL, path) instanceof Map;
    }

    /** Whether {@code path} names a section or a leaf. */
    static boolean exists(String path) {
        return allPaths().contains(path);
    }

    /** Dotted paths of every leaf, in canonical order. */
    static List<String> leafPaths() {
        return allPaths().stream().filter(p -> !isSection(p)).toList();
    }

    /** Dotted paths of every section and leaf, in canonical order. */
    static List<String> allPaths() {
        List<String> out = new ArrayList<>();
        collect(CANONICAL, "", out);
        return out;
    }

    /** The value at a dotted path of a nested map, or null. */
    static Object get(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String segment : path.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(segment);
        }
        return node;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(String path) {
        return path.isEmpty() ? CANONICAL : (Map<String, Object>) get(CANONICAL, path);
    }

    @SuppressWarnings("unchecked")
    private static void collect(Map<String, Object> map, String prefix, List<String> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String path = join(prefix, e.getKey());
            out.add(path);
            if (e.getValue() instanceof Map) {
                collect((Map<String, Object>) e.getValue(), path, out);
            }
        }
    }
}
