package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.Engine;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/** Ensembles, resume and divergence: training results never depend on how a run is executed. */
class TrainerTest {
    static final ModelParams P = new ModelParams(16, 10.0, 1.0, 1.5);
    static final TaskSpec TASK = new TaskSpec(80, 20, 8, 8, 4, 2.0, 0.05, 50, 0.1, 24);

    static TrainPlan plan(List<Integer> seeds, int epochs, int workers, Engine engine, DataType type) {
        return new TrainPlan(P, 1, true, true, true, TASK, epochs, 6, 0.01, engine, 17, type, workers, seeds);
    }

    static List<SeedState> train(TrainPlan plan) {
        try (Trainer t = new Trainer(plan, null, null)) {
            t.train(new Trainer.Listener() {});
            return new ArrayList<>(t.states());
        }
    }

    @Test
    void ensembleEqualsEachSeedAlone() {
        List<Integer> seeds = List.of(3, 4, 5);
        List<SeedState> together = train(plan(seeds, 2, 2, Engine.ADJOINT, DataType.FLOAT));
        for (int i = 0; i < seeds.size(); i++) {
            SeedState alone = train(plan(List.of(seeds.get(i)), 2, 1, Engine.ADJOINT, DataType.FLOAT)).get(0);
            assertEquals(8, alone.updates());
            assertArrayEquals(alone.input(), together.get(i).input(), 1e-5, "I of seed " + seeds.get(i));
            assertArrayEquals(alone.readout(), together.get(i).readout(), 1e-5, "w of seed " + seeds.get(i));
        }
    }

    @Test
    void sameDiffAndAdjointEnginesTrainTheSameWeights() {
        List<Integer> seeds = List.of(1, 2);
        SeedState a = train(plan(seeds, 1, 1, Engine.ADJOINT, DataType.DOUBLE)).get(1);
        SeedState s = train(plan(seeds, 1, 1, Engine.SAMEDIFF, DataType.DOUBLE)).get(1);
        assertArrayEquals(s.input(), a.input(), 1e-9);
        assertArrayEquals(s.readout(), a.readout(), 1e-9);
    }

    /**
     * float32 paths against each other and against float64: the adjoint engine (Java tanh, outputs
     * summed in double, 2 workers) and the SameDiff graph (ND4J ops in float, 1 worker) after 8 Adam
     * steps on 80-step trials. Measured: at most 1.2e-7 apart, 3.2e-7 from float64 (weights of
     * order 1 for I, 0.25 for w); the bounds leave a factor of 3 or more.
     */
    @Test
    void float32EnginesAgreeWithEachOtherAndWithFloat64() {
        List<Integer> seeds = List.of(1, 2);
        List<SeedState> a32 = train(plan(seeds, 2, 2, Engine.ADJOINT, DataType.FLOAT));
        List<SeedState> s32 = train(plan(seeds, 2, 1, Engine.SAMEDIFF, DataType.FLOAT));
        List<SeedState> a64 = train(plan(seeds, 2, 1, Engine.ADJOINT, DataType.DOUBLE));
        for (int i = 0; i < seeds.size(); i++) {
            String seed = "seed " + seeds.get(i);
            assertTrue(maxDiff(a32.get(i).input(), s32.get(i).input()) < 5e-7, "I, adjoint vs samediff, " + seed);
            assertTrue(maxDiff(a32.get(i).readout(), s32.get(i).readout()) < 5e-7, "w, adjoint vs samediff, " + seed);
            for (List<SeedState> f32 : List.of(a32, s32)) {
                assertTrue(maxDiff(f32.get(i).input(), a64.get(i).input()) < 1e-6, "I, float32 vs float64, " + seed);
                assertTrue(maxDiff(f32.get(i).readout(), a64.get(i).readout()) < 1e-6, "w, float32 vs float64, " + seed);
            }
        }
        // the bounds are far below what training moves: 4 more Adam steps (lr 0.01) change the weights by > 1e-2
        List<SeedState> earlier = train(plan(seeds, 1, 1, Engine.ADJOINT, DataType.FLOAT));
        assertTrue(maxDiff(earlier.get(0).input(), a32.get(0).input()) > 1e-2);
        assertTrue(maxDiff(earlier.get(0).readout(), a32.get(0).readout()) > 1e-2);
    }

