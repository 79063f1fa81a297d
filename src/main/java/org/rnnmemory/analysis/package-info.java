/**
 * Reverse engineering of trained networks across seeds: {@code rnnmem analyze} and
 * {@code rnnmem report}.
 *
 * <p>{@link org.rnnmemory.analysis.RunSet} merges run directories of one experiment;
 * {@link org.rnnmemory.analysis.SeedDynamics} simulates each seed's noise-free trials for the test
 * durations and a dense set of pulse durations (one batch per seed) and measures the integration
 * curve ({@link org.rnnmemory.analysis.IntegrationCurve}), plateau drift
 * ({@link org.rnnmemory.analysis.PlateauDrift}), trajectory separation
 * ({@link org.rnnmemory.analysis.Separation}) and readout geometry
 * ({@link org.rnnmemory.analysis.ReadoutGeometry}); {@link org.rnnmemory.analysis.Analyzer} writes
 * the tables ({@link org.rnnmemory.analysis.AnalysisTables}) and figures
 * ({@link org.rnnmemory.analysis.AnalysisFigures}), whose metrics are described once in
 * {@link org.rnnmemory.analysis.MetricCatalog}; {@link org.rnnmemory.analysis.AnalysisReport}
 * turns them into the markdown and HTML report, and {@link org.rnnmemory.analysis.AnalysisNotebook}
 * into a Python notebook that recomputes the headline numbers from the tables and weights.
 *
 * <p>Units: durations and times in ms (steps of dt converted), rates dimensionless (tanh), drift
 * per second, slopes per ms.
 */
package org.rnnmemory.analysis;
