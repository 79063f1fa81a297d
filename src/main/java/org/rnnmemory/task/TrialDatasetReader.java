package org.rnnmemory.task;

import static org.rnnmemory.task.TrialDatasets.DATASET_JSON;
import static org.rnnmemory.task.TrialDatasets.SEQUENCES;
import static org.rnnmemory.task.TrialDatasets.TRIALS_CSV;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.datavec.api.records.Record;
import org.datavec.api.records.metadata.RecordMetaDataLine;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.records.reader.impl.csv.CSVSequenceRecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.NumberedFileInputSplit;
import org.datavec.api.writable.Writable;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;

/** Reads and validates one dataset directory; see {@link TrialDatasets} for the layout. */
final class TrialDatasetReader {
    private static final Pattern SEQUENCE_NAME = Pattern.compile("trial_(\\d+)\\.csv");

    /** One row of trials.csv. */
    private record Hidden(int onset, int duration, boolean isCatch) {}

    private final Path dir;

    TrialDatasetReader(Path dir) {
        this.dir = dir;
    }

    List<Trial> read(int expectedSteps) {
        TrialDatasets.Info info = readInfo();
        if (info.steps() != expectedSteps) {
            throw new InputFileException(dir.resolve(DATASET_JSON), "steps is " + info.steps()
                    + " but the task needs " + expectedSteps + " steps per trial");
        }
        List<Hidden> hidden = readTrialsCsv(info);
        checkSequenceFiles(hidden.size());
        return readSequences(hidden, expectedSteps);
    }

    TrialDatasets.Info readInfo() {
        if (!Files.isDirectory(dir)) {
            throw new InputFileException(dir, "dataset directory not found");
        }
        Path file = dir.resolve(DATASET_JSON);
        JsonNode root = parseJson(file);
        int steps = intField(file, root, "steps");
        int trials = intField(file, root, "trials");
        JsonNode dt = field(file, root, "dt_ms");
        if (!dt.isNumber()) {
            throw new InputFileException(file, "dt_ms must be a number, found " + dt);
        }
        JsonNode description = root.path("description");
        if (!description.isMissingNode() && !description.isTextual()) {
            throw new InputFileException(file, "description must be a string, found " + description);
        }
        try {
            return new TrialDatasets.Info(steps, trials, dt.asDouble(), description.asText(""));
        } catch (IllegalArgumentException e) {
            throw new InputFileException(file, e.getMessage());
        }
    }

