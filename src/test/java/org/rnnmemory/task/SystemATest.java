package org.rnnmemory.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.ModelParams;

/** The System A numbers against SPEC.md, and every default that derives from them. */
class SystemATest {

    @Test
    void taskInStepsIsSpecSectionTwo() {
        assertEquals(new TaskSpec(7000, 3000, 1000, 150, 100, 2.0, 0.007, 4500, 0.1, 500), TaskSpec.SYSTEM_A);
        assertEquals(TaskSpec.SYSTEM_A, SystemA.task(1.0));
        // dt = 10 ms: every time rounded to steps of 10 ms, target per step 0.07
        assertEquals(new TaskSpec(700, 300, 100, 15, 10, 2.0, 0.007 * 10, 450, 0.1, 500), SystemA.task(10.0));
    }

    @Test
    void modelAndConfigurationDefaultsAreSpecSectionsOneToThree() {
        assertEquals(new ModelParams(500, 100.0, 1.0, 1.5), ModelParams.SYSTEM_A);
        ExperimentSpec a = ExperimentSpec.SYSTEM_A;
        assertEquals(ModelParams.SYSTEM_A, a.modelParams());
        assertEquals(1L, a.network().networkSeed());
        assertEquals(TaskSpec.SYSTEM_A, a.taskSpec());
        assertEquals(50, a.training().epochs());
        assertEquals(32, a.training().batchSize());
        assertEquals(0.001, a.training().learningRate());
        assertEquals(20, a.seeds().size());
        assertEquals(1, a.seeds().get(0));
        assertEquals(3000, a.evaluation().onsetMs());
        assertEquals(List.of(50, 150, 300), a.evaluation().durationsMs());
    }

    @Test
    void evaluationProtocolIsSpecSectionFour() {
        EvalProtocol p = EvalProtocol.SYSTEM_A;
        assertEquals(3000, p.onset());
        assertArrayEquals(new int[] {50, 150, 300}, p.durations());
        assertEquals(List.of("50", "150", "300"), p.durationLabels());
        assertEquals(List.of(10000, 5000, 10, 4010, 1510),
                List.of(p.spontaneousSteps(), p.spontaneousFrom(), p.memoryOnset(), p.memorySteps(), p.memoryFrom()));
        assertEquals(0.1, EvalProtocol.SPONTANEOUS_H0);
        assertEquals(ExperimentSpec.SYSTEM_A.evalProtocol().task(), p.task());
        EvalProtocol coarse = EvalProtocol.systemA(10.0);
        assertEquals(SystemA.task(10.0), coarse.task());
        assertEquals(List.of(300, 1000, 500, 1, 401, 151), List.of(coarse.onset(), coarse.spontaneousSteps(),
                coarse.spontaneousFrom(), coarse.memoryOnset(), coarse.memorySteps(), coarse.memoryFrom()));
        assertArrayEquals(new int[] {5, 15, 30}, coarse.durations());
    }
}
