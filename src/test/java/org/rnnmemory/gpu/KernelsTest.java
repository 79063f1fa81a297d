package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernels' CUDA C source: its entry points, its constants and a warning-free host compile. */
class KernelsTest {

    @Test
    void everyEntryPointTheEngineLaunchesIsDefinedWithCLinkage() {
        String src = Kernels.source();
        for (String k : Kernels.ENTRY_POINTS) {
            assertTrue(src.contains("extern \"C\" __global__ void " + k + "("), k);
        }
        assertEquals(List.of("rnn_init", "rnn_forward", "rnn_backward", "rnn_seed_sums"), Kernels.ENTRY_POINTS);
        assertTrue(src.contains("#define RNN_ROW_BLOCK 128"));
        assertEquals(5, StepProgramTest.parameters(src, Kernels.BACKWARD).stream().filter(t -> t.equals("int")).count());
    }

    @Test
    void taylorCoefficientsAreTheExactDoublesOfOneOverKFactorial() {
        String src = Kernels.source();
        long f = 1;
        for (int k = 2; k <= 11; k++) {
            f *= k;
            String line = src.lines().filter(s -> s.startsWith("#define RNN_C")).toList().get(k - 2);
            String[] parts = line.split(" ");
            assertEquals("RNN_C" + k, parts[1]);
            assertEquals(1.0 / f, Double.parseDouble(parts[2]), 0.0, line);
        }
    }

    @Test
    void noAccidentalFusedMultiplyAdd() {
        assertEquals(List.of("--fmad=false"), Kernels.OPTIONS);
        assertEquals(1, Kernels.source().split("fmaf\\(", -1).length - 1, "the adjoint's (1-a) gh term only");
    }

    @Test
    void theSourceCompilesWithoutWarningsAsHostCpp(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(HostExecutor.compiler() != null, "no C++ compiler on this machine");
        HostExecutor.compile(dir, "-Wall", "-Wextra", "-Werror");
        assertTrue(dir.resolve("libemu.so").toFile().length() > 0);
    }

    @Test
    void elementGridsCoverTheElements() {
        assertEquals(1, Kernels.elementGrid(1));
        assertEquals(1, Kernels.elementGrid(256));
        assertEquals(2, Kernels.elementGrid(257));
        assertEquals(1250, Kernels.elementGrid(640 * 500));
    }
}
