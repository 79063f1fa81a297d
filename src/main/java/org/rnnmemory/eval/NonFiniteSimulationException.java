package org.rnnmemory.eval;

/**
 * A network whose noise-free simulation produces non-finite rates or outputs (weights so large
 * that sums overflow), so that its evaluation metrics do not exist.
 */
public class NonFiniteSimulationException extends RuntimeException {
    public NonFiniteSimulationException(String message) {
        super(message);
    }
}
