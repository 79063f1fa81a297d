package org.rnnmemory.slurm;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rnnmemory.io.ShellWords;

/**
 * The text of {@code array.sbatch} and {@code merge.sbatch}. The array script holds one full command
 * line per task (a {@code case} on {@code SLURM_ARRAY_TASK_ID}); at start a task exits 0 at once when
 * its run directory says {@code completed}, and adds {@code --resume} when the directory already
 * holds the run (a requeued or resubmitted task continues from its checkpoint). The run-directory
 * lock makes a second copy of a task refuse (exit 2) while the first still runs.
 */
public final class BatchScripts {

    private BatchScripts() {}

    /**
     * {@code #SBATCH --array=} value: the indices, runs of consecutive ones as ranges ("0-2,5").
     *
     * @throws IllegalArgumentException if there is no index
     */
    public static String arrayRange(List<Integer> indices) {
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("no array index");
        }
        List<Integer> sorted = indices.stream().sorted().toList();
        StringBuilder s = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            if (s.length() > 0) {
                s.append(',');
            }
            s.append(sorted.get(i));
            if (j > i) {
                s.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return s.toString();
    }

    /** The array script for the tasks with the given indices. */
    public static String array(ArrayJob job, List<Integer> indices) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# ").append(job.name()).append(": ").append(job.tasks().size())
                .append(" rnnmem run tasks as one Slurm job array (written by rnnmem; submit again with the same "
                        + "rnnmem command, which skips completed tasks)\n");
        s.append("#SBATCH --job-name=").append(job.name()).append('\n');
        s.append("#SBATCH --array=").append(arrayRange(indices)).append('\n');
        s.append("#SBATCH --cpus-per-task=").append(job.cpusPerTask()).append('\n');
        s.append("#SBATCH --mem=").append(job.taskMemory().slurmMib()).append("M\n");
        s.append("#SBATCH --chdir=").append(ShellWords.quote(job.workDir().toString())).append('\n');
        s.append("#SBATCH --output=").append(ShellWords.quote(job.logDir().resolve("task-%a-job-%A.out").toString()))
                .append('\n');
        s.append("#SBATCH --open-mode=append\n");
        for (String o : job.slurmOptions()) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("export OMP_NUM_THREADS=1\n");
        s.append("k=\"${SLURM_ARRAY_TASK_ID:?array.sbatch runs as a Slurm array task}\"\n");
        s.append("case \"$k\" in\n");
        for (ArrayTask t : job.tasks()) {
            List<String> cmd = job.launch().command(job.taskMemory().heapMib(), job.taskMemory().slurmMib(),
                    t.runArgs());
            s.append("  ").append(t.index()).append(") # ").append(t.label().replace('\n', ' ')).append('\n');
            s.append("    out=").append(ShellWords.quote(t.runDir().toString())).append('\n');
            s.append("    cmd=(").append(ShellWords.join(cmd)).append(") ;;\n");
        }
        s.append("  *) echo \"rnnmem: array.sbatch has no task $k\" >&2; exit 2 ;;\n");
        s.append("esac\n");
        s.append("if [ -f \"$out/run.json\" ] && grep -Eq '\"status\" *: *\"completed\"' \"$out/run.json\"; then\n");
        s.append("  echo \"rnnmem: task $k: $out is already complete\"\n");
        s.append("  exit 0\n");
        s.append("fi\n");
        s.append("if [ -f \"$out/config.resolved.yaml\" ]; then\n");
        s.append("  cmd+=(--resume)\n");
        s.append("fi\n");
        s.append("echo \"rnnmem: task $k on $(hostname) at $(date -u +%FT%TZ): ${cmd[*]}\" >&2\n");
        s.append("exec \"${cmd[@]}\"\n");
        return s.toString();
    }

    /** The merge script (submitted with {@code --dependency=afterok:<array job id>}). */
    public static String merge(ArrayJob job) {
        StringBuilder s = new StringBuilder();
        s.append("#!/bin/bash\n");
        s.append("# ").append(job.name()).append(": merges the array's run directories once every task succeeded "
                + "(written by rnnmem; submitted with --dependency=afterok:<array job id>)\n");
        s.append("#SBATCH --job-name=").append(job.name()).append("-merge\n");
        s.append("#SBATCH --cpus-per-task=1\n");
        s.append("#SBATCH --mem=").append(job.mergeMemory().slurmMib()).append("M\n");
        s.append("#SBATCH --chdir=").append(ShellWords.quote(job.workDir().toString())).append('\n');
        s.append("#SBATCH --output=").append(ShellWords.quote(job.logDir().resolve("merge-job-%j.out").toString()))
                .append('\n');
        s.append("#SBATCH --open-mode=append\n");
        for (String o : job.slurmOptions()) {
            s.append("#SBATCH ").append(o).append('\n');
        }
        s.append("set -euo pipefail\n");
        s.append("export OMP_NUM_THREADS=1\n");
        for (List<String> args : job.mergeCommands()) {
            s.append(ShellWords.join(job.launch().command(job.mergeMemory().heapMib(), job.mergeMemory().slurmMib(),
                    args))).append('\n');
        }
        return s.toString();
    }

    /** "seeds [1, 2]". */
    static String seedsLabel(List<Integer> seeds) {
        return "seeds " + seeds.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** YAML for {@code --set seeds=...}: "[1,2]". */
    static String seedsYaml(List<Integer> seeds) {
        return seeds.stream().map(i -> String.format(Locale.ROOT, "%d", i)).collect(Collectors.joining(",", "[", "]"));
    }
}
