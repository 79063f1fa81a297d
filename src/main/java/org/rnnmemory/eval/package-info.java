/**
 * The evaluation protocol of SPEC section 4: precision and loss at test durations, weight correlation,
 * PCA of spontaneous and memory activity and its alignment with the input and readout weights, and
 * the declarations (name, unit, meaning) of those metrics.
 *
 * <p>May import {@code io}, {@code model} and {@code task}.
 */
package org.rnnmemory.eval;