    private static JsonNode parseJson(Path file) {
        requireFile(file);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InputFileException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputFileException(file, "expected a JSON object");
        }
        return root;
    }

    private static JsonNode field(Path file, JsonNode root, String name) {
        JsonNode n = root.get(name);
        if (n == null || n.isNull()) {
            throw new InputFileException(file, "missing field \"" + name + "\"");
        }
        return n;
    }

    private static int intField(Path file, JsonNode root, String name) {
        JsonNode n = field(file, root, name);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new InputFileException(file, name + " must be an integer, found " + n);
        }
        return n.intValue();
    }

    private List<Hidden> readTrialsCsv(TrialDatasets.Info info) {
        Path file = dir.resolve(TRIALS_CSV);
        requireFile(file);
        List<Hidden> rows = new ArrayList<>(info.trials());
        try (CSVRecordReader reader = new CSVRecordReader(0, ',')) {
            reader.initialize(new FileSplit(file.toFile()));
            boolean header = true;
            while (reader.hasNext()) {
                Record r = reader.nextRecord();
                int line = ((RecordMetaDataLine) r.getMetaData()).getLineNumber() + 1;
                List<String> cells = strings(r.getRecord());
                if (header) {
                    if (!cells.equals(TrialDatasets.TRIALS_HEADER)) {
                        throw new InputFileException(file, "line " + line + ": expected the header "
                                + String.join(",", TrialDatasets.TRIALS_HEADER) + ", found " + String.join(",", cells));
                    }
                    header = false;
                } else {
                    rows.add(parseTrialRow(file, line, cells, rows.size(), info.steps()));
                }
            }
        } catch (IOException | InterruptedException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
        if (rows.size() != info.trials()) {
            throw new InputFileException(file, "has " + rows.size() + " trial rows but " + DATASET_JSON
                    + " says trials = " + info.trials());
        }
        return rows;
    }

    private static Hidden parseTrialRow(Path file, int line, List<String> cells, int index, int steps) {
        if (cells.size() != TrialDatasets.TRIALS_HEADER.size()) {
            throw new InputFileException(file, "line " + line + ": expected " + TrialDatasets.TRIALS_HEADER.size()
                    + " columns (" + String.join(",", TrialDatasets.TRIALS_HEADER) + "), found " + cells.size());
        }
        int trial = parseInt(file, line, "trial", cells.get(0));
        int onset = parseInt(file, line, "onset", cells.get(1));
        int duration = parseInt(file, line, "duration", cells.get(2));
        int isCatch = parseInt(file, line, "catch", cells.get(3));
        String at = "line " + line + ": ";
        if (trial != index) {
            throw new InputFileException(file, at + "trial is " + trial + ", expected " + index
                    + " (rows must be numbered 0, 1, 2, ... in order)");
        }
        if (onset < -1 || onset >= steps) {
            throw new InputFileException(file, at + "onset must be -1 or in [0, " + steps + "), found " + onset);
        }
        if (duration < -1 || duration >= steps) {
            throw new InputFileException(file, at + "duration must be -1 or in [0, " + steps + "), found " + duration);
        }
        if (isCatch != 0 && isCatch != 1) {
            throw new InputFileException(file, at + "catch must be 0 or 1, found " + isCatch);
        }
        return new Hidden(onset, duration, isCatch == 1);
    }

    private static int parseInt(Path file, int line, String column, String cell) {
        try {
            return Integer.parseInt(cell.trim());
        } catch (NumberFormatException e) {
            throw new InputFileException(file, "line " + line + ", column " + column + ": '" + cell
                    + "' is not an integer");
        }
    }

    private void checkSequenceFiles(int trials) {
        Path seqDir = dir.resolve(SEQUENCES);
        if (!Files.isDirectory(seqDir)) {
            throw new InputFileException(seqDir, "directory of sequence files not found");
        }
        for (int k = 0; k < trials; k++) {
            Path f = TrialDatasets.sequenceFile(dir, k);
            if (!Files.isRegularFile(f)) {
                throw new InputFileException(f, "sequence file not found (" + TRIALS_CSV + " lists " + trials
                        + " trials)");
            }
        }
        try (Stream<Path> files = Files.list(seqDir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = SEQUENCE_NAME.matcher(f.getFileName().toString());
                if (m.matches() && (m.group(1).length() > 9 || Integer.parseInt(m.group(1)) >= trials)) {
                    throw new InputFileException(f, "no row for this trial in " + TRIALS_CSV + ", which lists "
                            + trials + " trials");
                }
            }
        } catch (IOException e) {
            throw new InputFileException(seqDir, "cannot list: " + e.getMessage(), e);
        }
    }

    private List<Trial> readSequences(List<Hidden> hidden, int steps) {
        String pattern = dir.resolve(SEQUENCES).toAbsolutePath().toString().replace("%", "%%")
                + File.separator + "trial_%d.csv";
        List<Trial> out = new ArrayList<>(hidden.size());
        try (CSVSequenceRecordReader reader = new CSVSequenceRecordReader(0, ",")) {
            reader.initialize(new NumberedFileInputSplit(pattern, 0, hidden.size() - 1));
            for (int k = 0; k < hidden.size(); k++) {
                Path file = TrialDatasets.sequenceFile(dir, k);
                List<List<Writable>> seq;
                try {
                    seq = reader.sequenceRecord();
                } catch (RuntimeException e) {
                    throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
                }
                out.add(toTrial(file, seq, hidden.get(k), steps));
            }
        } catch (IOException | InterruptedException e) {
            throw new InputFileException(dir.resolve(SEQUENCES), "cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    private static Trial toTrial(Path file, List<List<Writable>> seq, Hidden h, int steps) {
        int first = !seq.isEmpty() && strings(seq.get(0)).equals(TrialDatasets.SEQUENCE_HEADER) ? 1 : 0;
        int found = seq.size() - first;
        if (found != steps) {
            throw new InputFileException(file, "expected " + steps + " time steps (lines), found " + found);
        }
        float[] u = new float[steps];
        float[] y = new float[steps];
        for (int s = 0; s < steps; s++) {
            List<Writable> row = seq.get(first + s);
            int line = first + s + 1;
            if (row.size() != 2) {
                throw new InputFileException(file, "line " + line + ": expected 2 columns (u,y), found " + row.size());
            }
            u[s] = parseFloat(file, line, "u", row.get(0).toString());
            y[s] = parseFloat(file, line, "y", row.get(1).toString());
        }
        // the file encodes the loss mask as y = -1 (Trial.NOT_EVALUATED)
        return new Trial(u, y, Trial.decodeMask(y), h.onset(), h.duration(), h.isCatch());
    }

    private static float parseFloat(Path file, int line, String column, String cell) {
        float v;
        try {
            v = Float.parseFloat(cell.trim());
        } catch (NumberFormatException e) {
            throw new InputFileException(file, "line " + line + ", column " + column + ": '" + cell
                    + "' is not a number");
        }
        if (!Float.isFinite(v)) {
            throw new InputFileException(file, "line " + line + ", column " + column + ": '" + cell.trim()
                    + "' is not finite" + (cell.trim().matches("(?i)[+-]?(nan|infinity)") ? "" : " in float32"));
        }
        return v;
    }

    private static List<String> strings(List<Writable> record) {
        return record.stream().map(w -> w.toString().trim()).toList();
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, "file not found");
        }
    }
}
