package org.rnnmemory.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * One task of a job array: an ordinary {@code rnnmem run} into its own run directory.
 *
 * @param index the task's array index ({@code SLURM_ARRAY_TASK_ID}), >= 0
 * @param label what the task computes, for people (e.g. "seeds [1, 2]")
 * @param runDir the run directory (absolute)
 * @param runArgs the rnnmem arguments, {@code run EXPERIMENT --out runDir --set ...}, without
 *     {@code --resume} (the script adds it when the directory already holds the run)
 */
public record ArrayTask(int index, String label, Path runDir, List<String> runArgs) {
    public ArrayTask {
        runArgs = List.copyOf(runArgs);
    }
}
