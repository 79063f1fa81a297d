package org.rnnmemory.slurm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.io.ShellWords;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.io.RunLock;

/**
 * Writes a job array's scripts and submits them: the array with the tasks not yet complete, then the
 * merge job with {@code --dependency=afterok:<array id>} (without a dependency when every task is
 * already complete). A second submission into the same folder must ask for the same tasks; it is
 * refused while jobs of the earlier one are queued or running, or while a process holds a task's run
 * directory; an earlier merge job still waiting on a failed array is cancelled.
 */
public final class Submitter {

    private Submitter() {}

    /**
     * Writes {@code array.sbatch}, {@code merge.sbatch} and {@code submission.json} under
     * {@code DIR/slurm/} and, unless {@code dryRun}, submits them.
     *
     * @param kind "shards" or "sweep", recorded in submission.json
     * @return what was written and submitted (or would be), and how to follow the jobs, as lines
     * @throws RefusedException as the class comment says, or when sbatch fails
     */
    public static String submit(ArrayJob job, String kind, boolean dryRun) {
        Path slurmDir = job.slurmDir();
        Submission prev = Submission.read(slurmDir);
        if (prev != null) {
            requireSameTasks(prev, job, slurmDir);
        }
        StringBuilder out = new StringBuilder();
        String withdrawn = dryRun || prev == null ? null : checkEarlierJobs(prev, job.dir());
        List<Integer> pending = new ArrayList<>();
        List<String> complete = new ArrayList<>();
        for (ArrayTask t : job.tasks()) {
            RunLock.requireFree(t.runDir());
            if (RunStatus.COMPLETED.is(RunProgress.of(t.runDir(), Instant.now()).state())) {
                complete.add(String.valueOf(t.index()));
            } else {
                pending.add(t.index());
            }
        }
        List<Integer> scripted = pending.isEmpty() ? job.tasks().stream().map(ArrayTask::index).toList() : pending;
        try {
            Files.createDirectories(job.logDir()); // Slurm does not create the folder of --output
        } catch (IOException e) {
            throw new InputFileException(job.logDir(), "cannot create: " + e.getMessage(), e);
        }
        AtomicFiles.writeString(job.arrayScript(), BatchScripts.array(job, scripted));
        AtomicFiles.writeString(job.mergeScript(), BatchScripts.merge(job));
        Submission sub = new Submission(kind, job.name(), job.tasks(), prev == null ? List.of() : prev.jobs());
        sub.write(slurmDir);
        out.append(String.format("%s: %d task(s) to run, %d already complete%s%n", job.name(), pending.size(),
                complete.size(), complete.isEmpty() ? "" : " (" + String.join(", ", complete) + ")"));
        out.append(String.format("wrote %s (array %s; %d CPU(s), %d MiB, -Xmx%dm per task)%n", job.arrayScript(),
                pending.isEmpty() ? "none left" : BatchScripts.arrayRange(pending), job.cpusPerTask(),
                job.taskMemory().slurmMib(), job.taskMemory().heapMib()));
        out.append(String.format("wrote %s (%d MiB)%n", job.mergeScript(), job.mergeMemory().slurmMib()));
        if (withdrawn != null) {
            out.append(withdrawn).append('\n');
        }
        String arrayCmd = "sbatch --parsable " + ShellWords.quote(job.arrayScript().toString());
        String mergeDep = pending.isEmpty() ? "" : "--dependency=afterok:<array job id> ";
        String mergeCmd = "sbatch --parsable " + mergeDep + ShellWords.quote(job.mergeScript().toString());
        if (dryRun) {
            out.append("dry run, nothing submitted; would run:\n");
            if (!pending.isEmpty()) {
                out.append("  ").append(arrayCmd).append('\n');
            }
            out.append("  ").append(mergeCmd).append('\n');
            return out.toString();
        }
        String arrayId = pending.isEmpty() ? null : SlurmTools.sbatch(job.arrayScript(), null);
        String mergeId;
        try {
            mergeId = SlurmTools.sbatch(job.mergeScript(), arrayId == null ? null : "afterok:" + arrayId);
        } catch (RefusedException e) {
            sub.with(Submission.Jobs.now(arrayId, null, pending.isEmpty() ? "" : BatchScripts.arrayRange(pending)))
                    .write(slurmDir);
            throw new RefusedException(e.getMessage() + (arrayId == null ? "" : "; array job " + arrayId
                    + " was submitted and runs; submit again once it is done to merge"));
        }
        sub.with(Submission.Jobs.now(arrayId, mergeId, pending.isEmpty() ? "" : BatchScripts.arrayRange(pending)))
                .write(slurmDir);
        if (arrayId != null) {
            out.append(String.format("submitted array job %s (tasks %s) and merge job %s (runs after every task "
                    + "succeeded)%n", arrayId, BatchScripts.arrayRange(pending), mergeId));
        } else {
            out.append(String.format("submitted merge job %s%n", mergeId));
        }
        String ids = arrayId == null ? mergeId : arrayId + "," + mergeId;
        out.append("follow with: rnnmem status ").append(ShellWords.quote(job.dir().toString()))
                .append("   or: squeue -j ").append(ids).append("   logs: ")
                .append(ShellWords.quote(job.logDir().toString())).append("/\n");
        return out.toString();
    }

