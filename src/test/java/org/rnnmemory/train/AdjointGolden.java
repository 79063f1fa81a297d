package org.rnnmemory.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.io.BlasKernel;
import org.rnnmemory.io.Json;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;

/**
 * Small training runs whose every number is pinned in {@code adjoint-golden-v1.json}: losses and
 * gradient norms of each update and the final I and w of each seed, as the bits of the doubles.
 * N = 37 and 12 rows, so no row or array length is a multiple of a SIMD width; the scenarios
 * cover both trained vectors, readout only, input only, rates kept a chunk at a time with a random
 * initial state, two workers, and float64.
 *
 * <p>float32 products depend on the OpenBLAS kernel, so the file holds one set of numbers per
 * kernel ({@link BlasKernel#coreName()}). Regenerate (adds or replaces the entry of the kernel in
 * use, keeps the others) with
 * <pre>
 *   OPENBLAS_CORETYPE=Haswell  mvn -o test -Dtest=AdjointGoldenTest -Drnnmem.regenerate=true
 *   OPENBLAS_CORETYPE=SkylakeX mvn -o test -Dtest=AdjointGoldenTest -Drnnmem.regenerate=true
 * </pre>
 * The numbers of version 1 were written by the adjoint engine of commit 0f1d945 (element-wise
 * work in ND4J operations, before the fused float32 passes).
 */
final class AdjointGolden {
    static final Path FILE = Path.of("src/test/resources/train/adjoint-golden-v1.json");
    static final ModelParams P = new ModelParams(37, 10.0, 1.0, 1.5);
    static final TaskSpec TASK = new TaskSpec(150, 40, 10, 10, 5, 2.0, 0.05, 90, 0.2, 12);
    static final List<Integer> SEEDS = List.of(1, 2, 3);

    /** One pinned run: which vectors train, workers, initial state, memory for rates and arithmetic. */
    record Scenario(String name, boolean trainInput, boolean trainReadout, int workers, boolean zeroInitialState,
                    double rateMemoryGib, DataType type) {
        TrainPlan plan() {
            return new TrainPlan(P, 1, zeroInitialState, trainInput, trainReadout, TASK, 2, 4, 0.01, Engine.ADJOINT, 17,
                    type, workers, SEEDS, new WeightInit.Random(), new WeightInit.Random(), null, rateMemoryGib,
                    Draws.NATIVE);
        }
    }

    /** 17 steps of 12 rows of 37 float32 rates: 30192 bytes; the limit keeps 16 steps at a time. */
    static final double CHUNKED_GIB = 30000.0 / (1L << 30);

    static final List<Scenario> SCENARIOS = List.of(
            new Scenario("input-and-readout", true, true, 2, true, 1.0, DataType.FLOAT),
            new Scenario("readout-only", false, true, 2, true, 1.0, DataType.FLOAT),
            new Scenario("input-only", true, false, 1, true, 1.0, DataType.FLOAT),
            new Scenario("chunked-random-h0", true, true, 1, false, CHUNKED_GIB, DataType.FLOAT),
            new Scenario("input-and-readout-float64", true, true, 2, true, 1.0, DataType.DOUBLE));

    private AdjointGolden() {}

    /** The numbers of one scenario: per update and seed loss and gradient norms, then final I and w per seed. */
    static Map<String, List<String>> run(Scenario s) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Trainer t = new Trainer(s.plan(), null, null)) {
            t.train(new Trainer.Listener() {});
            List<String> curve = new ArrayList<>();
            for (CurvePoint p : t.history()) {
                curve.add(p.seed() + ":" + p.update() + ":" + hex(p.loss()) + ":" + hex(p.gradNormInput()) + ":"
                        + hex(p.gradNormReadout()));
            }
            out.put("curve", curve);
            for (SeedState st : t.states()) {
                out.put("input." + st.seed(), hex(st.input()));
                out.put("readout." + st.seed(), hex(st.readout()));
            }
        }
        return out;
    }

    /** Prints the numbers of the named scenarios, one "GOLDEN key value,value,..." line each (for a child JVM). */
    public static void main(String[] args) {
        for (String name : args) {
            Scenario s = SCENARIOS.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            for (Map.Entry<String, List<String>> e : run(s).entrySet()) {
                System.out.println("GOLDEN " + e.getKey() + " " + String.join(",", e.getValue()));
            }
        }
    }

    static String hex(double v) {
        return Long.toHexString(Double.doubleToRawLongBits(v));
    }

    static List<String> hex(double[] v) {
        List<String> out = new ArrayList<>();
        for (double x : v) {
            out.add(hex(x));
        }
        return out;
    }

    /** The OpenBLAS kernel in use (loads ND4J first: the name is known only once OpenBLAS is). */
    static String core() {
        Nd4j.scalar(0f);
        return BlasKernel.coreName();
    }

    /** The pinned numbers of the kernel in use, or null when the file has none for it. */
    static JsonNode pinned(String core) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readString(FILE));
        JsonNode k = root.path("kernels").path(core);
        return k.isMissingNode() ? null : k;
    }

    /** Computes every scenario with the kernel in use and writes them into the file, keeping other kernels. */
    static void regenerate() throws IOException {
        String core = core();
        ObjectNode root = Files.exists(FILE) ? (ObjectNode) Json.MAPPER.readTree(Files.readString(FILE))
                : Json.object();
        root.put("about", "Adjoint-engine training runs pinned bit for bit (AdjointGolden): per kernel, per scenario,"
                + " 'curve' = seed:update:loss:|dL/dI|:|dL/dw| and final I and w per seed, as hex bits of doubles");
        root.put("regenerate", "OPENBLAS_CORETYPE=<kernel> mvn -o test -Dtest=AdjointGoldenTest"
                + " -Drnnmem.regenerate=true");
        ObjectNode kernels = root.has("kernels") ? (ObjectNode) root.get("kernels") : root.putObject("kernels");
        ObjectNode entry = kernels.putObject(core);
        for (Scenario s : SCENARIOS) {
            ObjectNode sc = entry.putObject(s.name());
            for (Map.Entry<String, List<String>> e : run(s).entrySet()) {
                ArrayNode arr = sc.putArray(e.getKey());
                e.getValue().forEach(arr::add);
            }
        }
        Files.writeString(FILE, Json.pretty(root) + "\n");
    }
}
