package org.rnnmemory.analysis;

import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A tiny trained run shared by the analysis and report tests (trained once per JVM): 12 units,
 * dt = 10 ms, 1 s trials, 3 seeds. Analyses use the dense durations 10..90 ms.
 */
final class TinyRun {
    static final String YAML = TinyExperiment.YAML;
    /** Dense durations for the tiny task (its trials are 1 s long). */
    static final String[] DURATIONS = {"--durations", "10:90:10"};

    private static Path root;
    private static Path trained;
    private static Path reportedRun;
    private static Path exported;

    private TinyRun() {}

    static CliRun cli(String... args) {
        return CliRun.of(args);
    }

    /** A scratch folder for this JVM, deleted at exit. */
    static synchronized Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("rnnmem-analysis-test");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path r = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(r)));
        }
        return root;
    }

    /** The experiment file, with optional overrides of its seeds line. */
    static Path experiment(String name, String yaml) throws IOException {
        Path f = root().resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** A freshly trained run directory of the tiny experiment (trained once, then copied). */
    static synchronized Path freshCopy(String name) throws IOException {
        if (trained == null) {
            Path dir = root().resolve("trained");
            CliRun o = cli("run", "--no-report", experiment("tiny", YAML).toString(), "--out", dir.toString());
            assertEquals(0, o.code(), o.err());
            trained = dir;
        }
        Path copy = root().resolve(name);
        copyTree(trained, copy);
        return copy;
    }

    /** A fresh copy of the tiny run, reported once per JVM with {@code rnnmem report RUN --out DIR}. */
    static synchronized Path reportedRun() throws IOException {
        export();
        return reportedRun;
    }

    /** The report folder {@code rnnmem report} exported for {@link #reportedRun()} (once per JVM). */
    static synchronized Path export() throws IOException {
        if (exported == null) {
            Path run = freshCopy("report");
            Path out = root().resolve("export");
            CliRun o = cli(AnalysisMergeTest.concat(new String[] {"report", run.toString(), "--out", out.toString()},
                    DURATIONS));
            assertEquals(0, o.code(), o.err());
            reportedRun = run;
            exported = out;
        }
        return exported;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
