package org.rnnmemory.slurm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;

/**
 * {@code DIR/slurm/submission.json}: what a submission runs and which Slurm jobs ran it, so that
 * {@code status} can list the tasks and a second {@code submit} into the same folder can check that it
 * asks for the same tasks.
 * <pre>
 * {"kind": "shards", "name": "rnnmem-tiny",
 *  "tasks": [{"index": 0, "label": "seeds [1]", "dir": "/abs/DIR/shards/0", "args": ["run", ...]}, ...],
 *  "jobs": [{"array": "123", "merge": "124", "indices": "0-2", "submitted_utc": "2026-01-02T03:04:05Z"}]}
 * </pre>
 * {@code array} is null when every task was already complete; {@code jobs} is empty after a dry run.
 *
 * @param kind "shards" or "sweep"
 * @param name the job name prefix
 * @param tasks every task
 * @param jobs the submissions so far, oldest first
 */
public record Submission(String kind, String name, List<ArrayTask> tasks, List<Jobs> jobs) {
    /** The file's name inside {@code DIR/slurm/}. */
    public static final String FILE = "submission.json";

    /**
     * One submission's job ids.
     *
     * @param array the array job id, or null when nothing was left to run
     * @param merge the merge job id
     * @param indices the array indices submitted ("0-2")
     * @param submittedUtc when
     */
    public record Jobs(String array, String merge, String indices, String submittedUtc) {
        /** Jobs submitted now. */
        public static Jobs now(String array, String merge, String indices) {
            return new Jobs(array, merge, indices, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    public Submission {
        tasks = List.copyOf(tasks);
        jobs = List.copyOf(jobs);
    }

    /** The same submission with one more set of jobs. */
    public Submission with(Jobs j) {
        List<Jobs> all = new ArrayList<>(jobs);
        all.add(j);
        return new Submission(kind, name, tasks, all);
    }

    /** The latest jobs, or null. */
    public Jobs latest() {
        return jobs.isEmpty() ? null : jobs.get(jobs.size() - 1);
    }

    /** Writes {@code slurmDir/submission.json} atomically. */
    public void write(Path slurmDir) {
        ObjectNode o = Json.object();
        o.put("kind", kind);
        o.put("name", name);
        ArrayNode ts = o.putArray("tasks");
        for (ArrayTask t : tasks) {
            ObjectNode n = ts.addObject();
            n.put("index", t.index());
            n.put("label", t.label());
            n.put("dir", t.runDir().toString());
            ArrayNode args = n.putArray("args");
            t.runArgs().forEach(args::add);
        }
        ArrayNode js = o.putArray("jobs");
        for (Jobs j : jobs) {
            ObjectNode n = js.addObject();
            n.put("array", j.array());
            n.put("merge", j.merge());
            n.put("indices", j.indices());
            n.put("submitted_utc", j.submittedUtc());
        }
        Json.write(slurmDir.resolve(FILE), o);
    }

    /** The submission in {@code slurmDir}, or null when there is none. */
    public static Submission read(Path slurmDir) {
        Path file = slurmDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode o = Json.MAPPER.readTree(file.toFile());
            List<ArrayTask> tasks = new ArrayList<>();
            for (JsonNode n : require(o, "tasks", file)) {
                List<String> args = new ArrayList<>();
                require(n, "args", file).forEach(a -> args.add(a.asText()));
                tasks.add(new ArrayTask(require(n, "index", file).asInt(), require(n, "label", file).asText(),
                        Path.of(require(n, "dir", file).asText()), args));
            }
            List<Jobs> jobs = new ArrayList<>();
            for (JsonNode n : require(o, "jobs", file)) {
                jobs.add(new Jobs(text(n.get("array")), text(n.get("merge")), text(n.get("indices")),
                        text(n.get("submitted_utc"))));
            }
            return new Submission(require(o, "kind", file).asText(), require(o, "name", file).asText(), tasks, jobs);
        } catch (IOException e) {
            throw new InputFileException(file, "not readable JSON: " + e.getMessage(), e);
        }
    }

    private static JsonNode require(JsonNode o, String key, Path file) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            throw new InputFileException(file, "missing key '" + key + "'");
        }
        return n;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
