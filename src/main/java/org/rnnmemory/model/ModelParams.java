package org.rnnmemory.model;

import org.rnnmemory.task.SystemA;

/**
 * Fixed parameters of the continuous-time RNN.
 *
 * @param hiddenSize number of units N
 * @param tauMs membrane time constant tau, in ms
 * @param dtMs Euler step dt, in ms (one time step)
 * @param gain recurrent gain g (folded into G when the graph is built)
 */
public record ModelParams(int hiddenSize, double tauMs, double dtMs, double gain) {

    /** The reference System A values: N = 500, tau = 100 ms, dt = 1 ms, g = 1.5. */
    public static final ModelParams SYSTEM_A = new ModelParams(SystemA.HIDDEN_SIZE, SystemA.TAU_MS, SystemA.DT_MS,
            SystemA.GAIN);

    public ModelParams {
        if (hiddenSize < 1) {
            throw new IllegalArgumentException("hidden_size must be >= 1, found " + hiddenSize);
        }
        if (!(tauMs > 0) || !Double.isFinite(tauMs)) {
            throw new IllegalArgumentException("tau_ms must be > 0, found " + tauMs);
        }
        if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
            throw new IllegalArgumentException("dt_ms must be > 0, found " + dtMs);
        }
        if (dtMs > tauMs) {
            throw new IllegalArgumentException("dt_ms must be <= tau_ms for a stable Euler step, found dt_ms "
                    + dtMs + " > tau_ms " + tauMs);
        }
        if (!(gain >= 0) || !Double.isFinite(gain)) {
            throw new IllegalArgumentException("gain must be >= 0, found " + gain);
        }
    }

    /** The Euler factor alpha = dt / tau. */
    public double alpha() {
        return dtMs / tauMs;
    }
}
