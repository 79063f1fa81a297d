package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals against each limit, with the estimate, its largest part and the limit in the message. */
class ResourceCheckTest {
    static final long GIB = 1L << 30;
    static final MemoryNeed TRAINING = MemoryNeed.of("training")
            .add("G", 1, 0, 0.5 * GIB)
            .add("stored rates", 1, 0, 6 * GIB)
            .add("batches", 1, 0.25 * GIB, 0)
            .build();

    @Test
    void partsAddUpAndSaturate() {
        assertEquals((long) (0.25 * GIB), TRAINING.heapBytes());
        assertEquals((long) (6.5 * GIB), TRAINING.nativeBytes());
        assertEquals("stored rates", TRAINING.largest().what());
        MemoryNeed huge = MemoryNeed.of("x").add("a", 1e30, 1, 1).add("b", 1, Long.MAX_VALUE, 0).build();
        assertEquals(Long.MAX_VALUE, huge.heapBytes());
        assertEquals(Long.MAX_VALUE, huge.totalBytes());
    }

    @Test
    void eachLimitGivesItsOwnMessage() {
        // 0.25 GiB heap + 6.5 GiB native + 0.5 GiB for the JVM = 7.25 GiB, printed 7.3
        List<MemoryNeed> phases = List.of(TRAINING);
        RefusedException heap = assertThrows(RefusedException.class, () -> ResourceCheck.requireMemory("x.yaml",
                phases, new ResourceCheck.Limits(GIB / 8, Long.MAX_VALUE, Long.MAX_VALUE, "none")));
        assertEquals("x.yaml: this run needs about 320.0 MiB of Java heap while training (largest part: batches, "
                + "256.0 MiB), more than the 128.0 MiB the JVM may use (-Xmx; ./rnnmem reads it from RNNMEM_JAVA_OPTS)",
                heap.getMessage());
        RefusedException physical = assertThrows(RefusedException.class, () -> ResourceCheck.requireMemory("x.yaml",
                phases, new ResourceCheck.Limits(GIB, 4 * GIB, Long.MAX_VALUE, "none")));
        assertEquals("x.yaml: this run needs about 7.3 GiB of memory while training (largest part: stored rates, "
                + "6.0 GiB), more than the 4.0 GiB allowed by org.bytedeco.javacpp.maxphysicalbytes",
                physical.getMessage());
        RefusedException machine = assertThrows(RefusedException.class, () -> ResourceCheck.requireMemory("x.yaml",
                phases, new ResourceCheck.Limits(GIB, 22 * GIB, 5 * GIB, "MemAvailable in /proc/meminfo")));
        assertEquals("x.yaml: this run needs about 7.3 GiB of memory while training (largest part: stored rates, "
                + "6.0 GiB), more than the 5.0 GiB available on this machine (MemAvailable in /proc/meminfo)",
                machine.getMessage());
        ResourceCheck.requireMemory("x.yaml", phases, new ResourceCheck.Limits(GIB, 22 * GIB, 20 * GIB, "none"));
    }

    @Test
    void diskIsTheFreeSpaceOfTheNearestExistingFolder(@TempDir Path dir) throws Exception {
        long free = Files.getFileStore(dir).getUsableSpace();
        Path target = dir.resolve("not/yet");
        ResourceCheck.requireDisk("x.yaml", 1024, "G.npy", target);
        RefusedException e = assertThrows(RefusedException.class,
                () -> ResourceCheck.requireDisk("x.yaml", free + (1L << 40), "3 x seeds/seed-N/G.npy", target));
        assertEquals("x.yaml: this run writes about " + ResourceCheck.gib(free + (1L << 40)) + " (largest part: 3 x "
                + "seeds/seed-N/G.npy), more than the ", e.getMessage().substring(0, e.getMessage().indexOf("than the ") + 9));
        assertEquals(" free on the file system of " + target, e.getMessage().substring(e.getMessage().indexOf(" free on")));
    }

    @Test
    void memAvailableIsReadInBytes(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("meminfo");
        Files.writeString(f, "MemTotal:       24684084 kB\nMemFree:        17600644 kB\nMemAvailable:   21429560 kB\n");
        assertEquals(21429560L * 1024, ResourceCheck.memAvailable(f));
        Files.writeString(f, "MemTotal: 1 kB\n");
        assertEquals(-1, ResourceCheck.memAvailable(f));
    }

    @Test
    void failuresForLackOfMemoryOrDiskAreRecognised() {
        assertEquals("out of memory (Java heap space)", ResourceFailures.reason(
                new IllegalStateException("evaluation failed", new OutOfMemoryError("Java heap space"))));
        assertEquals("disk full (cannot write t.csv: No space left on device)", ResourceFailures.reason(
                new java.io.UncheckedIOException("cannot write t.csv: No space left on device",
                        new java.io.IOException("No space left on device"))));
        assertEquals(null, ResourceFailures.reason(new IllegalStateException("a bug")));
    }
}
