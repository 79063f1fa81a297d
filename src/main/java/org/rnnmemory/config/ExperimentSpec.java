package org.rnnmemory.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.SystemA;
import org.rnnmemory.task.TaskSpec;

/**
 * One experiment: a network, a task, how to train it, how to evaluate it, and the model seeds.
 * Loaded by {@link ExperimentLoader}; every absent YAML key takes its value from {@link #SYSTEM_A}.
 * Every time value (ms) is a whole number of steps of {@code network.dt_ms}.
 *
 * @param name experiment name (letters, digits, '.', '_', '-')
 * @param seeds model seeds, distinct, >= 0, sorted ascending
 * @param network the {@code network:} section
 * @param task the {@code task:} section
 * @param training the {@code training:} section
 * @param evaluation the {@code evaluation:} section
 */
public record ExperimentSpec(String name, List<Integer> seeds, NetworkSection network, TaskSection task,
                             TrainingSection training, EvaluationSection evaluation) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /** The reference System A experiment (SPEC sections 1 to 4), model seeds 1 to 20. */
    public static final ExperimentSpec SYSTEM_A = new ExperimentSpec("system-a",
            IntStream.rangeClosed(SystemA.FIRST_SEED, SystemA.LAST_SEED).boxed().toList(), NetworkSection.SYSTEM_A, TaskSection.SYSTEM_A,
            TrainingSection.SYSTEM_A, EvaluationSection.SYSTEM_A);

    public ExperimentSpec {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Check.fail("name", "must be letters, digits, '.', '_' or '-' (not starting with '.', '_' or '-'),"
                    + " found " + (name == null ? "null" : Check.quote(name)));
        }
        seeds = sortedSeeds(Check.notNull("seeds", seeds));
        Check.notNull("network", network);
        Check.notNull("task", task);
        Check.notNull("training", training);
        Check.notNull("evaluation", evaluation);
        if (training.batchSize() > task.trials()) {
            throw Check.fail("training.batch_size", "must be <= task.trials = " + task.trials() + ", found "
                    + training.batchSize());
        }
        long updates = (long) training.epochs() * (task.trials() / training.batchSize());
        if (updates > Integer.MAX_VALUE) {
            throw Check.fail("training.epochs", "training.epochs x (task.trials // training.batch_size) = " + updates
                    + " updates, more than a run can count (2^31 - 1)");
        }
        checkEvaluation(task, network.dtMs(), evaluation);
    }

    private static List<Integer> sortedSeeds(List<Integer> seeds) {
        if (seeds.isEmpty()) {
            throw Check.fail("seeds", "must name at least one seed");
        }
        for (int i = 0; i < seeds.size(); i++) {
            Check.atLeast("seeds[" + i + "]", Check.notNull("seeds[" + i + "]", seeds.get(i)), 0);
        }
        Check.distinct("seeds", seeds);
        return seeds.stream().sorted().toList();
    }

    private static void checkEvaluation(TaskSection task, double dt, EvaluationSection evaluation) {
        TaskSpec steps = toSteps(task, dt);
        steps("evaluation.onset_ms", evaluation.onsetMs(), dt);
        for (int i = 0; i < evaluation.durationsMs().size(); i++) {
            String key = "evaluation.durations_ms[" + i + "]";
            int d = evaluation.durationsMs().get(i);
            steps(key, d, dt);
            if ((long) evaluation.onsetMs() + d >= task.trialMs()) {
                throw Check.fail(key, "evaluation.onset_ms + " + d + " = " + ((long) evaluation.onsetMs() + d)
                        + " must be < task.trial_ms = " + task.trialMs());
            }
        }
        try {
            protocol(steps, dt, evaluation);
        } catch (ConfigValueException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw Check.fail("evaluation.durations_ms", e.getMessage());
        }
    }

    /** The number of steps in {@code ms}, which must be a whole multiple of dt. */
    private static int steps(String key, int ms, double dt) {
        double q = ms / dt;
        long k = Math.round(q);
        if (Math.abs(q - k) > 1e-9 * Math.max(1.0, Math.abs(q))) {
            throw Check.fail(key, ms + " is not a multiple of network.dt_ms = " + Check.num(dt));
        }
        if (k > Integer.MAX_VALUE) {
            throw Check.fail(key, ms + " ms is " + k + " steps of network.dt_ms, too many");
        }
        return (int) k;
    }

    private static TaskSpec toSteps(TaskSection t, double dt) {
        TaskSpec spec;
        int trial = steps("task.trial_ms", t.trialMs(), dt);
        int onset = steps("task.onset_ms", t.onsetMs(), dt);
        int onsetJitter = steps("task.onset_jitter_ms", t.onsetJitterMs(), dt);
        int duration = steps("task.duration_ms", t.durationMs(), dt);
        int durationJitter = steps("task.duration_jitter_ms", t.durationJitterMs(), dt);
        int costOnset = steps("task.cost_onset_ms", t.costOnsetMs(), dt);
        try {
            spec = new TaskSpec(trial, onset, onsetJitter, duration, durationJitter, t.strength(),
                    t.slopePerMs() * dt, costOnset, t.catchFraction(), t.trials());
        } catch (IllegalArgumentException e) {
            throw Check.fail("task", e.getMessage());
        }
        return spec;
    }

    private static EvalProtocol protocol(TaskSpec steps, double dt, EvaluationSection evaluation) {
        int[] durations = evaluation.durationsMs().stream().mapToInt(Integer::intValue).toArray();
        return EvalProtocol.of(steps, dt, evaluation.onsetMs(), durations);
    }

    /** The task in steps of dt; the target per step is {@code slope_per_ms * dt_ms}. */
    public TaskSpec taskSpec() {
        return toSteps(task, network.dtMs());
    }

    /** The evaluation protocol of SPEC section 4 in steps of dt. */
    public EvalProtocol evalProtocol() {
        return protocol(taskSpec(), network.dtMs(), evaluation);
    }

    /** N, tau, dt and g. */
    public ModelParams modelParams() {
        return network.modelParams();
    }

    /** The same experiment with other model seeds. */
    public ExperimentSpec withSeeds(List<Integer> newSeeds) {
        return new ExperimentSpec(name, newSeeds, network, task, training, evaluation);
    }

    /**
     * Every key with its value, in canonical order, one section per block; parses back to an
     * equal spec. Vector paths are absolute.
     */
    public String toResolvedYaml() {
        return Yamls.document(toMap());
    }

    /**
     * Keys that decide how a run is executed, never what it computes: the seeds' numbers do not depend
     * on how they are split between workers (TrainerTest) or on how many steps' rates are kept
     * (GradientTest). Shards of one experiment may differ in them.
     */
    public static final java.util.Set<String> EXECUTION_KEYS = java.util.Set.of("training.workers",
            "training.rate_memory_gib");

    /** {@link Provenance#hash} of {@link #toResolvedYaml()}: the first 12 hex digits of its SHA-256 (UTF-8). */
    public String configHash() {
        return Provenance.hash(toResolvedYaml());
    }

    /**
     * Dotted key to value for every key in canonical order ({@code "network.gain" -> 1.5}). Values
     * are Integer, Long, Double, String, null, a List, or for {@code network.init.*} a String or Map.
     */
    public Map<String, Object> flatten() {
        Map<String, Object> tree = toMap();
        Map<String, Object> flat = new LinkedHashMap<>();
        for (String path : Schema.leafPaths()) {
            flat.put(path, Schema.get(tree, path));
        }
        return flat;
    }

    /** The spec as ordered YAML values (nested maps), keys in canonical order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("seeds", new ArrayList<>(seeds));
        m.put("network", network.toMap());
        m.put("task", task.toMap());
        m.put("training", training.toMap());
        m.put("evaluation", evaluation.toMap());
        return m;
    }
}
