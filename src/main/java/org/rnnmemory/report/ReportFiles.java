package org.rnnmemory.report;

import java.nio.file.Path;

/** Writes a report in all three formats into one folder. */
public final class ReportFiles {
    /** File names used by {@link #writeAll}. */
    public static final String NOTEBOOK = "analysis.ipynb";
    public static final String MARKDOWN = "analysis.md";
    public static final String HTML = "analysis.html";

    /** Where {@link #writeAll} put the files. */
    public record Written(Path notebook, Path markdown, Path html) {}

    private ReportFiles() {}

    /**
     * Writes {@value #NOTEBOOK}, {@value #MARKDOWN} (with its {@code figures/} folder) and
     * {@value #HTML} into {@code dir}, each file atomically.
     */
    public static Written writeAll(Report report, Path dir) {
        Written w = new Written(dir.resolve(NOTEBOOK), dir.resolve(MARKDOWN), dir.resolve(HTML));
        NotebookWriter.write(report, w.notebook());
        MarkdownWriter.write(report, w.markdown());
        HtmlWriter.write(report, w.html());
        return w;
    }
}
