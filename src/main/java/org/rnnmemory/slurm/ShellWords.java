package org.rnnmemory.slurm;

import java.util.List;
import java.util.regex.Pattern;

/** Words written into batch scripts as a POSIX shell reads them. */
final class ShellWords {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private ShellWords() {}

    /** The word unchanged when plain, else in single quotes. */
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
