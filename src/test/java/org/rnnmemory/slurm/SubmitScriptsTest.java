package org.rnnmemory.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.run.RunFootprint;

/**
 * {@code submit --dry-run} needs no Slurm: the scripts' content, array range, dependency and per-task
 * command lines; a task script run by bash outside Slurm; resubmission skipping completed shards;
 * {@code status} on fabricated run directories.
 */
class SubmitScriptsTest {

    @TempDir
    Path tmp;

    private Path experiment() throws IOException {
        Path f = tmp.resolve("tiny.yaml");
        Files.writeString(f, TinyExperiment.YAML);
        return f;
    }

    @Test
    void dryRunWritesTheArrayAndMergeScripts() throws IOException {
        Path exp = experiment();
        Path dir = tmp.resolve("sub");
        CliRun r = CliRun.of("submit", exp.toString(), "--shards", "3", "--out", dir.toString(), "--set",
                "training.epochs=2", "--slurm-option=--partition=short", "--slurm-option=--cpus-per-task=1", "--dry-run");
        assertEquals(0, r.code(), r.err());
        String array = Files.readString(dir.resolve("slurm/array.sbatch"));
        String merge = Files.readString(dir.resolve("slurm/merge.sbatch"));
        Path abs = dir.toAbsolutePath().normalize();
        Path expAbs = exp.toAbsolutePath().normalize();

        // memory from the shard's own estimate, by the formula TaskMemory documents
        var spec = ExperimentLoader.load(exp, List.of("training.epochs=2", "seeds=[1]", "training.workers=1"));
        List<MemoryNeed> phases = RunFootprint.of(ExperimentRunner.plan(spec)).phases();
        long heap = phases.stream().mapToLong(MemoryNeed::heapBytes).max().orElseThrow();
        long nat = phases.stream().mapToLong(MemoryNeed::nativeBytes).max().orElseThrow();
        long heapMib = Math.max(512, (long) Math.ceil(1.5 * (heap + (64L << 20)) / (1 << 20)));
        long mem = (long) Math.ceil((heapMib + Math.ceil(1.25 * (nat + (512L << 20)) / (1 << 20))) / 256.0) * 256;

        assertTrue(array.startsWith("#!/bin/bash\n"), array);
        assertTrue(array.contains("\n#SBATCH --job-name=rnnmem-tiny\n"), array);
        assertTrue(array.contains("\n#SBATCH --array=0-2\n"), array);
        assertTrue(array.contains("\n#SBATCH --cpus-per-task=1\n"), array);
        assertTrue(array.contains("\n#SBATCH --mem=" + mem + "M\n"), array);
        assertTrue(array.contains("\n#SBATCH --partition=short\n"), array);
        assertTrue(array.contains("\nexport OMP_NUM_THREADS=1\n"), array);
        List<List<Integer>> seeds = List.of(List.of(1), List.of(2), List.of(3));
        for (int k = 0; k < 3; k++) {
            String line = "  " + k + ") # seeds [" + seeds.get(k).get(0) + "]\n    out=" + abs.resolve("shards/" + k)
                    + "\n    cmd=(";
            assertTrue(array.contains(line), "task " + k + ":\n" + array);
            String tail = "-Xmx" + heapMib + "m -Dorg.bytedeco.javacpp.maxphysicalbytes=" + mem + "m";
            String run = " run " + expAbs + " --out " + abs.resolve("shards/" + k) + " --no-report --set training.epochs=2 --set "
                    + "'seeds=[" + seeds.get(k).get(0) + "]' --set training.workers=1) ;;\n";
            String cmd = array.substring(array.indexOf(line) + line.length());
            cmd = cmd.substring(0, cmd.indexOf('\n') + 1);
            assertTrue(cmd.contains(tail) && cmd.endsWith(run), cmd);
        }
        assertTrue(array.contains("if [ -f \"$out/config.resolved.yaml\" ]; then\n  cmd+=(--resume)\nfi\n"), array);
        assertTrue(array.endsWith("exec \"${cmd[@]}\"\n"), array);

        String[] mergeLines = merge.split("\n");
        String analyze = " analyze " + abs.resolve("shards/0") + " " + abs.resolve("shards/1") + " "
                + abs.resolve("shards/2");
        String report = " report " + abs.resolve("shards/0") + " " + abs.resolve("shards/1") + " "
                + abs.resolve("shards/2") + " --out " + abs.resolve("report");
        assertTrue(mergeLines[mergeLines.length - 2].endsWith(analyze), merge);
        assertTrue(mergeLines[mergeLines.length - 1].endsWith(report), merge);
        assertTrue(merge.contains("\n#SBATCH --job-name=rnnmem-tiny-merge\n"), merge);

        assertEquals("rnnmem-tiny: 3 task(s) to run, 0 already complete\n"
                + "wrote " + abs.resolve("slurm/array.sbatch") + " (array 0-2; 1 CPU(s), " + mem + " MiB, -Xmx"
                + heapMib + "m per task)\n"
                + "wrote " + abs.resolve("slurm/merge.sbatch") + " (" + mergeMemory(exp) + " MiB)\n"
                + "dry run, nothing submitted; would run:\n"
                + "  sbatch --parsable " + abs.resolve("slurm/array.sbatch") + "\n"
                + "  sbatch --parsable --dependency=afterok:<array job id> " + abs.resolve("slurm/merge.sbatch") + "\n",
                r.out());

        // a completed shard is skipped on resubmission
        Files.createDirectories(dir.resolve("shards/1"));
        Files.writeString(dir.resolve("shards/1/run.json"), "{\"status\" : \"completed\", \"updates_total\" : 8,"
                + " \"updates_done\" : 8}");
        CliRun again = CliRun.of("submit", exp.toString(), "--shards", "3", "--out", dir.toString(), "--set",
                "training.epochs=2", "--slurm-option=--partition=short", "--slurm-option=--cpus-per-task=1", "--dry-run");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().startsWith("rnnmem-tiny: 2 task(s) to run, 1 already complete (1)\n"), again.out());
        assertTrue(Files.readString(dir.resolve("slurm/array.sbatch")).contains("\n#SBATCH --array=0,2\n"));

