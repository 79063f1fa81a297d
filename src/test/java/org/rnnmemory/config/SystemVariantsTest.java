package org.rnnmemory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The experiment files of systems B to F differ from System A (faithful) or from the quick start
 * (quick variants) in exactly the keys that define them.
 */
class SystemVariantsTest {
    static final Object SPONT_PC1 = new WeightInit.Pcs(List.of(1), "spontaneous", null).toYaml();
    static final Object MEMORY_PC123 = new WeightInit.Pcs(List.of(1, 2, 3), "memory", null).toYaml();

    static ExperimentSpec load(String name) {
        return ExperimentLoader.load(Path.of("experiments", name + ".yaml"), List.of());
    }

    /** Keys whose values differ from {@code base}, with the file's value. */
    static Map<String, Object> differences(ExperimentSpec spec, ExperimentSpec base) {
        Map<String, Object> a = spec.flatten();
        Map<String, Object> b = base.flatten();
        Map<String, Object> diff = new TreeMap<>();
        for (String k : a.keySet()) {
            if (!Objects.equals(a.get(k), b.get(k))) {
                diff.put(k, a.get(k));
            }
        }
        return diff;
    }

    static Map<String, Object> expected(String name, Object... keyValues) {
        Map<String, Object> m = new TreeMap<>();
        m.put("name", name);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Map<String, Object[]> variants() {
        Map<String, Object[]> v = new LinkedHashMap<>();
        v.put("system-b", new Object[] {"network.trainable", List.of("readout")});
        v.put("system-c", new Object[] {"network.trainable", List.of("readout"), "network.init.input", SPONT_PC1});
        v.put("system-d", new Object[] {"network.trainable", List.of("input"), "network.init.readout", MEMORY_PC123});
        v.put("system-f", new Object[] {"network.trainable", List.of("input")});
        return v;
    }

    @Test
    void faithfulFilesDifferFromSystemAOnlyInTheirDefiningKeys() {
        for (var e : variants().entrySet()) {
            assertEquals(expected(e.getKey(), e.getValue()), differences(load(e.getKey()), ExperimentSpec.SYSTEM_A),
                    e.getKey());
        }
        for (int n : new int[] {100, 200, 1000}) {
            String name = "system-e-n" + n;
            assertEquals(expected(name, "network.hidden_size", n), differences(load(name), ExperimentSpec.SYSTEM_A));
        }
        assertEquals(expected("system-e-n500"), differences(load("system-e-n500"), ExperimentSpec.SYSTEM_A));
    }

    @Test
    void quickFilesDifferFromTheQuickStartOnlyInTheirDefiningKeys() {
        ExperimentSpec quick = load("quickstart");
        assertEquals(250, quick.network().hiddenSize());
        assertEquals(10.0, quick.network().dtMs());
        assertEquals(18, quick.network().networkSeed());
        assertEquals(10, quick.training().epochs());
        assertEquals(0.01, quick.training().learningRate());
        for (var e : variants().entrySet()) {
            String name = e.getKey() + "-quick";
            assertEquals(expected(name, e.getValue()), differences(load(name), quick), name);
        }
        // N halved as in the quick start, each with a network seed whose untrained network is chaotic
        int[][] sizes = {{100, 50, 4}, {200, 100, 55}, {500, 250, 18}, {1000, 500, 1}};
        for (int[] s : sizes) {
            String name = "system-e-n" + s[0] + "-quick";
            Map<String, Object> want = s[1] == 250 ? expected(name)
                    : expected(name, "network.hidden_size", s[1], "network.network_seed", (long) s[2]);
            assertEquals(want, differences(load(name), quick), name);
        }
    }

    @Test
    void initKindsAreBoundToRecords() {
        assertEquals(new WeightInit.Pcs(List.of(1), "spontaneous", List.of(1.0)), load("system-c").network().initInput());
        assertEquals(new WeightInit.Random(), load("system-c").network().initReadout());
        assertEquals(new WeightInit.Pcs(List.of(1, 2, 3), "memory", List.of(1.0, 1.0, 1.0)),
                load("system-d-quick").network().initReadout());
        assertEquals(List.of("readout"), load("system-b-quick").network().trainable());
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20),
                load("system-f").seeds());
    }
}
