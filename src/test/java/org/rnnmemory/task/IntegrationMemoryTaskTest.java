package org.rnnmemory.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The integration-memory task through the {@link Task} interface: periods, mask and draws. */
class IntegrationMemoryTaskTest {
    private static final TaskSpec SPEC = new TaskSpec(60, 20, 5, 8, 3, 2.0, 0.05, 40, 0.25, 30);
    private static final IntegrationMemoryTask TASK = new IntegrationMemoryTask(SPEC);

    @Test
    void periodsOfAForcedTrial() {
        IntegrationMemoryTask.Params p = IntegrationMemoryTask.Params.pulse(18, 7);
        assertEquals(List.of(new Period("fixation", 0, 18), new Period("stimulus", 18, 26),
                new Period("delay", 26, 40), new Period("response", 40, 60)), TASK.periods(p));
        assertEquals(List.of(new Period("fixation", 0, 60)), TASK.periods(IntegrationMemoryTask.Params.CATCH));
        // a pulse that reaches the cost onset: no delay, the stimulus overlaps the response
        assertEquals(List.of(new Period("fixation", 0, 35), new Period("stimulus", 35, 46),
                new Period("response", 40, 60)), TASK.periods(IntegrationMemoryTask.Params.pulse(35, 10)));
    }

    @Test
    void inputTargetAndMaskFollowThePeriods() {
        SplittableRandom rng = new SplittableRandom(3);
        int catches = 0;
        for (int i = 0; i < 200; i++) {
            IntegrationMemoryTask.Params p = TASK.sampleParams(rng);
            Trial t = TASK.trial(p);
            catches += p.isCatch() ? 1 : 0;
            List<Period> periods = TASK.periods(p);
            for (int s = 0; s < SPEC.trialSteps(); s++) {
                boolean inLoss = in(periods, "fixation", s) || in(periods, "response", s);
                assertEquals(inLoss, t.mask()[s], "mask at " + s + " of " + p);
                assertEquals(in(periods, "stimulus", s) ? 2.0f : 0f, t.u()[s], "u at " + s + " of " + p);
                float target = in(periods, "response", s) ? (float) (0.05 * p.duration()) : inLoss ? 0f : -1f;
                assertEquals(target, t.y()[s], "y at " + s + " of " + p);
            }
            // the SPEC's spelling of the mask (y = -1 outside the loss) decodes to the same mask
            assertArrayEquals(t.mask(), Trial.decodeMask(t.y()));
        }
        // 200 trials at catch fraction 0.25: 50 expected, sd 6.1; 4 sd either side
        assertTrue(catches > 25 && catches < 75, "catch trials: " + catches);
    }

    @Test
    void drawsAreThoseOfTheTrialGenerator() {
        TrialGenerator gen = new TrialGenerator(SPEC, new SplittableRandom(11));
        SplittableRandom rng = new SplittableRandom(11);
        for (int i = 0; i < 50; i++) {
            Trial a = gen.next();
            Trial b = TASK.next(rng);
            assertEquals(a.onset(), b.onset());
            assertEquals(a.duration(), b.duration());
            assertEquals(a.isCatch(), b.isCatch());
            assertArrayEquals(a.y(), b.y());
        }
    }

    @Test
    void theRegistryBuildsTheTaskByName() {
        assertEquals(List.of("integration-memory"), Tasks.names());
        Task<?> t = Tasks.of("integration-memory", SPEC);
        assertEquals(60, t.trialSteps());
        assertEquals(30, t.trainingTrials());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tasks.of("go-nogo", SPEC));
        assertEquals("task 'go-nogo' is not registered; registered: integration-memory", e.getMessage());
    }

    @Test
    void theEvaluationMaskNeedsTheLossMask() {
        float[] y = {0.5f, 0.5f, 0.5f, 0f};
        Trial t = new Trial(new float[4], y, new boolean[] {true, false, true, true}, -1, -1, false);
        assertTrue(t.evalMask(0));
        assertFalse(t.evalMask(1));
        assertFalse(t.evalMask(3));
        assertEquals(3, t.trainMaskCount());
        assertEquals(-1f, t.encodedTarget(1));
        assertEquals(0.5f, t.encodedTarget(2));
    }

    private static boolean in(List<Period> periods, String name, int t) {
        return periods.stream().anyMatch(p -> p.name().equals(name) && p.contains(t));
    }
}
