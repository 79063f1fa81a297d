package org.rnnmemory.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Base64;
import org.rnnmemory.io.Json;

/**
 * Renders a {@link Report} as a Jupyter notebook (nbformat 4.5) for a Java kernel, with every code
 * cell carrying its outputs and execution count, so the notebook opens as an executed analysis.
 *
 * <p>Cells: the title and headings become markdown cells ({@code #} to {@code ######});
 * paragraphs become markdown cells unchanged; a table becomes a markdown caption cell followed by
 * a code cell whose {@code execute_result} holds {@code text/plain} (fixed-width) and
 * {@code text/html}; a figure becomes a code cell whose {@code display_data} holds
 * {@code image/png} (base64) and {@code text/plain}, followed by a markdown caption cell; a code
 * block becomes a code cell whose {@code execute_result} holds its output as {@code text/plain}
 * (no output when the output is empty). Execution counts run 1, 2, ... over the code cells. Cell
 * ids are {@code cell-1}, {@code cell-2}, ... The notebook metadata names this class as generator.
 */
public final class NotebookWriter {
    /** Notebook format version written. */
    public static final int NBFORMAT = 4;
    /** Notebook format minor version written (cell ids are required from 4.5). */
    public static final int NBFORMAT_MINOR = 5;

    private final ArrayNode cells = Json.MAPPER.createArrayNode();
    private final Captions captions = new Captions();
    private int executionCount;

    private NotebookWriter() {}

    /** Writes the notebook atomically. */
    public static void write(Report report, Path file) {
        Json.write(file, toJson(report));
    }

    /** The notebook as JSON. */
    public static ObjectNode toJson(Report report) {
        NotebookWriter w = new NotebookWriter();
        w.markdown("# " + report.title());
        for (Block b : report.blocks()) {
            w.add(b);
        }
        ObjectNode nb = Json.object();
        nb.set("cells", w.cells);
        nb.set("metadata", metadata(report));
        nb.put("nbformat", NBFORMAT);
        nb.put("nbformat_minor", NBFORMAT_MINOR);
        return nb;
    }

    private static ObjectNode metadata(Report report) {
        ObjectNode m = Json.object();
        ObjectNode kernel = m.putObject("kernelspec");
        kernel.put("name", "java");
        kernel.put("display_name", "Java");
        kernel.put("language", "java");
        ObjectNode lang = m.putObject("language_info");
        lang.put("name", "java");
        lang.put("version", String.valueOf(Runtime.version().feature()));
        lang.put("mimetype", "text/x-java-source");
        lang.put("file_extension", ".jshell");
        lang.put("pygments_lexer", "java");
        lang.put("codemirror_mode", "java");
        m.put("title", report.title());
        m.putObject("rnnmemory").put("generator", NotebookWriter.class.getName());
        return m;
    }

    private void add(Block block) {
        if (block instanceof Block.Heading h) {
            markdown("#".repeat(h.level()) + " " + h.text());
        } else if (block instanceof Block.Paragraph p) {
            markdown(p.markdown());
        } else if (block instanceof Block.TableBlock t) {
            table(t);
        } else if (block instanceof Block.Figure f) {
            figure(f);
        } else if (block instanceof Block.Code c) {
            code(c);
        }
    }

    private void table(Block.TableBlock t) {
        String label = captions.nextTable();
        markdown("**" + label + "** " + t.caption());
        FormattedTable ft = FormattedTable.of(t.table());
        ObjectNode data = Json.object();
        data.set("text/plain", lines(ft.toPlainText()));
        data.set("text/html", lines(Html.table(ft)));
        ObjectNode cell = codeCell(t.source().isEmpty() ? "// " + label + " " + t.caption() : t.source());
        ((ArrayNode) cell.get("outputs")).add(output("execute_result", data, cell));
    }

    private void figure(Block.Figure f) {
        String label = captions.nextFigure();
        ObjectNode data = Json.object();
        data.put("image/png", Base64.getEncoder().encodeToString(f.png()));
        data.set("text/plain", lines("<" + label + " " + f.caption() + ">"));
        ObjectNode cell = codeCell(f.source().isEmpty() ? "// " + label + " " + f.caption() : f.source());
        ((ArrayNode) cell.get("outputs")).add(output("display_data", data, cell));
        markdown("**" + label + "** " + f.caption());
    }

    private void code(Block.Code c) {
        ObjectNode cell = codeCell(c.source());
        if (!c.output().isEmpty()) {
            ObjectNode data = Json.object();
            data.set("text/plain", lines(c.output()));
            ((ArrayNode) cell.get("outputs")).add(output("execute_result", data, cell));
        }
    }

    private ObjectNode output(String type, ObjectNode data, ObjectNode cell) {
        ObjectNode o = Json.object();
        o.put("output_type", type);
        o.set("data", data);
        o.putObject("metadata");
        if (type.equals("execute_result")) {
            o.set("execution_count", cell.get("execution_count"));
        }
        return o;
    }

    private void markdown(String source) {
        ObjectNode cell = newCell("markdown");
        cell.set("source", lines(source));
    }

    private ObjectNode codeCell(String source) {
        ObjectNode cell = newCell("code");
        cell.put("execution_count", ++executionCount);
        cell.set("source", lines(source));
        cell.putArray("outputs");
        return cell;
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
