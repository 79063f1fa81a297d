/**
 * The run directory and the running of an experiment into it. {@link org.rnnmemory.run.RunDirectory}
 * owns the on-disk layout (every file name, "is this a run directory?", the resolved spec, the seeds
 * and curves tables, a seed's folder, {@code run.json} read back as a
 * {@link org.rnnmemory.run.RunRecord}); {@link org.rnnmemory.run.ExperimentRunner} trains, evaluates and
 * writes a run; {@link org.rnnmemory.run.RunTables} declares the per-seed and per-update tables and
 * {@link org.rnnmemory.run.RunFootprint} the memory and disk a run needs.
 *
 * <p>May import {@code io}, {@code config}, {@code task}, {@code model}, {@code train}, {@code eval} and
 * {@code gpu}. Every command above it (analysis, dynamics, sweep, slurm, cli) reads and writes run
 * directories through this package.
 */
package org.rnnmemory.run;
