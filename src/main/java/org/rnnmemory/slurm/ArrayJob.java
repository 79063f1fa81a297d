package org.rnnmemory.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the two batch scripts of a submission say: a job array of run tasks and a merge job
 * that runs after all of them succeed.
 *
 * @param name job name prefix ({@code rnnmem-<experiment or sweep name>})
 * @param dir the submission's output folder (absolute); scripts go to {@code dir/slurm/}
 * @param workDir the folder tasks run in ({@code --chdir}), absolute: where relative paths in the
 *     experiment (a {@code task.dataset}) resolve, as for the submitting shell
 * @param tasks every task, by index
 * @param cpusPerTask {@code --cpus-per-task}, also each task's {@code training.workers}
 * @param taskMemory memory of one task
 * @param mergeMemory memory of the merge job
 * @param mergeCommands rnnmem argument lists the merge job runs in order
 * @param slurmOptions extra {@code #SBATCH} options, verbatim (e.g. {@code --partition=x})
 * @param launch how the tasks start java
 */
public record ArrayJob(String name, Path dir, Path workDir, List<ArrayTask> tasks, int cpusPerTask,
                       TaskMemory taskMemory, TaskMemory mergeMemory, List<List<String>> mergeCommands,
                       List<String> slurmOptions, JavaLaunch launch) {

    public ArrayJob {
        tasks = List.copyOf(tasks);
        mergeCommands = mergeCommands.stream().map(List::copyOf).toList();
        slurmOptions = List.copyOf(slurmOptions);
    }

    /** {@code dir/slurm/}. */
    public Path slurmDir() {
        return dir.resolve("slurm");
    }

    /** {@code dir/slurm/array.sbatch}. */
    public Path arrayScript() {
        return slurmDir().resolve("array.sbatch");
    }

    /** {@code dir/slurm/merge.sbatch}. */
    public Path mergeScript() {
        return slurmDir().resolve("merge.sbatch");
    }

    /** {@code dir/slurm/logs/}. */
    public Path logDir() {
        return slurmDir().resolve("logs");
    }
}
