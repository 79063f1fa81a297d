/**
 * Reverse engineering of one trained network's mechanism, in float64.
 *
 * <ul>
 *   <li>{@link org.rnnmemory.dynamics.Field}: the continuous-time field F(h) = -h + g G tanh(h) + I u
 *       (units of 1/tau), its Jacobian, and q = |F|^2 / 2 with gradient and Hessian.</li>
 *   <li>{@link org.rnnmemory.dynamics.OptimalReadout}: the readout minimising the squared error over the
 *       evaluation window, in closed form (ridge least squares, ridge by leave-one-duration-out
 *       cross-validation) from per-trial window statistics ({@link org.rnnmemory.dynamics.WindowStats}).</li>
 *   <li>{@link org.rnnmemory.dynamics.FixedPointFinder}: fixed and slow points (Adam on q, then
 *       Levenberg-Marquardt-damped Newton steps), de-duplicated, outliers dropped;
 *       {@link org.rnnmemory.dynamics.PointAnalysis} linearises the field there.</li>
 *   <li>{@link org.rnnmemory.dynamics.OriginSpectrum}: J(0) = -1 + g G against the circular law, and the
 *       share of I in its unstable subspace.</li>
 *   <li>{@link org.rnnmemory.dynamics.MemoryTrajectories} and {@link org.rnnmemory.dynamics.MemoryPeriod}:
 *       the noise-free trials, speed |F| / tau and finite-time separation rate over the memory period.</li>
 *   <li>{@link org.rnnmemory.dynamics.NetworkDynamics}: all of it for one network (the facade of
 *       {@code rnnmem dynamics} and of the mechanism columns of {@code rnnmem analyze}).</li>
 * </ul>
 *
 * Units: eigenvalues and F in 1/tau, q in 1/tau^2, speeds and rates in 1/s, time constants in ms,
 * states h dimensionless.
 */
package org.rnnmemory.dynamics;
