package org.rnnmemory.task;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.datavec.api.records.writer.impl.csv.CSVRecordWriter;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.partition.NumberOfRecordsPartitioner;
import org.datavec.api.writable.FloatWritable;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.Text;
import org.datavec.api.writable.Writable;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Trial sets on disk, in DataVec's CSV sequence format.
 *
 * <p>A dataset is a directory:
 * <pre>
 * DIR/
 *   dataset.json            {"steps": 7000, "trials": 500, "dt_ms": 1.0, "description": "..."}
 *   trials.csv              header "trial,onset,duration,catch", then one row per trial k = 0, 1, ...
 *   sequences/trial_0.csv   one line per time step: "u,y" (no header)
 *   sequences/trial_1.csv
 *   ...
 * </pre>
 * {@code trials.csv} holds each trial's hidden variables: {@code onset} and {@code duration} in
 * steps, -1 when unknown (and for catch trials), and {@code catch} as 0 or 1. Each sequence file
 * has exactly {@code steps} lines with the input {@code u} and the target {@code y} of one step;
 * {@code y = -1} marks a step outside the training loss. Values are written with
 * {@link Float#toString(float)}, which reads back to the same float32. Sequence files can be read
 * by any DataVec pipeline with {@code CSVSequenceRecordReader} and
 * {@code NumberedFileInputSplit("DIR/sequences/trial_%d.csv", 0, trials - 1)}. A first line
 * {@code u,y} in a sequence file is accepted as a header and skipped.
 */
public final class TrialDatasets {
    public static final String DATASET_JSON = "dataset.json";
    public static final String TRIALS_CSV = "trials.csv";
    public static final String SEQUENCES = "sequences";
    static final List<String> TRIALS_HEADER = List.of("trial", "onset", "duration", "catch");
    static final List<String> SEQUENCE_HEADER = List.of("u", "y");

    private TrialDatasets() {}

    /**
     * What {@code dataset.json} records.
     *
     * @param steps time steps per trial
     * @param trials number of trials
     * @param dtMs integration step, ms
     * @param description free text
     */
    public record Info(int steps, int trials, double dtMs, String description) {
        public Info {
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, found " + steps);
            }
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, found " + trials);
            }
            if (!(dtMs > 0) || !Double.isFinite(dtMs)) {
                throw new IllegalArgumentException("dt_ms must be finite and > 0, found " + dtMs);
            }
            if (description == null) {
                throw new IllegalArgumentException("description must not be null");
            }
        }

        ObjectNode toJson() {
            ObjectNode o = Json.object();
            o.put("steps", steps);
            o.put("trials", trials);
            o.put("dt_ms", dtMs);
            o.put("description", description);
            return o;
        }
    }

    /** The sequence file of trial {@code k}: {@code dir/sequences/trial_k.csv}. */
    public static Path sequenceFile(Path dir, int k) {
        return dir.resolve(SEQUENCES).resolve("trial_" + k + ".csv");
    }

    /**
     * Writes a dataset. The files go to a fresh sibling directory that is then renamed to
     * {@code dir}; an existing dataset at {@code dir} is replaced, any other non-empty directory
     * is left alone and reported.
     *
     * @param trials at least one trial, all of the same length
     * @param dtMs integration step, ms
     * @throws IllegalArgumentException for an empty list, unequal lengths, a bad dt or a
     *     non-dataset directory in the way
     */
    public static void write(Path dir, List<Trial> trials, double dtMs, String description) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("trials must not be empty");
        }
        Info info = new Info(trials.get(0).steps(), trials.size(), dtMs, description);
        for (int k = 0; k < trials.size(); k++) {
            checkTrial(k, trials.get(k), info.steps());
        }
        Path target = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(target.getParent());
            checkReplaceable(target);
            Path tmp = sibling(target, "tmp");
            Files.createDirectory(tmp);
            try {
                writeInto(tmp, trials, info);
                AtomicFiles.replaceDirectory(tmp, target);
            } finally {
                AtomicFiles.deleteRecursively(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dataset " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a dataset and checks it against the task's trial length.
     *
     * @param expectedSteps steps per trial that the caller needs
     * @return the trials in file order, each of length {@code expectedSteps}
     * @throws InputFileException naming the file (and line) of the first problem found
     */
    public static List<Trial> read(Path dir, int expectedSteps) {
        return new TrialDatasetReader(dir).read(expectedSteps);
    }

    /** Reads and validates {@code dataset.json} only. */
    public static Info readInfo(Path dir) {
        return new TrialDatasetReader(dir).readInfo();
    }

    /** What {@link #read} accepts: same length, onset and duration -1 or a step of the trial. */
    private static void checkTrial(int k, Trial t, int steps) {
        if (t.steps() != steps) {
            throw new IllegalArgumentException("trial " + k + " has " + t.steps() + " steps, trial 0 has " + steps
                    + "; all trials must have the same length");
        }
        if (t.onset() < -1 || t.onset() >= steps || t.duration() < -1 || t.duration() >= steps) {
            throw new IllegalArgumentException("trial " + k + ": onset and duration must be -1 or in [0, " + steps
                    + "), found onset " + t.onset() + ", duration " + t.duration());
        }
    }

    private static void writeInto(Path dir, List<Trial> trials, Info info) throws IOException {
        Files.createDirectory(dir.resolve(SEQUENCES));
        List<List<Writable>> rows = new ArrayList<>(trials.size() + 1);
        rows.add(texts(TRIALS_HEADER));
        for (int k = 0; k < trials.size(); k++) {
            Trial t = trials.get(k);
            rows.add(List.of(new IntWritable(k), new IntWritable(t.onset()), new IntWritable(t.duration()),
                    new IntWritable(t.isCatch() ? 1 : 0)));
            writeSequence(sequenceFile(dir, k), t);
        }
        writeCsv(dir.resolve(TRIALS_CSV), rows);
        Json.write(dir.resolve(DATASET_JSON), info.toJson());
    }

    private static void writeSequence(Path file, Trial t) throws IOException {
        List<List<Writable>> rows = new ArrayList<>(t.steps());
        for (int s = 0; s < t.steps(); s++) {
            rows.add(List.of(new FloatWritable(t.u()[s]), new FloatWritable(t.encodedTarget(s))));
        }
        writeCsv(file, rows);
    }

    private static void writeCsv(Path file, List<List<Writable>> rows) throws IOException {
        try (CSVRecordWriter writer = openWriter(file)) {
            writer.writeBatch(rows);
        }
        Files.writeString(file, "\n", StandardOpenOption.APPEND);
    }

    private static CSVRecordWriter openWriter(Path file) throws IOException {
        CSVRecordWriter writer = new CSVRecordWriter();
        try {
            writer.initialize(new FileSplit(file.toFile()), new BufferedPartitioner());
        } catch (Exception e) {
            throw new IOException("cannot open " + file + " for writing: " + e.getMessage(), e);
        }
        return writer;
    }

    /**
     * DataVec's one-file partitioner with a buffered stream: CSVRecordWriter flushes after every
     * line, which on an unbuffered file costs a system call per time step. Data reach the file
     * when the writer closes the stream.
     */
    private static final class BufferedPartitioner extends NumberOfRecordsPartitioner {
        private OutputStream out;

        @Override
        public OutputStream currentOutputStream() {
            if (out == null) {
                out = new BufferedOutputStream(super.currentOutputStream(), 1 << 16) {
                    @Override
                    public void flush() {
                        // deferred to close()
                    }

                    @Override
                    public void close() throws IOException {
                        super.flush();
                        super.close();
                    }
                };
            }
            return out;
        }
    }

    private static List<Writable> texts(List<String> cells) {
        return cells.stream().<Writable>map(Text::new).toList();
    }

    private static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " exists and is not a directory; not overwriting it");
        }
        boolean empty;
        try (Stream<Path> s = Files.list(target)) {
            empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.isRegularFile(target.resolve(DATASET_JSON))) {
            throw new IllegalArgumentException(target + " exists, is not empty and has no " + DATASET_JSON
                    + "; not overwriting it");
        }
    }

    private static Path sibling(Path target, String kind) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + UUID.randomUUID());
    }
}