        // another split into the same folder is refused, naming the file
        CliRun other = CliRun.of("submit", exp.toString(), "--shards", "2", "--out", dir.toString(), "--set",
                "training.epochs=2", "--dry-run");
        assertEquals(2, other.code());
        assertEquals("error: " + abs.resolve("slurm/submission.json") + ": the earlier submission has 3 tasks, this one 2;"
                + " submit with the same experiment, shards and --set values, or choose another --out\n", other.err());
    }

    private static long mergeMemory(Path exp) {
        var spec = ExperimentLoader.load(exp, List.of("training.epochs=2"));
        return TaskMemory.of(RunFootprint.of(ExperimentRunner.plan(spec)).phases()).slurmMib();
    }

    @Test
    void badShardCountsAndOptionsAreOneLineErrors() throws IOException {
        Path exp = experiment();
        Path dir = tmp.resolve("bad");
        CliRun many = CliRun.of("submit", exp.toString(), "--shards", "4", "--out", dir.toString(), "--dry-run");
        assertEquals(2, many.code());
        assertEquals("error: --shards 4: must be between 1 and the experiment's 3 seeds\n", many.err());
        CliRun array = CliRun.of("submit", exp.toString(), "--shards", "3", "--out", dir.toString(),
                "--slurm-option=--array=0-9", "--dry-run");
        assertEquals(2, array.code());
        assertEquals("error: --slurm-option '--array=0-9': rnnmem sets this option itself\n", array.err());
        assertFalse(Files.exists(dir));
    }

    @Test
    void aTaskScriptRunsItsShardOutsideSlurmAndStatusReadsTheRunDirectories() throws Exception {
        Path exp = experiment();
        Path dir = tmp.resolve("sub");
        assertEquals(0, CliRun.of("submit", exp.toString(), "--shards", "3", "--out", dir.toString(), "--dry-run").code());
        Path script = dir.resolve("slurm/array.sbatch");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("task1.log").toFile());
        pb.environment().put("SLURM_ARRAY_TASK_ID", "1");
        Process task = pb.start();
        assertTrue(task.waitFor(5, TimeUnit.MINUTES), "task 1 did not finish in 5 minutes");
        assertEquals(0, task.exitValue(), Files.readString(tmp.resolve("task1.log")));
        Path shard1 = dir.resolve("shards/1");
        assertTrue(Files.readString(shard1.resolve("run.json")).contains("\"seeds\" : [ 2 ]"),
                Files.readString(shard1.resolve("run.json")));

        // the same task again: already complete, exits 0 without running
        Process again = pb.redirectOutput(tmp.resolve("again.log").toFile()).start();
        assertTrue(again.waitFor(1, TimeUnit.MINUTES));
        assertEquals(0, again.exitValue());
        assertEquals("rnnmem: task 1: " + shard1.toAbsolutePath().normalize() + " is already complete\n",
                Files.readString(tmp.resolve("again.log")));

        // shard 0: running (locked by another thread), its checkpoint 12 of 24 updates after 60 s -> ETA 60 s
        Path shard0 = dir.resolve("shards/0");
        Files.createDirectories(shard0);
        Files.copy(shard1.resolve(RunDirectory.CHECKPOINT), shard0.resolve(RunDirectory.CHECKPOINT));
        Instant now = Instant.parse("2026-01-02T03:05:00Z");
        Files.writeString(shard0.resolve("run.json"), "{\"status\" : \"running\", \"start_utc\" : \"2026-01-02T03:04:00Z\","
                + " \"updates_total\" : 24, \"resumed_from_update\" : 0, \"updates_done\" : 0}");
        // shard 2: failed with its reason
        Path shard2 = dir.resolve("shards/2");
        Files.createDirectories(shard2);
        Files.writeString(shard2.resolve("run.json"), "{\"status\" : \"failed: out of memory (Java heap)\","
                + " \"updates_total\" : 12, \"updates_done\" : 4}");
        Path slurmDir = dir.resolve("slurm");
        Submission.read(slurmDir).with(new Submission.Jobs("77", "78", "0-2", "2026-01-02T03:03:00Z")).write(slurmDir);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            try (RunLock lock = RunLock.acquire(shard0, "run")) {
                locked.countDown();
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        assertTrue(locked.await(10, TimeUnit.SECONDS));
        try {
            String text = StatusReport.text(dir, now, Map.of("77_0", "RUNNING", "77_2", "FAILED", "78", "PENDING"));
            assertEquals("task 0   seeds [1]  running, update 12/24, ETA 0:01:00  [Slurm 77_0 RUNNING]\n"
                    + "task 1   seeds [2]  completed, 12 updates\n"
                    + "task 2   seeds [3]  failed, update 4/12: out of memory (Java heap)  [Slurm 77_2 FAILED]\n"
                    + "merge    job 78 PENDING\n", text);
        } finally {
            release.countDown();
            holder.join();
        }
        // the lock released, run.json still says running: the process is gone
        assertEquals("stopped, update 12/24 (run.json says running but no process holds the directory (killed?))",
                RunProgress.of(shard0, now).describe());
        // interrupted
        Files.writeString(shard0.resolve("run.json"), "{\"status\" : \"interrupted\", \"interrupted_by\" : \"SIGTERM\","
                + " \"updates_total\" : 24, \"updates_done\" : 8}");
        assertEquals("interrupted, update 8/24 (by SIGTERM)", RunProgress.of(shard0, now).describe());
        assertEquals("pending", RunProgress.of(tmp.resolve("nothing"), now).describe());
    }

    @Test
    void sweepSlurmDryRunHasOneTaskPerCandidateAndTheSweepAsMerge() throws IOException {
        experiment();
        Path sweep = tmp.resolve("gains.yaml");
        Files.writeString(sweep, "sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gain: [0.5, 1.5]\n");
        Path dir = tmp.resolve("sw");
        CliRun r = CliRun.of("sweep", sweep.toString(), "--out", dir.toString(), "--slurm", "--dry-run");
        assertEquals(0, r.code(), r.err());
        Path abs = dir.toAbsolutePath().normalize();
        Path exp = tmp.resolve("tiny.yaml").toAbsolutePath().normalize();
        String array = Files.readString(dir.resolve("slurm/array.sbatch"));
        assertTrue(array.contains("\n#SBATCH --array=0-1\n"), array);
        assertTrue(array.contains("\n#SBATCH --cpus-per-task=2\n"), array);
        assertTrue(array.contains(" run " + exp + " --out " + abs.resolve("candidates/00-gain-0.5")
                + " --no-report --set network.gain=0.5) ;;\n"), array);
        assertTrue(array.contains(" run " + exp + " --out " + abs.resolve("candidates/01-gain-1.5")
                + " --no-report --set network.gain=1.5) ;;\n"), array);
        String merge = Files.readString(dir.resolve("slurm/merge.sbatch"));
        assertTrue(merge.endsWith(" sweep " + sweep.toAbsolutePath().normalize() + " --out " + abs + "\n"), merge);
        assertTrue(r.out().startsWith("rnnmem-sweep-gains: 2 task(s) to run, 0 already complete\n"), r.out());
        assertTrue(r.out().endsWith("--dependency=afterok:<array job id> " + abs.resolve("slurm/merge.sbatch") + "\n"),
                r.out());
    }

    @Test
    void sweepSlurmDryRunInSeedShardsHasOneTaskPerCandidateAndShard() throws IOException {
        experiment();
        Path sweep = tmp.resolve("gains.yaml");
        Files.writeString(sweep, "sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gain: [0.5, 1.5]\n");
        Path dir = tmp.resolve("sw");
        CliRun r = CliRun.of("sweep", sweep.toString(), "--out", dir.toString(), "--slurm", "--shards-per-candidate", "2",
                "--dry-run");
        assertEquals(0, r.code(), r.err());
        Path abs = dir.toAbsolutePath().normalize();
        Path exp = tmp.resolve("tiny.yaml").toAbsolutePath().normalize();
        String array = Files.readString(dir.resolve("slurm/array.sbatch"));
        assertTrue(array.contains("\n#SBATCH --array=0-3\n"), array);
        // the tiny experiment's seeds 1-3 split as [1] and [2, 3]; task index = candidate * 2 + shard
        List<String> gains = List.of("0.5", "1.5");
        List<String> seeds = List.of("[1]", "[2,3]");
        List<String> labels = List.of("seeds 1", "seeds 2-3");
        for (int k = 0; k < 4; k++) {
            String gain = gains.get(k / 2);
            Path out = abs.resolve("candidates/0" + k / 2 + "-gain-" + gain + "/shards/" + k % 2);
            String head = "  " + k + ") # gain-" + gain + " " + labels.get(k % 2) + "\n    out=" + out + "\n    cmd=(";
            assertTrue(array.contains(head), "task " + k + ":\n" + array);
            String cmd = array.substring(array.indexOf(head) + head.length());
            cmd = cmd.substring(0, cmd.indexOf('\n') + 1);
            assertTrue(cmd.endsWith(" run " + exp + " --out " + out + " --no-report --set network.gain=" + gain
                    + " --set 'seeds=" + seeds.get(k % 2) + "') ;;\n"), cmd);
        }
        String merge = Files.readString(dir.resolve("slurm/merge.sbatch"));
        assertTrue(merge.endsWith(" sweep " + sweep.toAbsolutePath().normalize() + " --out " + abs
                + " --shards-per-candidate 2\n"), merge);
        assertTrue(r.out().startsWith("rnnmem-sweep-gains: 4 task(s) to run, 0 already complete\n"), r.out());
        assertTrue(r.out().contains("(array 0-3; 2 CPU(s), "), r.out());

        // status: one line per candidate and shard
        assertEquals("task 0   gain-0.5 seeds 1    pending\n"
                + "task 1   gain-0.5 seeds 2-3  pending\n"
                + "task 2   gain-1.5 seeds 1    pending\n"
                + "task 3   gain-1.5 seeds 2-3  pending\n"
                + "merge    not submitted (dry run)\n", StatusReport.text(dir, Instant.now(), Map.of()));

        // another shard count into the same folder: refused, naming the folder and both values
        CliRun other = CliRun.of("sweep", sweep.toString(), "--out", dir.toString(), "--slurm", "--shards-per-candidate",
                "3", "--dry-run");
        assertEquals(2, other.code());
        assertEquals("error: " + dir + " holds a Slurm sweep submitted with --shards-per-candidate 2, this one asks for 3; "
                + "use the same value or another --out\n", other.err());
        CliRun local = CliRun.of("sweep", sweep.toString(), "--out", dir.toString(), "--dry-run");
        assertEquals(2, local.code());
        assertEquals("error: " + dir + " holds a Slurm sweep submitted with --shards-per-candidate 2, this one asks for 1; "
                + "use the same value or another --out\n", local.err());
        CliRun bad = CliRun.of("sweep", sweep.toString(), "--out", tmp.resolve("sw4").toString(), "--slurm",
                "--shards-per-candidate", "4", "--dry-run");
        assertEquals(2, bad.code());
        assertEquals("error: --shards-per-candidate 4: must be between 1 and the experiment's 3 seeds\n", bad.err());
        assertFalse(Files.exists(tmp.resolve("sw4")));
    }

    @Test
    void theMergeOfAShardedSweepFindsEveryArrayTasksRunFinished() throws IOException {
        experiment();
        Path sweep = tmp.resolve("gains.yaml");
        Files.writeString(sweep, "sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gain: [0.5, 1.5]\n");
        Path dir = tmp.resolve("sw");
        String[] submit = {"sweep", sweep.toString(), "--out", dir.toString(), "--slurm", "--shards-per-candidate", "2",
            "--dry-run"};
        assertEquals(0, CliRun.of(submit).code());
        // each array task's own command line, run here as Slurm would run it
        for (ArrayTask t : Submission.read(dir.resolve("slurm")).tasks()) {
            CliRun task = CliRun.of(t.runArgs().toArray(String[]::new));
            assertEquals(0, task.code(), t.label() + ": " + task.err());
        }
        // the merge job's command: every shard is the run the sweep itself would train, so none retrains
        String merge = Files.readString(dir.resolve("slurm/merge.sbatch")).strip();
        List<String> words = List.of(merge.substring(merge.lastIndexOf(" sweep ") + 1).split(" "));
        assertEquals(List.of("sweep", sweep.toAbsolutePath().normalize().toString(), "--out",
                dir.toAbsolutePath().normalize().toString(), "--shards-per-candidate", "2"), words);
        CliRun merged = CliRun.of(words.toArray(String[]::new));
        assertEquals(0, merged.code(), merged.err());
        var json = org.rnnmemory.io.Json.MAPPER.readTree(dir.resolve("sweep.json").toFile());
        assertEquals(2, json.get("shards_per_candidate").asInt());
        for (var c : json.get("candidates")) {
            assertEquals("skipped", c.get("action").asText(), c.toString());
        }
        List<String> rows = Files.readAllLines(dir.resolve("sweep.csv"));
        assertEquals(1 + 2 * 3, rows.size(), "2 candidates x 3 seeds");
        // a resubmission finds every task complete
        CliRun again = CliRun.of(submit);
        assertTrue(again.out().startsWith("rnnmem-sweep-gains: 0 task(s) to run, 4 already complete (0, 1, 2, 3)\n"),
                again.out());
        // 3 epochs of 24 trials in batches of 6
        assertEquals("task 0   gain-0.5 seeds 1    completed, 12 updates\n",
                StatusReport.text(dir, Instant.now(), Map.of()).lines().findFirst().orElseThrow() + "\n");
    }
}
