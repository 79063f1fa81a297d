package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.run.ExperimentRunner;

/** {@link TrainPlan#of(ExperimentSpec)} carries every setting of the configuration sections. */
class TrainPlanTest {

    @Test
    void everySectionValueReachesThePlan() {
        ExperimentSpec spec = ExperimentLoader.parse("""
                name: p
                seeds: [3, 5]
                network: {hidden_size: 7, tau_ms: 20, dt_ms: 2, gain: 0.5, network_seed: 9, initial_state: random,
                          trainable: [readout], init: {readout: input, generator: pytorch}}
                task: {trial_ms: 400, onset_ms: 100, onset_jitter_ms: 20, duration_ms: 40, duration_jitter_ms: 10,
                       cost_onset_ms: 300, trials: 12}
                training: {epochs: 3, batch_size: 4, learning_rate: 0.02, engine: samediff, chunk_steps: 30,
                           dtype: float64, workers: 1, rate_memory_gib: 0.25}
                evaluation: {onset_ms: 100, durations_ms: [20, 40]}
                """, "p.yaml", List.of());
        TrainPlan plan = TrainPlan.of(spec);
        TrainPlan expected = new TrainPlan(new ModelParams(7, 20.0, 2.0, 0.5), 9, false, false, true, spec.taskSpec(),
                3, 4, 0.02, Engine.SAMEDIFF, 30, DataType.DOUBLE, 1, List.of(3, 5), new WeightInit.Random(),
                new WeightInit.ScaledInput(), plan.evalProtocol(), 0.25, Draws.PYTORCH);
        assertEquals(expected, plan);
        assertArrayEquals(new int[] {10, 20}, plan.evalProtocol().durations());
        assertEquals(50, plan.evalProtocol().onset());
        assertFalse(plan.zeroInitialState());
        assertEquals(200, plan.task().trialSteps());
        assertEquals(9, plan.totalUpdates());
        TrainPlan viaRunner = ExperimentRunner.plan(spec);
        assertEquals(plan, viaRunner.withInit(viaRunner.initInput(), viaRunner.initReadout(), plan.evalProtocol()));
    }
}
