package org.rnnmemory.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnmemory.config.SweepSpec;

/**
 * One point of a sweep: its index in generation order and the experiment values it sets.
 *
 * @param index position in the candidate generator's order, from 0
 * @param point dotted experiment key to value, in the sweep file's key order
 */
public record SweepCandidate(int index, Map<String, Object> point) {

    /** Longest description kept in a directory name (characters). */
    static final int MAX_DESCRIPTION = 60;

    public SweepCandidate {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, found " + index);
        }
        point = Collections.unmodifiableMap(new LinkedHashMap<>(point));
    }

    /**
     * The run directory name {@code <k>-<description>}, k zero-padded to the width of the last index
     * (at least 2 digits), e.g. {@code 03-gain-1.2} or {@code 11-gain-2_learning_rate-0.01}.
     *
     * @param total number of candidates in the sweep
     */
    public String dirName(int total) {
        int width = Math.max(2, Integer.toString(Math.max(0, total - 1)).length());
        return String.format(Locale.ROOT, "%0" + width + "d-%s", index, description());
    }

    /** {@code <last key segment>-<value>} per parameter, joined by '_', safe as a file name. */
    public String description() {
        List<String> parts = new ArrayList<>();
        point.forEach((k, v) -> parts.add(k.substring(k.lastIndexOf('.') + 1) + "-" + shortValue(v)));
        String d = String.join("_", parts).replaceAll("[^A-Za-z0-9._+-]+", "_");
        return d.length() <= MAX_DESCRIPTION ? d : d.substring(0, MAX_DESCRIPTION);
    }

    /** The point as {@code --set} arguments. */
    public List<String> overrides() {
        return SweepSpec.overrides(point);
    }

    /** Numbers with at most 4 significant digits and no trailing zeros; other values as YAML flow text. */
    static String shortValue(Object v) {
        if (v instanceof Double d && Double.isFinite(d)) {
            BigDecimal b = new BigDecimal(d).round(new MathContext(4)).stripTrailingZeros();
            int exponent = b.precision() - b.scale() - 1;
            return exponent < -3 || exponent > 5 ? b.movePointLeft(exponent).toPlainString() + "e" + exponent
                    : b.toPlainString();
        }
        if (v instanceof Number) {
            return v.toString();
        }
        String flow = SweepSpec.overrides(Map.of("k", v)).get(0);
        return flow.substring(2);
    }
}
