/**
 * Analysis reports: one document model ({@link org.rnnmemory.report.Report}) rendered as a
 * Python 3 Jupyter notebook ({@link org.rnnmemory.report.NotebookWriter}, run by
 * {@link org.rnnmemory.report.NotebookExecution} when Jupyter is installed), GitHub-flavoured
 * markdown with a {@code figures/} folder ({@link org.rnnmemory.report.MarkdownWriter}) and a
 * single self-contained HTML page ({@link org.rnnmemory.report.HtmlWriter}). All numbers in
 * tables, and those formatted for prose, go through {@link org.rnnmemory.report.Numbers}. All
 * files are written atomically.
 */
package org.rnnmemory.report;
