package org.rnnmemory.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.run.RunRecord;

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
        Path runJson = RunDirectory.of(dir).runJson();
        if (!Files.isRegularFile(runJson)) {
            return new RunProgress("pending", -1, -1, -1, "");
        }
        RunRecord o;
        try {
            o = RunRecord.read(runJson);
        } catch (InputFileException e) {
            return new RunProgress("unreadable", -1, -1, -1,
                    e.getCause() == null ? e.getMessage() : runJson + ": " + e.getCause().getMessage());
        }
        Provenance.Recorded p = o.provenance();
        int total = o.updatesTotal();
        int recorded = o.updatesDone();
        if (p.completed()) {
            return new RunProgress(Provenance.COMPLETED, recorded, total, -1, "");
        }
        if (p.failed()) {
            return new RunProgress(RunStatus.FAILED.word(), recorded, total, -1, p.failureReason());
        }
        if (p.interrupted()) {
            return new RunProgress(Provenance.INTERRUPTED, recorded, total, -1,
                    "by " + (o.interruptedBy() == null ? "?" : o.interruptedBy()));
        }
        int done = Math.max(recorded, checkpointUpdates(dir));
        if (!locked(dir)) {
            return new RunProgress("stopped", done, total, -1,
                    "run.json says running but no process holds the directory (killed?)");
        }
        long eta = -1;
        int from = o.resumedFromUpdate();
        if (p.start() != null) {
            double seconds = Duration.between(p.start(), now).toMillis() / 1000.0;
            if (done > from && seconds > 0 && total > 0) {
                eta = Math.round((total - done) * seconds / (done - from));
            }
        }
        return new RunProgress(RunStatus.RUNNING.word(), done, total, eta, "");
    }

    /** Updates completed according to the checkpoint, or -1. */
    static int checkpointUpdates(Path dir) {
        try {
            return RunDirectory.of(dir).checkpointNextUpdate().orElse(-1);
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
