package org.rnnmemory.gpu;

import java.util.List;

/**
 * One device operation of an update, with buffer addresses given as offsets into the engine's
 * allocation ({@link DeviceLayout}); an {@link Executor} adds the allocation's base address.
 */
public sealed interface Op permits Op.Gemm, Op.Launch {

    /**
     * cuBLAS's column-major {@code C = alpha op(A) op(B) + beta C} in float32 (op: 0 none, 1 transpose).
     * A row-major [R, N] array is the column-major [N, R] array of its transpose.
     */
    record Gemm(int transA, int transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb, float beta,
                long c, int ldc) implements Op {}

    /**
     * A kernel launch on a 1-D grid.
     *
     * @param kernel entry point, one of {@link Kernels#ENTRY_POINTS}
     * @param grid blocks
     * @param block threads per block
     * @param args the kernel's arguments in order: {@link Ptr} for buffers, Integer for int, Float for float
     */
    record Launch(String kernel, int grid, int block, List<Object> args) implements Op {
        public Launch {
            args = List.copyOf(args);
            for (Object o : args) {
                if (!(o instanceof Ptr || o instanceof Integer || o instanceof Float)) {
                    throw new IllegalArgumentException("kernel arguments are Ptr, Integer or Float, found " + o);
                }
            }
        }
    }

    /** A device address as an offset into the engine's allocation. */
    record Ptr(long offset) {}
}