    static double maxDiff(double[] x, double[] y) {
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void adamStepsLowerTheTrainingLoss() {
        TrainPlan p = plan(List.of(7), 6, 1, Engine.ADJOINT, DataType.DOUBLE);
        try (Trainer t = new Trainer(p, null, null)) {
            t.train(new Trainer.Listener() {});
            List<CurvePoint> h = t.history();
            double first = h.subList(0, 4).stream().mapToDouble(CurvePoint::loss).average().orElseThrow();
            double last = h.subList(h.size() - 4, h.size()).stream().mapToDouble(CurvePoint::loss).average()
                    .orElseThrow();
            assertTrue(last < 0.7 * first, "loss " + first + " -> " + last);
        }
    }

    @Test
    void resumeAfterInterruptionEqualsUninterruptedRun(@TempDir Path dir) {
        TrainPlan p = plan(List.of(1, 2), 3, 2, Engine.ADJOINT, DataType.FLOAT);
        List<SeedState> straight;
        List<CurvePoint> straightHistory;
        try (Trainer t = new Trainer(p, null, null)) {
            t.train(new Trainer.Listener() {});
            straight = new ArrayList<>(t.states());
            straightHistory = new ArrayList<>(t.history());
        }
        Path ckpt = dir.resolve("checkpoint.bin");
        try (Trainer t = new Trainer(p, null, null)) {
            t.train(new Trainer.Listener() {
                @Override
                public void onEpoch(int epoch, Trainer trainer) {
                    Checkpoint.write(ckpt, "hash", trainer, p.learningRate());
                    if (epoch == 0) {
                        throw new IllegalStateException("killed");
                    }
                }
            });
        } catch (IllegalStateException killed) {
            assertEquals("killed", killed.getMessage());
        }
        Checkpoint.State state = Checkpoint.read(ckpt, p.learningRate());
        assertEquals(p.updatesPerEpoch(), state.nextUpdate());
        try (Trainer t = new Trainer(p, null, state)) {
            t.train(new Trainer.Listener() {});
            for (int i = 0; i < 2; i++) {
                assertArrayEquals(straight.get(i).input(), t.states().get(i).input(), 0.0);
                assertArrayEquals(straight.get(i).readout(), t.states().get(i).readout(), 0.0);
            }
            assertEquals(straightHistory.size(), t.history().size());
            for (int k = 0; k < straightHistory.size(); k++) {
                assertEquals(straightHistory.get(k).loss(), t.history().get(k).loss(), 0.0);
            }
        }
    }

    @Test
    void divergedSeedStopsAndOthersContinue() {
        List<Trial> data = new TrialGenerator(TASK, new SplittableRandom(4)).trainingSet();
        int bad = 0;
        Trial t0 = data.get(bad);
        float[] y = t0.y().clone();
        y[TASK.trialSteps() - 1] = Float.NaN;
        data.set(bad, new Trial(t0.u(), y, t0.onset(), t0.duration(), t0.isCatch()));
        int hit = -1;
        int clean = -1;
        for (int seed = 1; seed < 200 && (hit < 0 || clean < 0); seed++) {
            boolean first = contains(Trainer.batchIndices(seed, 0, TASK.trials(), 6), bad);
            boolean any = first;
            for (int u = 1; u < 4; u++) {
                any |= contains(Trainer.batchIndices(seed, u, TASK.trials(), 6), bad);
            }
            if (first && hit < 0) {
                hit = seed;
            } else if (!any && clean < 0) {
                clean = seed;
            }
        }
        TrainPlan p = plan(List.of(hit, clean), 1, 1, Engine.ADJOINT, DataType.FLOAT);
        try (Trainer t = new Trainer(p, data, null)) {
            t.train(new Trainer.Listener() {});
            SeedState a = t.states().get(0);
            SeedState b = t.states().get(1);
            assertEquals(SeedState.Status.DIVERGED, a.status());
            assertEquals(0, a.divergedAt());
            assertEquals(SeedState.Status.COMPLETED, b.status(), "seeds " + hit + "," + clean + " b diverged at " + b.divergedAt() + " loss " + b.lastLoss());
            assertEquals(4, b.updates());
            assertTrue(Double.isFinite(b.lastLoss()));
        }
    }

    static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
