/**
 * Comparison of run directories of different experiments: the runs' compatibility, per-metric
 * summaries and tests between them, figures, the narrative and the report.
 *
 * <p>May import {@code io}, {@code config}, {@code run}, {@code analysis.stats}, {@code plot} and
 * {@code report}; never {@code train}.
 */
package org.rnnmemory.analysis.compare;
