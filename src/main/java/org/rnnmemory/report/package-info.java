/**
 * Analysis reports: one document model ({@link org.rnnmemory.report.Report}) rendered as an
 * executed Jupyter notebook ({@link org.rnnmemory.report.NotebookWriter}), GitHub-flavoured
 * markdown with a {@code figures/} folder ({@link org.rnnmemory.report.MarkdownWriter}) and a
 * single self-contained HTML page ({@link org.rnnmemory.report.HtmlWriter}). All numbers in
 * tables, and those formatted for prose, go through {@link org.rnnmemory.report.Numbers}. All
 * files are written atomically.
 */
package org.rnnmemory.report;
