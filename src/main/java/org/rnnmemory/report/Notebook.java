package org.rnnmemory.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.rnnmemory.io.Json;

/**
 * A Jupyter notebook (nbformat 4.5) for the standard Python 3 kernel ({@code python3}), built cell
 * by cell. Code cells are written unexecuted (no outputs, execution count null): their outputs
 * come from running them ({@link NotebookExecution}). Cell ids are {@code cell-1}, {@code cell-2},
 * ...; multi-line strings are written as nbformat lists of lines.
 */
public final class Notebook {
    /** Notebook format version written. */
    public static final int NBFORMAT = 4;
    /** Notebook format minor version written (cell ids are required from 4.5). */
    public static final int NBFORMAT_MINOR = 5;
    /** Kernel the notebook asks for: the standard IPython kernel. */
    public static final String KERNEL = "python3";

    private final String title;
    private final ArrayNode cells = Json.MAPPER.createArrayNode();

    /** An empty notebook; {@code title} goes into its metadata. */
    public Notebook(String title) {
        this.title = title;
    }

    /** Appends a markdown cell. */
    public Notebook markdown(String source) {
        newCell("markdown").set("source", lines(source));
        return this;
    }

    /** Appends an unexecuted code cell. */
    public Notebook code(String source) {
        ObjectNode cell = newCell("code");
        cell.putNull("execution_count");
        cell.putArray("outputs");
        cell.set("source", lines(source));
        return this;
    }

    /** Number of cells so far. */
    public int size() {
        return cells.size();
    }

    /** The notebook as JSON. */
    public ObjectNode toJson() {
        ObjectNode nb = Json.object();
        nb.set("cells", cells.deepCopy());
        ObjectNode m = nb.putObject("metadata");
        ObjectNode kernel = m.putObject("kernelspec");
        kernel.put("name", KERNEL);
        kernel.put("display_name", "Python 3 (ipykernel)");
        kernel.put("language", "python");
        ObjectNode lang = m.putObject("language_info");
        lang.put("name", "python");
        lang.put("mimetype", "text/x-python");
        lang.put("file_extension", ".py");
        lang.put("pygments_lexer", "ipython3");
        lang.putObject("codemirror_mode").put("name", "ipython").put("version", 3);
        m.put("title", title);
        m.putObject("rnnmemory").put("generator", "rnn-memory");
        nb.put("nbformat", NBFORMAT);
        nb.put("nbformat_minor", NBFORMAT_MINOR);
        return nb;
    }

    /** Writes the notebook atomically. */
    public void write(Path file) {
        Json.write(file, toJson());
    }

    private ObjectNode newCell(String type) {
        ObjectNode cell = cells.addObject();
        cell.put("id", "cell-" + cells.size());
        cell.put("cell_type", type);
        cell.putObject("metadata");
        return cell;
    }

    /** nbformat multi-line string: one element per line, each but the last ending in a newline. */
    static ArrayNode lines(String text) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        String[] parts = body.split("\n", -1);
        for (int i = 0; i < parts.length; i++) {
            a.add(i < parts.length - 1 ? parts[i] + "\n" : parts[i]);
        }
        return a;
    }
}
