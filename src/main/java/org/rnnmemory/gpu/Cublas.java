package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * cuBLAS ({@code libcublas.so.12/13}): one handle bound to the engine's stream, with a fixed workspace
 * (so that GEMMs can be captured in a CUDA graph) and the default math mode, in which single-precision
 * GEMMs compute in float32 (no TF32).
 */
final class Cublas {
    static final int OP_N = 0;
    static final int OP_T = 1;
    private static final int DEFAULT_MATH = 0;
    /** Workspace given to cuBLAS (its recommendation for Hopper and newer). */
    static final long WORKSPACE_BYTES = 32L << 20;

    private final MethodHandle sgemm;
    private final MemorySegment handle;
    private final int version;

    Cublas(Native lib, CudaRuntime rt, MemorySegment stream) {
        MethodHandle create = lib.function("cublasCreate_v2", Native.status(ADDRESS));
        MethodHandle setStream = lib.function("cublasSetStream_v2", Native.status(ADDRESS, ADDRESS));
        MethodHandle setMath = lib.function("cublasSetMathMode", Native.status(ADDRESS, JAVA_INT));
        MethodHandle getVersion = lib.function("cublasGetVersion_v2", Native.status(ADDRESS, ADDRESS));
        sgemm = lib.function("cublasSgemm_v2", Native.status(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment h = a.allocate(ADDRESS);
            check("cublasCreate", CudaRuntime.invoke(create, h));
            handle = Native.pointer(h);
            check("cublasSetStream", CudaRuntime.invoke(setStream, handle, stream));
            check("cublasSetMathMode", CudaRuntime.invoke(setMath, handle, DEFAULT_MATH));
            if (lib.has("cublasSetWorkspace_v2")) {
                MethodHandle setWorkspace = lib.function("cublasSetWorkspace_v2",
                        Native.status(ADDRESS, ADDRESS, JAVA_LONG));
                long ws = rt.malloc(WORKSPACE_BYTES);
                check("cublasSetWorkspace", CudaRuntime.invoke(setWorkspace, handle, MemorySegment.ofAddress(ws),
                        WORKSPACE_BYTES));
            }
            MemorySegment v = a.allocate(JAVA_INT);
            check("cublasGetVersion", CudaRuntime.invoke(getVersion, handle, v));
            version = v.get(JAVA_INT, 0);
        }
    }

    /** cuBLAS's version number: 10000 major + 100 minor + patch. */
    int version() {
        return version;
    }

    /** Column-major C = alpha op(A) op(B) + beta C with device addresses. */
    void sgemm(int transA, int transB, int m, int n, int k, float alpha, long a, int lda, long b, int ldb, float beta,
               long c, int ldc) {
        try (Arena ar = Arena.ofConfined()) {
            MemorySegment al = ar.allocateFrom(JAVA_FLOAT, alpha);
            MemorySegment be = ar.allocateFrom(JAVA_FLOAT, beta);
            check("cublasSgemm", CudaRuntime.invoke(sgemm, handle, transA, transB, m, n, k, al,
                    MemorySegment.ofAddress(a), lda, MemorySegment.ofAddress(b), ldb, be, MemorySegment.ofAddress(c),
                    ldc));
        }
    }

    private static void check(String call, int status) {
        if (status != 0) {
            throw new CudaException(call + " failed: cublasStatus " + status);
        }
    }
}
