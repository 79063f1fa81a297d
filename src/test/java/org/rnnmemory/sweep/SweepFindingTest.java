package org.rnnmemory.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.chaos.ChaosResult;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The edge-of-chaos finding on made-up candidates whose answer is known. */
class SweepFindingTest {

    /** A candidate at gain g with the given seed precisions and lambda_max per network seed 1, 2, 3. */
    static CandidateSummary candidate(int index, double gain, double[] precisions, double[] lambdas) {
        String[] status = new String[precisions.length];
        java.util.Arrays.fill(status, "completed");
        Table seeds = Table.create("seeds", StringColumn.create("status", status),
                DoubleColumn.create("precision", precisions),
                DoubleColumn.create("weight_correlation", new double[precisions.length]));
        List<ChaosResult> results = new ArrayList<>();
        for (int s = 0; s < lambdas.length; s++) {
            results.add(new ChaosResult(gain, s + 1, 100, 0.1, 2000, 10000, new double[] {lambdas[s]}, 0.001, 0, true,
                    1, 1, 1, 100, 0.1, null));
        }
        Summary l = Summary.of(lambdas);
        UntrainedChaos.Lambda lambda = new UntrainedChaos.Lambda(new UntrainedChaos.Key(gain, 100, 0.1, 1), l.mean(),
                l.sd(), results);
        SweepCandidate c = new SweepCandidate(index, Map.of("network.gain", gain));
        return CandidateSummary.of(c, c.dirName(3), seeds, lambda);
    }

    static final CandidateSummary ORDERED = candidate(0, 0.5, new double[] {1.0, 1.1, 0.9, 1.0},
            new double[] {-0.5, -0.52, -0.48});
    static final CandidateSummary CHAOTIC = candidate(2, 2.0, new double[] {0.3, 0.35, 0.25, 0.31},
            new double[] {0.3, 0.32, 0.28});

    @Test
    void bestAtTheGainClosestToZeroIsAYes() {
        CandidateSummary edge = candidate(1, 1.0, new double[] {0.05, 0.06, 0.04, 0.055},
                new double[] {-0.01, 0.0, 0.01});
        EdgeOfChaosFinding f = EdgeOfChaosFinding.of("", List.of(CHAOTIC, edge, ORDERED));
        assertSame(edge, f.best());
        assertSame(edge, f.closest());
        assertSame(CHAOTIC, f.runnerUp());
        assertTrue(f.closestIsBest());
        assertEquals(List.of(0.5, 1.0, 2.0), f.rows().stream().map(SweepFigure::gain).toList(), "sorted by gain");
        assertEquals(1.0, f.crossingGain(), 1e-12, "mean lambda: -0.5 at g = 0.5, 0 at g = 1");
        assertEquals(1.0, f.spearman().rho(), 1e-12, "|lambda| 0.5, 0, 0.3 ranks like medians 1.0, 0.05, 0.3");
        assertEquals(2.0 / 70, f.bestVsOther().p(), 1e-12, "4 x 4 seeds without ties, fully separated: exact p");
        assertTrue(f.verdict().startsWith("**Yes.** The lowest median precision is at g = 1, the gain whose untrained"
                + " network is closest to the edge of chaos: median precision 0.05250 (mean 0.05125,"), f.verdict());
        assertTrue(f.verdict().contains("The next best gain, g = 2, has median precision 0.3050"), f.verdict());
        assertTrue(f.verdict().endsWith("p = 0.029 (exact, n = 4 and 4), a difference at the 5% level."),
                f.verdict());
        assertEquals("By regime of the untrained network (mean λₘₐₓ over network seeds and its standard error): "
                + "ordered (λₘₐₓ more than 2 standard errors below 0), g = 0.5: median precision 1.000; near the edge "
                + "(λₘₐₓ within 2 standard errors of 0), g = 1: median precision 0.05250; chaotic (λₘₐₓ more than 2 "
                + "standard errors above 0), g = 2: median precision 0.3050.", f.regimes());
    }

    @Test
    void bestNearTheEdgeButNotClosestIsPartly() {
        CandidateSummary near = candidate(1, 1.0, new double[] {0.05, 0.06, 0.04, 0.05}, new double[] {-0.1, 0.0, 0.05});
        CandidateSummary zero = candidate(3, 1.5, new double[] {0.2, 0.2, 0.2, 0.2}, new double[] {-0.001, 0.0, 0.001});
        EdgeOfChaosFinding f = EdgeOfChaosFinding.of("", List.of(ORDERED, near, zero, CHAOTIC));
        assertSame(near, f.best());
        assertSame(zero, f.closest());
        assertFalse(f.closestIsBest());
        assertTrue(f.bestNearEdge());
        assertTrue(f.verdict().startsWith("**Partly.** The lowest median precision is at g = 1, near the edge:"),
                f.verdict());
        assertTrue(f.verdict().contains("The gain closest to λₘₐₓ = 0, g = 1.5, has median precision 0.2000"),
                f.verdict());
        assertTrue(f.verdict().contains("a median 4.000 times the best"), f.verdict());
    }

    @Test
    void bestInTheOrderedRegimeIsANo() {
        CandidateSummary good = candidate(0, 0.8, new double[] {0.01, 0.02, 0.015, 0.01},
                new double[] {-0.3, -0.31, -0.29});
        CandidateSummary edge = candidate(1, 1.0, new double[] {0.05, 0.06, 0.04, 0.05}, new double[] {-0.01, 0.0, 0.01});
        EdgeOfChaosFinding f = EdgeOfChaosFinding.of("lr = 0.01", List.of(good, edge, CHAOTIC));
        assertSame(good, f.best());
        assertFalse(f.bestNearEdge());
        assertTrue(f.verdict().startsWith("**No.** The lowest median precision (lr = 0.01) is at g = 0.8, ordered:"),
                f.verdict());
        assertEquals(1.0, f.crossingGain(), 1e-12);
    }
}
