package org.rnnmemory.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.task.SystemA;

/**
 * The {@code evaluation:} section: the noise-free precision trials of SPEC section 4, in ms.
 *
 * @param onsetMs pulse onset of the precision trials, ms
 * @param durationsMs test pulse durations, ms, distinct, each >= 1
 */
public record EvaluationSection(int onsetMs, List<Integer> durationsMs) {

    /** SPEC section 4: onset 3000 ms, durations 50, 150 and 300 ms. */
    public static final EvaluationSection SYSTEM_A = new EvaluationSection(SystemA.EVAL_ONSET_MS,
            SystemA.EVAL_DURATIONS_MS);

    public EvaluationSection {
        Check.atLeast("evaluation.onset_ms", onsetMs, 0);
        Check.notNull("evaluation.durations_ms", durationsMs);
        if (durationsMs.isEmpty()) {
            throw Check.fail("evaluation.durations_ms", "must name at least one duration");
        }
        for (int i = 0; i < durationsMs.size(); i++) {
            String key = "evaluation.durations_ms[" + i + "]";
            Check.atLeast(key, Check.notNull(key, durationsMs.get(i)), 1);
        }
        Check.distinct("evaluation.durations_ms", durationsMs);
        durationsMs = List.copyOf(durationsMs);
    }

    /** The section as ordered YAML values, keys in canonical order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("onset_ms", onsetMs);
        m.put("durations_ms", new ArrayList<>(durationsMs));
        return m;
    }
}
