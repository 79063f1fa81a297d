package org.rnnmemory.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code rnnmem} in a process of its own: a JVM started on the test class path with
 * {@code org.rnnmemory.cli.Main}, its output going to files. SIGINT and SIGTERM are reset to their
 * default disposition for the child ({@code env --default-signal}), since a test JVM started from a
 * shell's background job may inherit SIGINT ignored, and an ignored SIGINT cannot be handled.
 */
final class ChildCli {
    final Process process;
    final Path out;
    final Path err;

    private ChildCli(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code rnnmem ARGS} with the given JVM options, in {@code workDir}; stdout and stderr go to
     * {@code workDir/NAME.out} and {@code workDir/NAME.err}.
     */
    static ChildCli start(Path workDir, String name, List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>();
        if (resetsSignals()) {
            cmd.addAll(List.of("env", "--default-signal=INT,TERM"));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Djava.awt.headless=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath(), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path out = workDir.resolve(name + ".out");
        Path err = workDir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OMP_NUM_THREADS", "1");
        try {
            return new ChildCli(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test class path (surefire may start the test JVM from a manifest-only jar). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static boolean resetsSignals() {
        try {
            Process p = new ProcessBuilder("env", "--default-signal=INT", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends a signal by name ("INT", "TERM", "KILL") with the system's kill command. */
    void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
        if (k.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + pid() + " failed");
        }
    }

    /** Waits for the process to end and returns its exit code. */
    int waitFor(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child did not end within " + limit + ": " + stderr());
        }
        return process.exitValue();
    }

    /**
     * Waits until {@code file} exists while the process runs.
     *
     * @throws IllegalStateException if the process ends first or the limit passes
     */
    void awaitFile(Path file, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!Files.exists(file)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the child ended (exit " + process.exitValue() + ") before " + file
                        + " appeared: " + stderr());
            }
            if (System.nanoTime() > end) {
                process.destroyForcibly();
                throw new IllegalStateException(file + " did not appear within " + limit + ": " + stderr());
            }
            Thread.sleep(20);
        }
    }

    String stderr() {
        try {
            return Files.readString(err);
        } catch (IOException e) {
            return "(no stderr: " + e.getMessage() + ")";
        }
    }

    String stdout() {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return "(no stdout: " + e.getMessage() + ")";
        }
    }
}
