package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsHolmTest {

    /**
     * The worked example of the Wikipedia article "Holm-Bonferroni method": p = 0.01, 0.04,
     * 0.03, 0.005 at alpha = 0.05 rejects hypotheses 1 and 4 only. Adjusted values by hand:
     * sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1 = 0.02, 0.03, 0.06, 0.04, running max
     * 0.02, 0.03, 0.06, 0.06; back in input order 0.03, 0.06, 0.06, 0.02.
     */
    @Test
    void reproducesTheTextbookExample() {
        double[] adj = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});
        assertArrayEquals(new double[] {0.03, 0.06, 0.06, 0.02}, adj, 1e-15);
        boolean[] rejected = new boolean[adj.length];
        for (int i = 0; i < adj.length; i++) {
            rejected[i] = adj[i] <= 0.05;
        }
        assertArrayEquals(new boolean[] {true, false, false, true}, rejected);
    }

    /** R: {@code p.adjust(c(0.01, 0.02, 0.03, 0.04, 0.05), "holm")} is 0.05 0.08 0.09 0.09 0.09 (by hand as above). */
    @Test
    void runningMaximumKeepsAdjustedValuesMonotone() {
        assertArrayEquals(new double[] {0.05, 0.08, 0.09, 0.09, 0.09},
                Holm.adjust(new double[] {0.01, 0.02, 0.03, 0.04, 0.05}), 1e-15);
    }

    @Test
    void cappedAtOneAndNanKeptOutOfTheCount() {
        double[] adj = Holm.adjust(new double[] {0.5, Double.NaN, 0.2, 0.9});
        assertArrayEquals(new double[] {1.0, Double.NaN, 0.6, 1.0}, adj, 1e-15);
        assertEquals(0, Holm.adjust(new double[0]).length);
    }

    /** The step-down decisions agree with Holm's sequential rejection rule on random p-values. */
    @Test
    void agreesWithTheSequentialRejectionRule() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + rng.nextInt(12);
            double[] p = new double[m];
            for (int i = 0; i < m; i++) {
                p[i] = Math.pow(rng.nextDouble(), 3);
            }
            double[] adj = Holm.adjust(p);
            boolean[] expected = sequentialRejections(p, 0.05);
            for (int i = 0; i < m; i++) {
                assertEquals(expected[i], adj[i] <= 0.05, "trial " + trial + " index " + i);
                assertTrue(adj[i] >= p[i] && adj[i] <= 1.0);
            }
        }
    }

    private static boolean[] sequentialRejections(double[] p, double alpha) {
        int m = p.length;
        boolean[] rejected = new boolean[m];
        for (int step = 0; step < m; step++) {
            int best = -1;
            for (int i = 0; i < m; i++) {
                if (!rejected[i] && (best < 0 || p[i] < p[best])) {
                    best = i;
                }
            }
            if (p[best] > alpha / (m - step)) {
                break;
            }
            rejected[best] = true;
        }
        return rejected;
    }

    @Test
    void outOfRangePIsRejectedWithItsIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Holm.adjust(new double[] {0.1, 1.5}));
        assertEquals("p[1] must be in [0, 1], found 1.5", e.getMessage());
    }
}
