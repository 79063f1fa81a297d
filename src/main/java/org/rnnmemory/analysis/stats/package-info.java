/**
 * Small-sample statistics across model seeds (n ~ 5..40): summaries, Pearson and Spearman
 * correlation, percentile-bootstrap confidence intervals, Holm-Bonferroni adjustment, the
 * Mann-Whitney U test, the Wilcoxon signed-rank test for paired samples and simple linear
 * regression.
 *
 * <p>Conventions shared by every class here:
 * <ul>
 *   <li>NaN values are dropped (pairwise for two-variable statistics) and the number of values
 *       actually used is reported as {@code n}. Infinite values are kept.</li>
 *   <li>p-values are two-sided.</li>
 *   <li>Statistics that are undefined for the data (too few values, zero variance) are NaN,
 *       never an exception; malformed arguments (null, unequal lengths, a level outside (0, 1))
 *       throw {@link IllegalArgumentException} naming the argument.</li>
 *   <li>Every result is a record implementing {@link org.rnnmemory.analysis.stats.StatResult},
 *       whose {@code columns()} gives the CSV column names and values
 *       ({@code pearson_r}, {@code pearson_p}, ...); {@link org.rnnmemory.analysis.stats.StatTable}
 *       turns labelled results into a Tablesaw table with those columns.</li>
 * </ul>
 */
package org.rnnmemory.analysis.stats;
