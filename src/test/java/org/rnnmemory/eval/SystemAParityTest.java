package org.rnnmemory.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.io.Json;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;

/**
 * Parity with the published System A model (seed 1): the evaluation protocol reproduces
 * {@code expected.json} within the SPEC section 5 tolerances.
 */
class SystemAParityTest {
    static final Path DIR = Path.of("src/test/resources/reference/sys_A1");
    static JsonNode expected;
    static JsonNode actual;

    @BeforeAll
    static void evaluate() throws Exception {
        expected = Json.MAPPER.readTree(DIR.resolve("expected.json").toFile());
        CtrnnWeights w = WeightsIO.load(DIR, DataType.FLOAT);
        actual = new Evaluator(EvalProtocol.SYSTEM_A).evaluate(w).toJson();
    }

    static void rel(double want, double got, double tol, String what) {
        assertEquals(want, got, Math.abs(want) * tol, what);
    }

    @Test
    void precisionAndPerDurationLosses() {
        rel(expected.get("precision").asDouble(), actual.get("precision").asDouble(), 1e-4, "precision");
        for (String d : new String[] {"50", "150", "300"}) {
            rel(expected.get("loss_by_duration").get(d).asDouble(), actual.get("loss_by_duration").get(d).asDouble(),
                    1e-4, "loss " + d);
        }
        // the published precision of this model (SPEC section 5)
        rel(0.01618705, actual.get("precision").asDouble(), 1e-4, "published precision");
    }

    @Test
    void weightCorrelation() {
        assertEquals(expected.get("weight_correlation").asDouble(), actual.get("weight_correlation").asDouble(), 1e-6);
        assertEquals(0.88061392, actual.get("weight_correlation").asDouble(), 1e-6);
    }

    @Test
    void pcaMetrics() {
        for (String block : new String[] {"input_vs_spontaneous", "readout_vs_memory"}) {
            JsonNode e = expected.get(block);
            JsonNode a = actual.get(block);
            assertEquals(e.get("k").asInt(), a.get("k").asInt(), block + " k");
            for (String key : new String[] {"activity_pr", "topk_fraction", "variance_alignment"}) {
                pca(e.get(key).asDouble(), a.get(key).asDouble(), block + "." + key);
            }
            for (int i = 0; i < e.get("top_eigenvalues").size(); i++) {
                pca(e.get("top_eigenvalues").get(i).asDouble(), a.get("top_eigenvalues").get(i).asDouble(),
                        block + ".top_eigenvalues[" + i + "]");
            }
        }
    }

    /** 1e-3 relative, or 1e-6 absolute below 1e-3 (SPEC section 5). */
    static void pca(double want, double got, String what) {
        double tol = Math.abs(want) < 1e-3 ? 1e-6 : 1e-3 * Math.abs(want);
        assertEquals(want, got, tol, what);
    }
}
