package org.rnnmemory.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.config.SweepLoader;
import org.rnnmemory.config.SweepSpec;

/** Candidates from Arbiter's generators against the sweep file's points. */
class SweepCandidatesTest {
    @TempDir
    Path dir;

    @BeforeEach
    void experiment() throws IOException {
        Files.writeString(dir.resolve("base.yaml"), "name: base\nseeds: [1, 2]\ntask: {trials: 64}\n");
    }

    private SweepSpec load(String parameters, String search) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, "sweep:\n  experiment: base.yaml\n" + search + "  parameters:\n" + parameters);
        return SweepLoader.load(f);
    }

    @Test
    void arbiterGridIsTheSweepGridInTheSameOrder() throws IOException {
        SweepSpec s = load("    network.gain: [0.5, 1.0, 1.5]\n    training.batch_size: [16, 32]\n"
                + "    seeds: [[1], [2, 3]]\n", "");
        BaseCandidateGenerator<?> g = SweepCandidates.generator(s);
        assertInstanceOf(GridSearchCandidateGenerator.class, g);
        assertEquals(12, ((GridSearchCandidateGenerator) g).getTotalNumCandidates());
        List<SweepCandidate> all = SweepCandidates.all(s);
        assertEquals(12, all.size());
        assertEquals(12, SweepCandidates.count(s));
        List<Map<String, Object>> grid = s.grid();
        for (int i = 0; i < grid.size(); i++) {
            assertEquals(i, all.get(i).index());
            assertEquals(grid.get(i), all.get(i).point(), "candidate " + i);
            assertEquals(List.copyOf(grid.get(i).keySet()), List.copyOf(all.get(i).point().keySet()));
        }
        assertEquals(Map.of("network.gain", 0.5, "training.batch_size", 16, "seeds", List.of(2, 3)), all.get(1).point());
        assertEquals("01-gain-0.5_batch_size-16_seeds-_2_3_", all.get(1).dirName(12));
        assertEquals(List.of("network.gain=1.5", "training.batch_size=32", "seeds=[2, 3]"), all.get(11).overrides());
        assertEquals(1.5, s.experimentFor(all.get(11).point()).network().gain());
    }

    @Test
    void aKeyWithOneValueIsFixedInEveryCandidate() throws IOException {
        SweepSpec s = load("    network.gain: [0.5, 2.0]\n    training.learning_rate: [0.01]\n", "");
        List<SweepCandidate> all = SweepCandidates.all(s);
        assertEquals(s.grid(), all.stream().map(SweepCandidate::point).toList());
        assertEquals(List.of(Map.of("network.gain", 0.5, "training.learning_rate", 0.01),
                Map.of("network.gain", 2.0, "training.learning_rate", 0.01)), all.stream().map(SweepCandidate::point)
                .toList());
        SweepSpec single = load("    network.gain: [1.5]\n", "");
        assertEquals(List.of(Map.of("network.gain", 1.5)), SweepCandidates.all(single).stream()
                .map(SweepCandidate::point).toList());
    }

    @Test
    void aValueListedTwiceIsAnErrorAtItsLine() throws IOException {
        org.rnnmemory.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.rnnmemory.config.ConfigException.class, () -> load("    network.gain: [2, 2.0]\n", ""));
        assertEquals(dir.resolve("s.yaml") + ":4: sweep.parameters.network.gain: lists the value 2.0 twice (items 0 "
                + "and 1)", e.getMessage());
    }

    @Test
    void oneKeyGridWithManyValuesKeepsItsOrder() throws IOException {
        SweepSpec s = load("    network.gain: [0.5, 0.8, 1.0, 1.2, 1.5, 2, 3]\n", "");
        List<SweepCandidate> all = SweepCandidates.all(s);
        assertEquals(List.of(0.5, 0.8, 1.0, 1.2, 1.5, 2, 3), all.stream().map(c -> c.point().get("network.gain")).toList());
        assertEquals(List.of("00-gain-0.5", "01-gain-0.8", "02-gain-1", "03-gain-1.2", "04-gain-1.5", "05-gain-2",
                "06-gain-3"), all.stream().map(c -> c.dirName(7)).toList());
    }

    @Test
    void arbiterRandomSearchIsReproducibleAndInsideTheRanges() throws IOException {
        String random = "  search: random\n  candidates: 40\n  seed: 5\n";
        SweepSpec s = load("    training.learning_rate: {min: 1.0e-4, max: 1.0e-2, log: true}\n"
                + "    training.epochs: {min: 2, max: 5}\n", random);
        assertInstanceOf(RandomSearchGenerator.class, SweepCandidates.generator(s));
        List<SweepCandidate> a = SweepCandidates.all(s);
        assertEquals(40, a.size());
        assertEquals(a, SweepCandidates.all(s), "a new generator gives the same candidates");
        int below1e3 = 0;
        for (SweepCandidate c : a) {
            double lr = assertInstanceOf(Double.class, c.point().get("training.learning_rate"));
            long epochs = assertInstanceOf(Long.class, c.point().get("training.epochs"));
            assertTrue(lr >= 1e-4 && lr <= 1e-2, "lr " + lr);
            assertTrue(epochs >= 2 && epochs <= 5, "epochs " + epochs);
            below1e3 += lr < 1e-3 ? 1 : 0;
        }
        assertTrue(below1e3 >= 10 && below1e3 <= 30, "log-uniform: about half below 1e-3, found " + below1e3);
        assertEquals(4, a.stream().map(c -> c.point().get("training.epochs")).distinct().count());
        SweepSpec other = load("    training.learning_rate: {min: 1.0e-4, max: 1.0e-2, log: true}\n"
                + "    training.epochs: {min: 2, max: 5}\n", random.replace("seed: 5", "seed: 6"));
        assertNotEquals(a, SweepCandidates.all(other), "another seed, other draws");
    }

    @Test
    void rangeQuantilesCoverEveryIntegerAndTheEnds() {
        SweepSpec.Range ints = new SweepSpec.Range(2, 5, false);
        assertEquals(2L, ints.at(0.0));
        assertEquals(2L, ints.at(0.2499));
        assertEquals(3L, ints.at(0.25));
        assertEquals(5L, ints.at(0.9999));
        assertEquals(5L, ints.at(1.0));
        SweepSpec.Range log = new SweepSpec.Range(1e-4, 1e-2, true);
        assertEquals(1e-3, (Double) log.at(0.5), 1e-15);
        assertEquals(0.75, (Double) new SweepSpec.Range(0.5, 1.5, false).at(0.25), 0.0);
    }

    @Test
    void candidateDescriptionsAreShortAndSafe() {
        assertEquals("1e-4", SweepCandidate.shortValue(1.0e-4));
        assertEquals("0.001235", SweepCandidate.shortValue(0.0012345678));
        assertEquals("2", SweepCandidate.shortValue(2.0));
        assertEquals("500", SweepCandidate.shortValue(500));
        assertEquals("003-learning_rate-0.01", new SweepCandidate(3, Map.of("training.learning_rate", 0.01))
                .dirName(101));
        assertEquals("input-_pcs_1_2_", new SweepCandidate(0, Map.of("network.init.input",
                Map.of("pcs", List.of(1, 2)))).description());
        String longName = new SweepCandidate(0, Map.of("seeds", java.util.stream.IntStream.range(0, 40).boxed()
                .toList())).description();
        assertEquals(SweepCandidate.MAX_DESCRIPTION, longName.length());
        assertTrue(longName.startsWith("seeds-_0_1_2_3_"), longName);
    }
}
