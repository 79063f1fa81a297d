package org.rnnmemory.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;

class TrialDatasetsTest {
    /** A short version of the task: 60 steps, pulse around step 20, cost onset 40, many catch trials. */
    private static final TaskSpec SHORT = new TaskSpec(60, 20, 5, 8, 3, 2.0, 0.007, 40, 0.3, 12);
    private static final int STEPS = SHORT.trialSteps();

    @TempDir
    Path tmp;

    private static List<Trial> generated() {
        return new TrialGenerator(SHORT, new SplittableRandom(1)).trainingSet();
    }

    private Path written() {
        Path dir = tmp.resolve("set");
        TrialDatasets.write(dir, generated(), 1.0, "test set");
        return dir;
    }

    @Test
    void generatedTrialsRoundTripExactly() {
        List<Trial> trials = generated();
        assertTrue(trials.stream().anyMatch(Trial::isCatch), "need a catch trial in the sample");
        assertTrue(trials.stream().anyMatch(t -> !t.isCatch()), "need a pulse trial in the sample");
        Path dir = tmp.resolve("set");
        TrialDatasets.write(dir, trials, 1.0, "test set");

        List<Trial> back = TrialDatasets.read(dir, STEPS);

        assertEquals(trials.size(), back.size());
        for (int k = 0; k < trials.size(); k++) {
            Trial a = trials.get(k);
            Trial b = back.get(k);
            assertArrayEquals(a.u(), b.u(), "u of trial " + k);
            assertArrayEquals(a.y(), b.y(), "y of trial " + k);
            assertEquals(a.onset(), b.onset(), "onset of trial " + k);
            assertEquals(a.duration(), b.duration(), "duration of trial " + k);
            assertEquals(a.isCatch(), b.isCatch(), "catch of trial " + k);
        }
    }

    @Test
    void arbitraryFloat32ValuesRoundTripBitForBit() {
        SplittableRandom rng = new SplittableRandom(7);
        float[] u = new float[STEPS];
        float[] y = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            u[s] = Float.intBitsToFloat(rng.nextInt());
            if (!Float.isFinite(u[s])) {
                u[s] = (float) rng.nextGaussian();
            }
            y[s] = (float) (rng.nextDouble() * 1e-3);
        }
        u[0] = Float.MIN_VALUE;
        u[1] = -Float.MAX_VALUE;
        u[2] = -0.0f;
        u[3] = 0.1f;
        Path dir = tmp.resolve("raw");
        TrialDatasets.write(dir, List.of(new Trial(u, y, -1, -1, false)), 0.5, "");

        Trial back = TrialDatasets.read(dir, STEPS).get(0);

