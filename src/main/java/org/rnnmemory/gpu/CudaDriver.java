package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The CUDA driver API ({@code libcuda.so.1}) calls the engine makes: the device's identity, its primary
 * context (shared with the runtime), loading the NVRTC-compiled module and launching its kernels.
 */
final class CudaDriver {
    private static final int ATTR_CC_MAJOR = 75;
    private static final int ATTR_CC_MINOR = 76;
    private static final int ERROR_NO_DEVICE = 100;

    private final MethodHandle init;
    private final MethodHandle driverGetVersion;
    private final MethodHandle deviceGetCount;
    private final MethodHandle deviceGet;
    private final MethodHandle deviceGetName;
    private final MethodHandle deviceGetAttribute;
    private final MethodHandle deviceTotalMem;
    private final MethodHandle primaryCtxRetain;
    private final MethodHandle ctxSetCurrent;
    private final MethodHandle moduleLoadData;
    private final MethodHandle moduleGetFunction;
    private final MethodHandle launchKernel;
    private final MethodHandle getErrorName;

    CudaDriver(Native lib) {
        init = lib.function("cuInit", Native.status(JAVA_INT));
        driverGetVersion = lib.function("cuDriverGetVersion", Native.status(ADDRESS));
        deviceGetCount = lib.function("cuDeviceGetCount", Native.status(ADDRESS));
        deviceGet = lib.function("cuDeviceGet", Native.status(ADDRESS, JAVA_INT));
        deviceGetName = lib.function("cuDeviceGetName", Native.status(ADDRESS, JAVA_INT, JAVA_INT));
        deviceGetAttribute = lib.function("cuDeviceGetAttribute", Native.status(ADDRESS, JAVA_INT, JAVA_INT));
        deviceTotalMem = lib.function("cuDeviceTotalMem_v2", Native.status(ADDRESS, JAVA_INT));
        primaryCtxRetain = lib.function("cuDevicePrimaryCtxRetain", Native.status(ADDRESS, JAVA_INT));
        ctxSetCurrent = lib.function("cuCtxSetCurrent", Native.status(ADDRESS));
        moduleLoadData = lib.function("cuModuleLoadData", Native.status(ADDRESS, ADDRESS));
        moduleGetFunction = lib.function("cuModuleGetFunction", Native.status(ADDRESS, ADDRESS, ADDRESS));
        launchKernel = lib.function("cuLaunchKernel", Native.status(ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        getErrorName = lib.function("cuGetErrorName", Native.status(JAVA_INT, ADDRESS));
    }

    /** Initialises the driver and returns the number of devices; none is a {@link CudaUnavailableException}. */
    int initAndCount() {
        int s = CudaRuntime.invoke(init, 0);
        if (s != 0) {
            throw new CudaUnavailableException("no CUDA device: cuInit returned " + errorName(s)
                    + (s == ERROR_NO_DEVICE ? "" : " (is the NVIDIA driver loaded?)"));
        }
        int n = intOut(deviceGetCount, "cuDeviceGetCount");
        if (n < 1) {
            throw new CudaUnavailableException("no CUDA device: the NVIDIA driver reports 0 devices");
        }
        return n;
    }

    /** 1000 major + 10 minor of the newest CUDA version the driver supports. */
    int version() {
        return intOut(driverGetVersion, "cuDriverGetVersion");
    }

    int device(int ordinal) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment d = a.allocate(JAVA_INT);
            check("cuDeviceGet", CudaRuntime.invoke(deviceGet, d, ordinal));
            return d.get(JAVA_INT, 0);
        }
    }

    String name(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment s = a.allocate(256);
            check("cuDeviceGetName", CudaRuntime.invoke(deviceGetName, s, 256, device));
            return s.getString(0);
        }
    }

    /** {major, minor} compute capability. */
    int[] computeCapability(int device) {
        return new int[] {attribute(device, ATTR_CC_MAJOR), attribute(device, ATTR_CC_MINOR)};
    }

    long totalMemory(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_LONG);
            check("cuDeviceTotalMem", CudaRuntime.invoke(deviceTotalMem, v, device));
            return v.get(JAVA_LONG, 0);
        }
    }

    /** The device's primary context (the one the runtime uses). */
    MemorySegment primaryContext(int device) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment c = a.allocate(ADDRESS);
            check("cuDevicePrimaryCtxRetain", CudaRuntime.invoke(primaryCtxRetain, c, device));
            return Native.pointer(c);
        }
    }

    void setCurrent(MemorySegment context) {
        check("cuCtxSetCurrent", CudaRuntime.invoke(ctxSetCurrent, context));
    }

    /** Loads a CUBIN or NUL-terminated PTX image. */
    MemorySegment loadModule(byte[] image) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment img = a.allocate(image.length + 1L);
            img.copyFrom(MemorySegment.ofArray(image));
            MemorySegment m = a.allocate(ADDRESS);
            check("cuModuleLoadData", CudaRuntime.invoke(moduleLoadData, m, img));
            return Native.pointer(m);
        }
    }

    MemorySegment function(MemorySegment module, String name) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment f = a.allocate(ADDRESS);
            check("cuModuleGetFunction(" + name + ")", CudaRuntime.invoke(moduleGetFunction, f, module,
                    a.allocateFrom(name)));
            return Native.pointer(f);
        }
    }

    /** Launches a 1-D grid on {@code stream}; {@code params} is the void** array of argument addresses. */
    void launch(MemorySegment function, int grid, int block, int sharedBytes, MemorySegment stream,
                MemorySegment params) {
        check("cuLaunchKernel", CudaRuntime.invoke(launchKernel, function, grid, 1, 1, block, 1, 1, sharedBytes, stream,
                params, MemorySegment.NULL));
    }

    String errorName(int status) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment p = a.allocate(ADDRESS);
            int s = CudaRuntime.invoke(getErrorName, status, p);
            return (s == 0 ? Native.string(Native.pointer(p)) : "CUresult") + " (" + status + ")";
        }
    }

    private int attribute(int device, int attr) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check("cuDeviceGetAttribute", CudaRuntime.invoke(deviceGetAttribute, v, attr, device));
            return v.get(JAVA_INT, 0);
        }
    }

    private int intOut(MethodHandle h, String call) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment v = a.allocate(JAVA_INT);
            check(call, CudaRuntime.invoke(h, v));
            return v.get(JAVA_INT, 0);
        }
    }

    private void check(String call, int status) {
        if (status != 0) {
            throw new CudaException(call + " failed: " + errorName(status));
        }
    }
}
