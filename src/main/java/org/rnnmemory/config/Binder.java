package org.rnnmemory.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.rnnmemory.config.ConfigNode.Entry;
import org.rnnmemory.config.ConfigNode.ListNode;
import org.rnnmemory.config.ConfigNode.MapNode;
import org.rnnmemory.config.ConfigNode.Origin;
import org.rnnmemory.config.ConfigNode.Scalar;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.InitialState;
import org.rnnmemory.model.Precision;

/**
 * Builds an {@link ExperimentSpec} from a YAML tree. Absent keys take the value of
 * {@link ExperimentSpec#SYSTEM_A}; a value the records reject is reported at the line of its key.
 */
final class Binder {
    /** Most seeds a {@code {from, to}} range may expand to. */
    static final int MAX_SEEDS = 100_000;

    private static final List<String> PCS_KEYS = List.of("pcs", "of", "weights");
    private static final List<String> VECTOR_KEYS = List.of("vector");
    private static final String INIT_FORMS = "'random', {pcs: [1, 2], of: spontaneous|memory} or {vector: PATH.npy}";
    private static final String READOUT_INIT_FORMS = "'random', 'input', {pcs: [1, 2], of: spontaneous|memory} or "
            + "{vector: PATH.npy}";

    private Binder() {}

    static ExperimentSpec spec(MapNode root) {
        try {
            return build(root);
        } catch (ConfigValueException e) {
            throw new ConfigException(locate(root, e.key()).where(), e.key(), e.problem());
        }
    }

    private static ExperimentSpec build(MapNode root) {
        ExperimentSpec d = ExperimentSpec.SYSTEM_A;
        Fields top = Fields.of(root, "", Schema.keysOf(""));
        return new ExperimentSpec(top.string("name", d.name()), seeds(top.node("seeds"), d.seeds()),
                network(top.section("network")), task(top.section("task")), training(top.section("training")),
                evaluation(top.section("evaluation")));
    }

