package org.rnnmemory.config;

import java.nio.file.Path;
import java.util.Map;
import org.rnnmemory.config.ConfigNode.Entry;
import org.rnnmemory.config.ConfigNode.MapNode;
import org.rnnmemory.config.ConfigNode.Origin;
import org.rnnmemory.config.ConfigNode.Scalar;

/** Replaces values of a YAML tree at dotted experiment keys ({@code --set PATH=VALUE}). */
final class Overrides {
    private Overrides() {}

    /**
     * Applies one {@code PATH=VALUE} argument; VALUE is parsed as YAML, and relative paths in it
     * resolve against the working folder.
     */
    static MapNode apply(MapNode root, String arg) {
        String where = "--set " + arg;
        int eq = arg.indexOf('=');
        if (eq < 1) {
            throw new ConfigException(where, null, "expected PATH=VALUE, e.g. training.epochs=2");
        }
        String path = arg.substring(0, eq).strip();
        Origin origin = new Origin(where, Path.of("").toAbsolutePath());
        ConfigNode value = YamlReader.read(arg.substring(eq + 1), path, line -> origin);
        return set(root, path, value == null ? new Scalar(origin, null, "") : value, origin);
    }

    /** {@code root} with the value at a dotted experiment key replaced; missing sections are created. */
    static MapNode set(MapNode root, String path, ConfigNode value, Origin origin) {
        if (!Schema.exists(path)) {
            throw new ConfigException(origin.where(), path, Suggest.unknownKey(path, Schema.allPaths()));
        }
        return set(root, "", path.split("\\."), 0, value, origin);
    }

    private static MapNode set(MapNode map, String prefix, String[] segments, int i, ConfigNode value,
                               Origin origin) {
        String key = segments[i];
        if (i == segments.length - 1) {
            return map.with(key, new Entry(origin, value));
        }
        String keyPath = Schema.join(prefix, key);
        Entry existing = map.entries().get(key);
        if (existing == null) {
            // A section the file leaves out: other keys in it are defaults, so errors about them
            // point at the enclosing mapping rather than at this override.
            existing = new Entry(map.origin(), new MapNode(map.origin(), Map.of()));
        }
        if (!(existing.value() instanceof MapNode child)) {
            throw Fields.typeError(existing.value(), keyPath, "a mapping");
        }
        return map.with(key, new Entry(existing.keyOrigin(), set(child, keyPath, segments, i + 1, value, origin)));
    }
}
