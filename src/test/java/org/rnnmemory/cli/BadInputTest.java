package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.Npy;
import org.rnnmemory.io.ResourceCheck;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.train.Checkpoint;
import org.rnnmemory.train.Trainer;

/**
 * Bad input as a user meets it, through the CLI: each case is exit code 2, exactly one line on
 * stderr naming the file (or key), no stack trace, and nothing written; internal errors are exit 1
 * with a stack trace and a line saying it is a bug.
 */
class BadInputTest {
    static final Path REF = Path.of("src/test/resources/reference/sys_A1");

    @TempDir
    static Path tmp;
    static Path experiment;
    static Path run;

    @BeforeAll
    static void trainOnce() throws Exception {
        experiment = tmp.resolve("tiny.yaml");
        Files.writeString(experiment, TinyExperiment.YAML);
        run = tmp.resolve("run");
        CliRun o = CliRun.of("run", experiment.toString(), "--out", run.toString());
        assertEquals(0, o.code(), o.err());
    }

    /** Exit 2, nothing on stdout, one line on stderr: "error: " + the expected message. */
    static void assertOneLine(CliRun o, String expected) {
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of("error: " + expected), o.err().strip().lines().toList());
        assertFalse(o.err().contains("\tat "), o.err());
    }

    @Test
    void aNetworkTooLargeForTheHeapIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path big = tmp.resolve("big.yaml");
        Files.writeString(big, TinyExperiment.YAML.replace("hidden_size: 12", "hidden_size: 200000"));
        Path out = tmp.resolve("big-run");
        // drawing G: a double[] of N^2 values on the heap, plus the 64 MiB baseline of the JVM
        long need = (long) (8.0 * 200000 * 200000) + ResourceCheck.BASE_HEAP_BYTES;
        String expected = big + ": this run needs about " + ResourceCheck.gib(need) + " of Java heap while drawing G "
                + "(largest part: G drawn in double precision (network.hidden_size = 200000), "
                + ResourceCheck.gib((long) (8.0 * 200000 * 200000)) + "), more than the "
                + ResourceCheck.gib(Runtime.getRuntime().maxMemory())
                + " the JVM may use (-Xmx; ./rnnmem reads it from RNNMEM_JAVA_OPTS)";
        assertEquals("298.1 GiB", ResourceCheck.gib(need));
        assertOneLine(CliRun.of("run", big.toString(), "--out", out.toString()), expected);
        assertOneLine(CliRun.of("run", big.toString(), "--out", out.toString(), "--dry-run"), expected);
        assertFalse(Files.exists(out));
    }

    @Test
    void aDryRunChecksAndWritesNothing() {
        Path out = tmp.resolve("dry");
        CliRun o = CliRun.of("run", experiment.toString(), "--out", out.toString(), "--dry-run");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().startsWith("dry run of tiny (config hash "), o.out());
        assertTrue(o.out().contains("memory         training:"), o.out());
        assertTrue(o.out().contains("disk           about "), o.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void nanInTheInputWeightsIsNamedWithItsIndex(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"G.npy", "w.npy", "h0.npy"}) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        INDArray i = Npy.read(REF.resolve("I.npy"), DataType.FLOAT).dup();
        i.putScalar(3, 0, Float.NaN);
        Npy.write(dir.resolve("I.npy"), i);
        Map<String, Integer> before = Trees.snapshot(dir);
        assertOneLine(CliRun.of("evaluate", "--weights", dir.toString()), dir.resolve("I.npy")
                + ": value NaN at index (3, 0) is not finite (the first such value); the array must hold finite numbers");
        assertEquals(before, Trees.snapshot(dir));
    }

    @Test
    void aSquareGIsRequired(@TempDir Path dir) throws Exception {
        for (String f : new String[] {"I.npy", "w.npy", "h0.npy"}) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        Npy.write(dir.resolve("G.npy"), Npy.read(REF.resolve("I.npy"), DataType.FLOAT));
        assertOneLine(CliRun.of("evaluate", "--weights", dir.toString()), dir.resolve("G.npy")
                + ": expected a square matrix of shape (N, N) with N >= 1, found shape (500, 1)");
    }

    @Test
    void aNonFiniteInitialisationVectorIsNamedAndNothingIsWritten() throws Exception {
        Path dir = tmp.resolve("init");
        Files.createDirectories(dir);
        double[] v = new double[12];
        v[5] = Double.POSITIVE_INFINITY;
        Npy.write(dir.resolve("F.npy"), org.nd4j.linalg.factory.Nd4j.createFromArray(v));
        Path yaml = dir.resolve("vec.yaml");
        Files.writeString(yaml, TinyExperiment.YAML.replace("network_seed: 1}",
                "network_seed: 1, init: {input: {vector: F.npy}}}"));
        Path out = dir.resolve("out");
        assertOneLine(CliRun.of("run", yaml.toString(), "--out", out.toString()), dir.resolve("F.npy")
                + ": value Infinity at index (5,) is not finite (the first such value); the array must hold finite "
                + "numbers");
        assertFalse(Files.exists(out));
    }

    @Test
    void analyzeNamesNonFiniteWeightsOfACompletedSeed() throws Exception {
        Path copy = tmp.resolve("analyze-nan");
        Trees.copy(run, copy);
        Path w = copy.resolve("seeds/seed-2/w.npy");
        INDArray a = Npy.read(w, DataType.FLOAT).dup();
        a.putScalar(7, 0, Float.NaN);
        Npy.write(w, a);
        Map<String, Integer> before = Trees.snapshot(copy);
        assertOneLine(CliRun.of("analyze", copy.toString(), "--durations", "10:90:10", "--resamples", "10000"),
                w + ": value NaN at index (7, 0) is not finite (the first such value); the array must hold finite "
                        + "numbers");
        assertEquals(before, Trees.snapshot(copy));
    }

    @Test
    void analyzeNamesASeedsTableWithoutRows() throws Exception {
        Path copy = tmp.resolve("analyze-empty");
        Trees.copy(run, copy);
        Path seeds = copy.resolve("tables/seeds.csv");
        Files.writeString(seeds, Files.readString(seeds).lines().findFirst().orElseThrow() + "\n");
        Map<String, Integer> before = Trees.snapshot(copy);
        assertOneLine(CliRun.of("analyze", copy.toString()), seeds + ": holds no seed rows (a run writes one per seed)");
        assertEquals(before, Trees.snapshot(copy));
    }

    @Test
    void aDamagedCheckpointIsRefusedAndTheRunLeftAsItWas() throws Exception {
        Path copy = tmp.resolve("damaged");
        Trees.copy(run, copy);
        Path ckpt = copy.resolve(RunDirectory.CHECKPOINT);
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x10;
        Files.write(ckpt, b);
        Map<String, Integer> before = Trees.snapshot(copy);
        assertOneLine(CliRun.of("run", experiment.toString(), "--out", copy.toString(), "--resume"), ckpt
                + ": corrupt checkpoint (checksum mismatch): it was damaged after it was written; restore it, or "
                + "remove it to train from the start");
        assertEquals(before, Trees.snapshot(copy));
    }

    @Test
    void aCheckpointOfOtherSeedsIsRefused() throws Exception {
        Path copy = tmp.resolve("other-seeds");
        Trees.copy(run, copy);
        ExperimentSpec spec = ExperimentLoader.load(experiment, List.of());
        Path ckpt = copy.resolve(RunDirectory.CHECKPOINT);
        try (Trainer t = new Trainer(ExperimentRunner.plan(spec).withSeeds(List.of(1, 2)), null, null)) {
            Checkpoint.write(ckpt, spec.configHash(), t, 0.01);
        }
        Map<String, Integer> before = Trees.snapshot(copy);
        assertOneLine(CliRun.of("run", experiment.toString(), "--out", copy.toString(), "--resume"),
                ckpt + ": corrupt checkpoint: holds 2 seeds, the run has 3");
        assertEquals(before, Trees.snapshot(copy));
        try (Trainer t = new Trainer(ExperimentRunner.plan(spec), null, null)) {
            Checkpoint.write(ckpt, "0123456789ab", t, 0.01);
        }
        assertOneLine(CliRun.of("run", experiment.toString(), "--out", copy.toString(), "--resume"),
                ckpt + ": written by another configuration (hash '0123456789ab', this run's is '" + spec.configHash()
                        + "')");
    }

    @Test
    void aMissingArgumentIsOneLine() {
        assertOneLine(CliRun.of("run"), "Missing required parameter: 'EXPERIMENT.yaml' (see 'rnnmem run --help')");
    }

    @Test
    void anInternalErrorPrintsItsTraceAndSaysItIsABug() {
        StringWriter s = new StringWriter();
        int code = Main.report(new IllegalStateException("an invariant broke"), null, new PrintWriter(s));
        assertEquals(1, code);
        List<String> lines = s.toString().strip().lines().toList();
        assertEquals("java.lang.IllegalStateException: an invariant broke", lines.get(0));
        assertTrue(lines.get(1).startsWith("\tat "), s.toString());
        assertEquals("rnnmem: internal error: java.lang.IllegalStateException. This is a bug in rnnmem, not a problem "
                + "with your input; please report it on the project's issue tracker with the command line and the "
                + "trace above.", lines.get(lines.size() - 1));
    }

    @Test
    void runningOutOfMemoryOutsideARunIsOneLineWithExitCode3() {
        StringWriter s = new StringWriter();
        int code = Main.report(new IllegalStateException("analysis failed", new OutOfMemoryError("Java heap space")),
                null, new PrintWriter(s));
        assertEquals(3, code);
        assertEquals("error: out of memory (Java heap space); give the JVM more memory (RNNMEM_JAVA_OPTS) or free "
                + "disk space", s.toString().strip());
        assertEquals("'a b'", org.rnnmemory.io.ShellWords.quote("a b"));
        assertEquals("'seeds=[3]'", org.rnnmemory.io.ShellWords.quote("seeds=[3]"));
        assertEquals("'it'\\''s'", org.rnnmemory.io.ShellWords.quote("it's"));
        assertEquals("runs/x-1/y", org.rnnmemory.io.ShellWords.quote("runs/x-1/y"));
    }
}
