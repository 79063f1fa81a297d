package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rnnmemory.train.InitFixture.P;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.run.ExperimentRunner;

/** Initialisation kinds through the trainer: fixed weights stay bit-identical, trained ones move. */
class InitTrainingTest {
    static final WeightInit RANDOM = new WeightInit.Random();
    static final WeightInit SPONT_PC1 = new WeightInit.Pcs(List.of(1), "spontaneous", null);
    static final WeightInit MEMORY_PC123 = new WeightInit.Pcs(List.of(1, 2, 3), "memory", null);

    static TrainPlan plan(boolean trainInput, boolean trainReadout, WeightInit in, WeightInit out) {
        return new TrainPlan(P, InitFixture.NETWORK_SEED, true, trainInput, trainReadout, InitFixture.TASK, 1, 6, 0.01,
                Engine.ADJOINT, 20, DataType.FLOAT, 1, List.of(1, 2), in, out, InitFixture.PROTOCOL);
    }

    /** Initial and trained weights of every seed: [seed][0 = I before, 1 = w before, 2 = I after, 3 = w after]. */
    static double[][][] train(TrainPlan plan) {
        try (Trainer t = new Trainer(plan, null, null)) {
            double[][][] out = new double[plan.seeds().size()][4][];
            for (int i = 0; i < out.length; i++) {
                out[i][0] = t.states().get(i).input().clone();
                out[i][1] = t.states().get(i).readout().clone();
            }
            t.train(new Trainer.Listener() {});
            for (int i = 0; i < out.length; i++) {
                SeedState s = t.states().get(i);
                assertEquals(SeedState.Status.COMPLETED, s.status());
                assertEquals(plan.totalUpdates(), s.updates());
                out[i][2] = s.input();
                out[i][3] = s.readout();
            }
            return out;
        }
    }

    static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void readoutOnlyKeepsThePcInputBitIdentical() {
        TrainPlan plan = plan(false, true, SPONT_PC1, RANDOM);
        double[][][] w = train(plan);
        WeightInitializer init = InitFixture.initializer(SPONT_PC1, RANDOM, DataType.FLOAT);
        for (int i = 0; i < 2; i++) {
            int seed = plan.seeds().get(i);
            assertArrayEquals(init.input(seed), w[i][0], 0.0, "initial I of seed " + seed);
            assertArrayEquals(InitFixture.random(false, seed, DataType.FLOAT), w[i][1], 0.0);
            assertArrayEquals(w[i][0], w[i][2], 0.0, "I after training, seed " + seed);
            double moved = maxAbsDiff(w[i][1], w[i][3]);
            assertTrue(moved > 1e-3, "w of seed " + seed + " moved by " + moved);
        }
    }

    @Test
    void inputOnlyKeepsTheMemoryPcReadoutBitIdentical() {
        TrainPlan plan = plan(true, false, RANDOM, MEMORY_PC123);
        double[][][] w = train(plan);
        WeightInitializer init = InitFixture.initializer(RANDOM, MEMORY_PC123, DataType.FLOAT);
        for (int i = 0; i < 2; i++) {
            int seed = plan.seeds().get(i);
            WeightInitializer.Initial a = init.initial(seed);
            assertArrayEquals(a.input(), w[i][0], 0.0);
            assertArrayEquals(a.readout(), w[i][1], 0.0, "initial w of seed " + seed);
            assertArrayEquals(w[i][1], w[i][3], 0.0, "w after training, seed " + seed);
            double moved = maxAbsDiff(w[i][0], w[i][2]);
            assertTrue(moved > 1e-3, "I of seed " + seed + " moved by " + moved);
        }
    }

    @Test
    void randomPlanStartsFromTheSpecDraws() {
        TrainPlan plan = new TrainPlan(P, 1, true, true, true, InitFixture.TASK, 1, 6, 0.01, Engine.ADJOINT, 20,
                DataType.FLOAT, 1, List.of(3));
        assertEquals(RANDOM, plan.initInput());
        assertEquals(RANDOM, plan.initReadout());
        try (Trainer t = new Trainer(plan, null, null)) {
            assertArrayEquals(InitFixture.random(true, 3, DataType.FLOAT), t.states().get(0).input(), 0.0);
            assertArrayEquals(InitFixture.random(false, 3, DataType.FLOAT), t.states().get(0).readout(), 0.0);
        }
        TrainPlan pcs = plan.withInit(SPONT_PC1, MEMORY_PC123, InitFixture.PROTOCOL).withEpochs(3).withSeeds(List.of(4));
        assertEquals(SPONT_PC1, pcs.initInput());
        assertEquals(MEMORY_PC123, pcs.initReadout());
        assertSame(InitFixture.PROTOCOL, pcs.evalProtocol());
        assertEquals(3, pcs.epochs());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> plan.withInit(SPONT_PC1, RANDOM, null));
        assertEquals("a pcs initialisation needs an evaluation protocol, found null", e.getMessage());
    }

    @Test
    void experimentPlanCarriesInitKindsAndTheEvaluationProtocol() {
        ExperimentSpec spec = ExperimentLoader.load(Path.of("experiments/system-d.yaml"), List.of());
        TrainPlan plan = ExperimentRunner.plan(spec);
        assertEquals(RANDOM, plan.initInput());
        assertEquals(MEMORY_PC123, plan.initReadout());
        assertTrue(plan.trainInput());
        assertEquals(false, plan.trainReadout());
        EvalProtocol expected = spec.evalProtocol();
        assertEquals(expected.spontaneousSteps(), plan.evalProtocol().spontaneousSteps());
        assertEquals(expected.memorySteps(), plan.evalProtocol().memorySteps());
        assertEquals(expected.memoryFrom(), plan.evalProtocol().memoryFrom());
        assertArrayEquals(expected.durations(), plan.evalProtocol().durations());
        assertEquals(expected.task(), plan.evalProtocol().task());
    }

    @Test
    void runWithZeroPcWeightsIsAOneLineUserError(@TempDir Path dir) {
        ExperimentSpec spec = ExperimentLoader.parse("""
                name: zero-weights
                seeds: [1]
                network: {hidden_size: 20, dt_ms: 10, init: {input: {pcs: [1, 2], of: spontaneous, weights: [0, 0]}}}
                task: {trials: 32}
                training: {epochs: 1, workers: 1}
                """, "zero.yaml", List.of());
        UserInputException e = assertThrows(UserInputException.class,
                () -> ExperimentRunner.run(spec, "", dir.resolve("run"), false));
        assertTrue(e.getMessage().startsWith("zero-weights: network.init.input: the weighted sum of PCs [1, 2]"),
                e.getMessage());
    }
}
