package org.rnnmemory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSweepTest {
    @TempDir
    Path dir;
    Path sweep;

    @BeforeEach
    void writeExperiment() throws IOException {
        Files.createDirectories(dir.resolve("experiments"));
        Files.writeString(dir.resolve("experiments/small.yaml"), "name: small\nseeds: [1, 2]\ntask: {trials: 64}\n");
        sweep = dir.resolve("sweep.yaml");
    }

    private SweepSpec load(String yaml) throws IOException {
        Files.writeString(sweep, yaml);
        return SweepLoader.load(sweep);
    }

    private ConfigException fails(String yaml) throws IOException {
        Files.writeString(sweep, yaml);
        return assertThrows(ConfigException.class, () -> SweepLoader.load(sweep));
    }

    @Test
    void gridExpandsEveryCombinationFirstKeySlowest() throws IOException {
        SweepSpec s = load("""
                sweep:
                  experiment: experiments/small.yaml
                  search: grid
                  parameters:
                    network.gain: [0.5, 1.0, 1.5]
                    training.batch_size: [16, 32]
                """);
        assertEquals(dir.resolve("experiments/small.yaml").toAbsolutePath().normalize(), s.experiment());
        assertEquals("grid", s.search());
        assertEquals(0, s.candidates());
        assertEquals(List.of(0.5, 1.0, 1.5), s.parameters().get("network.gain"));
        List<Map<String, Object>> grid = s.grid();
        assertEquals(6, grid.size());
        assertEquals(Map.of("network.gain", 0.5, "training.batch_size", 16), grid.get(0));
        assertEquals(Map.of("network.gain", 0.5, "training.batch_size", 32), grid.get(1));
        assertEquals(Map.of("network.gain", 1.5, "training.batch_size", 32), grid.get(5));
        assertEquals(List.of("network.gain=1.5", "training.batch_size=32"), SweepSpec.overrides(grid.get(5)));
        ExperimentSpec e = s.experimentFor(grid.get(5));
        assertEquals(1.5, e.network().gain());
        assertEquals(32, e.training().batchSize());
        assertEquals("small", e.name());
    }

    @Test
    void gridDefaultsToGridSearchAndAcceptsStructuredValues() throws IOException {
        SweepSpec s = load("sweep:\n  experiment: experiments/small.yaml\n  parameters:\n"
                + "    network.init.input: [random, {pcs: [1, 2], of: spontaneous}]\n    seeds: [[1], [2, 3]]\n");
        assertEquals("grid", s.search());
        assertEquals(4, s.grid().size());
        ExperimentSpec e = s.experimentFor(s.grid().get(3));
        assertEquals(new WeightInit.Pcs(List.of(1, 2), "spontaneous", null), e.network().initInput());
        assertEquals(List.of(2, 3), e.seeds());
    }

    @Test
    void randomSearchDrawsReproduciblyWithinTheRanges() throws IOException {
        String yaml = """
                sweep:
                  experiment: experiments/small.yaml
                  search: random
                  candidates: 50
                  seed: 7
                  parameters:
                    training.learning_rate: {min: 1.0e-4, max: 1.0e-2, log: true}
                    training.epochs: {min: 2, max: 5}
                """;
        SweepSpec s = load(yaml);
        assertEquals(50, s.candidates());
        assertEquals(7L, s.seed());
        assertEquals(List.of(1.0e-4, 1.0e-2, true), s.parameters().get("training.learning_rate"));
        assertEquals(new SweepSpec.Range(2, 5, false), s.ranges().get("training.epochs"));
        List<Map<String, Object>> points = s.sample();
        assertEquals(50, points.size());
        assertEquals(points, load(yaml).sample());
        int below1e3 = 0;
        for (Map<String, Object> p : points) {
            double lr = (Double) p.get("training.learning_rate");
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            below1e3 += lr < 1e-3 ? 1 : 0;
            long epochs = assertInstanceOf(Long.class, p.get("training.epochs"));
            assertTrue(epochs >= 2 && epochs <= 5, "epochs " + epochs);
        }
        assertTrue(below1e3 >= 15 && below1e3 <= 35, "log-uniform: about half below 1e-3, found " + below1e3);
        assertEquals(4, points.stream().map(p -> p.get("training.epochs")).distinct().count());
        assertEquals(points.get(0).get("training.epochs"), (long) s.experimentFor(points.get(0)).training().epochs());
        assertThrows(IllegalStateException.class, s::grid);
    }

    @Test
    void unknownParameterKeyIsReportedInTheSweepFile() throws IOException {
        ConfigException e = fails("sweep:\n  experiment: experiments/small.yaml\n  parameters:\n"
                + "    network.gian: [0.5, 1.0]\n");
        assertEquals(sweep + ":4: sweep.parameters.network.gian: not an experiment key; did you mean 'network.gain'?",
                e.getMessage());
    }

    @Test
    void badParameterValueIsReportedAtItsLineInTheSweepFile() throws IOException {
        ConfigException e = fails("sweep:\n  experiment: experiments/small.yaml\n  parameters:\n"
                + "    network.gain:\n      - 0.5\n      - -1\n");
        assertEquals(sweep + ":6: network.gain: must be >= 0, found -1.0", e.getMessage());
        ConfigException t = fails("sweep:\n  experiment: experiments/small.yaml\n  parameters:\n"
                + "    training.epochs: [2, 2.5]\n");
        assertEquals(sweep + ":4: training.epochs: expected an integer, found 2.5 (a float)", t.getMessage());
        ConfigException r = fails("sweep:\n  experiment: experiments/small.yaml\n  search: random\n  candidates: 3\n"
                + "  parameters:\n    training.batch_size: {min: 8, max: 128}\n");
        assertEquals(sweep + ":6: training.batch_size: must be <= task.trials = 64, found 128", r.getMessage());
    }

    @Test
    void sweepStructureErrors() throws IOException {
        String head = "sweep:\n  experiment: experiments/small.yaml\n";
        assertEquals(sweep + ":3: sweep.serach: unknown key; did you mean 'search'?",
                fails(head + "  serach: grid\n  parameters: {network.gain: [1]}\n").getMessage());
        assertEquals(sweep + ":3: sweep.search: must be one of grid, random; found 'bayes'",
                fails(head + "  search: bayes\n  parameters: {network.gain: [1]}\n").getMessage());
        assertEquals(sweep + ":2: sweep.candidates: missing; expected the number of random draws",
                fails(head + "  search: random\n  parameters: {network.gain: {min: 1, max: 2}}\n").getMessage());
        assertEquals(sweep + ":3: sweep.candidates: is only used with search: random, found 4",
                fails(head + "  candidates: 4\n  parameters: {network.gain: [1]}\n").getMessage());
        assertEquals(sweep + ":3: sweep.parameters.network.gain: expected a list of values for search: grid,"
                + " found a mapping", fails(head + "  parameters: {network.gain: {min: 1, max: 2}}\n").getMessage());
        assertEquals(sweep + ":3: sweep.parameters.network.gain: must list at least one value",
                fails(head + "  parameters: {network.gain: []}\n").getMessage());
        assertEquals(sweep + ":2: sweep.parameters: missing; expected a mapping of experiment keys to values",
                fails(head).getMessage());
        assertEquals(sweep + ":1: swep: unknown key; did you mean 'sweep'?", fails("swep: {}\n").getMessage());
    }

    @Test
    void rangeErrors() throws IOException {
        String head = "sweep:\n  experiment: experiments/small.yaml\n  search: random\n  candidates: 2\n  parameters:\n";
        assertEquals(sweep + ":6: sweep.parameters.network.gain.max: must be > min = 2.0, found 1.0",
                fails(head + "    network.gain: {min: 2.0, max: 1.0}\n").getMessage());
        assertEquals(sweep + ":6: sweep.parameters.network.gain.min: must be > 0 with log: true, found 0",
                fails(head + "    network.gain: {min: 0, max: 2, log: true}\n").getMessage());
        assertEquals(sweep + ":6: training.learning_rate: must be > 0, found 0.0",
                fails(head + "    training.learning_rate: {min: 0, max: 0.1}\n").getMessage());
        assertEquals(sweep + ":6: sweep.parameters.network.gain.mx: unknown key; did you mean 'max'?",
                fails(head + "    network.gain: {min: 1, mx: 2}\n").getMessage());
        assertEquals(sweep + ":6: sweep.parameters.network.gain.log: expected true or false, found the string 'yes please'",
                fails(head + "    network.gain: {min: 1, max: 2, log: yes please}\n").getMessage());
    }

    @Test
    void experimentFileProblemsNameTheExperimentFile() throws IOException {
        ConfigException missing = fails("sweep:\n  experiment: experiments/none.yaml\n  parameters: {network.gain: [1]}\n");
        assertEquals(dir.resolve("experiments/none.yaml").toAbsolutePath().normalize() + ": file not found",
                missing.getMessage());
        Files.writeString(dir.resolve("experiments/broken.yaml"), "name: x\ntask: {trails: 3}\n");
        ConfigException broken = fails("sweep:\n  experiment: experiments/broken.yaml\n  parameters: {network.gain: [1]}\n");
        assertTrue(broken.getMessage().endsWith("broken.yaml:2: task.trails: unknown key; did you mean 'trials'?"),
                broken.getMessage());
        assertFalse(broken.getMessage().contains("sweep.yaml"));
    }
}
