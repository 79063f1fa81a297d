package org.rnnmemory.slurm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;

/**
 * Against a real Slurm (the one-node cluster of {@code .ci/slurm-up.sh}, started by {@code .ci/run}):
 * a tiny experiment submitted in 3 shards, one array task killed mid-run with {@code scancel} and
 * the submission repeated; the merged result must equal one process running all seeds (every
 * weight file byte for byte, every analysis table equal). Where no cluster answers, the test is
 * reported as skipped with the reason, never passed.
 */
class SlurmClusterTest {
    /** Bound on each wait (ms): the tasks run a few seconds each on an idle machine. */
    private static final long WAIT_MS = 10 * 60 * 1000;
    /** Enough updates (4 per epoch) that task 2 can be caught between its first checkpoint and its end. */
    private static final String YAML = TinyExperiment.YAML.replace("epochs: 3", "epochs: 40").replace("workers: 2",
            "workers: 1");

    @TempDir
    static Path tmp;

    @BeforeAll
    static void clusterAnswers() {
        String reason = null;
        if (SlurmTools.find("sbatch") == null || SlurmTools.find("sinfo") == null) {
            reason = "sbatch/sinfo not on PATH";
        } else {
            SlurmTools.Result r = SlurmTools.call(List.of("sinfo", "-h", "-o", "%T"));
            if (r == null || r.code() != 0) {
                reason = "sinfo does not answer: " + (r == null ? "timeout" : r.err());
            } else if (!r.out().matches("(?s).*\\b(idle|mixed|allocated)\\b.*")) {
                reason = "no usable node (sinfo: " + r.out().replace('\n', ' ') + ")";
            }
        }
        if (reason != null) {
            String msg = "SlurmClusterTest skipped: no Slurm cluster (" + reason + "); .ci/run starts a one-node "
                    + "cluster with .ci/slurm-up.sh";
            System.out.println(msg);
            Assumptions.abort(msg);
        }
    }

    @Test
    void shardsKilledAndResubmittedMergeToTheSingleProcessRun() throws Exception {
        long start = System.nanoTime();
        Path exp = tmp.resolve("tiny.yaml");
        Files.writeString(exp, YAML);
        Path single = tmp.resolve("single");
        // one worker per seed, as each shard trains its seed alone (GEMMs over 1 and 3 seeds' rows round differently)
        CliRun one = CliRun.of("run", exp.toString(), "--out", single.toString(), "--set", "training.workers=3");
        assertEquals(0, one.code(), one.err());
        CliRun analyzed = CliRun.of("analyze", single.toString());
        assertEquals(0, analyzed.code(), analyzed.err());
        long singleDone = System.nanoTime();

        Path sub = tmp.resolve("sub");
        String[] submit = {"submit", exp.toString(), "--shards", "3", "--out", sub.toString(),
            "--slurm-option=--cpus-per-task=1"};
        CliRun first = CliRun.of(submit);
        assertEquals(0, first.code(), first.err());
        String array = group(first.out(), "submitted array job ([0-9]+) \\(tasks 0-2\\)");
        String merge = group(first.out(), "and merge job ([0-9]+)");

        // kill task 2 between its first checkpoint and its end
        Path shard2 = sub.resolve("shards/2");
        waitFor("task 2 to write its first checkpoint", () -> Files.exists(shard2.resolve("checkpoint.bin"))
                || Files.exists(shard2.resolve("tables/seeds.csv")));
        assertTrue(!Files.exists(shard2.resolve("tables/seeds.csv")), "task 2 finished before it could be cancelled");
        assertTrue(SlurmTools.scancel(array + "_2"));
        waitFor("task 2 to leave the queue", () -> !SlurmTools.active(SlurmTools.states(List.of(array)))
                .contains(array + "_2"));
        waitFor("tasks 0 and 1 to leave the queue", () -> SlurmTools.active(SlurmTools.states(List.of(array)))
                .stream().noneMatch(id -> id.startsWith(array + "_")));
        RunProgress killed = RunProgress.of(shard2, Instant.now());
        assertEquals("interrupted", killed.state(), killed.describe() + "\n" + logs(sub));
        assertEquals("(by SIGTERM)", killed.detail().isEmpty() ? "" : "(" + killed.detail() + ")");
        assertEquals("PENDING", SlurmTools.states(List.of(merge)).get(merge), "the merge waits on a failed array");

        CliRun again = CliRun.of(submit);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("rnnmem-tiny: 1 task(s) to run, 2 already complete (0, 1)\n"), again.out());
        assertTrue(again.out().contains("cancelled the earlier merge job " + merge), again.out());
        String array2 = group(again.out(), "submitted array job ([0-9]+) \\(tasks 2\\)");
        String merge2 = group(again.out(), "and merge job ([0-9]+)");
        waitFor("the resubmitted task and the merge to finish", () -> SlurmTools.active(
                SlurmTools.states(List.of(array2, merge2))).isEmpty());
        assertTrue(Files.isRegularFile(sub.resolve("report/index.md")), "no report\n" + logs(sub));
        String status = CliRun.of("status", sub.toString()).out();
        assertTrue(status.startsWith("task 0   seeds [1]  completed, 160 updates\ntask 1   seeds [2]  completed, 160 "
                + "updates\ntask 2   seeds [3]  completed, 160 updates"), status);

        for (int seed = 1; seed <= 3; seed++) {
            Path a = single.resolve("seeds/seed-" + seed);
            Path b = sub.resolve("shards/" + (seed - 1) + "/seeds/seed-" + seed);
            try (Stream<Path> files = Files.list(a)) {
                for (Path f : files.toList()) {
                    assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())),
                            "seed " + seed + " " + f.getFileName());
                }
            }
        }
        int tables = 0;
        try (Stream<Path> files = Files.list(single.resolve("tables"))) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".csv") || name.equals("seeds.csv") || name.equals("curves.csv")) {
                    continue; // one shard's own run tables; JSON files carry run directories and times
                }
                assertEquals(Files.readString(f), Files.readString(sub.resolve("shards/0/tables/" + name)), name);
                tables++;
            }
        }
        assertTrue(tables >= 5, "analysis tables compared: " + tables);
        System.out.printf("SlurmClusterTest: single-process run %.1f s, Slurm submission, kill, resubmission and "
                + "merge %.1f s, %d tables and 3 seeds' weights identical%n", (singleDone - start) / 1e9,
                (System.nanoTime() - singleDone) / 1e9, tables);
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "'" + regex + "' not in:\n" + text);
        return m.group(1);
    }

    private static void waitFor(String what, BooleanSupplier done) throws InterruptedException {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out after " + WAIT_MS / 1000 + " s waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static String logs(Path sub) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(sub.resolve("slurm/logs"))) {
            for (Path f : files.sorted().toList()) {
                s.append("== ").append(f).append('\n').append(Files.readString(f));
            }
        } catch (IOException e) {
            s.append("no logs: ").append(e.getMessage());
        }
        return s.toString();
    }

}
