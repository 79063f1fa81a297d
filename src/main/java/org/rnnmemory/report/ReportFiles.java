package org.rnnmemory.report;

import java.nio.file.Path;

/** Writes a report in all three formats into one folder and runs its notebook. */
public final class ReportFiles {
    /** File names used by {@link #writeAll}. */
    public static final String NOTEBOOK = "analysis.ipynb";
    public static final String MARKDOWN = "analysis.md";
    public static final String HTML = "analysis.html";

    /**
     * Where {@link #writeAll} put the files, and how running the notebook went.
     *
     * @param execution the outcome of {@link NotebookExecution#execute(Path)}
     */
    public record Written(Path notebook, Path markdown, Path html, NotebookExecution.Outcome execution) {}

    private ReportFiles() {}

    /** {@link #writeAll(Report, Notebook, Path)} with the notebook rendered from the report. */
    public static Written writeAll(Report report, Path dir) {
        return writeAll(report, NotebookWriter.toNotebook(report), dir);
    }

    /**
     * Writes {@value #MARKDOWN} (with its {@code figures/} folder), {@value #HTML} and the notebook
     * as {@value #NOTEBOOK} into {@code dir}, each file atomically, then executes the notebook in
     * {@code dir} with Jupyter when it is installed ({@link NotebookExecution}).
     */
    public static Written writeAll(Report report, Notebook notebook, Path dir) {
        Path nb = dir.resolve(NOTEBOOK);
        MarkdownWriter.write(report, dir.resolve(MARKDOWN));
        HtmlWriter.write(report, dir.resolve(HTML));
        notebook.write(nb);
        return new Written(nb, dir.resolve(MARKDOWN), dir.resolve(HTML), NotebookExecution.execute(nb));
    }
}
