package org.rnnmemory.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rnnmemory.io.Json;

/**
 * The evaluation of one network (SPEC section 4).
 *
 * @param precision mean of the per-duration losses (lower is better)
 * @param lossByDuration mean squared error over y > 0 for each test duration, keyed by its label (ms)
 * @param weightCorrelation cosine similarity of I and w
 * @param inputVsSpontaneous I against the spontaneous-activity PCA
 * @param readoutVsMemory w against the memory-period PCA
 */
public record EvaluationResult(double precision, Map<String, Double> lossByDuration, double weightCorrelation,
                               Alignment inputVsSpontaneous, Alignment readoutVsMemory) {

    /** JSON with the keys of {@code sys_A1/expected.json}, plus the labelled legacy participation ratios. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("precision", precision);
        ObjectNode l = o.putObject("loss_by_duration");
        lossByDuration.forEach(l::put);
        o.put("weight_correlation", weightCorrelation);
        o.set("input_vs_spontaneous", alignment(inputVsSpontaneous));
        o.set("readout_vs_memory", alignment(readoutVsMemory));
        return o;
    }

    private static ObjectNode alignment(Alignment a) {
        ObjectNode o = Json.object();
        o.put("activity_pr", a.activityPr());
        o.put("k", a.k());
        o.put("topk_fraction", a.topkFraction());
        o.put("variance_alignment", a.varianceAlignment());
        ArrayNode top = o.putArray("top_eigenvalues");
        for (double v : a.topEigenvalues()) {
            top.add(v);
        }
        o.put("legacy_participation_ratio", a.legacyParticipationRatio());
        return o;
    }

    /** Flat metric columns for tables (names used in seeds.csv and analysis.csv). */
    public Map<String, Double> flatMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("precision", precision);
        lossByDuration.forEach((k, v) -> m.put("loss_" + k, v));
        m.put("weight_correlation", weightCorrelation);
        flat(m, "input_spont", inputVsSpontaneous);
        flat(m, "readout_mem", readoutVsMemory);
        return m;
    }

    private static void flat(Map<String, Double> m, String prefix, Alignment a) {
        m.put(prefix + "_activity_pr", a.activityPr());
        m.put(prefix + "_k", (double) a.k());
        m.put(prefix + "_topk_fraction", a.topkFraction());
        m.put(prefix + "_variance_alignment", a.varianceAlignment());
        m.put(prefix + "_eig1", a.topEigenvalues()[0]);
        m.put(prefix + "_legacy_pr", a.legacyParticipationRatio());
    }
}
