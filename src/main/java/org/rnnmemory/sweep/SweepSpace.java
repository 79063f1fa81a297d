package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;
import org.rnnmemory.config.SweepSpec;

/**
 * The parameter space of a sweep as an Arbiter {@link ParameterSpace}: one leaf per swept key, and a
 * value ({@link #getValue}) that is a sweep point, dotted experiment key to value in the sweep file's
 * key order. A grid key is a {@link DiscreteParameterSpace} of its listed values (a {@link FixedValue} when
 * it lists one); a random key is a {@link RangeSpace}.
 *
 * <p>Arbiter's grid generator varies the first leaf fastest, while {@link SweepSpec#grid()} varies the
 * first key slowest; the leaves are therefore listed in reverse key order, so that both produce the
 * same points in the same order.
 */
final class SweepSpace implements ParameterSpace<Map<String, Object>> {
    private final List<String> keys;
    /** Leaves in Arbiter's order: last key first. */
    private final List<ParameterSpace<Object>> leaves;

    SweepSpace(SweepSpec spec) {
        keys = List.copyOf(spec.parameters().keySet());
        List<ParameterSpace<Object>> byKey = new ArrayList<>();
        for (String key : keys) {
            List<Object> values = spec.parameters().get(key);
            // one value is a fixed leaf: Arbiter's grid asks a one-value discrete space for its value at 1.0,
            // one past its end
            byKey.add(!spec.search().equals("grid") ? new RangeSpace(spec.ranges().get(key))
                    : values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values));
        }
        Collections.reverse(byKey);
        leaves = List.copyOf(byKey);
    }

    /** The point for one vector of leaf values in [0, 1]. */
    @Override
    public Map<String, Object> getValue(double[] input) {
        Map<String, Object> point = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            point.put(keys.get(i), leaves.get(keys.size() - 1 - i).getValue(input));
        }
        return Collections.unmodifiableMap(point);
    }

    @Override
    public int numParameters() {
        return leaves.size();
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public List<ParameterSpace> collectLeaves() {
        return (List) new ArrayList<>(leaves);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            out.put(keys.get(i), leaves.get(keys.size() - 1 - i));
        }
        return out;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("a sweep space is not a leaf; its leaves are indexed");
    }

    /** One random-search key: maps a uniform value in [0, 1] to {@link SweepSpec.Range#at}. */
    static final class RangeSpace implements ParameterSpace<Object> {
        private final SweepSpec.Range range;
        private int index = -1;

        RangeSpace(SweepSpec.Range range) {
            this.range = range;
        }

        @Override
        public Object getValue(double[] input) {
            if (index < 0) {
                throw new IllegalStateException("leaf index not set");
            }
            return range.at(input[index]);
        }

        @Override
        public int numParameters() {
            return 1;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public List<ParameterSpace> collectLeaves() {
            return List.of(this);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Map<String, ParameterSpace> getNestedSpaces() {
            return Map.of();
        }

        @Override
        public boolean isLeaf() {
            return true;
        }

        @Override
        public void setIndices(int... indices) {
            if (indices == null || indices.length != 1) {
                throw new IllegalArgumentException("a range takes one index");
            }
            index = indices[0];
        }
    }
}
