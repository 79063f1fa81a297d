package org.rnnmemory.train;

/**
 * The training state of one model seed: current weights, optimiser state and status.
 * Weights are double arrays holding float32-representable values for float32 models.
 */
public final class SeedState {
    /** Status of a seed in a run. */
    public enum Status { RUNNING, COMPLETED, DIVERGED }

    final int seed;
    final double[] input;
    final double[] readout;
    final double[] initialState;
    final Adam adamInput;
    final Adam adamReadout;
    Status status = Status.RUNNING;
    int divergedAt = -1;
    int updates;
    double trainSeconds;
    double lastLoss = Double.NaN;

    SeedState(int seed, double[] input, double[] readout, double[] initialState, Adam adamInput, Adam adamReadout) {
        this.seed = seed;
        this.input = input;
        this.readout = readout;
        this.initialState = initialState;
        this.adamInput = adamInput;
        this.adamReadout = adamReadout;
    }

    public int seed() {
        return seed;
    }

    public double[] input() {
        return input;
    }

    public double[] readout() {
        return readout;
    }

    public double[] initialState() {
        return initialState;
    }

    public Status status() {
        return status;
    }

    /** Update at which the seed diverged, or -1. */
    public int divergedAt() {
        return divergedAt;
    }

    public int updates() {
        return updates;
    }

    public double trainSeconds() {
        return trainSeconds;
    }

    public double lastLoss() {
        return lastLoss;
    }
}
