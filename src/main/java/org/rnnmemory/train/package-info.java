/**
 * Training: exact back-propagation through time in the sameDiff, adjoint and cuda engines, Adam,
 * the trainer that runs every seed's updates, weight initialisation and checkpoints. It knows nothing
 * of run directories: {@code run} decides where its state is written.
 *
 * <p>May import {@code io}, {@code config}, {@code task}, {@code model}, {@code eval} and {@code gpu}.
 */
package org.rnnmemory.train;
