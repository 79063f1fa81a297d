package org.rnnmemory.train;

/**
 * Exact backpropagation through time over whole trials for a stack of seeds that share G.
 * Implementations differ in speed only: every engine returns the same loss and gradients.
 */
public interface BpttEngine extends AutoCloseable {

    /**
     * Loss and gradients of the training loss with respect to I and w of every seed.
     *
     * @param batch the stacked batch (S seeds x B rows)
     * @param input I per seed, [S][N]
     * @param readout w per seed, [S][N]
     * @param initialState h[0] per seed [S][N], or null for zeros
     */
    Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState);

    /**
     * Steps whose forward values the last {@link #compute} kept at a time for the backward pass:
     * all simulated steps, or a chunk whose forward pass is recomputed.
     */
    int lastKeptSteps();

    /** Whether the last {@link #compute} recomputed forward steps in its backward pass. */
    boolean lastRecomputed();

    @Override
    default void close() {}
}
