package org.rnnmemory.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML fragments of {@link HtmlWriter}. */
final class Html {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*");
    private static final Pattern ITALIC = Pattern.compile("\\*(?=\\S)(.+?)(?<=\\S)\\*");
    private static final Pattern BULLET = Pattern.compile("^[-*] +(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\d+\\. +(.*)$");

    private Html() {}

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** An id for a heading: lower case letters, digits and hyphens. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "section" : s;
    }

    /** A {@code <table>} with a header row; numeric cells get class "num". */
    static String table(FormattedTable t) {
        StringBuilder sb = new StringBuilder("<table>\n<thead>\n<tr>");
        for (int c = 0; c < t.header().size(); c++) {
            sb.append(cellTag("th", t.numeric().get(c), t.header().get(c)));
        }
        sb.append("</tr>\n</thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                sb.append(cellTag("td", t.numeric().get(c), row.get(c)));
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    private static String cellTag(String tag, boolean numeric, String text) {
        return "<" + tag + (numeric ? " class=\"num\"" : "") + ">" + escape(text) + "</" + tag + ">";
    }

    /** Renders the markdown subset described in {@link Block.Paragraph}. */
    static String markdown(String markdown) {
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        List<String> items = new ArrayList<>();
        String listTag = null;
        for (String line : markdown.strip().split("\\R")) {
            Matcher bullet = BULLET.matcher(line.strip());
            Matcher numbered = NUMBERED.matcher(line.strip());
            String tag = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
            if (tag != null || line.isBlank()) {
                flushParagraph(out, paragraph);
            }
            if (tag == null || !tag.equals(listTag)) {
                flushList(out, items, listTag);
                listTag = null;
            }
            if (tag != null) {
                listTag = tag;
                items.add(tag.equals("ul") ? bullet.group(1) : numbered.group(1));
            } else if (!line.isBlank()) {
                paragraph.add(line.strip());
            }
        }
        flushParagraph(out, paragraph);
        flushList(out, items, listTag);
        return out.toString();
    }

    private static void flushParagraph(StringBuilder out, List<String> lines) {
        if (!lines.isEmpty()) {
            out.append("<p>").append(inline(String.join("\n", lines))).append("</p>\n");
            lines.clear();
        }
    }

    private static void flushList(StringBuilder out, List<String> items, String tag) {
        if (!items.isEmpty()) {
            out.append('<').append(tag).append(">\n");
            for (String item : items) {
                out.append("<li>").append(inline(item)).append("</li>\n");
            }
            out.append("</").append(tag).append(">\n");
            items.clear();
        }
    }

    /** Inline markdown: code spans are kept literal; elsewhere links, bold and italic. */
    static String inline(String text) {
        StringBuilder sb = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1 && i < parts.length - 1;
            if (code) {
                sb.append("<code>").append(escape(parts[i])).append("</code>");
            } else {
                sb.append(emphasis(links(escape(i % 2 == 1 ? "`" + parts[i] : parts[i]))));
            }
        }
        return sb.toString();
    }

    private static String links(String escaped) {
        Matcher m = LINK.matcher(escaped);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String target = m.group(2);
            String replacement = target.startsWith("#")
                    ? "<a href=\"" + target + "\">" + m.group(1) + "</a>"
                    : m.group(1) + " (" + target + ")";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String emphasis(String html) {
        String bold = BOLD.matcher(html).replaceAll("<strong>$1</strong>");
        return ITALIC.matcher(bold).replaceAll("<em>$1</em>");
    }
}
