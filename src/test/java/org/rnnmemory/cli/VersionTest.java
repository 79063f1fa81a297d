package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.rnnmemory.io.Provenance;

/** {@code rnnmem --version} names the commit the classes were built from, as run.json's "build" does. */
class VersionTest {
    @Test
    void versionNamesTheBuildCommit() {
        CliRun r = CliRun.of("--version");
        assertEquals(0, r.code(), r.err());
        Provenance.Git build = Provenance.buildCommit();
        String expected = "rnn-memory 0.1.0 (built from commit " + build.commit()
                + (Boolean.TRUE.equals(build.dirty()) ? ", with uncommitted changes" : "") + ")";
        assertEquals(expected, r.out().strip());
    }
}
