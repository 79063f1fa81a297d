package org.rnnmemory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.run.ExperimentRunner;

/** run.json's blas_cores: the OpenBLAS kernels a run used, and the note when a resume changes it. */
class KernelHistoryTest {

    @Test
    void aFreshRunListsItsKernel() {
        assertEquals(List.of("SkylakeX"), ExperimentRunner.kernelsUsed(List.of(), "SkylakeX", ExperimentSpec.SYSTEM_A, 0));
    }

    @Test
    void resumingOnTheSameKernelAddsNothingAndSaysNothing() {
        String err = capturingStderr(() -> assertEquals(List.of("Haswell"),
                ExperimentRunner.kernelsUsed(List.of("Haswell"), "Haswell", ExperimentSpec.SYSTEM_A, 30)));
        assertEquals("", err);
    }

    @Test
    void resumingOnAnotherKernelIsReported() {
        String err = capturingStderr(() -> assertEquals(List.of("Haswell", "SkylakeX"),
                ExperimentRunner.kernelsUsed(List.of("Haswell"), "SkylakeX", ExperimentSpec.SYSTEM_A, 45)));
        assertTrue(err.startsWith("[system-a] note: resumed at update 45 with OpenBLAS kernel SkylakeX; the earlier "
                + "updates ran with Haswell"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    private static synchronized String capturingStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
