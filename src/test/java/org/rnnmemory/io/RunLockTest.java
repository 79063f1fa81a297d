package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-directory lock within one process (another process: see the CLI's child-process tests). */
class RunLockTest {

    @Test
    void theLockFileNamesTheHolderAndStaysAfterRelease(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        try (RunLock lock = RunLock.acquire(run, "run")) {
            String text = Files.readString(run.resolve(RunLock.FILE));
            assertTrue(text.startsWith("pid " + ProcessHandle.current().pid() + "\nhost "), text);
            assertTrue(text.matches("(?s).*\\nsince \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\ncommand run\\n"), text);
            Files.writeString(run.resolve("config.yaml"), "x");
        }
        assertTrue(Files.isRegularFile(run.resolve(RunLock.FILE)), "the file stays; only the OS lock counted");
    }

    @Test
    void aStaleLockFileDoesNotBlock(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        Files.writeString(run.resolve(RunLock.FILE), "pid 999999\nhost gone\nsince 2020-01-01T00:00:00Z\ncommand run\n");
        RunLock.requireFree(run);
        try (RunLock lock = RunLock.acquire(run, "analyze")) {
            assertTrue(Files.readString(run.resolve(RunLock.FILE)).contains("command analyze"));
        }
    }

    @Test
    void reentrantForItsThreadRefusedForAnother(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        try (RunLock outer = RunLock.acquire(run, "report")) {
            try (RunLock inner = RunLock.acquire(run, "analyze")) {
                assertEquals(run.toAbsolutePath().normalize(), inner.dir());
            }
            RefusedException e = CompletableFuture.supplyAsync(() -> assertThrows(RefusedException.class,
                    () -> RunLock.acquire(run, "run"))).get();
            assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(run.toString())
                    + " is in use by this process \\(pid \\d+ on host .+, 'report' since \\S+Z\\); wait for it to "
                    + "finish or choose another directory"), e.getMessage());
            Files.writeString(run.resolve("x"), "x");
        }
        try (RunLock again = CompletableFuture.supplyAsync(() -> RunLock.acquire(run, "run")).get()) {
            assertTrue(Files.isDirectory(run));
        }
    }

    @Test
    void aDirectoryCreatedForNothingIsRemoved(@TempDir Path dir) {
        Path run = dir.resolve("a/b/run");
        try (RunLock lock = RunLock.acquire(run, "run")) {
            assertTrue(Files.isRegularFile(run.resolve(RunLock.FILE)));
        }
        assertFalse(Files.exists(dir.resolve("a")), "a/, a/b/ and a/b/run/ were created by the lock and are removed");
    }
}
