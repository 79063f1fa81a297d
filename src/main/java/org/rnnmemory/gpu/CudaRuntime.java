package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The CUDA runtime ({@code libcudart.so.12/13}) calls the engine makes: memory, streams, copies and
 * CUDA graphs. Device addresses are plain {@code long}s; a failed call throws {@link CudaException}
 * naming the call and the runtime's error name.
 */
final class CudaRuntime {
    static final int MEMCPY_HOST_TO_DEVICE = 1;
    static final int MEMCPY_DEVICE_TO_HOST = 2;
    private static final int STREAM_NON_BLOCKING = 1;
    private static final int CAPTURE_MODE_THREAD_LOCAL = 1;

    private final MethodHandle getDeviceCount;
    private final MethodHandle setDevice;
    private final MethodHandle runtimeGetVersion;
    private final MethodHandle getErrorName;
    private final MethodHandle malloc;
    private final MethodHandle free;
    private final MethodHandle mallocHost;
    private final MethodHandle freeHost;
    private final MethodHandle memGetInfo;
    private final MethodHandle memcpyAsync;
    private final MethodHandle memsetAsync;
    private final MethodHandle streamCreate;
    private final MethodHandle streamSynchronize;
    private final MethodHandle beginCapture;
    private final MethodHandle endCapture;
    private final MethodHandle instantiate;
    private final MethodHandle graphLaunch;
    private final MethodHandle graphDestroy;
    private final MethodHandle graphExecDestroy;

    CudaRuntime(Native lib) {
        getDeviceCount = lib.function("cudaGetDeviceCount", Native.status(ADDRESS));
        setDevice = lib.function("cudaSetDevice", Native.status(JAVA_INT));
        runtimeGetVersion = lib.function("cudaRuntimeGetVersion", Native.status(ADDRESS));
        getErrorName = lib.function("cudaGetErrorName", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        malloc = lib.function("cudaMalloc", Native.status(ADDRESS, JAVA_LONG));
        free = lib.function("cudaFree", Native.status(ADDRESS));
        mallocHost = lib.function("cudaMallocHost", Native.status(ADDRESS, JAVA_LONG));
        freeHost = lib.function("cudaFreeHost", Native.status(ADDRESS));
        memGetInfo = lib.function("cudaMemGetInfo", Native.status(ADDRESS, ADDRESS));
        memcpyAsync = lib.function("cudaMemcpyAsync", Native.status(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
        memsetAsync = lib.function("cudaMemsetAsync", Native.status(ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS));
        streamCreate = lib.function("cudaStreamCreateWithFlags", Native.status(ADDRESS, JAVA_INT));
        streamSynchronize = lib.function("cudaStreamSynchronize", Native.status(ADDRESS));
        beginCapture = lib.function("cudaStreamBeginCapture", Native.status(ADDRESS, JAVA_INT));
        endCapture = lib.function("cudaStreamEndCapture", Native.status(ADDRESS, ADDRESS));
        instantiate = lib.function("cudaGraphInstantiateWithFlags", Native.status(ADDRESS, ADDRESS, JAVA_LONG));
        graphLaunch = lib.function("cudaGraphLaunch", Native.status(ADDRESS, ADDRESS));
        graphDestroy = lib.function("cudaGraphDestroy", Native.status(ADDRESS));
        graphExecDestroy = lib.function("cudaGraphExecDestroy", Native.status(ADDRESS));
    }

    /** Number of CUDA devices, or the runtime's error name as a {@link CudaUnavailableException}. */
    int deviceCount() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            int s = invoke(getDeviceCount, n);
            if (s != 0) {
                throw new CudaUnavailableException("no CUDA device: cudaGetDeviceCount returned " + errorName(s));
            }
            return n.get(JAVA_INT, 0);
        }
    }

    void setDevice(int device) {
        check("cudaSetDevice", invoke(setDevice, device));
    }

    /** 1000 major + 10 minor, e.g. 13000 for CUDA 13.0. */
    int runtimeVersion() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check("cudaRuntimeGetVersion", invoke(runtimeGetVersion, v));
            return v.get(JAVA_INT, 0);
        }
    }

    long malloc(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check("cudaMalloc(" + bytes + " bytes)", invoke(malloc, p, bytes));
            return Native.pointer(p).address();
        }
    }

    void free(long device) {
        check("cudaFree", invoke(free, MemorySegment.ofAddress(device)));
    }

    /** Page-locked host memory of {@code bytes}, readable and writable from Java. */
    MemorySegment mallocHost(long bytes) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check("cudaMallocHost(" + bytes + " bytes)", invoke(mallocHost, p, bytes));
            return Native.pointer(p).reinterpret(bytes);
        }
    }

    void freeHost(MemorySegment host) {
        check("cudaFreeHost", invoke(freeHost, host));
    }

    /** {free, total} device memory in bytes. */
    long[] memInfo() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(JAVA_LONG);
            MemorySegment t = a.allocate(JAVA_LONG);
            check("cudaMemGetInfo", invoke(memGetInfo, f, t));
            return new long[] {f.get(JAVA_LONG, 0), t.get(JAVA_LONG, 0)};
        }
    }

    void memcpyAsync(long dst, long src, long bytes, int kind, MemorySegment stream) {
        check("cudaMemcpyAsync", invoke(memcpyAsync, MemorySegment.ofAddress(dst), MemorySegment.ofAddress(src), bytes,
                kind, stream));
    }

    void memsetAsync(long dst, long bytes, MemorySegment stream) {
        check("cudaMemsetAsync", invoke(memsetAsync, MemorySegment.ofAddress(dst), 0, bytes, stream));
    }

    MemorySegment streamCreate() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            check("cudaStreamCreateWithFlags", invoke(streamCreate, p, STREAM_NON_BLOCKING));
            return Native.pointer(p);
        }
    }

    void synchronize(MemorySegment stream) {
        check("cudaStreamSynchronize", invoke(streamSynchronize, stream));
    }

    void beginCapture(MemorySegment stream) {
        check("cudaStreamBeginCapture", invoke(beginCapture, stream, CAPTURE_MODE_THREAD_LOCAL));
    }

    /** Ends a capture and instantiates the graph; returns the executable graph. */
    MemorySegment endCaptureAndInstantiate(MemorySegment stream) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment g = a.allocate(ADDRESS);
            check("cudaStreamEndCapture", invoke(endCapture, stream, g));
            MemorySegment graph = Native.pointer(g);
            MemorySegment e = a.allocate(ADDRESS);
            try {
                check("cudaGraphInstantiateWithFlags", invoke(instantiate, e, graph, 0L));
            } finally {
                invoke(graphDestroy, graph);
            }
            return Native.pointer(e);
        }
    }

    void launch(MemorySegment graphExec, MemorySegment stream) {
        check("cudaGraphLaunch", invoke(graphLaunch, graphExec, stream));
    }

    void destroy(MemorySegment graphExec) {
        check("cudaGraphExecDestroy", invoke(graphExecDestroy, graphExec));
    }

    String errorName(int status) {
        try {
            return Native.string((MemorySegment) getErrorName.invoke(status)) + " (" + status + ")";
        } catch (Throwable t) {
            return "error " + status;
        }
    }

    private void check(String call, int status) {
        if (status != 0) {
            throw new CudaException(call + " failed: " + errorName(status));
        }
    }

    static int invoke(MethodHandle h, Object... args) {
        try {
            return (int) h.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
