/**
 * The continuous-time RNN: its parameters, weights and their {@code .npy} files, the seeded random
 * draws that initialise it (including PyTorch's generator for parity with the published system), the
 * SameDiff graph and a plain-Java simulator.
 *
 * <p>May import {@code io} only.
 */
package org.rnnmemory.model;
