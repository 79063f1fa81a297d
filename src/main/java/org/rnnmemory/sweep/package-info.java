/**
 * Hyper-parameter sweeps: candidates from a sweep file (grid or random, through Arbiter), each trained
 * into its own run directory by {@code run.ExperimentRunner}, resumed where it stopped, summarised in
 * tables, figures and the edge-of-chaos finding.
 *
 * <p>May import {@code io}, {@code config}, {@code model}, {@code run}, {@code chaos}, {@code analysis.stats},
 * {@code plot} and {@code report}; never {@code train} (run directories are read through {@code run}).
 */
package org.rnnmemory.sweep;