        for (int s = 0; s < STEPS; s++) {
            assertEquals(Float.floatToRawIntBits(u[s]), Float.floatToRawIntBits(back.u()[s]), "u at step " + s);
            assertEquals(Float.floatToRawIntBits(y[s]), Float.floatToRawIntBits(back.y()[s]), "y at step " + s);
        }
        assertEquals(-1, back.onset());
        assertEquals(-1, back.duration());
        assertEquals(0.5, TrialDatasets.readInfo(dir).dtMs());
    }

    @Test
    void layoutOnDisk() throws IOException {
        List<Trial> trials = generated();
        Path dir = written();

        JsonNode info = Json.MAPPER.readTree(dir.resolve("dataset.json").toFile());
        assertEquals(STEPS, info.get("steps").intValue());
        assertEquals(trials.size(), info.get("trials").intValue());
        assertEquals(1.0, info.get("dt_ms").doubleValue());
        assertEquals("test set", info.get("description").textValue());

        List<String> rows = Files.readAllLines(dir.resolve("trials.csv"));
        assertEquals(trials.size() + 1, rows.size());
        assertEquals("trial,onset,duration,catch", rows.get(0));
        Trial t0 = trials.get(0);
        assertEquals("0," + t0.onset() + "," + t0.duration() + "," + (t0.isCatch() ? 1 : 0), rows.get(1));

        List<String> seq = Files.readAllLines(dir.resolve("sequences/trial_0.csv"));
        assertEquals(STEPS, seq.size());
        assertEquals(Float.toString(t0.u()[0]) + "," + Float.toString(t0.y()[0]), seq.get(0));
        try (Stream<Path> s = Files.list(dir.resolve("sequences"))) {
            assertEquals(trials.size(), s.count());
        }
    }

    @Test
    void rewriteReplacesTheDatasetAndLeavesNoTemporaryDirectories() throws IOException {
        Path dir = written();
        List<Trial> two = generated().subList(0, 2);
        TrialDatasets.write(dir, two, 1.0, "smaller");

        assertEquals(2, TrialDatasets.read(dir, STEPS).size());
        assertEquals("smaller", TrialDatasets.readInfo(dir).description());
        assertFalse(Files.exists(TrialDatasets.sequenceFile(dir, 2)), "old sequence files removed");
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(dir), s.toList());
        }
    }

    @Test
    void refusesToOverwriteADirectoryThatIsNotADataset() throws IOException {
        Path dir = tmp.resolve("mine");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "keep me");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialDatasets.write(dir, generated(), 1.0, ""));
        assertTrue(e.getMessage().contains("not overwriting"), e.getMessage());
        assertEquals("keep me", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void rejectsTrialsOfUnequalLength() {
        List<Trial> trials = new ArrayList<>(generated());
        trials.add(new Trial(new float[3], new float[3], -1, -1, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialDatasets.write(tmp.resolve("x"), trials, 1.0, ""));
        assertTrue(e.getMessage().contains("trial 12 has 3 steps"), e.getMessage());
    }

    @Test
    void rejectsAnEmptySetAndABadStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialDatasets.write(tmp.resolve("x"), List.of(), 1.0, ""));
        assertEquals("trials must not be empty", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrialDatasets.write(tmp.resolve("x"), generated(), -0.5, ""));
        assertEquals("dt_ms must be finite and > 0, found -0.5", e.getMessage());
        assertFalse(Files.exists(tmp.resolve("x")));
    }

    // ---- errors on read: each names the file (and the line where there is one) ----

    private static InputFileException readFails(Path dir, int steps) {
        return assertThrows(InputFileException.class, () -> TrialDatasets.read(dir, steps));
    }

    private static void assertMessage(InputFileException e, Path file, String... parts) {
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "expected '" + p + "' in: " + e.getMessage());
        }
    }

    /** Replaces line {@code line} (1-based) of a file. */
    private static void setLine(Path file, int line, String content) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(line - 1, content);
        Files.write(file, lines);
    }

    @Test
    void missingDirectory() {
        Path dir = tmp.resolve("nowhere");
        assertMessage(readFails(dir, STEPS), dir, "dataset directory not found");
    }

    @Test
    void missingFiles() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 5);
        Files.delete(seq);
        assertMessage(readFails(dir, STEPS), seq, "sequence file not found", "lists 12 trials");

        Files.delete(dir.resolve("trials.csv"));
        assertMessage(readFails(dir, STEPS), dir.resolve("trials.csv"), "file not found");

        Files.delete(dir.resolve("dataset.json"));
        assertMessage(readFails(dir, STEPS), dir.resolve("dataset.json"), "file not found");
    }

    @Test
    void wrongColumnCount() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 3);
        setLine(seq, 7, "0.0,0.0,1.0");
        assertMessage(readFails(dir, STEPS), seq, "line 7", "expected 2 columns (u,y), found 3");

        written();
        Path trials = dir.resolve("trials.csv");
        setLine(trials, 4, "2,20,8");
        assertMessage(readFails(dir, STEPS), trials, "line 4", "expected 4 columns", "found 3");
    }

    @Test
    void nonNumericValues() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 2);
        setLine(seq, 11, "0.0,abc");
        assertMessage(readFails(dir, STEPS), seq, "line 11, column y", "'abc' is not a number");

        written();
        Path trials = dir.resolve("trials.csv");
        setLine(trials, 3, "1,x,8,0");
        assertMessage(readFails(dir, STEPS), trials, "line 3, column onset", "'x' is not an integer");
    }

    @Test
    void nanAndInfinity() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 0);
        setLine(seq, 1, "NaN,0.0");
        assertMessage(readFails(dir, STEPS), seq, "line 1, column u", "'NaN' is not finite");

        written();
        setLine(seq, 60, "0.0,-Infinity");
        assertMessage(readFails(dir, STEPS), seq, "line 60, column y", "'-Infinity' is not finite");

        written();
        setLine(seq, 2, "1e39,0.0");
        assertMessage(readFails(dir, STEPS), seq, "line 2, column u", "'1e39' is not finite in float32");
    }

    @Test
    void sequenceOfTheWrongLength() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 4);
        List<String> lines = Files.readAllLines(seq);
        Files.write(seq, lines.subList(0, STEPS - 1));
        assertMessage(readFails(dir, STEPS), seq, "expected 60 time steps (lines), found 59");
    }

    @Test
    void taskLengthDifferentFromTheDataset() {
        Path dir = written();
        assertMessage(readFails(dir, 70), dir.resolve("dataset.json"), "steps is 60", "needs 70 steps");
    }

    @Test
    void trialCountMismatch() throws IOException {
        Path dir = written();
        Path trials = dir.resolve("trials.csv");
        List<String> rows = Files.readAllLines(trials);
        Files.write(trials, rows.subList(0, rows.size() - 1));
        assertMessage(readFails(dir, STEPS), trials, "has 11 trial rows but dataset.json says trials = 12");

        written();
        Path extra = TrialDatasets.sequenceFile(dir, 12);
        Files.copy(TrialDatasets.sequenceFile(dir, 0), extra);
        assertMessage(readFails(dir, STEPS), extra, "no row for this trial in trials.csv", "lists 12 trials");
    }

    @Test
    void badTrialsRowsAndHeader() throws IOException {
        Path dir = written();
        Path trials = dir.resolve("trials.csv");
        setLine(trials, 1, "trial,duration,onset,catch");
        assertMessage(readFails(dir, STEPS), trials, "line 1", "expected the header trial,onset,duration,catch");

        written();
        setLine(trials, 5, "7,20,8,0");
        assertMessage(readFails(dir, STEPS), trials, "line 5", "trial is 7, expected 3");

        written();
        setLine(trials, 2, "0,20,8,2");
        assertMessage(readFails(dir, STEPS), trials, "line 2", "catch must be 0 or 1, found 2");
    }

    @Test
    void badDatasetJson() throws IOException {
        Path dir = written();
        Path json = dir.resolve("dataset.json");
        Files.writeString(json, "{\"steps\": 60, \"trials\": 12}");
        assertMessage(readFails(dir, STEPS), json, "missing field \"dt_ms\"");

        Files.writeString(json, "{\"steps\": 60.5, \"trials\": 12, \"dt_ms\": 1}");
        assertMessage(readFails(dir, STEPS), json, "steps must be an integer, found 60.5");

        Files.writeString(json, "{\"steps\": 60, \"trials\": 12, \"dt_ms\": 0}");
        assertMessage(readFails(dir, STEPS), json, "dt_ms must be finite and > 0, found 0.0");

        Files.writeString(json, "{\"steps\": 60,");
        assertMessage(readFails(dir, STEPS), json, "not valid JSON");
    }

    @Test
    void optionalSequenceHeaderIsSkipped() throws IOException {
        Path dir = written();
        Path seq = TrialDatasets.sequenceFile(dir, 1);
        List<String> lines = new ArrayList<>(Files.readAllLines(seq));
        lines.add(0, "u,y");
        Files.write(seq, lines);

        assertArrayEquals(generated().get(1).y(), TrialDatasets.read(dir, STEPS).get(1).y());
    }
}
