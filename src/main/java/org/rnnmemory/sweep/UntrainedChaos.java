package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.chaos.ChaosResult;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.chaos.ChaosStudy;
import org.rnnmemory.config.ExperimentSpec;

/**
 * Largest Lyapunov exponent of the untrained network of each candidate: {@link ChaosStudy} at the
 * candidate's gain, with its N, for {@value #NETWORK_SEEDS} network seeds starting at its
 * {@code network.network_seed} (so the first is the G the candidate was trained with), Euler step
 * {@code min(dt / tau, 0.1)} in tau. Candidates that share gain, N, step and network seed share one
 * result.
 */
public final class UntrainedChaos {
    /** Network seeds per gain. */
    static final int NETWORK_SEEDS = 3;

    private UntrainedChaos() {}

    /**
     * Which untrained network a candidate has.
     *
     * @param gain g
     * @param hiddenSize N
     * @param dtTau Euler step of the analysis, in tau
     * @param networkSeed first network seed
     */
    public record Key(double gain, int hiddenSize, double dtTau, long networkSeed) {
        static Key of(ExperimentSpec e) {
            var n = e.network();
            return new Key(n.gain(), n.hiddenSize(), Math.min(n.dtMs() / n.tauMs(), ChaosSettings.MAX_DT_TAU),
                    n.networkSeed());
        }

        List<Long> seeds() {
            List<Long> s = new ArrayList<>();
            for (int i = 0; i < NETWORK_SEEDS; i++) {
                s.add(networkSeed + i);
            }
            return s;
        }
    }

    /**
     * lambda_max over the network seeds of one key, in 1/tau.
     *
     * @param mean mean over seeds
     * @param sd sample standard deviation over seeds
     * @param results one result per network seed
     */
    public record Lambda(Key key, double mean, double sd, List<ChaosResult> results) {

        /** Standard error of the mean over network seeds (the single run's own SEM with one seed). */
        public double standardError() {
            return results.size() > 1 ? sd / Math.sqrt(results.size()) : results.get(0).lambdaSem();
        }

        /** The result for the G the candidate was trained with (network seed {@code key.networkSeed()}). */
        public ChaosResult trained() {
            return results.stream().filter(r -> r.networkSeed() == key.networkSeed()).findFirst().orElseThrow();
        }
    }

    /**
     * Runs the analysis for every distinct key of {@code experiments}.
     *
     * @param base run lengths and numerics; N and the step are taken from each key
     * @param threads 1 or 2
     * @param done called as each (gain, seed) pair finishes
     */
    static Map<Key, Lambda> compute(List<ExperimentSpec> experiments, ChaosSettings base, int threads,
                                    Consumer<ChaosResult> done) {
        Map<Key, Lambda> out = new LinkedHashMap<>();
        Map<Key, List<Double>> gainsByGroup = new LinkedHashMap<>();
        for (ExperimentSpec e : experiments) {
            Key k = Key.of(e);
            Key group = new Key(0, k.hiddenSize(), k.dtTau(), k.networkSeed());
            List<Double> gains = gainsByGroup.computeIfAbsent(group, g -> new ArrayList<>());
            if (!gains.contains(k.gain())) {
                gains.add(k.gain());
            }
        }
        for (Map.Entry<Key, List<Double>> g : gainsByGroup.entrySet()) {
            Key group = g.getKey();
            ChaosSettings s = base.withHiddenSize(group.hiddenSize()).withDtTau(group.dtTau());
            List<ChaosResult> results = new ChaosStudy(g.getValue(), group.seeds(), s, threads).run(done);
            for (double gain : g.getValue()) {
                Key k = new Key(gain, group.hiddenSize(), group.dtTau(), group.networkSeed());
                List<ChaosResult> mine = results.stream().filter(r -> r.gain() == gain).toList();
                Summary sum = Summary.of(mine.stream().mapToDouble(ChaosResult::lambdaMax).toArray());
                out.put(k, new Lambda(k, sum.mean(), sum.sd(), mine));
            }
        }
        return out;
    }
}
