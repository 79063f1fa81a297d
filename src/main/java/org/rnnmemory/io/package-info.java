/**
 * The ground floor every other package may use: atomic writes, {@code .npy} and JSON, table schemas,
 * provenance ({@link org.rnnmemory.io.Provenance}: written into every {@code run.json} and read back),
 * progress lines, run locks, stop signals, resource checks, the OpenBLAS kernel choice, small numeric
 * helpers, and the exceptions that become one-line user errors with exit code 2
 * ({@link org.rnnmemory.io.UserInputException}, {@link org.rnnmemory.io.InputFileException},
 * {@link org.rnnmemory.io.RefusedException}).
 *
 * <p>Imports no other package of the project.
 */
package org.rnnmemory.io;
