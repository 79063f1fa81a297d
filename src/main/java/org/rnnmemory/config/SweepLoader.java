package org.rnnmemory.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.config.ConfigNode.Entry;
import org.rnnmemory.config.ConfigNode.ListNode;
import org.rnnmemory.config.ConfigNode.MapNode;
import org.rnnmemory.config.ConfigNode.Scalar;

/**
 * Loads a {@link SweepSpec} as strictly as {@link ExperimentLoader}. The experiment file is loaded
 * too, and every swept value (every grid value; min and max of a range) is applied to it as an
 * override, so a bad key or value is reported at its line in the sweep file.
 */
public final class SweepLoader {
    private static final List<String> TOP_KEYS = List.of("sweep");
    private static final List<String> KEYS = List.of("experiment", "search", "candidates", "seed", "parameters");
    private static final List<String> RANGE_KEYS = List.of("min", "max", "log");

    private SweepLoader() {}

    /** Reads a sweep file; its {@code experiment} path resolves against the sweep file's folder. */
    public static SweepSpec load(Path file) {
        return bind(ExperimentLoader.readFile(file));
    }

    private static SweepSpec bind(MapNode root) {
        try {
            return build(root);
        } catch (ConfigValueException e) {
            throw new ConfigException(Binder.locate(root, e.key()).where(), e.key(), e.problem());
        }
    }

    private static SweepSpec build(MapNode root) {
        Fields top = Fields.of(root, "", TOP_KEYS);
        Fields f = Fields.of(top.required("sweep", "a mapping with experiment and parameters"), "sweep", KEYS);
        Path experiment = experimentPath(f.required("experiment", "the path of an experiment YAML file"));
        String search = f.string("search", SweepSpec.DEFAULT_SEARCH);
        Check.oneOf("sweep.search", search, SweepSpec.SEARCHES);
        ConfigNode candidates = search.equals("random")
                ? f.required("candidates", "the number of random draws") : f.node("candidates");
        int n = candidates == null ? 0 : Fields.toInt(candidates, "sweep.candidates");
        long seed = f.longInt("seed", SweepSpec.DEFAULT_SEED);
        MapNode experimentTree = ExperimentLoader.readFile(experiment);
        Binder.spec(experimentTree);
        Map<String, List<Object>> parameters = new LinkedHashMap<>();
        ConfigNode params = f.required("parameters", "a mapping of experiment keys to values");
        if (!(params instanceof MapNode pm)) {
            throw Fields.typeError(params, "sweep.parameters", "a mapping of experiment keys to values");
        }
        for (Map.Entry<String, Entry> e : pm.entries().entrySet()) {
            parameters.put(e.getKey(), values(experimentTree, e.getKey(), e.getValue(), search));
        }
        return new SweepSpec(experiment, search, n, seed, parameters);
    }

    private static Path experimentPath(ConfigNode node) {
        String text = Fields.toStr(node, "sweep.experiment");
        try {
            return node.origin().baseDir().resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(node.origin().where(), "sweep.experiment", "not a valid path: '" + text + "'");
        }
    }

    /** The values of one swept key, each checked by applying it to the experiment. */
    private static List<Object> values(MapNode experimentTree, String key, Entry entry, String search) {
        String sweepKey = "sweep.parameters." + key;
        if (!Schema.exists(key)) {
            throw new ConfigException(entry.keyOrigin().where(), sweepKey,
                    "not an experiment key; " + Suggest.alternatives(key, Schema.allPaths()));
        }
        List<ConfigNode> checked = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        if (search.equals("grid")) {
            if (!(entry.value() instanceof ListNode l)) {
                throw Fields.typeError(entry.value(), sweepKey, "a list of values for search: grid");
            }
            checked.addAll(l.items());
            l.items().forEach(i -> out.add(plain(i)));
        } else {
            Fields r = Fields.of(entry.value(), sweepKey, RANGE_KEYS);
            ConfigNode min = r.required("min", "a number");
            ConfigNode max = r.required("max", "a number");
            out.add(number(min, r.key("min")));
            out.add(number(max, r.key("max")));
            out.add(r.node("log") == null ? false : Fields.toBool(r.node("log"), r.key("log")));
            checked.add(min);
            checked.add(max);
        }
        for (ConfigNode v : checked) {
            Binder.spec(Overrides.set(experimentTree, key, v, v.origin()));
        }
        return out;
    }

    private static Number number(ConfigNode n, String key) {
        Fields.toDouble(n, key);
        return (Number) ((Scalar) n).value();
    }

    /** A node as plain Java values: scalars, lists and ordered maps. */
    static Object plain(ConfigNode n) {
        if (n instanceof Scalar s) {
            return s.value();
        }
        if (n instanceof ListNode l) {
            List<Object> out = new ArrayList<>();
            l.items().forEach(i -> out.add(plain(i)));
            return out;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        ((MapNode) n).entries().forEach((k, e) -> out.put(k, plain(e.value())));
        return out;
    }
}
