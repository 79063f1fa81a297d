package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Provenance} written and read back, its status words, and its configuration hash. */
class ProvenanceReadTest {
    @TempDir
    Path tmp;

    private static Provenance sample(String status, Instant end, Boolean dirty, String omp) {
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("nd4j-api", "1.0.0-M2.1");
        libs.put("progressbar", null);
        return new Provenance(Instant.parse("2026-01-02T03:04:05.678Z"), end, status,
                new Provenance.Git("0123456789abcdef0123456789abcdef01234567", dirty),
                new Provenance.Git("89abcdef0123456789abcdef0123456789abcdef", false), libs,
                new Provenance.Platform("25.0.1", "Eclipse Adoptium", "Linux", "6.1", "amd64", "AMD EPYC", 2,
                        6L << 30, "node-1", omp),
                new Provenance.Backend("CpuBackend", "CPU", "OPENBLAS", "1", "1", "SkylakeX", "auto"));
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        for (Provenance p : new Provenance[] {
                sample(Provenance.COMPLETED, Instant.parse("2026-01-02T04:00:00.001Z"), true, "1"),
                sample(Provenance.RUNNING, null, null, null),
                sample(Provenance.failed("out of memory (Java heap)"), Instant.parse("2026-01-02T03:04:06Z"), false,
                        "2")}) {
            Path file = tmp.resolve("run.json");
            Json.write(file, p.toJson());
            assertEquals(p, Provenance.fromJson(Json.MAPPER.readTree(file.toFile())));
        }
    }

    @Test
    void theReaderGivesStatusTimesAndHash() throws Exception {
        Provenance p = sample(Provenance.failed("disk full"), Instant.parse("2026-01-02T03:05:05.678Z"), false, "1");
        ObjectNode o = p.toJson();
        o.put(Provenance.CONFIG_HASH, "0123456789ab");
        Path file = tmp.resolve("run.json");
        Json.write(file, o);
        Provenance.Recorded r = Provenance.read(file);
        assertEquals("failed: disk full", r.status());
        assertTrue(r.failed());
        assertFalse(r.completed() || r.interrupted());
        assertEquals("disk full", r.failureReason());
        assertEquals(Duration.ofMinutes(1), r.took());
        assertEquals("0123456789ab", r.configHash());
    }

    @Test
    void absentKeysReadAsUnknown() throws Exception {
        Path file = tmp.resolve("run.json");
        Files.writeString(file, "{\"status\": \"interrupted\"}");
        Provenance.Recorded r = Provenance.read(file);
        assertTrue(r.interrupted());
        assertNull(r.start());
        assertNull(r.took());
        assertNull(r.configHash());
        assertNull(r.failureReason());
        Files.writeString(file, "");
        assertEquals("", Provenance.read(file).status());
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        Path file = tmp.resolve("run.json");
        Files.writeString(file, "{\"status\": ");
        InputFileException e = assertThrows(InputFileException.class, () -> Provenance.read(file));
        assertTrue(e.getMessage().startsWith(file + ": not readable as JSON ("), e.getMessage());
        assertEquals("start_utc is missing", assertThrows(IllegalArgumentException.class,
                () -> Provenance.fromJson(Json.MAPPER.readTree("{\"status\": \"completed\"}"))).getMessage());
    }

    @Test
    void theHashIsTheFirstTwelveHexDigitsOfSha256() throws Exception {
        String text = "name: tiny\nseeds: [1]\n";
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        assertEquals(expected, Provenance.hash(text));
        // the SHA-256 of the empty string, a published test vector
        assertEquals("e3b0c44298fc", Provenance.hash(""));
    }
}