    private static List<Integer> seeds(ConfigNode node, List<Integer> dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof ListNode) {
            return Fields.toList(node, "seeds", Fields::toInt);
        }
        if (!(node instanceof MapNode)) {
            throw Fields.typeError(node, "seeds", "{from: A, to: B} or a list of integers");
        }
        Fields f = Fields.of(node, "seeds", List.of("from", "to"));
        int from = Fields.toInt(f.required("from", "an integer"), "seeds.from");
        int to = Fields.toInt(f.required("to", "an integer"), "seeds.to");
        Check.atLeast("seeds.from", from, 0);
        Check.atLeast("seeds.to", to, from);
        if ((long) to - from >= MAX_SEEDS) {
            throw Check.fail("seeds.to", "the range holds more than " + MAX_SEEDS + " seeds");
        }
        return IntStream.rangeClosed(from, to).boxed().toList();
    }

    private static NetworkSection network(Fields f) {
        NetworkSection d = NetworkSection.SYSTEM_A;
        Fields init = f.section("init");
        return new NetworkSection(f.integer("hidden_size", d.hiddenSize()), f.number("tau_ms", d.tauMs()),
                f.number("dt_ms", d.dtMs()), f.number("gain", d.gain()), f.longInt("network_seed", d.networkSeed()),
                initialState(f.string("initial_state", d.initialState().configName())), f.list("trainable", d.trainable(), Fields::toStr),
                weightInit(init.node("input"), init.key("input"), d.initInput()),
                readoutInit(init.node("readout"), init.key("readout"), d.initReadout()),
                generator(init.string("generator", d.initGenerator().configName())));
    }

    private static InitialState initialState(String name) {
        Check.oneOf("network.initial_state", name, InitialState.configNames());
        return InitialState.find(name).orElseThrow();
    }

    private static Precision dtype(String name) {
        Check.oneOf("training.dtype", name, Precision.configNames());
        return Precision.find(name).orElseThrow();
    }

    private static Draws generator(String name) {
        Check.oneOf("network.init.generator", name, Draws.configNames());
        return Draws.of(name);
    }

    private static TaskSection task(Fields f) {
        TaskSection d = TaskSection.SYSTEM_A;
        return new TaskSection(f.integer("trial_ms", d.trialMs()), f.integer("onset_ms", d.onsetMs()),
                f.integer("onset_jitter_ms", d.onsetJitterMs()), f.integer("duration_ms", d.durationMs()),
                f.integer("duration_jitter_ms", d.durationJitterMs()), f.number("strength", d.strength()),
                f.number("slope_per_ms", d.slopePerMs()), f.integer("cost_onset_ms", d.costOnsetMs()),
                f.number("catch_fraction", d.catchFraction()), f.integer("trials", d.trials()),
                f.nullableString("dataset", d.dataset()));
    }

    private static TrainingSection training(Fields f) {
        TrainingSection d = TrainingSection.SYSTEM_A;
        return new TrainingSection(f.integer("epochs", d.epochs()), f.integer("batch_size", d.batchSize()),
                f.number("learning_rate", d.learningRate()), Engine.parse("training.engine", f.string("engine", d.engine().configName())),
                f.integer("chunk_steps", d.chunkSteps()), dtype(f.string("dtype", d.dtype().configName())),
                f.integer("workers", d.workers()), f.number("rate_memory_gib", d.rateMemoryGib()));
    }

    private static EvaluationSection evaluation(Fields f) {
        EvaluationSection d = EvaluationSection.SYSTEM_A;
        return new EvaluationSection(f.integer("onset_ms", d.onsetMs()),
                f.list("durations_ms", d.durationsMs(), Fields::toInt));
    }

    /** {@code random}, {@code {pcs, of, weights}} or {@code {vector}}. */
    /** As {@link #weightInit}, and the string {@code input}: w0 = I0 / sqrt(N). */
    static WeightInit readoutInit(ConfigNode node, String key, WeightInit dflt) {
        if (node instanceof Scalar s && s.value() instanceof String str && !str.equals("random")) {
            if (!str.equals("input")) {
                throw new ConfigException(node.origin().where(), key, "expected " + READOUT_INIT_FORMS + ", found '"
                        + str + "'" + Suggest.hint(str, List.of("random", "input")));
            }
            return new WeightInit.ScaledInput();
        }
        return weightInit(node, key, dflt);
    }

    static WeightInit weightInit(ConfigNode node, String key, WeightInit dflt) {
        if (node == null) {
            return dflt;
        }
        if (node instanceof Scalar s && s.value() instanceof String str) {
            if (str.equals("input")) {
                throw new ConfigException(node.origin().where(), key,
                        "'input' (w0 = I0 / sqrt(N)) is a readout initialisation only; expected " + INIT_FORMS);
            }
            if (!str.equals("random")) {
                throw new ConfigException(node.origin().where(), key, "expected " + INIT_FORMS + ", found '"
                        + str + "'" + Suggest.hint(str, List.of("random")));
            }
            return new WeightInit.Random();
        }
        if (!(node instanceof MapNode m)) {
            throw Fields.typeError(node, key, INIT_FORMS);
        }
        if (m.entries().containsKey("vector") && m.entries().containsKey("pcs")) {
            throw new ConfigException(node.origin().where(), key, "give either pcs or vector, not both");
        }
        try {
            return m.entries().containsKey("vector") ? vector(m, key) : pcs(m, key);
        } catch (ConfigValueException e) {
            throw e.within(key);
        }
    }

    private static WeightInit pcs(MapNode m, String key) {
        Fields f = Fields.of(m, key, PCS_KEYS);
        List<Integer> pcs = Fields.toList(f.required("pcs", "a list of PC indices (1-based)"), f.key("pcs"),
                Fields::toInt);
        String of = Fields.toStr(f.required("of", "spontaneous or memory"), f.key("of"));
        List<Double> weights = f.list("weights", null, Fields::toDouble);
        return new WeightInit.Pcs(pcs, of, weights);
    }

    private static WeightInit vector(MapNode m, String key) {
        Fields f = Fields.of(m, key, VECTOR_KEYS);
        Entry e = m.entries().get("vector");
        String text = Fields.toStr(e.value(), f.key("vector"));
        Path file;
        try {
            file = e.value().origin().baseDir().resolve(text).toAbsolutePath().normalize();
        } catch (InvalidPathException ex) {
            throw new ConfigException(e.keyOrigin().where(), f.key("vector"), "not a valid path: '" + text + "'");
        }
        WeightInit.Vector v = new WeightInit.Vector(file);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(e.keyOrigin().where(), f.key("vector"), "file not found: " + file);
        }
        return v;
    }

    /**
     * Where the value of a dotted key ({@code a.b[2].c}) was written: the deepest part of the path
     * present in the tree. A map key that itself contains dots is matched whole.
     */
    static Origin locate(MapNode root, String key) {
        ConfigNode node = root;
        Origin origin = root.origin();
        String rest = key;
        while (!rest.isEmpty()) {
            if (rest.startsWith("[") && node instanceof ListNode l) {
                int close = rest.indexOf(']');
                int i = close < 0 ? -1 : parseIndex(rest.substring(1, close));
                if (i < 0 || i >= l.items().size()) {
                    break;
                }
                node = l.items().get(i);
                origin = node.origin();
                rest = strip(rest.substring(close + 1));
            } else if (node instanceof MapNode m && longestKey(m, rest) != null) {
                String k = longestKey(m, rest);
                Entry e = m.entries().get(k);
                node = e.value();
                origin = e.keyOrigin();
                rest = strip(rest.substring(k.length()));
            } else {
                break;
            }
        }
        return origin;
    }

    private static String longestKey(MapNode m, String rest) {
        String best = null;
        for (String k : m.entries().keySet()) {
            if (!rest.startsWith(k)) {
                continue;
            }
            boolean boundary = rest.length() == k.length() || rest.charAt(k.length()) == '.'
                    || rest.charAt(k.length()) == '[';
            if (boundary && (best == null || k.length() > best.length())) {
                best = k;
            }
        }
        return best;
    }

    private static String strip(String s) {
        return s.startsWith(".") ? s.substring(1) : s;
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
