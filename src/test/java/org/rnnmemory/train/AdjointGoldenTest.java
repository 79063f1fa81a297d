package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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

    /** Rewrites the pinned numbers of the kernel in use; run only on purpose (see {@link AdjointGolden}). */
    @Test
    @EnabledIfSystemProperty(named = "rnnmem.regenerate", matches = "true")
    void regenerate() throws IOException {
        AdjointGolden.regenerate();
    }
}
