package org.rnnmemory.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rnnmemory.model.Rngs;

/**
 * A hyper-parameter sweep over one experiment, loaded by {@link SweepLoader} from
 * {@code sweep: {experiment: PATH, search: grid|random, candidates: N, seed: S, parameters: {...}}}.
 *
 * @param experiment the experiment YAML file, absolute
 * @param search {@code grid} (every combination) or {@code random} ({@code candidates} draws)
 * @param candidates number of random draws; 0 for a grid search
 * @param seed seed of the random draws
 * @param parameters dotted experiment key to its values (grid), or to {@code [min, max, log]} (random,
 *     see {@link Range}), in file order
 */
public record SweepSpec(Path experiment, String search, int candidates, long seed,
                        Map<String, List<Object>> parameters) {

    /** Allowed values of {@code search}. */
    public static final List<String> SEARCHES = List.of("grid", "random");
    /** {@code search} when absent. */
    public static final String DEFAULT_SEARCH = "grid";
    /** {@code seed} when absent. */
    public static final long DEFAULT_SEED = 0L;

    public SweepSpec {
        Check.notNull("sweep.experiment", experiment);
        Check.oneOf("sweep.search", search, SEARCHES);
        if (search.equals("random")) {
            Check.atLeast("sweep.candidates", candidates, 1);
        } else if (candidates != 0) {
            throw Check.fail("sweep.candidates", "is only used with search: random, found " + candidates);
        }
        if (Check.notNull("sweep.parameters", parameters).isEmpty()) {
            throw Check.fail("sweep.parameters", "must name at least one experiment key");
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> e : parameters.entrySet()) {
            String key = "sweep.parameters." + e.getKey();
            List<Object> values = Check.notNull(key, e.getValue());
            if (search.equals("grid") && values.isEmpty()) {
                throw Check.fail(key, "must list at least one value");
            }
            if (search.equals("grid")) {
                for (int i = 0; i < values.size(); i++) {
                    for (int j = 0; j < i; j++) {
                        if (sameValue(values.get(i), values.get(j))) {
                            throw Check.fail(key, "lists the value " + values.get(i) + " twice (items " + j + " and "
                                    + i + ")");
                        }
                    }
                }
            }
            if (search.equals("random")) {
                Range.of(key, values);
            }
            copy.put(e.getKey(), Collections.unmodifiableList(new ArrayList<>(values)));
        }
        parameters = Collections.unmodifiableMap(copy);
        if (search.equals("random") && candidates > MAX_CANDIDATES) {
            throw Check.fail("sweep.candidates", "must be <= " + MAX_CANDIDATES + ", found " + candidates);
        }
        if (search.equals("grid")) {
            long n = 1;
            for (List<Object> v : parameters.values()) {
                n = Math.min(n * v.size(), MAX_CANDIDATES + 1L);
            }
            if (n > MAX_CANDIDATES) {
                throw Check.fail("sweep.parameters", "the grid has more than " + MAX_CANDIDATES
                        + " candidates (the product of the numbers of values)");
            }
        }
    }

    /** Most candidates a sweep may have: each is a whole multi-seed training run. */
    public static final int MAX_CANDIDATES = 10_000;

    /** Equal values, numbers compared by value (2 and 2.0 are the same grid point). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return java.util.Objects.equals(a, b);
    }

    /**
     * A random-search range. Integer bounds draw integers (both ends included), number bounds draw
     * doubles; {@code log} draws uniformly in log space.
     */
    public record Range(Number min, Number max, boolean log) {
        public Range {
            Check.finite("min", Check.notNull("min", min).doubleValue());
            Check.finite("max", Check.notNull("max", max).doubleValue());
            if (!(min.doubleValue() < max.doubleValue())) {
                throw Check.fail("max", "must be > min = " + min + ", found " + max);
            }
            if (log && !(min.doubleValue() > 0)) {
                throw Check.fail("min", "must be > 0 with log: true, found " + min);
            }
        }

        static Range of(String key, List<Object> values) {
            try {
                if (values.size() != 3 || !(values.get(0) instanceof Number lo) || !(values.get(1) instanceof Number hi)
                        || !(values.get(2) instanceof Boolean lg)) {
                    throw Check.fail(key, "must be [min, max, log] for search: random, found " + values);
                }
                return new Range(lo, hi, lg);
            } catch (ConfigValueException e) {
                throw e.key().equals(key) ? e : e.within(key);
            }
        }

        /** Whether both bounds are integers, so draws are integers. */
        public boolean integral() {
            return !(min instanceof Double) && !(max instanceof Double);
        }

        /**
         * The value at quantile {@code u} in [0, 1] of this range's distribution: Long for an integral
         * range (u in [0, 1) covers every integer equally, u = 1 gives max), else Double; uniform in log
         * space with {@code log}. For search generators that draw u themselves.
         */
        public Object at(double u) {
            if (!(u >= 0 && u <= 1)) {
                throw new IllegalArgumentException("u must be in [0, 1], found " + u);
            }
            double lo = min.doubleValue();
            double hi = max.doubleValue();
            if (integral()) {
                long v = log ? Math.round(Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))))
                        : min.longValue() + (long) Math.floor(u * (max.longValue() - min.longValue() + 1));
                return Math.max(min.longValue(), Math.min(max.longValue(), v));
            }
            return log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        }

        /** One draw: Long for an integral range, else Double. */
        public Object draw(SplittableRandom rng) {
            double lo = min.doubleValue();
            double hi = max.doubleValue();
            if (integral()) {
                long v = log ? Math.round(Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo))))
                        : min.longValue() + rng.nextLong(max.longValue() - min.longValue() + 1);
                return Math.max(min.longValue(), Math.min(max.longValue(), v));
            }
            return log ? Math.exp(Math.log(lo) + rng.nextDouble() * (Math.log(hi) - Math.log(lo)))
                    : lo + rng.nextDouble() * (hi - lo);
        }
    }

    /** The ranges of a random search, by dotted key. */
    public Map<String, Range> ranges() {
        requireSearch("random");
        Map<String, Range> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, Range.of("sweep.parameters." + k, v)));
        return out;
    }

    /**
     * Every combination of a grid search, the first parameter varying slowest; each point maps
     * dotted experiment keys to values.
     */
    public List<Map<String, Object>> grid() {
        requireSearch("grid");
        List<Map<String, Object>> points = List.of(Map.of());
        for (Map.Entry<String, List<Object>> e : parameters.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> p : points) {
                for (Object v : e.getValue()) {
                    Map<String, Object> q = new LinkedHashMap<>(p);
                    q.put(e.getKey(), v);
                    next.add(Collections.unmodifiableMap(q));
                }
            }
            points = next;
        }
        return List.copyOf(points);
    }

    /** The {@code candidates} points of a random search, drawn from {@code seed}. */
    public List<Map<String, Object>> sample() {
        SplittableRandom rng = Rngs.of(seed, "sweep.sample");
        Map<String, Range> ranges = ranges();
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            ranges.forEach((k, r) -> p.put(k, r.draw(rng)));
            points.add(Collections.unmodifiableMap(p));
        }
        return List.copyOf(points);
    }

    /** A point as {@code --set} arguments ({@code network.gain=1.5}). */
    public static List<String> overrides(Map<String, Object> point) {
        List<String> out = new ArrayList<>();
        point.forEach((k, v) -> out.add(k + "=" + Yamls.flow(v)));
        return out;
    }

    /** The experiment with one point of the sweep applied. */
    public ExperimentSpec experimentFor(Map<String, Object> point) {
        return ExperimentLoader.load(experiment, overrides(point));
    }

    private void requireSearch(String kind) {
        if (!search.equals(kind)) {
            throw new IllegalStateException("this sweep is search: " + search + ", not " + kind);
        }
    }
}
