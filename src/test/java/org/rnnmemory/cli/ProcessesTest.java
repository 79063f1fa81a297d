package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.train.Checkpoint;

/**
 * The CLI with real processes: a second process refused by a directory's lock, SIGINT and SIGTERM
 * ending a run with its state recorded and the command that resumes it, a killed process whose lock
 * file does not block, and running out of memory in the middle of a run.
 */
class ProcessesTest {
    static final Duration LIMIT = Duration.ofMinutes(3);
    /** The tiny experiment with 15 epochs (60 updates): long enough for signals to land mid-training. */
    static final String LONG = TinyExperiment.YAML.replace("epochs: 3", "epochs: 15");

    @TempDir
    static Path tmp;
    static Path experiment;

    @BeforeAll
    static void linuxOnly() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"),
                "signals are sent with kill(1)");
        experiment = tmp.resolve("long.yaml");
        Files.writeString(experiment, LONG);
    }

    static ChildCli run(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("run", experiment.toString(), "--out", tmp.resolve(name).toString()));
        args.addAll(List.of(extra));
        return ChildCli.start(tmp, name, List.of("-Xmx1g", "-Drnnmem.launcher=./rnnmem"), args.toArray(String[]::new));
    }

    static JsonNode runJson(Path dir) throws Exception {
        return Json.MAPPER.readTree(dir.resolve("run.json").toFile());
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void locksAndSignals() throws Exception {
        ChildCli a = run("a");
        ChildCli b = run("b");
        ChildCli c = run("c");
        Path dirA = tmp.resolve("a");
        a.awaitFile(dirA.resolve(RunDirectory.CHECKPOINT), LIMIT);

        // a second process is refused while A trains, naming the directory and A
        String held = Pattern.quote(dirA.toString()) + " is in use by another rnnmem process \\(pid " + a.pid()
                + " on host \\S+, 'run' since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\); wait for it to finish or "
                + "choose another directory";
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, TinyExperiment.YAML.replace("name: tiny", "name: other"));
        for (CliRun second : List.of(CliRun.of("run", other.toString(), "--out", dirA.toString()),
                CliRun.of("run", experiment.toString(), "--out", dirA.toString(), "--resume"),
                CliRun.of("analyze", dirA.toString()))) {
            assertEquals(2, second.code(), second.err());
            List<String> lines = second.err().strip().lines().toList();
            assertEquals(1, lines.size(), second.err());
            assertTrue(lines.get(0).matches("error: " + held), lines.get(0));
        }
        assertTrue(a.process.isAlive(), "A must still be training: " + a.stderr());
        assertEquals(LONG, Files.readString(dirA.resolve("config.yaml")), "the refused commands wrote nothing");
        assertEquals("tiny", runJson(dirA).get("experiment").asText());

        // SIGINT to A, SIGTERM to B, SIGKILL to C, each once it has written its first checkpoint
        Path dirB = tmp.resolve("b");
        Path dirC = tmp.resolve("c");
        a.signal("INT");
        b.awaitFile(dirB.resolve(RunDirectory.CHECKPOINT), LIMIT);
        b.signal("TERM");
        c.awaitFile(dirC.resolve(RunDirectory.CHECKPOINT), LIMIT);
        c.signal("KILL");

        // the update in progress is abandoned, a checkpoint saved, and the resume command printed
        assertEquals(130, a.waitFor(LIMIT), a.stderr());
        Matcher m = Pattern.compile("tiny: interrupted by SIGINT at update (\\d+) of 60; checkpoint saved, run.json "
                + "says interrupted; resume with: \\./rnnmem (run .*)").matcher(lastLine(a.stderr()));
        assertTrue(m.matches(), a.stderr());
        int reached = Integer.parseInt(m.group(1));
        assertTrue(reached >= 4 && reached < 60, "interrupted at " + reached);
        assertEquals("run " + experiment + " --out " + dirA + " --resume", m.group(2));
        JsonNode info = runJson(dirA);
        assertEquals("interrupted", info.get("status").asText());
        assertEquals("SIGINT", info.get("interrupted_by").asText());
        assertEquals(reached, info.get("updates_done").asInt());
        assertEquals(reached, Checkpoint.read(dirA.resolve(RunDirectory.CHECKPOINT), 0.01).nextUpdate());

        assertEquals(143, b.waitFor(LIMIT), b.stderr());
        assertTrue(lastLine(b.stderr()).matches("tiny: interrupted by SIGTERM at update \\d+ of 60; checkpoint saved, "
                + "run.json says interrupted; resume with: \\./rnnmem run \\S+ --out " + Pattern.quote(dirB.toString())
                + " --resume"), b.stderr());
        assertEquals("SIGTERM", runJson(dirB).get("interrupted_by").asText());

        // a killed process leaves its lock file; the operating system's lock died with it
        assertEquals(137, c.waitFor(LIMIT));
        assertTrue(Files.readString(dirC.resolve(RunLock.FILE)).startsWith("pid " + c.pid() + "\n"));
        assertEquals("running", runJson(dirC).get("status").asText());

        // resuming (the printed command, and the killed run) ends where an uninterrupted run ends
        Path straight = tmp.resolve("straight");
        CliRun s = CliRun.of("run", experiment.toString(), "--out", straight.toString());
        assertEquals(0, s.code(), s.err());
        CliRun resumeA = CliRun.of(m.group(2).split(" "));
        assertEquals(0, resumeA.code(), resumeA.err());
        assertEquals(reached, runJson(dirA).get("resumed_from_update").asInt());
        assertEquals("completed", runJson(dirA).get("status").asText());
        CliRun resumeC = CliRun.of("run", experiment.toString(), "--out", dirC.toString(), "--resume");
        assertEquals(0, resumeC.code(), resumeC.err());
        for (Path dir : List.of(dirA, dirC)) {
            for (int seed = 1; seed <= 3; seed++) {
                for (String f : List.of("I.npy", "w.npy")) {
                    assertArrayEquals(
                            Npy.read(straight.resolve("seeds/seed-" + seed).resolve(f), DataType.FLOAT).data().asFloat(),
                            Npy.read(dir.resolve("seeds/seed-" + seed).resolve(f), DataType.FLOAT).data().asFloat(),
                            dir + " seed " + seed + " " + f);
                }
            }
        }
    }

    /**
     * N = 2500 in float64 trains in 50 MB of heap, but saving G.npy builds about 200 MB of .npy bytes on the
     * heap before any evaluation (which would need more): with -Xmx128m the resource check refuses the run,
     * and without the check the run fails after its checkpoint.
     */
    @Test
    void runningOutOfMemoryInTheMiddleOfARun() throws Exception {
        Path yaml = tmp.resolve("oom.yaml");
        Files.writeString(yaml, """
                name: oom
                seeds: [1]
                network: {hidden_size: 2500, tau_ms: 100, dt_ms: 10, gain: 1.5, network_seed: 1}
                task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                       duration_jitter_ms: 20, cost_onset_ms: 600, trials: 2}
                training: {epochs: 1, batch_size: 1, learning_rate: 0.01, workers: 1, dtype: float64}
                evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
                """);
        Path refusedDir = tmp.resolve("oom-refused");
        Path failedDir = tmp.resolve("oom-failed");
        List<String> heap = List.of("-Xmx128m");
        ChildCli refused = ChildCli.start(tmp, "oom-refused", heap, "run", yaml.toString(), "--out",
                refusedDir.toString());
        ChildCli failed = ChildCli.start(tmp, "oom-failed", heap, "run", yaml.toString(), "--out",
                failedDir.toString(), "--no-resource-check");

        assertEquals(2, refused.waitFor(LIMIT), refused.stderr());
        List<String> lines = refused.stderr().strip().lines().toList();
        assertEquals(1, lines.size(), refused.stderr());
        assertTrue(lines.get(0).matches("error: " + Pattern.quote(yaml.toString()) + ": this run needs about [0-9.]+ MiB "
                + "of Java heap while evaluating \\(largest part: 1 x evaluating one network in float64 \\(N = 2500\\), "
                + "[0-9.]+ MiB\\), more than the 128\\.0 MiB the JVM may use \\(-Xmx; \\./rnnmem reads it from "
                + "RNNMEM_JAVA_OPTS\\)"), lines.get(0));
        assertFalse(Files.exists(refusedDir));

        assertEquals(3, failed.waitFor(LIMIT), failed.stderr());
        assertEquals("error: oom: out of memory (Java heap space) at update 2 of 2; run.json says failed, the checkpoint "
                + "of update 2 is intact; resume with: rnnmem run " + yaml + " --out " + failedDir
                + " --resume --no-resource-check", lastLine(failed.stderr()));
        assertFalse(failed.stderr().contains("\tat "), failed.stderr());
        assertEquals("failed: out of memory (Java heap space)", runJson(failedDir).get("status").asText());
        assertEquals(2, Checkpoint.read(failedDir.resolve(RunDirectory.CHECKPOINT), 0.01).nextUpdate());
    }
}
