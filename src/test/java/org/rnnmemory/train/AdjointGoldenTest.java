package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The adjoint engine reproduces, bit for bit, the training runs pinned in {@link AdjointGolden}'s
 * file for the OpenBLAS kernel in use ({@code BlasKernel.coreName()}) (skipped, with the reason, for a kernel the file does not hold).
 */
class AdjointGoldenTest {
    @Test
    void trainingRunsReproduceThePinnedBits() throws IOException {
        String core = AdjointGolden.core();
        JsonNode pinned = AdjointGolden.pinned(core);
        Assumptions.assumeTrue(pinned != null, "no pinned numbers for OpenBLAS kernel " + core);
        for (AdjointGolden.Scenario s : AdjointGolden.SCENARIOS) {
            JsonNode want = pinned.get(s.name());
            assertTrue(want != null, "scenario " + s.name() + " missing for kernel " + core);
            for (Map.Entry<String, List<String>> e : AdjointGolden.run(s).entrySet()) {
                List<String> expected = new ArrayList<>();
                want.get(e.getKey()).forEach(v -> expected.add(v.asText()));
                assertEquals(expected, e.getValue(), s.name() + " " + e.getKey() + " (kernel " + core + ")");
            }
        }
    }

    /**
     * The same scenario in a child JVM that never compiles this project's methods
     * ({@code -XX:CompileCommand=exclude,org.rnnmemory.*::*}: every Java loop of the engine runs in
     * the interpreter) gives the same bits as this JVM, where they are compiled and vectorised.
     */
    @Test
    void interpretedEngineGivesTheCompiledBits() throws Exception {
        AdjointGolden.Scenario s = AdjointGolden.SCENARIOS.get(0);
        Map<String, List<String>> compiled = AdjointGolden.run(s);
        for (int i = 0; i < 3; i++) {
            AdjointGolden.run(s);
        }
        assertEquals(compiled, AdjointGolden.run(s), "repeated in this JVM, after compilation");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx1g", "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=exclude,org.rnnmemory.*::*", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", System.getProperty("java.class.path"), AdjointGolden.class.getName(), s.name());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        Map<String, List<String>> interpreted = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("GOLDEN ")) {
                    String[] parts = line.split(" ", 3);
                    interpreted.put(parts[1], List.of(parts[2].split(",")));
                }
            }
        }
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "child JVM finished");
        assertEquals(0, p.exitValue(), "child JVM exit code");
        assertEquals(compiled, interpreted, "interpreted child JVM against this one");
    }

    /** Rewrites the pinned numbers of the kernel in use; run only on purpose (see {@link AdjointGolden}). */
    @Test
    @EnabledIfSystemProperty(named = "rnnmem.regenerate", matches = "true")
    void regenerate() throws IOException {
        AdjointGolden.regenerate();
    }
}
