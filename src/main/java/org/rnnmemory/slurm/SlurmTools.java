package org.rnnmemory.slurm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rnnmemory.io.RefusedException;

/**
 * Slurm's command-line tools: {@code sbatch} to submit, {@code squeue} and {@code sacct} for job
 * states, {@code scancel} to withdraw a merge job whose dependency can no longer be met. Each is
 * looked up on {@code PATH}; a missing tool is reported, never guessed around.
 */
public final class SlurmTools {
    /** How long one call may take (s). */
    private static final long TIMEOUT_S = 60;

    private SlurmTools() {}

    /** The tool's path on {@code PATH}, or null. */
    public static Path find(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, tool);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** A finished tool call: exit code and output. */
    record Result(int code, String out, String err) {}

    /** Runs a tool; null when it is not on PATH or does not finish in time. */
    static Result call(List<String> command) {
        Path tool = find(command.get(0));
        if (tool == null) {
            return null;
        }
        List<String> cmd = new ArrayList<>(command);
        cmd.set(0, tool.toString());
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var outF = p.getInputStream().readAllBytes();
            var errF = p.getErrorStream().readAllBytes();
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return new Result(p.exitValue(), new String(outF, StandardCharsets.UTF_8).strip(),
                    new String(errF, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Submits a batch script and returns its job id.
     *
     * @param dependency {@code afterok:ID} or null
     * @throws RefusedException when sbatch is missing or refuses (its message, on one line)
     */
    public static String sbatch(Path script, String dependency) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        if (dependency != null) {
            cmd.add("--dependency=" + dependency);
        }
        cmd.add(script.toString());
        if (find("sbatch") == null) {
            throw new RefusedException("sbatch not found on PATH: this machine is not a Slurm submit host (--dry-run "
                    + "writes the scripts without submitting them)");
        }
        Result r = call(cmd);
        if (r == null || r.code() != 0) {
            throw new RefusedException("sbatch " + script + " failed" + (r == null ? " (no answer within "
                    + TIMEOUT_S + " s)" : ": " + (r.err().isEmpty() ? "exit " + r.code() : r.err())));
        }
        String id = r.out().lines().reduce((a, b) -> b).orElse("");
        int semi = id.indexOf(';');
        id = semi >= 0 ? id.substring(0, semi) : id;
        if (!id.matches("[0-9]+")) {
            throw new RefusedException("sbatch " + script + " printed no job id: '" + r.out() + "'");
        }
        return id;
    }

    /** Withdraws a job; false when scancel is missing or fails. */
    public static boolean scancel(String jobId) {
        Result r = call(List.of("scancel", jobId));
        return r != null && r.code() == 0;
    }

    /**
     * Slurm's state of each array task and job of the given jobs: {@code squeue} for queued and
     * running ones, then {@code sacct} (when accounting is on) for finished ones. Keys are array task
     * ids ({@code 123_4}) and plain job ids ({@code 124}); empty when neither tool answers.
     */
    public static Map<String, String> states(List<String> jobIds) {
        Map<String, String> states = new HashMap<>();
        if (jobIds.isEmpty()) {
            return states;
        }
        String ids = String.join(",", jobIds);
        Result sacct = call(List.of("sacct", "-n", "-P", "-X", "-j", ids, "-o", "JobID,State"));
        if (sacct != null && sacct.code() == 0) {
            parseInto(sacct.out(), "\\|", states);
        }
        Result squeue = call(List.of("squeue", "-h", "-r", "-j", ids, "-o", "%i %T"));
        if (squeue != null && squeue.code() == 0) {
            parseInto(squeue.out(), " ", states);
        }
        return states;
    }

    /** "ID STATE" lines into the map (later lines win; "CANCELLED by 0" keeps its first word). */
    static void parseInto(String text, String separator, Map<String, String> into) {
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(separator);
            if (f.length >= 2 && !f[0].isEmpty()) {
                into.put(f[0].strip(), f[1].strip().split(" ")[0]);
            }
        }
    }

    /** Whether Slurm reports any of these jobs as queued or running. */
    public static List<String> active(Map<String, String> states) {
        List<String> ids = new ArrayList<>();
        states.forEach((id, s) -> {
            if (s.equals("PENDING") || s.equals("RUNNING") || s.equals("CONFIGURING") || s.equals("COMPLETING")
                    || s.equals("REQUEUED") || s.equals("SUSPENDED")) {
                ids.add(id);
            }
        });
        ids.sort(null);
        return ids;
    }
}
