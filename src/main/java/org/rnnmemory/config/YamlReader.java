package org.rnnmemory.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.rnnmemory.config.ConfigNode.Entry;
import org.rnnmemory.config.ConfigNode.Origin;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML document into {@link ConfigNode}s with their lines, using SnakeYAML's composed
 * node tree. Scalars keep the type YAML gives them (a quoted "1.5" stays a string). Duplicate and
 * non-string keys are errors.
 */
final class YamlReader {
    private final IntFunction<Origin> origins;
    private final Scalars scalars = new Scalars();
    /** Nodes on the path from the root to the node being converted; an alias may point back. */
    private final Set<Node> ancestors = Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlReader(IntFunction<Origin> origins) {
        this.origins = origins;
    }

    /**
     * Parses {@code text}; null for an empty document.
     *
     * @param path dotted key the document sits at ("" for a whole file), used in messages
     * @param origins the origin of a 1-based line
     */
    static ConfigNode read(String text, String path, IntFunction<Origin> origins) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException(origins.apply(m == null ? 1 : m.getLine() + 1).where(), path,
                    "malformed YAML: " + problem);
        } catch (YAMLException e) {
            throw new ConfigException(origins.apply(1).where(), path, "malformed YAML: " + e.getMessage());
        }
        return root == null ? null : new YamlReader(origins).convert(root, path);
    }

    private ConfigNode convert(Node node, String path) {
        Origin origin = origins.apply(node.getStartMark().getLine() + 1);
        if (!ancestors.add(node)) {
            throw new ConfigException(origin.where(), path, "an alias refers to a value that contains it");
        }
        try {
            return convertNode(node, path, origin);
        } finally {
            ancestors.remove(node);
        }
    }

    private ConfigNode convertNode(Node node, String path, Origin origin) {
        if (node instanceof MappingNode m) {
            return mapping(m, path, origin);
        }
        if (node instanceof SequenceNode s) {
            List<ConfigNode> items = new ArrayList<>();
            for (Node item : s.getValue()) {
                items.add(convert(item, path + "[" + items.size() + "]"));
            }
            return new ConfigNode.ListNode(origin, items);
        }
        ScalarNode s = (ScalarNode) node;
        try {
            return new ConfigNode.Scalar(origin, scalars.value(s), s.getValue());
        } catch (YAMLException e) {
            throw new ConfigException(origin.where(), path, "cannot read the value '" + s.getValue() + "'");
        }
    }

    private ConfigNode mapping(MappingNode m, String path, Origin origin) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            Origin keyOrigin = origins.apply(t.getKeyNode().getStartMark().getLine() + 1);
            String key = key(t.getKeyNode(), path, keyOrigin);
            String keyPath = Schema.join(path, key);
            Entry first = entries.get(key);
            if (first != null) {
                throw new ConfigException(keyOrigin.where(), keyPath,
                        "duplicate key (first given at " + first.keyOrigin().where() + ")");
            }
            entries.put(key, new Entry(keyOrigin, convert(t.getValueNode(), keyPath)));
        }
        return new ConfigNode.MapNode(origin, entries);
    }

    /** A mapping key: a plain string; a merge key {@code <<} is kept as an (unknown) key. */
    private static String key(Node keyNode, String path, Origin keyOrigin) {
        if (Tag.MERGE.equals(keyNode.getTag())) {
            return "<<";
        }
        if (keyNode instanceof ScalarNode s && Tag.STR.equals(s.getTag())) {
            return s.getValue();
        }
        String found = keyNode instanceof ScalarNode s ? s.getValue() : "a " + keyNode.getNodeId();
        throw new ConfigException(keyOrigin.where(), path, "keys must be strings, found " + found);
    }

    /** SnakeYAML's safe scalar construction (int, float, bool, null, str, timestamp). */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            return constructObject(node);
        }
    }
}
