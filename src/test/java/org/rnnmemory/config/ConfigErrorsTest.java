package org.rnnmemory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.UserInputException;

/** Every class of configuration error names the file (or --set argument), the line and the key. */
class ConfigErrorsTest {

    private static ConfigException fails(String yaml, String... overrides) {
        return assertThrows(ConfigException.class,
                () -> ExperimentLoader.parse(yaml, "bad.yaml", List.of(overrides)));
    }

    /** Asserts where, key and a part of the problem, and that the message is one line. */
    private static void assertError(ConfigException e, String where, String key, String problemPart) {
        assertEquals(where, e.where(), e.getMessage());
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.problem().contains(problemPart), e.getMessage());
        assertTrue(e.getMessage().startsWith(where + ": " + (key == null ? "" : key + ": ")), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e instanceof UserInputException);
    }

    // --- unknown keys, at every level -------------------------------------------------------

    @Test
    void unknownKeyNamesLineKeyAndSuggestion() {
        ConfigException e = fails("name: x\nnetwork:\n  hiden_size: 10\n");
        assertEquals("bad.yaml:3: network.hiden_size: unknown key; did you mean 'hidden_size'?", e.getMessage());
    }

    @Test
    void unknownKeyAtEveryLevel() {
        assertError(fails("nmae: x\n"), "bad.yaml:1", "nmae", "did you mean 'name'?");
        assertError(fails("\ntask: {onset_jiter_ms: 5}\n"), "bad.yaml:2", "task.onset_jiter_ms",
                "did you mean 'onset_jitter_ms'?");
        assertError(fails("training:\n  epochs: 2\n  learning_rat: 0.1\n"), "bad.yaml:3",
                "training.learning_rat", "did you mean 'learning_rate'?");
        assertError(fails("evaluation:\n  duration_ms: [50]\n"), "bad.yaml:2", "evaluation.duration_ms",
                "did you mean 'durations_ms'?");
        assertError(fails("network:\n  init:\n    inptu: random\n"), "bad.yaml:3", "network.init.inptu",
                "did you mean 'input'?");
        assertError(fails("network:\n  init:\n    input: {pc: [1], of: memory}\n"), "bad.yaml:3",
                "network.init.input.pc", "did you mean 'pcs'?");
        assertError(fails("seeds: {form: 1, to: 3}\n"), "bad.yaml:1", "seeds.form", "did you mean 'from'?");
    }

    @Test
    void farOffKeyListsTheAllowedKeys() {
        assertError(fails("training: {zzz: 1}\n"), "bad.yaml:1", "training.zzz",
                "expected one of: epochs, batch_size, learning_rate, engine, chunk_steps, dtype, workers, rate_memory_gib");
    }

    // --- wrong types, never coerced ---------------------------------------------------------

    @Test
    void quotedNumberIsAString() {
        ConfigException e = fails("name: x\nnetwork:\n  gain: \"1.5\"\n");
        assertEquals("bad.yaml:3: network.gain: expected a number, found the string '1.5'", e.getMessage());
    }

    @Test
    void wrongTypesAreRejected() {
        assertError(fails("training:\n  epochs: 1.5\n"), "bad.yaml:2", "training.epochs",
                "expected an integer, found 1.5 (a float)");
        assertError(fails("evaluation:\n  durations_ms: {a: 1}\n"), "bad.yaml:2", "evaluation.durations_ms",
                "expected a list, found a mapping");
        assertError(fails("task:\n  strength: true\n"), "bad.yaml:2", "task.strength",
                "expected a number, found true (a boolean)");
        assertError(fails("task: [1, 2]\n"), "bad.yaml:1", "task", "expected a mapping, found a list");
        assertError(fails("network: {hidden_size: }\n"), "bad.yaml:1", "network.hidden_size",
                "expected an integer, found null");
        assertError(fails("name: 12\n"), "bad.yaml:1", "name", "expected a string, found 12 (an integer)");
        assertError(fails("network:\n  trainable: input\n"), "bad.yaml:2", "network.trainable",
                "expected a list, found the string 'input'");
        assertError(fails("evaluation:\n  durations_ms:\n    - 50\n    - '150'\n"), "bad.yaml:4",
                "evaluation.durations_ms[1]", "expected an integer, found the string '150'");
        assertError(fails("network: {network_seed: 99999999999999999999}\n"), "bad.yaml:1",
                "network.network_seed", "integer out of range");
        assertError(fails("training: {workers: 3000000000}\n"), "bad.yaml:1", "training.workers",
                "integer out of range");
    }

    // --- values out of range ----------------------------------------------------------------

    @Test
    void outOfRangeValuesNameKeyAndValue() {
        ConfigException e = fails("name: x\nnetwork:\n  tau_ms: -3\n");
        assertEquals("bad.yaml:3: network.tau_ms: must be > 0, found -3.0", e.getMessage());
        assertError(fails("network:\n  hidden_size: 0\n"), "bad.yaml:2", "network.hidden_size",
                "must be >= 1, found 0");
        assertError(fails("task:\n  catch_fraction: 1.5\n"), "bad.yaml:2", "task.catch_fraction",
                "must lie in [0, 1], found 1.5");
        assertError(fails("task:\n  catch_fraction: -0.1\n"), "bad.yaml:2", "task.catch_fraction",
                "must lie in [0, 1], found -0.1");
        assertError(fails("training:\n  learning_rate: 0\n"), "bad.yaml:2", "training.learning_rate",
                "must be > 0, found 0.0");
        assertError(fails("training:\n  workers: 0\n"), "bad.yaml:2", "training.workers", "must be >= 1, found 0");
        assertError(fails("training:\n  rate_memory_gib: 0\n"), "bad.yaml:2", "training.rate_memory_gib",
                "must be > 0, found 0.0");
        assertError(fails("training: {rate_memory_gib: lots}\n"), "bad.yaml:1", "training.rate_memory_gib", "number");
        assertError(fails("network: {gain: -1}\n"), "bad.yaml:1", "network.gain", "must be >= 0, found -1.0");
        assertError(fails("network: {dt_ms: 200}\n"), "bad.yaml:1", "network.dt_ms", "must be <= network.tau_ms");
        assertError(fails("task:\n  onset_ms: 500\n"), "bad.yaml:2", "task.onset_ms",
                "must be >= task.onset_jitter_ms = 1000, found 500");
        assertError(fails("task:\n  cost_onset_ms: 7000\n"), "bad.yaml:2", "task.cost_onset_ms",
                "must be < task.trial_ms = 7000");
        assertError(fails("task:\n  trial_ms: 4000\n"), "bad.yaml:2", "task.trial_ms",
                "must hold the latest pulse end");
        assertError(fails("name: 'a b'\n"), "bad.yaml:1", "name", "found 'a b'");
    }

    @Test
    void unknownEnumValuesListTheAllowedOnes() {
        assertError(fails("training:\n  engine: adjiont\n"), "bad.yaml:2", "training.engine",
                "must be one of adjoint, samediff, cuda; found 'adjiont'; did you mean 'adjoint'?");
        assertError(fails("training:\n  dtype: float16\n"), "bad.yaml:2", "training.dtype",
                "must be one of float32, float64; found 'float16'");
        assertError(fails("network:\n  initial_state: zeros\n"), "bad.yaml:2", "network.initial_state",
                "must be one of zero, random; found 'zeros'");
        assertError(fails("network:\n  trainable: [input, recurrent]\n"), "bad.yaml:2", "network.trainable[1]",
                "must be one of input, readout; found 'recurrent'");
        assertError(fails("network:\n  trainable: [input, input]\n"), "bad.yaml:2", "network.trainable[1]",
                "repeats the value input");
    }

    @Test
    void theCudaEngineComputesInFloat32Only() {
        assertError(fails("training:\n  engine: cuda\n  dtype: float64\n"), "bad.yaml:3", "training.dtype",
                "must be float32 with training.engine: cuda, found float64");
        // the key whose value is named is the file's dtype, even when --set chose the engine
        assertError(fails("training: {dtype: float64}\n", "training.engine=cuda"), "bad.yaml:1",
                "training.dtype", "must be float32 with training.engine: cuda, found float64");
    }

    @Test
    void crossFieldChecksPointAtTheKey() {
        assertError(fails("task:\n  trials: 10\ntraining:\n  batch_size: 32\n"), "bad.yaml:4", "training.batch_size",
                "must be <= task.trials = 10, found 32");
        assertError(fails("evaluation:\n  onset_ms: 3000\n  durations_ms: [50, 4000]\n"), "bad.yaml:3",
                "evaluation.durations_ms[1]", "must be < task.trial_ms = 7000");
        assertError(fails("evaluation:\n  durations_ms: [50, 50]\n"), "bad.yaml:2", "evaluation.durations_ms[1]",
                "repeats the value 50");
    }

    // --- seeds -------------------------------------------------------------------------------

    @Test
    void badSeeds() {
        assertError(fails("seeds: {from: 5, to: 3}\n"), "bad.yaml:1", "seeds.to", "must be >= 5, found 3");
        assertError(fails("seeds: {from: -1, to: 3}\n"), "bad.yaml:1", "seeds.from", "must be >= 0, found -1");
        assertError(fails("seeds: {from: 1}\n"), "bad.yaml:1", "seeds.to", "missing");
        assertError(fails("seeds: []\n"), "bad.yaml:1", "seeds", "must name at least one seed");
        assertError(fails("seeds:\n  - 1\n  - 2\n  - 1\n"), "bad.yaml:4", "seeds[2]", "repeats the value 1");
        assertError(fails("seeds: [1, -2]\n"), "bad.yaml:1", "seeds[1]", "must be >= 0, found -2");
        assertError(fails("seeds: 3\n"), "bad.yaml:1", "seeds", "expected {from: A, to: B} or a list of integers");
    }

    // --- duplicates, empty, not a mapping, missing, malformed --------------------------------

    @Test
    void duplicateKeysAreRejected() {
        ConfigException e = fails("name: x\nnetwork:\n  gain: 1\n  tau_ms: 50\n  gain: 2\n");
        assertEquals("bad.yaml:5: network.gain: duplicate key (first given at bad.yaml:3)", e.getMessage());
        assertError(fails("name: a\nname: b\n"), "bad.yaml:2", "name", "duplicate key");
    }

    @Test
    void nonStringAndMergeKeysAreRejected() {
        assertError(fails("name: x\n1: 2\n"), "bad.yaml:2", null, "keys must be strings, found 1");
        assertError(fails("base: &b {gain: 2}\nnetwork:\n  <<: *b\n"), "bad.yaml:1", "base", "unknown key");
        assertError(fails("network:\n  <<: {gain: 2}\n"), "bad.yaml:2", "network.<<", "unknown key");
    }

    @Test
    void selfReferencingAliasIsAnError() {
        assertError(fails("name: x\nseeds: &s [1, *s]\n"), "bad.yaml:2", "seeds[1]",
                "an alias refers to a value that contains it");
    }

    @Test
    void emptyOrNonMappingDocuments() {
        assertError(fails(""), "bad.yaml:1", null, "the document is empty");
        assertError(fails("# only a comment\n"), "bad.yaml:1", null, "the document is empty");
        assertError(fails("\n- a\n- b\n"), "bad.yaml:2", null, "the top level must be a mapping of keys, found a list");
        assertError(fails("just text\n"), "bad.yaml:1", null, "found the string 'just text'");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path f = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.load(f, List.of()));
        assertEquals(f + ": file not found", e.getMessage());
    }

    @Test
    void malformedYamlGivesItsLine() {
        ConfigException e = fails("name: x\nnetwork:\n  gain: [1.5\n  tau_ms: 3\n\n");
        assertEquals("bad.yaml", e.where().substring(0, 8));
        assertTrue(e.problem().startsWith("malformed YAML: "), e.getMessage());
        assertError(fails("name: x\ntask:\n  trials: 5\n bad: indentation\n"), "bad.yaml:4", null, "malformed YAML");
        assertError(fails("name: x\n\tnetwork: {}\n"), "bad.yaml:2", null, "malformed YAML");
    }

    @Test
    void errorsInAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("exp.yaml"), "name: x\ntraining:\n  epochs: -1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.load(f, List.of()));
        assertEquals(f + ":3: training.epochs: must be >= 1, found -1", e.getMessage());
    }

    // --- multiples of dt -----------------------------------------------------------------------

    @Test
    void timesMustBeMultiplesOfDt() {
        ConfigException e = fails("network:\n  dt_ms: 10\ntask:\n  onset_ms: 3005\n");
        assertEquals("bad.yaml:4: task.onset_ms: 3005 is not a multiple of network.dt_ms = 10", e.getMessage());
        assertError(fails("network: {dt_ms: 10}\nevaluation:\n  durations_ms: [50, 155]\n"), "bad.yaml:3",
                "evaluation.durations_ms[1]", "155 is not a multiple of network.dt_ms = 10");
        assertError(fails("network: {dt_ms: 0.3}\n"), "bad.yaml:1", "task.trial_ms",
                "7000 is not a multiple of network.dt_ms = 0.3");
    }

    // --- weight inits ----------------------------------------------------------------------------

    @Test
    void badWeightInits(@TempDir Path dir) {
        assertError(fails("network:\n  init:\n    input: {pcs: [0, 1], of: spontaneous}\n"), "bad.yaml:3",
                "network.init.input.pcs[0]", "must be >= 1, found 0");
        assertError(fails("network:\n  init:\n    readout: {pcs: [1, 2], of: memory, weights: [1]}\n"), "bad.yaml:3",
                "network.init.readout.weights", "must have one entry per PC (2), found 1");
        assertError(fails("network:\n  hidden_size: 10\n  init:\n    input: {pcs: [3, 11], of: memory}\n"),
                "bad.yaml:4", "network.init.input.pcs[1]", "must be <= network.hidden_size = 10, found 11");
        assertError(fails("network:\n  init:\n    input: {pcs: [1], of: spontanous}\n"), "bad.yaml:3",
                "network.init.input.of", "did you mean 'spontaneous'?");
        assertError(fails("network:\n  init:\n    input: {pcs: [1]}\n"), "bad.yaml:3", "network.init.input.of",
                "missing");
        assertError(fails("network:\n  init:\n    input: {pcs: [1, 1], of: memory}\n"), "bad.yaml:3",
                "network.init.input.pcs[1]", "repeats the value 1");
        assertError(fails("network:\n  init:\n    input: randn\n"), "bad.yaml:3", "network.init.input",
                "did you mean 'random'?");
        assertError(fails("network:\n  init:\n    input: input\n"), "bad.yaml:3", "network.init.input",
                "readout initialisation only");
        assertError(fails("network:\n  init:\n    readout: inptu\n"), "bad.yaml:3", "network.init.readout",
                "did you mean 'input'?");
        assertError(fails("network:\n  init:\n    input: [1, 2]\n"), "bad.yaml:3", "network.init.input",
                "found a list");
        assertError(fails("network:\n  init:\n    input: {vector: w.txt}\n"), "bad.yaml:3",
                "network.init.input.vector", "must name a .npy file");
        ConfigException e = assertThrows(ConfigException.class, () -> ExperimentLoader.parse(
                "network:\n  init:\n    input: {vector: missing.npy}\n", dir.resolve("x.yaml").toString(), List.of()));
        assertError(e, dir.resolve("x.yaml") + ":3", "network.init.input.vector",
                "file not found: " + dir.resolve("missing.npy"));
    }

    // --- overrides ---------------------------------------------------------------------------

    @Test
    void unknownOverridePathSuggestsTheKey() {
        ConfigException e = fails("name: x\n", "network.gian=2");
        assertEquals("--set network.gian=2: network.gian: unknown key; did you mean 'network.gain'?", e.getMessage());
        assertError(fails("name: x\n", "trainig.epochs=2"), "--set trainig.epochs=2", "trainig.epochs",
                "did you mean 'training.epochs'?");
        assertError(fails("name: x\n", "network.gain.x=2"), "--set network.gain.x=2", "network.gain.x",
                "did you mean 'network.gain'?");
    }

    @Test
    void badOverrideValues() {
        assertError(fails("name: x\n", "training.epochs=2.5"), "--set training.epochs=2.5", "training.epochs",
                "expected an integer, found 2.5 (a float)");
        assertError(fails("name: x\n", "seeds=[-3]"), "--set seeds=[-3]", "seeds[0]", "must be >= 0, found -3");
        assertError(fails("name: x\n", "training.epochs"), "--set training.epochs", null, "expected PATH=VALUE");
        assertError(fails("name: x\n", "seeds=[3"), "--set seeds=[3", "seeds", "malformed YAML");
        assertError(fails("name: x\n", "network.init.input={pcs: [0], of: memory}"),
                "--set network.init.input={pcs: [0], of: memory}", "network.init.input.pcs[0]", "must be >= 1");
    }

    @Test
    void overrideCannotHideABadSectionInTheFile() {
        assertError(fails("name: x\nnetwork: 5\n", "network.gain=2"), "bad.yaml:2", "network",
                "expected a mapping, found 5 (an integer)");
    }

    @Test
    void errorFromAValueSetInTheFileStillPointsAtTheFileAfterOverrides() {
        assertError(fails("name: x\ntask:\n  trials: 8\n", "training.epochs=3"), "bad.yaml:1", "training.batch_size",
                "must be <= task.trials = 8");
    }
}
