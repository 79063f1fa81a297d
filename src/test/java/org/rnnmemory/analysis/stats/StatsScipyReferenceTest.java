package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.rnnmemory.io.Json;

/**
 * Agreement with scipy on data with ties, NaN values and sizes 8..40. The reference numbers are
 * in {@code scipy-reference-v1.json}, written by {@code scipy_reference_v1.py} (same directory
 * under src/test/resources; the scipy and numpy versions are recorded in the file).
 */
class StatsScipyReferenceTest {

    private static JsonNode reference() throws IOException {
        try (InputStream in = StatsScipyReferenceTest.class.getResourceAsStream("scipy-reference-v1.json")) {
            return Json.MAPPER.readTree(in);
        }
    }

    private static double[] values(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).isNull() ? Double.NaN : array.get(i).asDouble();
        }
        return v;
    }

    @Test
    void correlationAndRegressionMatchScipy() throws IOException {
        JsonNode cases = reference().get("correlation");
        assertEquals(3, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            double[] x = values(c.get("x"));
            double[] y = values(c.get("y"));
            PearsonResult p = Correlation.pearson(x, y);
            SpearmanResult s = Correlation.spearman(x, y);
            LinearFit f = LinearFit.of(x, y);
            assertEquals(c.get("n").asInt(), p.n(), name);
            assertEquals(c.get("n").asInt(), s.n(), name);
            assertEquals(c.get("pearson_r").asDouble(), p.r(), 1e-12, name);
            assertEquals(c.get("pearson_p").asDouble(), p.p(), 1e-10, name);
            assertEquals(c.get("spearman_rho").asDouble(), s.rho(), 1e-12, name);
            assertEquals(c.get("spearman_p").asDouble(), s.p(), 1e-10, name);
            assertEquals(c.get("slope").asDouble(), f.slope(), 1e-12, name);
            assertEquals(c.get("intercept").asDouble(), f.intercept(), 1e-12, name);
            assertEquals(c.get("r_squared").asDouble(), f.rSquared(), 1e-12, name);
            assertEquals(c.get("slope_se").asDouble(), f.slopeSe(), 1e-12, name);
        }
    }

    @Test
    void mannWhitneyMatchesScipy() throws IOException {
        JsonNode cases = reference().get("mann_whitney");
        assertEquals(5, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            MannWhitneyResult r = MannWhitney.test(values(c.get("x")), values(c.get("y")));
            assertEquals(c.get("method").asText(), r.method().label(), name);
            assertEquals(c.get("mw_u").asDouble(), r.u(), 0.0, name);
            assertEquals(c.get("mw_p").asDouble(), r.p(), 1e-12, name);
        }
    }
}
