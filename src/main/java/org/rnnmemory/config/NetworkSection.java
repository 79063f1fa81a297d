package org.rnnmemory.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.InitialState;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.SystemA;

/**
 * The {@code network:} section: the CTRNN of SPEC section 1 and which of its weights are trained.
 *
 * @param hiddenSize number of units N
 * @param tauMs time constant tau, ms
 * @param dtMs Euler step dt, ms (one time step)
 * @param gain recurrent gain g
 * @param networkSeed seed of the fixed recurrent matrix G, shared by all model seeds
 * @param initialState {@code zero} or {@code random} (h[0] ~ N(0, 1) from the model seed)
 * @param trainable trained weight vectors, a subset of {@code input}, {@code readout}, in that order
 * @param initInput how the input weights I (N x 1) start
 * @param initReadout how the readout weights w (N x 1) start
 * @param initGenerator the generator of G and of the {@code random} initial I and w
 *        ({@code network.init.generator}: {@code native} or {@code pytorch}, the reference's draws)
 */
public record NetworkSection(int hiddenSize, double tauMs, double dtMs, double gain, long networkSeed,
                             InitialState initialState, List<String> trainable, WeightInit initInput,
                             WeightInit initReadout, Draws initGenerator) {

    /** Allowed values of {@code initial_state}. */
    public static final List<String> INITIAL_STATES = InitialState.configNames();
    /** Allowed entries of {@code trainable}, in canonical order. */
    public static final List<String> TRAINABLE = List.of("input", "readout");

    /**
     * SPEC section 1: N = 500, tau = 100 ms, dt = 1 ms, g = 1.5, h[0] = 0, I and w trained. The
     * default generator is the project's own ({@code native}), so that experiment files written
     * without {@code network.init.generator} keep their numbers; {@code experiments/system-a.yaml}
     * sets {@code pytorch}, the reference's own initial networks.
     */
    public static final NetworkSection SYSTEM_A = new NetworkSection(SystemA.HIDDEN_SIZE,
            SystemA.TAU_MS, SystemA.DT_MS, SystemA.GAIN, SystemA.NETWORK_SEED, InitialState.ZERO,
            List.of("input", "readout"), new WeightInit.Random(), new WeightInit.Random(), Draws.NATIVE);

    public NetworkSection {
        Check.atLeast("network.hidden_size", hiddenSize, 1);
        Check.positive("network.tau_ms", tauMs);
        Check.positive("network.dt_ms", dtMs);
        if (dtMs > tauMs) {
            throw Check.fail("network.dt_ms", "must be <= network.tau_ms = " + Check.num(tauMs)
                    + " for a stable Euler step, found " + dtMs);
        }
        Check.nonNegative("network.gain", gain);
        Check.atLeast("network.network_seed", networkSeed, 0);
        Check.notNull("network.initial_state", initialState);
        trainable = canonicalTrainable(Check.notNull("network.trainable", trainable));
        checkInit("network.init.input", Check.notNull("network.init.input", initInput), hiddenSize);
        if (initInput instanceof WeightInit.ScaledInput) {
            throw Check.fail("network.init.input", "'input' is a readout initialisation (w0 = I0 / sqrt(N))");
        }
        checkInit("network.init.readout", Check.notNull("network.init.readout", initReadout), hiddenSize);
        Check.notNull("network.init.generator", initGenerator);
    }

    private static List<String> canonicalTrainable(List<String> trainable) {
        for (int i = 0; i < trainable.size(); i++) {
            Check.oneOf("network.trainable[" + i + "]", trainable.get(i), TRAINABLE);
        }
        Check.distinct("network.trainable", trainable);
        return TRAINABLE.stream().filter(trainable::contains).toList();
    }

    private static void checkInit(String key, WeightInit init, int hiddenSize) {
        if (init instanceof WeightInit.Pcs p) {
            for (int i = 0; i < p.pcs().size(); i++) {
                if (p.pcs().get(i) > hiddenSize) {
                    throw Check.fail(key + ".pcs[" + i + "]", "must be <= network.hidden_size = " + hiddenSize
                            + ", found " + p.pcs().get(i));
                }
            }
        }
    }

    /** Whether the input weights I are trained. */
    public boolean trainInput() {
        return trainable.contains("input");
    }

    /** Whether the readout weights w are trained. */
    public boolean trainReadout() {
        return trainable.contains("readout");
    }

    /** N, tau, dt and g for the model. */
    public ModelParams modelParams() {
        return new ModelParams(hiddenSize, tauMs, dtMs, gain);
    }

    /** The section as ordered YAML values, keys in canonical order. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hidden_size", hiddenSize);
        m.put("tau_ms", tauMs);
        m.put("dt_ms", dtMs);
        m.put("gain", gain);
        m.put("network_seed", networkSeed);
        m.put("initial_state", initialState.configName());
        m.put("trainable", new ArrayList<>(trainable));
        Map<String, Object> init = new LinkedHashMap<>();
        init.put("input", initInput.toYaml());
        init.put("readout", initReadout.toYaml());
        init.put("generator", initGenerator.configName());
        m.put("init", init);
        return m;
    }
}
