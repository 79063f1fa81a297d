package org.rnnmemory.sweep;

import org.rnnmemory.cli.CliRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.config.SweepLoader;
import org.rnnmemory.config.SweepSpec;

/** Bad sweep files through the CLI: one line naming file, line and key; exit code 2; nothing written. */
class SweepErrorsTest {
    @TempDir
    Path dir;
    Path sweep;
    Path out;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("tiny.yaml"), SweepRunTest.EXPERIMENT);
        sweep = dir.resolve("bad.yaml");
        out = dir.resolve("out");
    }

    private String fails(String yaml) throws IOException {
        Files.writeString(sweep, yaml);
        CliRun r = SweepRunTest.cli("sweep", sweep.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing is written");
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: "), err);
        return err.substring("error: ".length());
    }

    @Test
    void unknownKeyInTheSweepFile() throws IOException {
        assertEquals(sweep + ":3: sweep.serach: unknown key; did you mean 'search'?", fails(
                "sweep:\n  experiment: tiny.yaml\n  serach: grid\n  parameters: {network.gain: [1.0]}\n"));
    }

    @Test
    void wrongTypes() throws IOException {
        assertEquals(sweep + ":4: network.hidden_size: expected an integer, found 10.5 (a float)", fails(
                "sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.hidden_size: [10, 10.5]\n"));
        assertEquals(sweep + ":3: sweep.parameters.network.gain: expected a list of values for search: grid, found"
                + " 1.5 (a float)", fails("sweep:\n  experiment: tiny.yaml\n  parameters: {network.gain: 1.5}\n"));
        assertEquals(sweep + ":3: sweep.candidates: expected an integer, found the string 'many'", fails(
                "sweep:\n  experiment: tiny.yaml\n  candidates: many\n  search: random\n"
                        + "  parameters: {network.gain: {min: 1, max: 2}}\n"));
    }

    @Test
    void parameterThatIsNotAnExperimentKey() throws IOException {
        assertEquals(sweep + ":4: sweep.parameters.network.gian: not an experiment key; did you mean 'network.gain'?",
                fails("sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gian: [0.5, 1.0]\n"));
        assertEquals(sweep + ":4: network: expected a mapping, found 1 (an integer)",
                fails("sweep:\n  experiment: tiny.yaml\n  parameters:\n    network: [1]\n"));
    }

    @Test
    void valueOutOfRangeAndMissingExperiment() throws IOException {
        assertEquals(sweep + ":4: network.gain: must be >= 0, found -1.0",
                fails("sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gain: [-1, 1]\n"));
        assertEquals(dir.resolve("nope.yaml") + ": file not found",
                fails("sweep:\n  experiment: nope.yaml\n  parameters:\n    network.gain: [1]\n"));
    }

    @Test
    void candidateDirectoryOfAnotherConfigurationIsRefusedBeforeAnythingRuns() throws IOException {
        Files.writeString(sweep, "sweep:\n  experiment: tiny.yaml\n  parameters:\n    network.gain: [0.5, 1.5]\n");
        SweepSpec spec = SweepLoader.load(sweep);
        Path other = out.resolve("candidates/01-gain-1.5");
        Files.createDirectories(other);
        Files.writeString(other.resolve("run.json"), "{\"status\": \"completed\", \"config_hash\": \"0123456789ab\"}");
        CliRun r = SweepRunTest.cli("sweep", sweep.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        String hash = spec.experimentFor(Map.of("network.gain", 1.5)).configHash();
        assertEquals("error: " + other + " holds a run of another configuration (config hash '0123456789ab', this "
                + "candidate's is '" + hash + "'); use another --out or remove that directory", r.err().strip());
        assertEquals(List.of("candidates"), List.of(out.toFile().list()), "no sweep file was written");
        assertFalse(Files.exists(out.resolve("candidates/00-gain-0.5")), "no candidate was trained");
    }
}
