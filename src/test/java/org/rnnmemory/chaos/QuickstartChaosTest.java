package org.rnnmemory.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;

/**
 * The quick scale is in System A's dynamical regime: the untrained network of
 * {@code experiments/quickstart.yaml} is chaotic at its own Euler step, with spontaneous activity of
 * several dimensions, and every {@code -quick} experiment shares its step, gain and time constant.
 * <p>
 * The full estimate ({@code rnnmem chaos --config experiments/quickstart.yaml}: 200 tau transient,
 * 1000 tau measured) is lambda_max = 0.034 /tau with a standard error of 0.004 /tau over time blocks,
 * and a participation ratio of 4.5. This test uses a short window (100 tau + 500 tau, about a second),
 * whose estimate is 0.033 +/- 0.006 /tau; it asks for lambda_max above three standard errors (a
 * one-sided 0.1% level) and above 0.01 /tau, and a participation ratio above 3, so that an ordered
 * network (lambda_max &lt;= 0, the fixed point or limit cycle the former quick scale had) fails.
 */
class QuickstartChaosTest {
    static final Path QUICKSTART = Path.of("experiments/quickstart.yaml");

    /** 100 tau transient, 500 tau measured; N and the step come from the network. */
    static final ChaosSettings SHORT = ChaosSettings.DEFAULTS.withRunLength(100, 500);

    @Test
    void quickstartNetworkIsChaoticAtItsOwnStep() {
        ExperimentSpec spec = ExperimentLoader.load(QUICKSTART, List.of());
        ChaosResult r = ChaosAnalysis.run(ChaosNetwork.of(spec, QUICKSTART.toString()), SHORT);
        assertEquals(spec.network().dtMs() / spec.network().tauMs(), r.dtTau(), 0.0, "the experiment's own step");
        assertEquals(spec.network().hiddenSize(), r.hiddenSize());
        assertTrue(r.lambdaMax() > 3 * r.lambdaSem() && r.lambdaMax() > 0.01,
                "lambda_max = " + r.lambdaMax() + " +/- " + r.lambdaSem() + " /tau");
        assertTrue(r.dimensionality() > 3, "participation ratio " + r.dimensionality());
    }

    @Test
    void everyQuickExperimentSharesTheQuickstartsStepGainAndTimeConstant() throws Exception {
        ExperimentSpec quick = ExperimentLoader.load(QUICKSTART, List.of());
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("experiments"))) {
            files = s.filter(p -> p.getFileName().toString().endsWith("-quick.yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 8, "quick experiments found: " + files);
        for (Path f : files) {
            ExperimentSpec e = ExperimentLoader.load(f, List.of());
            assertEquals(quick.network().dtMs(), e.network().dtMs(), 0.0, f + ": network.dt_ms");
            assertEquals(quick.network().tauMs(), e.network().tauMs(), 0.0, f + ": network.tau_ms");
            assertEquals(quick.network().gain(), e.network().gain(), 0.0, f + ": network.gain");
            assertEquals(quick.training().epochs(), e.training().epochs(), f + ": training.epochs");
        }
    }
}
