package org.rnnmemory.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.rnnmemory.io.UserInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Decides whether runs can be compared, from their resolved configurations
 * ({@link org.rnnmemory.config.ExperimentSpec#flatten()}).
 *
 * <p>A comparison is meaningful when every run solves the same task, is evaluated the same way and
 * uses the same fixed recurrent matrix G. So the runs must agree on every {@code task.*} and
 * {@code evaluation.*} key and on {@link #G_KEYS}. What may differ is what is being compared:
 * {@link #COMPARED} keys, keys under {@code network.init.} and {@code training.}, and the run's
 * {@code name}. {@code network.hidden_size} may differ too (experiment E); G is then a different
 * N x N matrix by construction, which the report states. Any other key must be equal.
 */
public final class RunCompatibility {
    /** Keys that fix G (besides N): its seed, gain, and the time constants of the dynamics. */
    public static final List<String> G_KEYS = List.of("network.network_seed", "network.gain", "network.tau_ms",
            "network.dt_ms");
    /** The key allowed to differ although it changes G. */
    public static final String HIDDEN_SIZE = "network.hidden_size";
    /**
     * Single keys that may differ: the run's name, its model seeds, which weights are trained, and
     * the initial state h[0] (zero, or drawn from the model seed).
     */
    public static final Set<String> COMPARED = Set.of("name", "seeds", "network.trainable", "network.initial_state");
    private static final List<String> COMPARED_PREFIXES = List.of("network.init.", "training.");

    /**
     * A key whose value differs between runs.
     *
     * @param key dotted key, e.g. {@code network.trainable}
     * @param values its value in each run, in run order, as text
     */
    public record Difference(String key, List<String> values) {}

    private RunCompatibility() {}

    /**
     * The keys whose values differ between the runs (name and seeds left out), in canonical key order.
     *
     * @throws UserInputException naming every differing key that makes the comparison meaningless
     */
    public static List<Difference> check(List<ComparedRun> runs) {
        List<Map<String, Object>> flat = runs.stream().map(r -> r.spec().flatten()).toList();
        List<Difference> allowed = new ArrayList<>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        for (String key : flat.get(0).keySet()) {
            List<String> values = flat.stream().map(f -> text(f.get(key))).toList();
            if (values.stream().distinct().count() == 1) {
                continue;
            }
            if (isAllowed(key)) {
                if (!key.equals("name") && !key.equals("seeds")) {
                    allowed.add(new Difference(key, values));
                }
            } else {
                refused.put(key, values);
            }
        }
        if (!refused.isEmpty()) {
            throw new UserInputException(refusal(runs, refused));
        }
        return allowed;
    }

    /** Whether the runs have more than one hidden size N. */
    public static boolean hiddenSizeDiffers(List<Difference> differences) {
        return differences.stream().anyMatch(d -> d.key().equals(HIDDEN_SIZE));
    }

    /** Whether a key may differ between compared runs. */
    static boolean isAllowed(String key) {
        return key.equals(HIDDEN_SIZE) || COMPARED.contains(key) || COMPARED_PREFIXES.stream().anyMatch(key::startsWith);
    }

    private static String refusal(List<ComparedRun> runs, Map<String, List<String>> refused) {
        String labels = runs.stream().map(ComparedRun::label).collect(Collectors.joining(", "));
        String keys = refused.entrySet().stream().map(e -> e.getKey() + " (" + perRun(runs, e.getValue()) + ")")
                .collect(Collectors.joining("; "));
        return "runs " + labels + " cannot be compared: they differ in " + keys + ". The task (task.*, evaluation.*)"
                + " and G (" + String.join(", ", G_KEYS) + ") must be equal; network.hidden_size, network.trainable,"
                + " network.init.*, network.initial_state, training.* and seeds may differ";
    }

    private static String perRun(List<ComparedRun> runs, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            parts.add(runs.get(i).label() + ": " + values.get(i));
        }
        return String.join(", ", parts);
    }

    /**
     * A config value as text: whole numbers without decimals whether read as integer or floating
     * point, lists and maps in YAML flow style ({@code [input, readout]}, {@code {pcs: [1], of: memory}}).
     */
    static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            DumperOptions o = new DumperOptions();
            o.setDefaultFlowStyle(DumperOptions.FlowStyle.FLOW);
            o.setSplitLines(false);
            o.setWidth(Integer.MAX_VALUE);
            return new Yaml(o).dump(value).strip();
        }
        return Objects.toString(value);
    }
}
