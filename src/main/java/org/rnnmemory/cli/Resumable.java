package org.rnnmemory.cli;

/** A command whose interrupted work continues with another command line, printed when it is interrupted. */
interface Resumable {
    /** The exact command line that continues the work, e.g. {@code ./rnnmem run x.yaml --out D --resume}. */
    String resumeCommand();
}
