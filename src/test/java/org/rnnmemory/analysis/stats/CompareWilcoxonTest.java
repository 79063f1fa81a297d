package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnnmemory.analysis.stats.WilcoxonSignedRank.Method;
import org.rnnmemory.io.Json;

/** The paired Wilcoxon signed-rank test used by the run comparison. */
class CompareWilcoxonTest {
    private static final double NA = Double.NaN;
    private static final double[] X = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    private static final double[] Y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};

    /**
     * Hollander and Wolfe (1973), p. 29f, Hamilton depression scale at the first (x) and second (y)
     * visit of 9 patients, from R's {@code ?wilcox.test}: {@code wilcox.test(x, y, paired = TRUE)}
     * gives V = 40, p-value = 0.03906 (two-sided; the example's one-sided "greater" test gives
     * 0.01953). The exact p is 20 / 512: 10 of the 2^9 sign assignments have V >= 40.
     */
    @Test
    void matchesRsPairedWilcoxTestExample() {
        WilcoxonResult r = WilcoxonSignedRank.test(X, Y);
        assertEquals(Method.EXACT, r.method());
        assertEquals(9, r.pairs());
        assertEquals(9, r.n());
        assertEquals(40.0, r.v(), 0.0);
        assertEquals(0.03906, r.p(), 5e-6);
        assertEquals(20.0 / 512.0, r.p(), 1e-15);
        assertEquals(0.01953, r.p() / 2, 5e-6);
        assertEquals(enumeratedTwoSidedP(X, Y), r.p(), 1e-15);
        assertEquals(0.49, r.medianDiff(), 1e-12);
        assertEquals(2 * 40.0 / 45.0 - 1, r.rankBiserialR(), 1e-15);
    }

    @Test
    void swappingTheSamplesMirrorsVAndKeepsP() {
        WilcoxonResult a = WilcoxonSignedRank.test(X, Y);
        WilcoxonResult b = WilcoxonSignedRank.test(Y, X);
        assertEquals(45.0 - a.v(), b.v(), 0.0);
        assertEquals(a.p(), b.p(), 1e-15);
        assertEquals(-a.rankBiserialR(), b.rankBiserialR(), 1e-15);
    }

    @Test
    void exactCountsSumToTwoToTheNAndAreSymmetric() {
        for (int n = 1; n <= WilcoxonSignedRank.EXACT_MAX_N; n++) {
            long[] c = WilcoxonSignedRank.exactCounts(n);
            assertEquals(n * (n + 1) / 2 + 1, c.length);
            assertEquals(1L << n, Arrays.stream(c).sum(), "n = " + n);
            for (int s = 0; s < c.length; s++) {
                assertEquals(c[s], c[c.length - 1 - s], "n = " + n + ", V = " + s);
            }
        }
        assertEquals(1.0, WilcoxonSignedRank.exactP(5, 4), 0.0);
        assertEquals(2.0 / 16.0, WilcoxonSignedRank.exactP(0, 4), 1e-15);
        assertEquals(2.0 / 16.0, WilcoxonSignedRank.exactP(10, 4), 1e-15);
    }

    /** scipy.stats.wilcoxon on ties with zeros, n = 30, and NaN values ({@code wilcoxon-reference-v1.json}). */
    @Test
    void matchesScipyIncludingTiesZerosAndLargeN() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("wilcoxon-reference-v1.json")) {
            cases = Json.MAPPER.readTree(in).get("wilcoxon");
        }
        assertEquals(4, cases.size());
        for (JsonNode c : cases) {
            String name = c.get("name").asText();
            WilcoxonResult r = WilcoxonSignedRank.test(values(c.get("x")), values(c.get("y")));
            assertEquals(c.get("pairs").asInt(), r.pairs(), name);
            assertEquals(c.get("n").asInt(), r.n(), name);
            assertEquals(c.get("v").asDouble(), r.v(), 1e-12, name);
            assertEquals(c.get("p").asDouble(), r.p(), 1e-12, name);
            assertEquals(c.get("method").asText().equals("exact") ? Method.EXACT : Method.NORMAL, r.method(), name);
            assertEquals(c.get("median_diff").asDouble(), r.medianDiff(), 1e-12, name);
        }
    }

    @Test
    void degenerateInputsGiveNanNotExceptions() {
        WilcoxonResult zeros = WilcoxonSignedRank.test(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertEquals(3, zeros.pairs());
        assertEquals(0, zeros.n());
        assertTrue(Double.isNaN(zeros.p()));
        assertEquals(Method.NONE, zeros.method());
        assertEquals(0.0, zeros.medianDiff(), 0.0);
        WilcoxonResult none = WilcoxonSignedRank.test(new double[] {NA, 1}, new double[] {2, NA});
        assertEquals(0, none.pairs());
        assertTrue(Double.isNaN(none.medianDiff()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WilcoxonSignedRank.test(new double[] {1, 2}, new double[] {1}));
        assertTrue(e.getMessage().contains("same length"), e.getMessage());
    }

    @Test
    void columnsAreNamedForTheTestsTable() {
        assertEquals("[n_pairs, wsr_n, wsr_v, wsr_p, wsr_method, median_diff, wsr_rank_biserial_r]",
                WilcoxonSignedRank.test(X, Y).columns().keySet().toString());
    }

    /** Two-sided p by listing all 2^n sign assignments of the ranks 1..n (no ties, no zeros). */
    private static double enumeratedTwoSidedP(double[] x, double[] y) {
        int n = x.length;
        double[] abs = new double[n];
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(x[i] - y[i]);
        }
        double[] ranks = Samples.averageRanks(abs);
        double v = 0;
        for (int i = 0; i < n; i++) {
            v += x[i] > y[i] ? ranks[i] : 0;
        }
        int le = 0;
        int ge = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            int s = 0;
            for (int r = 1; r <= n; r++) {
                s += (mask >> (r - 1) & 1) * r;
            }
            le += s <= v ? 1 : 0;
            ge += s >= v ? 1 : 0;
        }
        return Math.min(1.0, 2.0 * Math.min(le, ge) / (1 << n));
    }

    private static double[] values(JsonNode a) {
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).isNull() ? Double.NaN : a.get(i).asDouble();
        }
        return v;
    }
}
