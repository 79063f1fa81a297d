package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunStatusTest {

    @Test
    void theWordsOfRunJson() {
        assertEquals(List.of("running", "completed", "interrupted", "failed"),
                Arrays.stream(RunStatus.values()).map(RunStatus::word).toList());
        assertEquals("failed: out of memory", RunStatus.failed("out of memory"));
    }

    @Test
    void statusTextsParseBackToTheirStatus() {
        for (RunStatus s : RunStatus.values()) {
            assertEquals(Optional.of(s), RunStatus.of(s.word()));
        }
        assertEquals(Optional.of(RunStatus.FAILED), RunStatus.of(RunStatus.failed("disk full")));
        assertEquals(Optional.empty(), RunStatus.of("ok"));
        assertEquals(Optional.empty(), RunStatus.of("Completed"));
        assertEquals(Optional.empty(), RunStatus.of(null));
        assertTrue(RunStatus.FAILED.is("failed: disk full"));
        assertFalse(RunStatus.COMPLETED.is("completed "));
    }
}
