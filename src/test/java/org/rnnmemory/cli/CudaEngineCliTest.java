package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.gpu.Cuda;
import org.rnnmemory.gpu.CudaUnavailableException;

/** Without a GPU, {@code training.engine: cuda} is a one-line error with exit code 2 that writes nothing. */
class CudaEngineCliTest {
    @TempDir
    Path dir;

    private static boolean gpu;

    @BeforeAll
    static void probe() {
        try {
            Cuda.open();
            gpu = true;
        } catch (CudaUnavailableException e) {
            gpu = false;
        }
    }

    @BeforeEach
    void onlyWithoutAGpu() {
        Assumptions.assumeFalse(gpu, "a usable CUDA GPU is present: the no-GPU error cannot be produced here");
    }

    private Path experiment() throws IOException {
        Path yaml = dir.resolve("tiny.yaml");
        Files.writeString(yaml, TinyExperiment.YAML);
        return yaml;
    }

    private static void assertNoGpuError(CliRun r) {
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: training.engine: cuda: "), r.err());
        // this machine has no NVIDIA driver, or the driver has no device, or the CUDA libraries are missing
        assertTrue(r.err().contains("no NVIDIA driver") || r.err().contains("no CUDA device")
                || r.err().contains("CUDA libraries not found"), r.err());
    }

    @Test
    void runStopsBeforeWritingAnything() throws IOException {
        Path out = dir.resolve("run");
        CliRun r = CliRun.of("run", experiment().toString(), "--out", out.toString(), "--set", "training.engine=cuda");
        assertNoGpuError(r);
        assertFalse(Files.exists(out), "nothing written");
        assertEquals("", r.out());
    }

    @Test
    void benchSaysTheSame() throws IOException {
        CliRun r = CliRun.of("bench", "--config", experiment().toString(), "--set", "training.engine=cuda", "--json");
        assertNoGpuError(r);
        assertEquals("", r.out());
    }
}
