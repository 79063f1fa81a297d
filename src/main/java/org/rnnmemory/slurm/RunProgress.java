package org.rnnmemory.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.train.Checkpoint;
import org.rnnmemory.train.ExperimentRunner;

/**
 * How far one run directory got, from its files alone: {@code run.json} (status, start time, update
 * it resumed from, total updates), the checkpoint (updates completed, written once per epoch) and the
 * run-directory lock (held while a process works in it).
 *
 * @param state pending (no run.json), running, completed, failed, interrupted, or stopped (run.json
 *     says running but no process holds the lock: the process was killed without a chance to record it)
 * @param updatesDone updates completed as far as the files show, or -1 when unknown
 * @param updatesTotal the run's updates, or -1 when unknown
 * @param etaSeconds estimated seconds to the end of training at the rate since the (re)start, or -1
 * @param detail the failure's reason, the signal of an interruption, or ""
 */
public record RunProgress(String state, int updatesDone, int updatesTotal, long etaSeconds, String detail) {

    /** The progress of {@code dir} as of {@code now}. */
    public static RunProgress of(Path dir, Instant now) {
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            return new RunProgress("pending", -1, -1, -1, "");
        }
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(runJson.toFile());
        } catch (IOException e) {
            return new RunProgress("unreadable", -1, -1, -1, runJson + ": " + e.getMessage());
        }
        String status = o.path("status").asText("");
        int total = o.path("updates_total").asInt(-1);
        int recorded = o.path("updates_done").asInt(-1);
        RunStatus recordedStatus = RunStatus.of(status).orElse(RunStatus.RUNNING);
        switch (recordedStatus) {
            case COMPLETED -> {
                return new RunProgress(RunStatus.COMPLETED.word(), recorded, total, -1, "");
            }
            case FAILED -> {
                String prefix = RunStatus.failed("");
                String reason = status.startsWith(prefix) ? status.substring(prefix.length()) : status;
                return new RunProgress(RunStatus.FAILED.word(), recorded, total, -1, reason);
            }
            case INTERRUPTED -> {
                return new RunProgress(RunStatus.INTERRUPTED.word(), recorded, total, -1,
                        "by " + o.path("interrupted_by").asText("?"));
            }
            case RUNNING -> {
                // how far it got: below
            }
        }
        int done = Math.max(recorded, checkpointUpdates(dir));
        if (!locked(dir)) {
            return new RunProgress("stopped", done, total, -1,
                    "run.json says running but no process holds the directory (killed?)");
        }
        long eta = -1;
        int from = o.path("resumed_from_update").asInt(0);
        try {
            Instant start = Instant.parse(o.path("start_utc").asText(""));
            double seconds = Duration.between(start, now).toMillis() / 1000.0;
            if (done > from && seconds > 0 && total > 0) {
                eta = Math.round((total - done) * seconds / (done - from));
            }
        } catch (DateTimeParseException e) {
            // no start time: no ETA
        }
        return new RunProgress(RunStatus.RUNNING.word(), done, total, eta, "");
    }

    /** Updates completed according to the checkpoint, or -1. */
    static int checkpointUpdates(Path dir) {
        Path file = dir.resolve(ExperimentRunner.CHECKPOINT);
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try {
            return Checkpoint.read(file, 1.0).nextUpdate();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Whether a process holds the directory's lock. */
    static boolean locked(Path dir) {
        try {
            RunLock.requireFree(dir);
            return false;
        } catch (RefusedException e) {
            return true;
        }
    }

    /** "running, update 12/30, ETA 0:03:10", "failed: out of memory", ... */
    public String describe() {
        StringBuilder s = new StringBuilder(state);
        boolean completed = RunStatus.COMPLETED.is(state);
        if (updatesTotal > 0 && updatesDone >= 0 && !completed) {
            s.append(", update ").append(updatesDone).append('/').append(updatesTotal);
        }
        if (completed && updatesTotal > 0) {
            s.append(", ").append(updatesTotal).append(" updates");
        }
        if (etaSeconds >= 0) {
            s.append(String.format(Locale.ROOT, ", ETA %d:%02d:%02d", etaSeconds / 3600, etaSeconds / 60 % 60,
                    etaSeconds % 60));
        }
        if (!detail.isEmpty()) {
            boolean failed = RunStatus.FAILED.is(state);
            s.append(failed ? ": " : " (").append(detail).append(failed ? "" : ")");
        }
        return s.toString();
    }
}
