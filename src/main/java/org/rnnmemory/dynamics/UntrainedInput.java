package org.rnnmemory.dynamics;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.train.TrainPlan;
import org.rnnmemory.train.WeightInitializer;

/**
 * The input weights I a model seed started from before training, or why they are unknown.
 * They come from the trainer's own initialisation code ({@link WeightInitializer} of the run's
 * training plan), so every {@code network.init} mode the trainer knows is reproduced exactly.
 *
 * @param input I before training, length N, or null when unknown
 * @param source where it came from, or why it is unknown
 */
public record UntrainedInput(double[] input, String source) {

    /** Unknown initial weights. */
    public static UntrainedInput unknown(String reason) {
        return new UntrainedInput(null, reason);
    }

    public boolean known() {
        return input != null;
    }

    /**
     * Reconstructs initial input weights from an experiment's configuration. One source serves every
     * seed of the experiment (initialisations that need a PCA compute it once).
     */
    public static final class Source {
        private final WeightInitializer init;
        private final String description;
        private final String problem;

        private Source(WeightInitializer init, String description, String problem) {
            this.init = init;
            this.description = description;
            this.problem = problem;
        }

        /**
         * @param spec the run's experiment
         * @param recurrent the network's G (N x N; the trainer's G, which training does not change)
         */
        public static Source of(ExperimentSpec spec, INDArray recurrent) {
            String init = "network.init.input = " + spec.network().initInput().toYaml();
            try {
                TrainPlan plan = TrainPlan.of(spec);
                WeightInitializer w = WeightInitializer.of(plan, recurrent.castTo(plan.dtype()));
                return new Source(w, init, null);
            } catch (InputFileException | IllegalArgumentException e) {
                return new Source(null, init, e.getMessage());
            }
        }

        /** The initial I of a model seed. */
        public synchronized UntrainedInput input(int seed) {
            if (init == null) {
                return unknown(description + " cannot be reproduced: " + problem);
            }
            try {
                return new UntrainedInput(init.input(seed), description + ", model seed " + seed);
            } catch (InputFileException | IllegalArgumentException e) {
                return unknown(description + " cannot be reproduced: " + e.getMessage());
            }
        }
    }
}
