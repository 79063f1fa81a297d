package org.rnnmemory.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnnmemory.model.Rngs;

class ChaosAnalysisTest {

    /** N = 80, 10 tau transient + 40 tau measured. */
    static final ChaosSettings SMALL = new ChaosSettings(80, 0.1, 10, 40, 10, 2, 5, 0.1, 5, 3);

    @Test
    void sameSeedGivesIdenticalNumbers() {
        ChaosResult a = ChaosAnalysis.run(2.0, 4, SMALL);
        ChaosResult b = ChaosAnalysis.run(2.0, 4, SMALL);
        assertArrayEquals(a.spectrum(), b.spectrum(), 0.0);
        assertEquals(a.delta0(), b.delta0(), 0.0);
        assertEquals(a.delta0R(), b.delta0R(), 0.0);
        assertEquals(a.dimensionality(), b.dimensionality(), 0.0);
        assertEquals(a.lambdaSem(), b.lambdaSem(), 0.0);
        assertArrayEquals(a.trace().rates()[2], b.trace().rates()[2], 0.0);
        ChaosResult other = ChaosAnalysis.run(2.0, 5, SMALL);
        assertNotEquals(a.lambdaMax(), other.lambdaMax(), "another network seed gives another network");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreadsOrOnTheOtherPairs() {
        List<ChaosResult> one = new ChaosStudy(List.of(1.5, 3.0), List.of(1L, 2L), SMALL, 1).run(r -> {});
        List<ChaosResult> two = new ChaosStudy(List.of(1.5, 3.0), List.of(1L, 2L), SMALL, 2).run(r -> {});
        assertEquals(4, one.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(one.get(i).gain(), two.get(i).gain());
            assertEquals(one.get(i).networkSeed(), two.get(i).networkSeed());
            assertArrayEquals(one.get(i).spectrum(), two.get(i).spectrum(), 0.0);
            assertEquals(one.get(i).delta0(), two.get(i).delta0(), 0.0);
        }
        assertEquals(List.of(1.5, 1.5, 3.0, 3.0), one.stream().map(ChaosResult::gain).toList());
        assertEquals(one.get(3).lambdaMax(), ChaosAnalysis.run(3.0, 2, SMALL).lambdaMax(), 0.0);
    }

    @Test
    void rateTracesEndWhereTheSimulationEnds() {
        ChaosSettings longTrace = new ChaosSettings(80, 0.1, 10, 40, 10, 1, 5, 0.1, 100, 2);
        ChaosResult r = ChaosAnalysis.run(1.5, 1, longTrace);
        assertEquals(501, r.trace().timeTau().length, "10 + 40 tau simulated at dt 0.1, not the 100 tau asked for");
        assertEquals(50.0, r.trace().timeTau()[500], 1e-12);
    }

    @Test
    void resultHasTheShapesAndUnitsOfTheSettings() {
        ChaosResult r = ChaosAnalysis.run(3.0, 1, SMALL);
        assertEquals(2, r.spectrum().length);
        assertTrue(r.spectrum()[0] >= r.spectrum()[1]);
        assertEquals(100, r.transientSteps());
        assertEquals(400, r.steps());
        assertEquals(40.0, r.durationTau(), 1e-12);
        assertEquals(80, r.covarianceSamples(), "every 5th of 400 steps");
        assertEquals(3, r.trace().units());
        assertEquals(51, r.trace().timeTau().length, "5 tau at dt 0.1 from t = 0, both ends");
        assertEquals(5.0, r.trace().timeTau()[50], 1e-12);
        assertEquals(Math.tanh(ChaosAnalysis.initialState(80, 1, 0.1)[2]), r.trace().rates()[2][0], 0.0);
        assertEquals(r.dimensionality() / 80, r.dimensionalityOverN(), 0.0);
        assertTrue(r.dimensionality() >= 1 && r.dimensionality() <= 80, "PR in [1, N]: " + r.dimensionality());
        assertTrue(r.delta0R() > 0 && r.delta0R() < 1);
    }

    @Test
    void networkWeightsAreTheRowMajorMatrixOfTheInitializer() {
        var g = org.rnnmemory.model.Initializer.recurrent(30, 9, org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        TanhNetwork net = TanhNetwork.of(30, 9, 1.5, 0.1);
        assertEquals(g.getDouble(2, 17), net.weights()[2 * 30 + 17], 0.0, "row i = weights into unit i");
        assertEquals(g.getDouble(17, 2), net.weights()[17 * 30 + 2], 0.0);
        assertNotEquals(net.weights()[2 * 30 + 17], net.weights()[17 * 30 + 2]);
    }

    @Test
    void covarianceAndParticipationRatioMatchDirectFormulas() {
        int n = 7;
        int steps = 700; // > 256 samples: exercises the blocked accumulation
        ActivityStats stats = new ActivityStats(n, 1);
        SplittableRandom rng = Rngs.of(1, "test");
        double[][] x = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                x[t][i] = (i + 1) * 0.1 * Rngs.gaussian(rng) + 0.3 * (i % 2);
            }
            stats.add(x[t], x[t]);
        }
        double[][] c = stats.covariance();
        double trace = 0;
        double frob = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double mi = 0;
                double mj = 0;
                for (double[] row : x) {
                    mi += row[i] / steps;
                    mj += row[j] / steps;
                }
                double cij = 0;
                for (double[] row : x) {
                    cij += (row[i] - mi) * (row[j] - mj) / steps;
                }
                assertEquals(cij, c[i][j], 1e-12, "covariance " + i + "," + j);
                frob += cij * cij;
            }
            trace += c[i][i];
        }
        assertEquals(trace * trace / frob, ActivityStats.participationRatio(c), 1e-10, "(tr C)^2 / tr(C^2)");
        assertEquals(steps, stats.samples());
    }

    @Test
    void participationRatioOfKnownSpectra() {
        double[][] identity = new double[5][5];
        for (int i = 0; i < 5; i++) {
            identity[i][i] = 2.0;
        }
        assertEquals(5.0, ActivityStats.participationRatio(identity), 1e-12);
        double[][] rankOne = {{1, 1}, {1, 1}};
        assertEquals(1.0, ActivityStats.participationRatio(rankOne), 1e-12);
        assertTrue(Double.isNaN(ActivityStats.participationRatio(new double[3][3])));
    }

    @Test
    void settingsRejectBadValuesNamingTheField() {
        assertMessage("dt_tau", () -> ChaosSettings.DEFAULTS.withDtTau(0.2));
        assertMessage("dt_tau", () -> ChaosSettings.DEFAULTS.withDtTau(0));
        assertMessage("hidden_size", () -> ChaosSettings.DEFAULTS.withHiddenSize(1));
        assertMessage("spectrum", () -> ChaosSettings.DEFAULTS.withSpectrum(501));
        assertMessage("duration_tau", () -> ChaosSettings.DEFAULTS.withRunLength(10, -1));
        assertMessage("transient_tau", () -> ChaosSettings.DEFAULTS.withRunLength(-1, 100));
        assertMessage("gain", () -> ChaosAnalysis.run(-1, 1, SMALL));
        assertMessage("threads", () -> new ChaosStudy(List.of(1.0), List.of(1L), SMALL, 3));
        assertMessage("network_seeds", () -> new ChaosStudy(List.of(1.0), List.of(1L, 1L), SMALL, 1));
        assertEquals(0.1, ChaosSettings.DEFAULTS.dtTau(), "default dt is 0.1 tau");
    }

    static void assertMessage(String field, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field), ex.getMessage());
    }
}
