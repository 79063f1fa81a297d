package org.rnnmemory.chaos;

import java.util.SplittableRandom;
import org.rnnmemory.model.Rngs;

/**
 * Lyapunov exponents and mean-field quantities of one untrained network, from one trajectory:
 * <ol>
 *   <li>h[0] ~ N(0, initialSd^2) per unit (generator "chaos.state" of the network seed, or of
 *       {@link ChaosNetwork#stateSeed()} for a given network), k
 *       random orthonormal tangent vectors (generator "chaos.tangent");</li>
 *   <li>the state and the tangent vectors ({@code v' = J v}, exact Jacobian of the Euler map) are
 *       advanced together; the vectors are re-orthonormalised every {@code orthoEvery} steps;</li>
 *   <li>the first {@code transientSteps} steps are discarded, then the log stretching factors and
 *       the activity statistics are accumulated over {@code measuredSteps} steps.</li>
 * </ol>
 * Deterministic: the same network seed, gain and settings give identical numbers.
 */
public final class ChaosAnalysis {
    private ChaosAnalysis() {}

    /** Runs the analysis of the random network of seed {@code seed} at gain {@code gain}. */
    public static ChaosResult run(double gain, long seed, ChaosSettings s) {
        if (!(gain >= 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be >= 0, found " + gain);
        }
        return run(TanhNetwork.of(s.hiddenSize(), seed, gain, s.dtTau()), seed, seed, ChaosResult.RANDOM, s);
    }

    /**
     * Runs the analysis of a given network at its own N, gain and Euler step; the run lengths and
     * numerics come from {@code s}, whose N and step are replaced by the network's.
     */
    public static ChaosResult run(ChaosNetwork network, ChaosSettings s) {
        ChaosSettings own = s.withHiddenSize(network.hiddenSize()).withDtTau(network.dtTau());
        return run(network.network(), network.networkSeed(), network.stateSeed(), network.source(), own);
    }

    private static ChaosResult run(TanhNetwork net, Long networkSeed, long seed, String source, ChaosSettings s) {
        long start = System.nanoTime();
        int n = s.hiddenSize();
        double gain = net.gain();
        double[] h = initialState(n, seed, s.initialSd());
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.tanh(h[i]);
        }
        TangentSpace tangents = new TangentSpace(n, s.spectrum(), Rngs.of(seed, "chaos.tangent"));
        TanhNetwork.Workspace work = net.workspace(s.spectrum());
        TraceRecorder traces = new TraceRecorder(s.traceUnits(),
                Math.min(s.traceSteps(), s.transientSteps() + s.measuredSteps()), s.dtTau());
        traces.record(0, r);

        int warmup = s.transientSteps();
        int measured = s.measuredSteps();
        int m = s.orthoEvery();
        LyapunovEstimator lyap = new LyapunovEstimator(s.spectrum(), measured / m, m * s.dtTau());
        ActivityStats stats = new ActivityStats(n, s.sampleEvery());
        for (int t = 1; t <= warmup; t++) {
            net.step(h, r, tangents.vectors(), work);
            traces.record(t, r);
            if (t % m == 0 || t == warmup) {
                tangents.orthonormalise();
            }
        }
        for (int t = 1; t <= measured; t++) {
            net.step(h, r, tangents.vectors(), work);
            traces.record(warmup + t, r);
            stats.add(h, r);
            if (t % m == 0) {
                lyap.add(tangents.orthonormalise());
            }
        }
        double pr = stats.participationRatio();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new ChaosResult(gain, networkSeed, n, s.dtTau(), warmup, measured, lyap.spectrum(),
                lyap.standardError(), lyap.drift(), lyap.converged(), stats.delta0(), stats.delta0R(), pr,
                stats.samples(), seconds, traces.trace(), source);
    }

    /** h[0] ~ N(0, sd^2) per unit from the network seed's "chaos.state" generator. */
    static double[] initialState(int n, long seed, double sd) {
        SplittableRandom rng = Rngs.of(seed, "chaos.state");
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = sd * Rngs.gaussian(rng);
        }
        return h;
    }

    /** Records the rates of the first units for the first steps (at most as many as are simulated). */
    private static final class TraceRecorder {
        private final double[] time;
        private final double[][] rates;

        TraceRecorder(int units, int steps, double dtTau) {
            int samples = units == 0 ? 0 : steps + 1;
            time = new double[samples];
            rates = new double[units][samples];
            for (int t = 0; t < samples; t++) {
                time[t] = t * dtTau;
            }
        }

        void record(int t, double[] r) {
            if (t < time.length) {
                for (int u = 0; u < rates.length; u++) {
                    rates[u][t] = r[u];
                }
            }
        }

        RateTrace trace() {
            return time.length == 0 ? RateTrace.empty() : new RateTrace(time, rates);
        }
    }
}
