package org.rnnmemory.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rnnmemory.io.AtomicFiles;

/**
 * Renders a {@link Report} as GitHub-flavoured markdown. Tables become pipe tables (numeric
 * columns right-aligned, {@code |} escaped), figures become image links to
 * {@value #FIGURE_DIR}{@code /<file>} relative to the markdown file, code blocks become fenced
 * {@code python} blocks followed by a fenced {@code text} block with their output.
 */
public final class MarkdownWriter {
    /** Folder, next to the markdown file, that receives the figures. */
    public static final String FIGURE_DIR = "figures";

    private MarkdownWriter() {}

    /**
     * Writes the figures to {@value #FIGURE_DIR}/ next to {@code file}, then the markdown,
     * each atomically. Other files already in the folder are left alone.
     */
    public static void write(Report report, Path file) {
        Path dir = file.toAbsolutePath().getParent().resolve(FIGURE_DIR);
        List<String> names = figureFileNames(report);
        int k = 0;
        for (Block b : report.blocks()) {
            if (b instanceof Block.Figure f) {
                AtomicFiles.write(dir.resolve(names.get(k++)), out -> out.write(f.png()));
            }
        }
        AtomicFiles.writeString(file, render(report));
    }

    /** The markdown text. */
    public static String render(Report report) {
        List<String> names = figureFileNames(report);
        Captions captions = new Captions();
        List<String> parts = new ArrayList<>();
        parts.add("# " + report.title());
        int figure = 0;
        for (Block b : report.blocks()) {
            if (b instanceof Block.Heading h) {
                parts.add("#".repeat(h.level()) + " " + h.text());
            } else if (b instanceof Block.Paragraph p) {
                parts.add(p.markdown().strip());
            } else if (b instanceof Block.TableBlock t) {
                parts.add("**" + captions.nextTable() + "** " + t.caption());
                parts.add(table(FormattedTable.of(t.table())));
            } else if (b instanceof Block.Figure f) {
                String label = captions.nextFigure();
                parts.add("![" + escapeAlt(label + " " + f.caption()) + "](" + FIGURE_DIR + "/" + names.get(figure++) + ")");
                parts.add("**" + label + "** " + f.caption());
            } else if (b instanceof Block.Code c) {
                parts.add(fenced("python", c.source()));
                if (!c.output().isEmpty()) {
                    parts.add(fenced("text", c.output()));
                }
            }
        }
        return String.join("\n\n", parts) + "\n";
    }

    /**
     * File names of the figures in {@value #FIGURE_DIR}/, in document order: the original name
     * with characters other than letters, digits, '.', '_' and '-' replaced by '_', made unique
     * by a "-2", "-3", ... suffix before the extension.
     */
    static List<String> figureFileNames(Report report) {
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Block b : report.blocks()) {
            if (b instanceof Block.Figure f) {
                String base = f.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
                String name = base;
                for (int i = 2; !used.add(name); i++) {
                    int dot = base.lastIndexOf('.');
                    name = dot > 0 ? base.substring(0, dot) + "-" + i + base.substring(dot) : base + "-" + i;
                }
                names.add(name);
            }
        }
        return names;
    }

    /** A pipe table. */
    static String table(FormattedTable t) {
        StringBuilder sb = new StringBuilder();
        row(sb, t.header());
        List<String> align = new ArrayList<>();
        for (boolean numeric : t.numeric()) {
            align.add(numeric ? "---:" : ":---");
        }
        row(sb, align);
        for (List<String> r : t.rows()) {
            row(sb, r);
        }
        return sb.toString().stripTrailing();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|").replaceAll("\\R", " ")).append(" |");
        }
        sb.append('\n');
    }

    private static String escapeAlt(String text) {
        return text.replace("[", "\\[").replace("]", "\\]");
    }

    /** A fenced block whose fence is longer than any backtick run inside. */
    private static String fenced(String info, String text) {
        int longest = 0;
        int run = 0;
        for (char ch : text.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + info + "\n" + text.stripTrailing() + "\n" + fence;
    }
}
