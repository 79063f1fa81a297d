package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.cli.TinyExperiment;

/** The OpenBLAS kernel choice, its start-up check, and what a real process records. */
class BlasKernelTest {

    @Test
    void fastestSupportedKernelIsChosen() {
        assertEquals(Optional.of("SkylakeX"), BlasKernel.choose(Set.of("avx2", "fma", "avx512f", "avx512bw",
                "avx512dq", "avx512vl", "avx512cd")));
        assertEquals(Optional.of("Haswell"), BlasKernel.choose(Set.of("avx2", "fma", "avx512f")),
                "AVX-512 without BW/DQ/VL is not enough for SkylakeX");
        assertEquals(Optional.of("Haswell"), BlasKernel.choose(Set.of("sse4_2", "avx", "avx2", "fma")));
        assertEquals(Optional.empty(), BlasKernel.choose(Set.of("sse4_2", "avx")));
        assertEquals(Optional.empty(), BlasKernel.choose(Set.of()));
    }

    @Test
    void fallbackWalksDownTheLadder() {
        assertEquals(Optional.of("Haswell"), BlasKernel.fallback("SkylakeX"));
        assertEquals(Optional.of("Sandybridge"), BlasKernel.fallback("haswell"));
        assertEquals(Optional.of("Prescott"), BlasKernel.fallback("Sandybridge"));
        assertEquals(Optional.empty(), BlasKernel.fallback("Prescott"));
        assertEquals(Optional.empty(), BlasKernel.fallback("Zen"));
    }

    @Test
    void cpuFlagsAreReadFromTheFirstProcessor(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("cpuinfo");
        Files.writeString(f, "processor\t: 0\nmodel name\t: X\nflags\t\t: fpu avx2 fma avx512f\n\n"
                + "processor\t: 1\nflags\t\t: fpu\n");
        assertEquals(Set.of("fpu", "avx2", "fma", "avx512f"), BlasKernel.cpuFlags(f));
        assertEquals(Set.of(), BlasKernel.cpuFlags(dir.resolve("missing")));
    }

    @Test
    void checkPassesWithTheKernelInUseAndCatchesAWrongProduct() {
        assertEquals(Optional.empty(), BlasKernel.check(BlasKernel::nd4jGemm));
        // a kernel that drops the last term of every dot product
        BlasKernel.Gemm wrong = (a, b, m, k, n, single) -> {
            double[] c = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k - 1; p++) {
                        c[i * n + j] += a[i * k + p] * b[p * n + j];
                    }
                }
            }
            return c;
        };
        Optional<String> bad = BlasKernel.check(wrong);
        assertTrue(bad.isPresent() && bad.get().startsWith("SGEMM 67x45x53: element"), bad.toString());
        // float rounding of a correct product passes the float check, not the double one
        BlasKernel.Gemm floatOnly = (a, b, m, k, n, single) -> {
            double[] c = BlasKernel.nd4jGemm(a, b, m, k, n, true);
            return c;
        };
        Optional<String> d = BlasKernel.check(floatOnly);
        assertTrue(d.isPresent() && d.get().startsWith("DGEMM 67x45x53"), d.toString());
    }

    /**
     * A real process started as a user's shell would start it (no OPENBLAS_CORETYPE) records the
     * kernel chosen for this CPU; one with OPENBLAS_CORETYPE set records that kernel as the user's.
     */
    @Test
    void aRunRecordsTheKernelItUsed(@TempDir Path dir) throws Exception {
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, TinyExperiment.YAML);
        String expected = BlasKernel.choose(BlasKernel.cpuFlags(Path.of("/proc/cpuinfo"))).orElse(null);

        JsonNode auto = runAndReadBackend(dir, yaml, "auto", null);
        if (expected != null) {
            assertEquals(expected.toLowerCase(), auto.get("blas_core").asText().toLowerCase());
            assertEquals("auto", auto.get("blas_core_source").asText());
        } else {
            assertEquals("openblas", auto.get("blas_core_source").asText());
        }
        JsonNode user = runAndReadBackend(dir, yaml, "user", "Haswell");
        assertEquals("haswell", user.get("blas_core").asText().toLowerCase());
        assertEquals("user", user.get("blas_core_source").asText());
    }

    private static JsonNode runAndReadBackend(Path dir, Path yaml, String name, String coreType) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "org.rnnmemory.cli.Main", "run", yaml.toString(), "--out", out.toString(), "--no-report", "--set", "seeds=[1]",
                "--set", "training.epochs=1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.remove(BlasKernel.ENV);
        env.remove("OPENBLAS_L2_SIZE");
        env.put("OMP_NUM_THREADS", "1");
        if (coreType != null) {
            env.put(BlasKernel.ENV, coreType);
        }
        Process p = pb.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "run did not finish within 600 s");
        String log = Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), log);
        return Json.MAPPER.readTree(out.resolve("run.json").toFile()).get("backend");
    }
}
