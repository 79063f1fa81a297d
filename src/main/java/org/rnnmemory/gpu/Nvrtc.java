package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * NVRTC ({@code libnvrtc.so.12/13}): compiles CUDA C source at run time. For a device whose
 * architecture this NVRTC knows, the result is machine code (CUBIN) for exactly that architecture;
 * otherwise PTX for the newest virtual architecture it knows, which the driver compiles on loading.
 */
final class Nvrtc {
    private final MethodHandle version;
    private final MethodHandle numArchs;
    private final MethodHandle archs;
    private final MethodHandle create;
    private final MethodHandle compile;
    private final MethodHandle logSize;
    private final MethodHandle log;
    private final MethodHandle cubinSize;
    private final MethodHandle cubin;
    private final MethodHandle ptxSize;
    private final MethodHandle ptx;
    private final MethodHandle destroy;
    private final MethodHandle errorString;

    /**
     * A compiled program.
     *
     * @param image CUBIN bytes, or PTX text
     * @param target the architecture option used, e.g. "sm_90" or "compute_90"
     * @param log the compiler's log (warnings)
     */
    record Compiled(byte[] image, String target, String log) {}

    Nvrtc(Native lib) {
        version = lib.function("nvrtcVersion", Native.status(ADDRESS, ADDRESS));
        numArchs = lib.function("nvrtcGetNumSupportedArchs", Native.status(ADDRESS));
        archs = lib.function("nvrtcGetSupportedArchs", Native.status(ADDRESS));
        create = lib.function("nvrtcCreateProgram", Native.status(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS,
                ADDRESS));
        compile = lib.function("nvrtcCompileProgram", Native.status(ADDRESS, JAVA_INT, ADDRESS));
        logSize = lib.function("nvrtcGetProgramLogSize", Native.status(ADDRESS, ADDRESS));
        log = lib.function("nvrtcGetProgramLog", Native.status(ADDRESS, ADDRESS));
        cubinSize = lib.function("nvrtcGetCUBINSize", Native.status(ADDRESS, ADDRESS));
        cubin = lib.function("nvrtcGetCUBIN", Native.status(ADDRESS, ADDRESS));
        ptxSize = lib.function("nvrtcGetPTXSize", Native.status(ADDRESS, ADDRESS));
        ptx = lib.function("nvrtcGetPTX", Native.status(ADDRESS, ADDRESS));
        destroy = lib.function("nvrtcDestroyProgram", Native.status(ADDRESS));
        errorString = lib.function("nvrtcGetErrorString", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    }

    /** "major.minor" of this NVRTC. */
    String version() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ma = a.allocate(JAVA_INT);
            MemorySegment mi = a.allocate(JAVA_INT);
            check("nvrtcVersion", CudaRuntime.invoke(version, ma, mi));
            return ma.get(JAVA_INT, 0) + "." + mi.get(JAVA_INT, 0);
        }
    }

    /** The architectures this NVRTC compiles machine code for, as 10 major + minor (e.g. 90). */
    List<Integer> supportedArchs() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment n = a.allocate(JAVA_INT);
            check("nvrtcGetNumSupportedArchs", CudaRuntime.invoke(numArchs, n));
            int count = n.get(JAVA_INT, 0);
            MemorySegment list = a.allocate(JAVA_INT, Math.max(1, count));
            check("nvrtcGetSupportedArchs", CudaRuntime.invoke(archs, list));
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(list.getAtIndex(JAVA_INT, i));
            }
            return out;
        }
    }

    /** Compiles {@code source} for a device of compute capability {@code arch} (10 major + minor). */
    Compiled compile(String source, String name, int arch, List<String> options) {
        List<Integer> known = supportedArchs();
        boolean exact = known.contains(arch);
        int virtual = exact ? arch : known.stream().filter(x -> x <= arch).max(Integer::compare)
                .orElseThrow(() -> new CudaUnavailableException("NVRTC " + version() + " cannot compile for compute "
                        + "capability " + arch / 10 + "." + arch % 10 + " (it knows " + known + ")"));
        String target = (exact ? "sm_" : "compute_") + virtual;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment prog = a.allocate(ADDRESS);
            check("nvrtcCreateProgram", CudaRuntime.invoke(create, prog, a.allocateFrom(source), a.allocateFrom(name), 0,
                    MemorySegment.NULL, MemorySegment.NULL));
            MemorySegment p = Native.pointer(prog);
            try {
                List<String> opts = new ArrayList<>(options);
                opts.add("--gpu-architecture=" + target);
                MemorySegment optArray = a.allocate(ADDRESS, opts.size());
                for (int i = 0; i < opts.size(); i++) {
                    optArray.setAtIndex(ADDRESS, i, a.allocateFrom(opts.get(i)));
                }
                int status = CudaRuntime.invoke(compile, p, opts.size(), optArray);
                String text = log(a, p);
                if (status != 0) {
                    throw new CudaException("NVRTC could not compile the kernels for " + target + ": "
                            + errorString(status) + ": " + Native.oneLine(text));
                }
                byte[] image = exact ? bytes(a, p, cubinSize, cubin, "CUBIN") : bytes(a, p, ptxSize, ptx, "PTX");
                return new Compiled(image, target, text);
            } finally {
                check("nvrtcDestroyProgram", CudaRuntime.invoke(destroy, prog));
            }
        }
    }

    private String log(Arena a, MemorySegment p) {
        MemorySegment size = a.allocate(JAVA_LONG);
        check("nvrtcGetProgramLogSize", CudaRuntime.invoke(logSize, p, size));
        long n = size.get(JAVA_LONG, 0);
        if (n <= 1) {
            return "";
        }
        MemorySegment text = a.allocate(n);
        check("nvrtcGetProgramLog", CudaRuntime.invoke(log, p, text));
        return text.getString(0);
    }

    private byte[] bytes(Arena a, MemorySegment p, MethodHandle sizeOf, MethodHandle get, String what) {
        MemorySegment size = a.allocate(JAVA_LONG);
        check("nvrtcGet" + what + "Size", CudaRuntime.invoke(sizeOf, p, size));
        MemorySegment out = a.allocate(size.get(JAVA_LONG, 0));
        check("nvrtcGet" + what, CudaRuntime.invoke(get, p, out));
        return out.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    private String errorString(int status) {
        try {
            return Native.string((MemorySegment) errorString.invoke(status));
        } catch (Throwable t) {
            return "nvrtcResult " + status;
        }
    }

    private void check(String call, int status) {
        if (status != 0) {
            throw new CudaException(call + " failed: " + errorString(status));
        }
    }
}
