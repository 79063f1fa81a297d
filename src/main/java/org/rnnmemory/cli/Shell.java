package org.rnnmemory.cli;

import org.rnnmemory.io.ShellWords;

/** How the user started rnnmem, for the commands printed to resume a run. */
final class Shell {
    private Shell() {}

    /** The launcher's path ({@code -Drnnmem.launcher}, set by ./rnnmem) or "rnnmem", quoted for the shell. */
    static String launcher() {
        String l = System.getProperty("rnnmem.launcher");
        return l == null || l.isBlank() ? "rnnmem" : ShellWords.quote(l);
    }
}
