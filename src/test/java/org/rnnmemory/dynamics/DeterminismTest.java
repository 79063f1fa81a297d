package org.rnnmemory.dynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;

/** Same network, protocol and settings: the same numbers, with one or two threads (seeded sampling). */
class DeterminismTest {
    static ObjectNode run(int threads) {
        ModelParams p = new ModelParams(24, 100, 10, 1.5);
        CtrnnWeights w = Initializer.network(p, 5, 6, false, DataType.DOUBLE);
        TaskSpec task = new TaskSpec(100, 30, 10, 5, 2, 2.0, 0.07, 60, 0.1, 24);
        EvalProtocol protocol = EvalProtocol.of(task, 10.0, 300, new int[] {30, 50, 80});
        DynamicsSettings s = new DynamicsSettings(FinderSettings.DEFAULT, 10, threads);
        ObjectNode o = NetworkDynamics.analyse(w, protocol, s, UntrainedInput.unknown("test")).toJson();
        o.remove("seconds");
        return o;
    }

    @Test
    void sameInputsSameNumbers() {
        ObjectNode a = run(1);
        assertEquals(a, run(2));
        assertTrue(a.get("fixed_points").size() + a.get("slow_points").size() > 0, a.toPrettyString());
    }
}
