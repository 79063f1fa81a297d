package org.rnnmemory.report;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.rnnmemory.io.AtomicFiles;

/**
 * Renders a {@link Report} as one self-contained HTML page: CSS inline in a {@code <style>}
 * element, figures as {@code data:image/png;base64,} URIs, no scripts and no reference to any
 * other file or address (the only links are {@code #anchors} to headings). Paragraph markdown is
 * converted with the subset described in {@link Block.Paragraph}.
 */
public final class HtmlWriter {
    private static final String CSS = String.join("\n",
            "body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif;",
            "       line-height: 1.5; color: #1f2328; margin: 0; }",
            "main { max-width: 60rem; margin: 0 auto; padding: 2rem 1rem; }",
            "h1, h2, h3 { line-height: 1.25; }",
            "table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }",
            "th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.6rem; text-align: left; }",
            "th { background: #f6f8fa; }",
            "td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }",
            "figure { margin: 1rem 0 1.5rem; }",
            "figure img { max-width: 100%; height: auto; }",
            "figcaption { font-size: 0.9rem; color: #59636e; }",
            "pre { background: #f6f8fa; padding: 0.75rem; overflow-x: auto; border-radius: 4px; }",
            "pre.output { background: #ffffff; border: 1px solid #d0d7de; }",
            "code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85rem; }");

    private HtmlWriter() {}

    /** Writes the page atomically. */
    public static void write(Report report, Path file) {
        AtomicFiles.writeString(file, render(report));
    }

    /** The page. */
    public static String render(Report report) {
        Set<String> ids = new HashSet<>();
        Captions captions = new Captions();
        StringBuilder body = new StringBuilder();
        body.append(heading(1, report.title(), ids));
        for (Block b : report.blocks()) {
            if (b instanceof Block.Heading h) {
                body.append(heading(h.level(), h.text(), ids));
            } else if (b instanceof Block.Paragraph p) {
                body.append(Html.markdown(p.markdown()));
            } else if (b instanceof Block.TableBlock t) {
                body.append("<figure class=\"table\">\n<figcaption><strong>").append(captions.nextTable())
                        .append("</strong> ").append(Html.escape(t.caption())).append("</figcaption>\n")
                        .append(Html.table(FormattedTable.of(t.table()))).append("</figure>\n");
            } else if (b instanceof Block.Figure f) {
                String label = captions.nextFigure();
                body.append("<figure>\n<img src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(f.png())).append("\" alt=\"")
                        .append(Html.escape(label + " " + f.caption())).append("\">\n<figcaption><strong>")
                        .append(label).append("</strong> ").append(Html.escape(f.caption()))
                        .append("</figcaption>\n</figure>\n");
            } else if (b instanceof Block.Code c) {
                body.append("<pre class=\"source\"><code>").append(Html.escape(c.source().stripTrailing()))
                        .append("</code></pre>\n");
                if (!c.output().isEmpty()) {
                    body.append("<pre class=\"output\">").append(Html.escape(c.output().stripTrailing()))
                            .append("</pre>\n");
                }
            }
        }
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(report.title()) + "</title>\n"
                + "<style>\n" + CSS + "\n</style>\n</head>\n<body>\n<main>\n"
                + body + "</main>\n</body>\n</html>\n";
    }

    private static String heading(int level, String text, Set<String> ids) {
        String base = Html.slug(text);
        String id = base;
        for (int i = 2; !ids.add(id); i++) {
            id = base + "-" + i;
        }
        return "<h" + level + " id=\"" + id + "\">" + Html.escape(text) + "</h" + level + ">\n";
    }
}
