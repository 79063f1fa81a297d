package org.rnnmemory.chaos;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.NetworkSection;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.WeightsIO;

/**
 * One given network whose chaos is measured: the recurrent matrix of an experiment (drawn from its
 * {@code network.network_seed} in its {@code training.dtype}, exactly as training draws it) or of a
 * weights folder ({@code G.npy} with {@code model.json}), its gain, and its own Euler step.
 *
 * @param source where the network comes from (the experiment file or the weights folder, as given)
 * @param network the input-free map: N x N matrix G (row i = weights into unit i), gain g, a = dt / tau
 * @param networkSeed seed G was drawn from, or null when G was read from a file
 * @param stateSeed seed of the random initial state and tangent vectors of the analysis: the network
 *     seed, or {@value #FILE_STATE_SEED} for a weights folder
 */
public record ChaosNetwork(String source, TanhNetwork network, Long networkSeed, long stateSeed) {

    /** Seed of the initial state and tangent vectors when G comes from a weights folder. */
    public static final long FILE_STATE_SEED = 1;

    public ChaosNetwork {
        if (source == null || network == null) {
            throw new IllegalArgumentException("source and network are required");
        }
        checkStep(network.a(), source + ": dt / tau");
    }

    /**
     * The untrained network of an experiment.
     *
     * @throws IllegalArgumentException when {@code network.dt_ms / network.tau_ms} exceeds
     *     {@link ChaosSettings#MAX_DT_TAU}; the message names both keys
     */
    public static ChaosNetwork of(ExperimentSpec spec, String source) {
        NetworkSection n = spec.network();
        double a = n.dtMs() / n.tauMs();
        checkStep(a, "network.dt_ms / network.tau_ms");
        DataType type = spec.training().dtype().dataType();
        double[] g = Initializer.recurrent(n.hiddenSize(), n.networkSeed(), type).castTo(DataType.DOUBLE)
                .data().asDouble();
        return new ChaosNetwork(source, new TanhNetwork(g, n.hiddenSize(), n.gain(), a), n.networkSeed(),
                n.networkSeed());
    }

    /**
     * The network of a weights folder ({@link WeightsIO}): G in double precision, N, gain, dt and tau
     * from its {@code model.json} (System A's when absent).
     *
     * @throws InputFileException naming the file when a file is missing or malformed, G holds a
     *     non-finite value, or dt / tau exceeds {@link ChaosSettings#MAX_DT_TAU}
     */
    public static ChaosNetwork of(Path weightsDir) {
        CtrnnWeights w = WeightsIO.load(weightsDir, DataType.DOUBLE);
        double[] g = w.G().data().asDouble();
        for (int i = 0; i < g.length; i++) {
            if (!Double.isFinite(g[i])) {
                throw new InputFileException(weightsDir.resolve("G.npy"), "non-finite value " + g[i] + " at row "
                        + i / w.n() + ", column " + i % w.n());
            }
        }
        ModelParams p = w.params();
        Path modelJson = weightsDir.resolve(WeightsIO.MODEL_JSON);
        try {
            checkStep(p.alpha(), "dt_ms / tau_ms");
        } catch (IllegalArgumentException e) {
            throw new InputFileException(modelJson, e.getMessage());
        }
        return new ChaosNetwork(weightsDir.toString(), new TanhNetwork(g, w.n(), p.gain(), p.alpha()), null,
                FILE_STATE_SEED);
    }

    /** Units N. */
    public int hiddenSize() {
        return network.size();
    }

    /** Euler step dt / tau. */
    public double dtTau() {
        return network.a();
    }

    private static void checkStep(double a, String what) {
        if (!(a > 0 && a <= ChaosSettings.MAX_DT_TAU)) {
            throw new IllegalArgumentException(what + " must be in (0, " + ChaosSettings.MAX_DT_TAU
                    + "] for the chaos analysis, found " + a);
        }
    }
}
