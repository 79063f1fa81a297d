package org.rnnmemory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file formats of a run directory and of a chaos study stay as they are: files, CSV headers and
 * row counts, and JSON key paths of a tiny run compared with {@code src/test/resources/contract/}
 * ({@link RunContract#main} regenerates them).
 */
class RunContractTest {
    @TempDir
    static Path tmp;
    static Map<String, List<String>> parts;

    @BeforeAll
    static void runOnce() throws Exception {
        parts = RunContract.capture(tmp);
    }

    private static void same(String part) {
        assertEquals(String.join("\n", RunContract.expected(part)), String.join("\n", parts.get(part)), part);
    }

    @Test
    void runDirectoryHoldsTheSameFiles() {
        same("run-files");
    }

    @Test
    void runTablesKeepTheirHeadersAndRowCounts() {
        same("run-tables");
    }

    @Test
    void runJsonKeepsItsKeys() {
        same("run-json-keys");
    }

    @Test
    void chaosJsonOnStdoutKeepsItsKeys() {
        same("chaos-stdout-keys");
    }

    @Test
    void chaosOutputHoldsTheSameFiles() {
        same("chaos-files");
    }

    @Test
    void chaosTablesKeepTheirHeadersAndRowCounts() {
        same("chaos-tables");
    }

    @Test
    void chaosRunJsonKeepsItsKeys() {
        same("chaos-run-json-keys");
    }
}
