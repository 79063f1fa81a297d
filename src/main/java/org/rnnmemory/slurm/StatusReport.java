package org.rnnmemory.slurm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.run.RunDirectory;

/**
 * One line per task of a submission (or for a single run directory): its state from the run
 * directory ({@link RunProgress}) and, when {@code squeue}/{@code sacct} answer, Slurm's state of its
 * array task; then the merge job. Example:
 * <pre>
 * task 0  seeds [1, 2]  completed, 30 updates  [Slurm 123_0 COMPLETED]
 * task 1  seeds [3, 4]  running, update 12/30, ETA 0:01:10  [Slurm 123_1 RUNNING]
 * task 2  seeds [5]     pending  [Slurm 123_2 PENDING]
 * merge   job 124 PENDING
 * </pre>
 */
public final class StatusReport {

    private StatusReport() {}

    /**
     * The status lines of {@code dir}: a submission's folder (with {@code slurm/submission.json}) or a
     * run directory (with {@code run.json} or {@code config.resolved.yaml}).
     *
     * @param slurm Slurm's states by job or array-task id ({@link SlurmTools#states}); empty when unknown
     * @throws RefusedException when {@code dir} is neither
     */
    public static String text(Path dir, Instant now, Map<String, String> slurm) {
        Submission sub = Submission.read(dir.resolve("slurm"));
        if (sub == null) {
            if (Files.isRegularFile(RunDirectory.of(dir).runJson()) || RunDirectory.isRunDirectory(dir)) {
                return dir + "  " + RunProgress.of(dir, now).describe() + "\n";
            }
            throw new RefusedException(dir + ": neither a submission (no slurm/" + Submission.FILE
                    + ") nor a run directory (no run.json)");
        }
        int width = sub.tasks().stream().mapToInt(t -> t.label().length()).max().orElse(0);
        StringBuilder s = new StringBuilder();
        for (ArrayTask t : sub.tasks()) {
            s.append(String.format("task %-3d %-" + width + "s  %s", t.index(), t.label(),
                    RunProgress.of(t.runDir(), now).describe()));
            String id = null;
            for (int i = sub.jobs().size() - 1; i >= 0 && id == null; i--) {
                String a = sub.jobs().get(i).array();
                if (a != null && slurm.containsKey(a + "_" + t.index())) {
                    id = a + "_" + t.index();
                }
            }
            if (id != null) {
                s.append("  [Slurm ").append(id).append(' ').append(slurm.get(id)).append(']');
            }
            s.append('\n');
        }
        Submission.Jobs last = sub.latest();
        if (last == null) {
            s.append("merge    not submitted (dry run)\n");
        } else {
            String state = slurm.get(last.merge());
            s.append("merge    job ").append(last.merge()).append(' ')
                    .append(state != null ? state : slurm.isEmpty() ? "(Slurm state unknown: squeue/sacct not available)"
                            : "(no longer known to Slurm)")
                    .append('\n');
        }
        return s.toString();
    }

    /** Every job id a submission recorded (arrays and merges), for {@link SlurmTools#states}. */
    public static List<String> jobIds(Path dir) {
        Submission sub = Submission.read(dir.resolve("slurm"));
        List<String> ids = new ArrayList<>();
        if (sub != null) {
            for (Submission.Jobs j : sub.jobs()) {
                if (j.array() != null) {
                    ids.add(j.array());
                }
                if (j.merge() != null) {
                    ids.add(j.merge());
                }
            }
        }
        return ids;
    }
}
