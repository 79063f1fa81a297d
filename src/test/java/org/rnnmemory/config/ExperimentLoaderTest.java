package org.rnnmemory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.Precision;
import org.rnnmemory.task.TaskSpec;

class ExperimentLoaderTest {
    static final Path SYSTEM_A_FILE = Path.of("experiments/system-a.yaml");

    static ExperimentSpec parse(String yaml, String... overrides) {
        return ExperimentLoader.parse(yaml, "test.yaml", List.of(overrides));
    }

    @Test
    void systemAFileGivesEveryField() {
        ExperimentSpec s = ExperimentLoader.load(SYSTEM_A_FILE, List.of());
        assertEquals("system-a", s.name());
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), s.seeds());
        NetworkSection n = s.network();
        assertEquals(500, n.hiddenSize());
        assertEquals(100.0, n.tauMs());
        assertEquals(1.0, n.dtMs());
        assertEquals(1.5, n.gain());
        assertEquals(1L, n.networkSeed());
        assertEquals("zero", n.initialState().configName());
        assertEquals(List.of("input", "readout"), n.trainable());
        assertTrue(n.trainInput());
        assertTrue(n.trainReadout());
        assertEquals(new WeightInit.Random(), n.initInput());
        assertEquals(new WeightInit.Random(), n.initReadout());
        assertEquals(new TaskSection(7000, 3000, 1000, 150, 100, 2.0, 0.007, 4500, 0.1, 500, null), s.task());
        assertEquals(new TrainingSection(50, 32, 0.001, Engine.ADJOINT, 250, Precision.FLOAT32, 2, 6.5), s.training());
        assertEquals(3000, s.evaluation().onsetMs());
        assertEquals(List.of(50, 150, 300), s.evaluation().durationsMs());
        assertEquals(Draws.PYTORCH, n.initGenerator());
        NetworkSection d = ExperimentSpec.SYSTEM_A.network();
        NetworkSection reference = new NetworkSection(d.hiddenSize(), d.tauMs(), d.dtMs(), d.gain(), d.networkSeed(),
                d.initialState(), d.trainable(), d.initInput(), d.initReadout(), Draws.PYTORCH);
        assertEquals(new ExperimentSpec("system-a", ExperimentSpec.SYSTEM_A.seeds(), reference,
                ExperimentSpec.SYSTEM_A.task(), ExperimentSpec.SYSTEM_A.training(),
                ExperimentSpec.SYSTEM_A.evaluation()), s);
    }

    @Test
    void nativeSystemAFileIsTheBuiltInDefaults() {
        ExperimentSpec s = ExperimentLoader.load(Path.of("experiments/system-a-native.yaml"), List.of());
        assertEquals("system-a-native", s.name());
        assertEquals(Draws.NATIVE, s.network().initGenerator());
        assertEquals(ExperimentSpec.SYSTEM_A.toResolvedYaml().replace("name: system-a\n", "name: system-a-native\n"),
                s.toResolvedYaml());
    }

    @Test
    void generatorIsCheckedAndRoundTrips() {
        ExperimentSpec s = parse("name: x\nnetwork: {init: {generator: pytorch}}\n");
        assertEquals(Draws.PYTORCH, s.network().initGenerator());
        assertEquals(s, parse(s.toResolvedYaml()));
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("name: x\nnetwork:\n  init: {generator: torch}\n"));
        assertTrue(e.getMessage().startsWith("test.yaml:3: network.init.generator:"), e.getMessage());
        assertTrue(e.getMessage().contains("native") && e.getMessage().contains("pytorch"), e.getMessage());
    }

    @Test
    void readoutFromTheInputRoundTrips() {
        ExperimentSpec s = parse("network: {init: {readout: input}}\n");
        assertEquals(new WeightInit.ScaledInput(), s.network().initReadout());
        assertTrue(s.toResolvedYaml().contains("readout: input"), s.toResolvedYaml());
        assertEquals(s, parse(s.toResolvedYaml()));
        assertEquals(new WeightInit.ScaledInput(), parse("name: x\n", "network.init.readout=input").network().initReadout());
    }

    @Test
    void systemADerivedTaskModelAndProtocol() {
        ExperimentSpec s = ExperimentLoader.load(SYSTEM_A_FILE, List.of());
        TaskSpec t = s.taskSpec();
        assertEquals(7000, t.trialSteps());
        assertEquals(3000, t.onset());
        assertEquals(1000, t.onsetJitter());
        assertEquals(150, t.duration());
        assertEquals(100, t.durationJitter());
        assertEquals(4500, t.costOnset());
        assertEquals(0.007, t.targetPerStep(), 1e-15);
        assertEquals(TaskSpec.SYSTEM_A, t);
        assertEquals(ModelParams.SYSTEM_A, s.modelParams());
        EvalProtocol p = s.evalProtocol();
        assertEquals(3000, p.onset());
        assertEquals(List.of("50", "150", "300"), p.durationLabels());
        assertEquals(EvalProtocol.SYSTEM_A.spontaneousSteps(), p.spontaneousSteps());
        assertEquals(List.of(50, 150, 300), IntStream.of(p.durations()).boxed().toList());
    }

    @Test
    void absentKeysTakeSystemADefaults() {
        assertEquals(ExperimentSpec.SYSTEM_A, parse("name: system-a\n"));
        ExperimentSpec s = parse("name: small\nnetwork: {hidden_size: 50}\ntraining: {epochs: 3}\n");
        assertEquals(50, s.network().hiddenSize());
        assertEquals(1.5, s.network().gain());
        assertEquals(3, s.training().epochs());
        assertEquals(32, s.training().batchSize());
        assertEquals(TaskSection.SYSTEM_A, s.task());
        assertEquals(EvaluationSection.SYSTEM_A, s.evaluation());
    }

    @Test
    void seedsRangeAndListForms() {
        assertEquals(List.of(4, 5, 6, 7), parse("seeds: {from: 4, to: 7}\n").seeds());
        assertEquals(List.of(0), parse("seeds: {from: 0, to: 0}\n").seeds());
        assertEquals(List.of(1, 3, 9), parse("seeds: [9, 1, 3]\n").seeds());
        assertEquals(List.of(2, 5), parse("seeds:\n  - 5\n  - 2\n").seeds());
    }

    @Test
    void overridesReplaceValuesInOrder() {
        ExperimentSpec s = parse("training: {epochs: 10}\n", "training.epochs=2", "seeds=[3]",
                "network.gain=0.9", "task.dataset=data/trials.npz", "network.trainable=[]",
                "training.epochs=4");
        assertEquals(4, s.training().epochs());
        assertEquals(List.of(3), s.seeds());
        assertEquals(0.9, s.network().gain());
        assertEquals("data/trials.npz", s.task().dataset());
        assertEquals(List.of(), s.network().trainable());
        assertFalse(s.network().trainInput());
        assertFalse(s.network().trainReadout());
    }

    @Test
    void overrideCreatesMissingSectionsAndSetsAnInit() {
        ExperimentSpec s = parse("name: x\n", "network.init.input={pcs: [1], of: spontaneous}");
        assertEquals(new WeightInit.Pcs(List.of(1), "spontaneous", List.of(1.0)), s.network().initInput());
        assertEquals(new WeightInit.Random(), s.network().initReadout());
    }

    @Test
    void theCudaEngineIsAcceptedAndRoundTrips() {
        ExperimentSpec s = parse("name: g\ntraining: {engine: cuda}\n");
        assertEquals("cuda", s.training().engine().configName());
        assertEquals("float32", s.training().dtype().configName());
        assertTrue(s.toResolvedYaml().contains("engine: cuda"), s.toResolvedYaml());
        assertEquals(s, ExperimentLoader.parse(s.toResolvedYaml(), "resolved.yaml", List.of()));
        assertEquals("cuda", parse("name: g\n", "training.engine=cuda").training().engine().configName());
    }

    @Test
    void resolvedYamlRoundTripsWithTheSameHash() {
        ExperimentSpec s = parse("name: other\nseeds: [2, 8]\nnetwork: {dt_ms: 10, trainable: [readout],"
                + " init: {input: {pcs: [2, 1], of: memory, weights: [0.5, -1]}}}\ntask: {dataset: 'yes'}\n"
                + "training: {learning_rate: 1.0e-4, engine: samediff, dtype: float64}\n");
        String yaml = s.toResolvedYaml();
        ExperimentSpec back = ExperimentLoader.parse(yaml, "resolved.yaml", List.of());
        assertEquals(s, back);
        assertEquals(yaml, back.toResolvedYaml());
        assertEquals(s.configHash(), back.configHash());
        assertEquals(12, s.configHash().length());
        assertTrue(s.configHash().matches("[0-9a-f]{12}"));
        assertFalse(s.configHash().equals(ExperimentSpec.SYSTEM_A.configHash()));
    }

    @Test
    void resolvedYamlOfSystemAListsEveryKeyInCanonicalOrder() {
        String yaml = ExperimentSpec.SYSTEM_A.toResolvedYaml();
        String expected = """
                name: system-a
                seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
                network:
                  hidden_size: 500
                  tau_ms: 100.0
                  dt_ms: 1.0
                  gain: 1.5
                  network_seed: 1
                  initial_state: zero
                  trainable: [input, readout]
                  init:
                    input: random
                    readout: random
                    generator: native
                task:
                  trial_ms: 7000
                  onset_ms: 3000
                  onset_jitter_ms: 1000
                  duration_ms: 150
                  duration_jitter_ms: 100
                  strength: 2.0
                  slope_per_ms: 0.007
                  cost_onset_ms: 4500
                  catch_fraction: 0.1
                  trials: 500
                  dataset: null
                training:
                  epochs: 50
                  batch_size: 32
                  learning_rate: 0.001
                  engine: adjoint
                  chunk_steps: 250
                  dtype: float32
                  workers: 2
                  rate_memory_gib: 6.5
                evaluation:
                  onset_ms: 3000
                  durations_ms: [50, 150, 300]
                """;
        assertEquals(expected, yaml);
    }

    @Test
    void flattenGivesDottedKeysInCanonicalOrder() {
        var flat = ExperimentSpec.SYSTEM_A.flatten();
        assertEquals(33, flat.size());
        assertEquals(List.of("name", "seeds", "network.hidden_size"), flat.keySet().stream().limit(3).toList());
        assertEquals(1.5, flat.get("network.gain"));
        assertEquals(7000, flat.get("task.trial_ms"));
        assertEquals("random", flat.get("network.init.input"));
        assertTrue(flat.containsKey("task.dataset"));
        assertNull(flat.get("task.dataset"));
        assertEquals("evaluation.durations_ms", List.copyOf(flat.keySet()).get(32));
        assertEquals("native", flat.get("network.init.generator"));
        var other = parse("network: {gain: 0.5}\n").flatten();
        assertEquals(0.5, other.get("network.gain"));
        assertEquals(flat.keySet(), other.keySet());
    }

    @Test
    void withSeedsSortsAndValidates() {
        ExperimentSpec s = ExperimentSpec.SYSTEM_A.withSeeds(List.of(7, 3));
        assertEquals(List.of(3, 7), s.seeds());
        assertEquals(ExperimentSpec.SYSTEM_A.network(), s.network());
        ConfigValueException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigValueException.class,
                () -> ExperimentSpec.SYSTEM_A.withSeeds(List.of(3, 3)));
        assertEquals("seeds[1]: repeats the value 3", e.getMessage());
    }

    @Test
    void dtOfTenConvertsMillisecondsToSteps() {
        ExperimentSpec s = parse("network: {dt_ms: 10}\n");
        TaskSpec t = s.taskSpec();
        assertEquals(700, t.trialSteps());
        assertEquals(300, t.onset());
        assertEquals(100, t.onsetJitter());
        assertEquals(15, t.duration());
        assertEquals(10, t.durationJitter());
        assertEquals(450, t.costOnset());
        assertEquals(0.07, t.targetPerStep(), 1e-12);
        assertEquals(ModelParams.SYSTEM_A.tauMs(), s.modelParams().tauMs());
        assertEquals(0.1, s.modelParams().alpha(), 1e-15);
        EvalProtocol p = s.evalProtocol();
        assertEquals(300, p.onset());
        assertEquals(List.of(5, 15, 30), IntStream.of(p.durations()).boxed().toList());
        assertEquals(1000, p.spontaneousSteps());
    }

    @Test
    void fractionalDtConvertsToo() {
        TaskSpec t = parse("network: {dt_ms: 0.5}\n").taskSpec();
        assertEquals(14000, t.trialSteps());
        assertEquals(0.0035, t.targetPerStep(), 1e-15);
    }

    @Test
    void initKindsParse(@TempDir Path dir) throws IOException {
        Path npy = Files.writeString(dir.resolve("w0.npy"), "not read at load time");
        Path yaml = Files.writeString(dir.resolve("exp.yaml"), """
                network:
                  init:
                    input: {pcs: [1, 2, 3], of: spontaneous}
                    readout: {vector: w0.npy}
                """);
        ExperimentSpec s = ExperimentLoader.load(yaml, List.of());
        assertEquals(new WeightInit.Pcs(List.of(1, 2, 3), "spontaneous", List.of(1.0, 1.0, 1.0)),
                s.network().initInput());
        WeightInit.Vector v = assertInstanceOf(WeightInit.Vector.class, s.network().initReadout());
        assertEquals(npy.toAbsolutePath().normalize(), v.path());
        ExperimentSpec back = ExperimentLoader.parse(s.toResolvedYaml(), "elsewhere/resolved.yaml", List.of());
        assertEquals(s, back);
        WeightInit w = parse("network: {init: {readout: {pcs: [4, 2], of: memory, weights: [2, -0.5]}}}\n")
                .network().initReadout();
        assertEquals(new WeightInit.Pcs(List.of(4, 2), "memory", List.of(2.0, -0.5)), w);
    }

    @Test
    void systemAConstantsAgreeWithTheModelAndTaskConstants() {
        assertEquals(ModelParams.SYSTEM_A, ExperimentSpec.SYSTEM_A.modelParams());
        assertEquals(TaskSpec.SYSTEM_A, ExperimentSpec.SYSTEM_A.taskSpec());
        assertEquals(EvalProtocol.SYSTEM_A.onset(), ExperimentSpec.SYSTEM_A.evalProtocol().onset());
        assertEquals(EvalProtocol.SYSTEM_A.durationLabels(), ExperimentSpec.SYSTEM_A.evalProtocol().durationLabels());
    }
}