    /** Refuses a submission whose tasks differ from the earlier one's. */
    private static void requireSameTasks(Submission prev, ArrayJob job, Path slurmDir) {
        if (prev.tasks().size() != job.tasks().size()) {
            throw new RefusedException(slurmDir.resolve(Submission.FILE) + ": the earlier submission has "
                    + prev.tasks().size() + " tasks, this one " + job.tasks().size() + "; submit with the same "
                    + "experiment, shards and --set values, or choose another --out");
        }
        for (int i = 0; i < prev.tasks().size(); i++) {
            ArrayTask a = prev.tasks().get(i);
            ArrayTask b = job.tasks().get(i);
            if (a.index() != b.index() || !a.runDir().equals(b.runDir()) || !a.runArgs().equals(b.runArgs())) {
                throw new RefusedException(slurmDir.resolve(Submission.FILE) + ": task " + a.index() + " was submitted"
                        + " as '" + ShellWords.join(a.runArgs()) + "', now it would be '" + ShellWords.join(b.runArgs())
                        + "'; submit with the same experiment, shards, --set values and --cpus-per-task, or choose "
                        + "another --out");
            }
        }
    }

    /**
     * Refuses while an earlier array task is queued or running; cancels an earlier merge job that
     * still waits (its array failed or was cancelled). Returns a line saying so, or null.
     */
    private static String checkEarlierJobs(Submission prev, Path dir) {
        List<String> arrays = new ArrayList<>();
        List<String> merges = new ArrayList<>();
        for (Submission.Jobs j : prev.jobs()) {
            if (j.array() != null) {
                arrays.add(j.array());
            }
            if (j.merge() != null) {
                merges.add(j.merge());
            }
        }
        List<String> all = new ArrayList<>(arrays);
        all.addAll(merges);
        Map<String, String> states = SlurmTools.states(all);
        List<String> active = SlurmTools.active(states);
        List<String> activeTasks = active.stream().filter(id -> arrays.stream().anyMatch(a -> id.equals(a)
                || id.startsWith(a + "_"))).toList();
        if (!activeTasks.isEmpty()) {
            throw new RefusedException("jobs of the earlier submission into " + dir + " are still queued or running ("
                    + String.join(", ", activeTasks.stream().map(id -> id + " " + states.get(id)).toList())
                    + "); wait for them (rnnmem status " + dir + ") or scancel them");
        }
        List<String> waiting = active.stream().filter(merges::contains).toList();
        List<String> cancelled = waiting.stream().filter(SlurmTools::scancel).toList();
        return cancelled.isEmpty() ? null : "cancelled the earlier merge job " + String.join(", ", cancelled)
                + " (its array did not succeed)";
    }
}
