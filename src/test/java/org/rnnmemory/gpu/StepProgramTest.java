package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The operations of the segment programs, and their agreement with the kernels' C signatures. */
class StepProgramTest {
    private final DeviceLayout layout = DeviceLayout.of(3, 4, 10, 23);
    private final StepProgram program = new StepProgram(layout, 0.01, true, 10);

    @Test
    void segmentsCoverTheTrial() {
        assertEquals(3, program.segments());
        assertEquals(List.of(0, 10, 20), List.of(program.from(0), program.from(1), program.from(2)));
        assertEquals(List.of(10, 20, 23), List.of(program.to(0), program.to(1), program.to(2)));
        assertEquals(0, program.firstSegment(0));
        assertEquals(0, program.firstSegment(9));
        assertEquals(1, program.firstSegment(10));
        assertEquals(2, program.firstSegment(22));
        assertThrows(IllegalArgumentException.class, () -> program.firstSegment(23));
        StepProgram systemA = new StepProgram(DeviceLayout.of(1, 1, 1, 7000), 0.01, true, CudaAdjoint.SEGMENT_STEPS);
        assertEquals(28, systemA.segments());
        assertEquals(8, systemA.firstSegment(2137));
    }

    @Test
    void aForwardStepIsTheRecurrentGemmIntoHThenTheForwardKernel() {
        List<Op> ops = program.forward(2);
        assertEquals(6, ops.size());
        for (int i = 0; i < 3; i++) {
            int k = 20 + i;
            Op.Gemm g = (Op.Gemm) ops.get(2 * i);
            // column-major h^T[N, R] = 0.01 gGt^T[N, N] r^T[N, R] + 0.99 h^T
            assertEquals(new Op.Gemm(Cublas.OP_N, Cublas.OP_N, 10, 12, 10, 0.01f, layout.offset("gGt"), 10,
                    layout.rate(k), 10, 0.99f, layout.offset("h"), 10), g);
            Op.Launch l = (Op.Launch) ops.get(2 * i + 1);
            assertEquals(Kernels.FORWARD, l.kernel());
            assertEquals(12, l.grid());
            assertEquals(Kernels.ROW_BLOCK, l.block());
            assertEquals(new Op.Ptr(layout.rate(k + 1)), l.args().get(1));
            assertEquals(k, l.args().get(4));
            assertEquals(23, l.args().get(5));
            assertEquals(new Op.Ptr(layout.error(k)), l.args().get(9));
        }
    }

    @Test
    void backwardStepsRunFromTheLastAndAlternateTheAdjointBuffers() {
        List<Op> ops = program.backward(1);
        assertEquals(20, ops.size());
        for (int i = 0; i < 10; i++) {
            int k = 19 - i;
            Op.Gemm g = (Op.Gemm) ops.get(2 * i);
            assertEquals(new Op.Gemm(Cublas.OP_T, Cublas.OP_N, 10, 12, 10, 0.01f, layout.offset("gGt"), 10,
                    layout.adjointIn(k), 10, 0f, layout.adjointOut(k), 10), g);
            Op.Launch l = (Op.Launch) ops.get(2 * i + 1);
            assertEquals(Kernels.BACKWARD, l.kernel());
            assertEquals(List.of(new Op.Ptr(layout.adjointOut(k)), new Op.Ptr(layout.adjointIn(k)),
                    new Op.Ptr(layout.rate(k + 1)), new Op.Ptr(layout.error(k))), l.args().subList(0, 4));
            assertEquals(k, l.args().get(6));
            assertEquals(Kernels.elementGrid(120), l.grid());
        }
    }

    @Test
    void everyLaunchMatchesItsKernelsParameterList() {
        List<Op.Launch> launches = new ArrayList<>();
        launches.add(program.init(true, 10));
        launches.add(program.seedSums());
        for (List<Op> ops : List.of(program.forward(0), program.backward(2))) {
            for (Op op : ops) {
                if (op instanceof Op.Launch l) {
                    launches.add(l);
                }
            }
        }
        for (Op.Launch l : launches) {
            List<String> params = parameters(Kernels.source(), l.kernel());
            assertEquals(params.size(), l.args().size(), l.kernel() + " " + params);
            for (int i = 0; i < params.size(); i++) {
                String type = params.get(i);
                Object arg = l.args().get(i);
                String expected = type.endsWith("*") ? "Ptr" : type.equals("int") ? "Integer" : "Float";
                assertTrue(type.endsWith("*") || type.equals("int") || type.equals("float"), type);
                assertEquals(expected, arg.getClass().getSimpleName(), l.kernel() + " parameter " + i + " (" + type + ")");
            }
        }
    }

    /** The C types of a kernel's parameters, from its definition in the source. */
    static List<String> parameters(String source, String kernel) {
        Matcher m = Pattern.compile("extern \"C\" __global__ void " + kernel + "\\(([^)]*)\\)").matcher(source);
        assertTrue(m.find(), "no kernel " + kernel + " in the source");
        List<String> types = new ArrayList<>();
        for (String p : m.group(1).split(",")) {
            String t = p.trim().replaceAll("\\s+", " ");
            types.add(t.substring(0, t.lastIndexOf(' ')).replace("const ", "").replace(" *", "*"));
        }
        return types;
    }
}
