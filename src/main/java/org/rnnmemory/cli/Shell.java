package org.rnnmemory.cli;

import java.util.List;
import java.util.regex.Pattern;

/** Command lines as a POSIX shell reads them. */
final class Shell {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private Shell() {}

    /** How the user started rnnmem: the launcher's path ({@code -Drnnmem.launcher}, set by ./rnnmem) or "rnnmem". */
    static String launcher() {
        String l = System.getProperty("rnnmem.launcher");
        return l == null || l.isBlank() ? "rnnmem" : quote(l);
    }

    /** The word as the shell must see it: unchanged when plain, else in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The words joined by spaces, each quoted as needed. */
    static String join(List<String> words) {
        StringBuilder s = new StringBuilder();
        for (String w : words) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(quote(w));
        }
        return s.toString();
    }
}
