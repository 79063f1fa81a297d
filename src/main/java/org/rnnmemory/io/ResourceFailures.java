package org.rnnmemory.io;

import java.util.Locale;

/**
 * Recognises failures caused by a missing resource rather than by a bug: running out of memory (an
 * {@link OutOfMemoryError} anywhere in the cause chain, from the Java heap or from JavaCPP's native
 * allocations) or of disk space (an I/O error saying "No space left on device" or "Disk quota
 * exceeded").
 */
public final class ResourceFailures {
    private static final int MAX_DEPTH = 32;

    private ResourceFailures() {}

    /**
     * A one-line reason, e.g. "out of memory (Java heap space)" or "disk full (cannot write
     * tables/curves.csv: No space left on device)", or null when {@code t} is another failure.
     */
    public static String reason(Throwable t) {
        int depth = 0;
        for (Throwable c = t; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            String m = c.getMessage() == null ? "" : oneLine(c.getMessage());
            if (c instanceof OutOfMemoryError) {
                return "out of memory (" + (m.isEmpty() ? "no detail" : m) + ")";
            }
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
                return "disk full (" + m + ")";
            }
        }
        return null;
    }

    /** The text on one line, at most 300 characters. */
    static String oneLine(String s) {
        String line = s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return line.length() > 300 ? line.substring(0, 297) + "..." : line;
    }
}
