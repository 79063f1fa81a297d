package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.gpu.check.SelfTest;

/**
 * The engine's foreign-function bindings end to end, without a GPU: a stand-in for libcuda, libcudart,
 * libcublas and libnvrtc (test resource {@code gpu/fake_cuda.cpp}: the same function names and
 * signatures, host memory, stream capture recorded and replayed, kernels run by the host emulator) is
 * built and found through {@code RNNMEM_CUDA_LIBS}; the self-test main and a {@code training.engine:
 * cuda} run use it in child JVMs. What the stand-in cannot show: that the real libraries behave as it
 * does.
 */
class FakeCudaTest {
    @TempDir
    static Path dir;
    private static Path libs;

    @BeforeAll
    static void build() throws Exception {
        if (HostExecutor.compiler() == null) {
            return;
        }
        libs = Files.createDirectories(dir.resolve("fake-cuda"));
        Files.writeString(libs.resolve("kernels.cu"), Kernels.source());
        for (String res : List.of("cuda_shim.h", "emulate.cpp", "fake_cuda.cpp")) {
            try (InputStream in = FakeCudaTest.class.getResourceAsStream("/gpu/" + res)) {
                Files.write(libs.resolve(res), in.readAllBytes());
            }
        }
        Path lib = libs.resolve("libcuda.so.1");
        run(List.of(HostExecutor.compiler(), "-std=c++17", "-shared", "-fPIC", "-O1", "-ffp-contract=off", "-o",
                lib.toString(), libs.resolve("fake_cuda.cpp").toString(), libs.resolve("emulate.cpp").toString()),
                Map.of(), 120);
        for (String name : List.of("libcudart.so.13", "libcublas.so.13", "libnvrtc.so.13")) {
            Files.copy(lib, libs.resolve(name));
        }
    }

    @BeforeEach
    void needsACompiler() {
        Assumptions.assumeTrue(libs != null, "no C++ compiler on this machine: the CUDA stand-in cannot be built");
    }

    private record Result(int code, String out, String err) {}

    private static Result run(List<String> cmd, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LD_LIBRARY_PATH");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        if (env.isEmpty() && r.code() != 0) {
            throw new IOException(cmd + " failed: " + r.err() + r.out());
        }
        return r;
    }

    private static List<String> java(String classPath, String main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx1g", "-cp", classPath, main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void selfTestPassesOnTheStandIn() throws Exception {
        String classes = Path.of(SelfTest.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Result r = run(java(classes, SelfTest.class.getName(), "--tiny"), Map.of(CudaLibraries.ENV, libs.toString()),
                300);
        assertEquals(0, r.code(), r.err() + r.out());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("Fake CUDA device", j.at("/cuda/device").asText());
        assertEquals("9.0", j.at("/cuda/compute_capability").asText());
        assertEquals("13.0", j.at("/cuda/runtime_version").asText());
        assertEquals("13.1.0", j.at("/cuda/cublas_version").asText());
        assertEquals("sm_90", j.at("/cuda/kernel_target").asText());
        assertEquals(libs.resolve("libcublas.so.13").toString(), j.at("/cuda/libraries/cublas").asText());
        assertEquals(3, j.get("checks").size());
        for (JsonNode c : j.get("checks")) {
            assertTrue(c.get("pass").asBoolean(), c.toString());
        }
        assertTrue(j.at("/tracking/pass").asBoolean(), j.get("tracking").toString());
        assertEquals(12, j.at("/tracking/losses").size());
        assertEquals(900, j.at("/timing/from_step_0/steps_simulated").asInt());
        assertTrue(j.at("/timing/from_step_0/seconds_per_update").asDouble() > 0);
        assertTrue(j.at("/timing/gemm_forward_seconds").asDouble() > 0);
        assertTrue(j.get("pass").asBoolean());
    }

    @Test
    void aCudaRunWritesTheDeviceIntoRunJsonAndTracksTheCpuRun() throws Exception {
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, org.rnnmemory.cli.TinyExperiment.YAML);
        String cp = System.getProperty("java.class.path");
        Path gpuRun = dir.resolve("run-cuda");
        Path cpuRun = dir.resolve("run-cpu");
        Result g = run(java(cp, "org.rnnmemory.cli.Main", "run", yaml.toString(), "--out", gpuRun.toString(), "--set",
                "training.engine=cuda"), Map.of(CudaLibraries.ENV, libs.toString()), 300);
        assertEquals(0, g.code(), g.err());
        run(java(cp, "org.rnnmemory.cli.Main", "run", yaml.toString(), "--out", cpuRun.toString()), Map.of(), 300);
        JsonNode runJson = new ObjectMapper().readTree(gpuRun.resolve("run.json").toFile());
        assertEquals("cuda", runJson.get("engine").asText());
        assertEquals("completed", runJson.get("status").asText());
        assertEquals("Fake CUDA device", runJson.at("/cuda/device").asText());
        assertEquals("13.0", runJson.at("/cuda/driver_cuda_version").asText());
        List<String> a = Files.readAllLines(cpuRun.resolve("tables/curves.csv"));
        List<String> b = Files.readAllLines(gpuRun.resolve("tables/curves.csv"));
        assertEquals(a.size(), b.size());
        int loss = List.of(a.get(0).split(",")).indexOf("loss");
        for (int i = 1; i < a.size(); i++) {
            double x = Double.parseDouble(a.get(i).split(",")[loss]);
            double y = Double.parseDouble(b.get(i).split(",")[loss]);
            assertEquals(x, y, 1e-3 * Math.abs(x), "curves.csv line " + (i + 1));
        }
    }
}
