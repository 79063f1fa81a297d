/**
 * The GPU engine's device check: a self-test main, its reference adjoint in plain Java and the data it
 * compares, runnable on a machine that has only the bundle of {@code gpu-check/}.
 *
 * <p>May import {@code gpu} only.
 */
package org.rnnmemory.gpu.check;
