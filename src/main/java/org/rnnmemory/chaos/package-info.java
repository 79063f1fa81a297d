/**
 * Chaos versus gain of random tanh networks: the largest Lyapunov exponent (and spectrum) by tangent-space
 * iteration, activity dimensionality, the mean-field reference, their tables, figures and the
 * {@code run.json} of a study ({@link org.rnnmemory.chaos.ChaosRecord}, on {@code io.Provenance}).
 *
 * <p>May import {@code io}, {@code config}, {@code model} and {@code plot}.
 */
package org.rnnmemory.chaos;
