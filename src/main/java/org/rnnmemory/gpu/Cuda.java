package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The process's CUDA device (ordinal 0 of those visible): the driver, runtime, cuBLAS and NVRTC
 * bound through the foreign-function API, one stream, one cuBLAS handle and the kernels compiled for
 * the device. Opened once per process by {@link #open()}; stays open until the process ends.
 *
 * <p>Opening checks, in order: the driver library loads, the driver sees a device, the CUDA 12/13
 * libraries are found ({@link CudaLibraries}) and load, the runtime accepts the driver, NVRTC compiles
 * the kernels. Any failure is a one-line {@link CudaUnavailableException}.
 */
public final class Cuda {
    private static Cuda instance;

    private final CudaDriver driver;
    private final CudaRuntime runtime;
    private final Cublas cublas;
    private final MemorySegment context;
    private final MemorySegment stream;
    private final Map<String, MemorySegment> functions = new HashMap<>();
    private final CudaInfo info;

    private Cuda(Map<String, String> env, Path root) {
        Optional<Path> driverPath = CudaLibraries.driver(env, root);
        Native driverLib;
        try {
            driverLib = driverPath.isPresent() ? Native.load(driverPath.get())
                    : Native.loadByName(CudaLibraries.DRIVER);
        } catch (CudaUnavailableException e) {
            throw new CudaUnavailableException("no NVIDIA driver: " + CudaLibraries.DRIVER + " cannot be loaded (not in "
                    + CudaLibraries.ENV + ", LD_LIBRARY_PATH, the system library folders or the loader's cache)", e);
        }
        driver = new CudaDriver(driverLib);
        driver.initAndCount();
        int device = driver.device(0);
        CudaLibraries libs = CudaLibraries.find(env, root);
        Map<String, Native> loaded = new HashMap<>();
        for (Path p : libs.loadOrder()) {
            loaded.put(p.getFileName().toString(), Native.load(p));
        }
        runtime = new CudaRuntime(loaded.get(libs.cudart().getFileName().toString()));
        int driverCuda = driver.version();
        try {
            runtime.deviceCount();
        } catch (CudaUnavailableException e) {
            throw new CudaUnavailableException(e.getMessage() + " (the driver supports CUDA "
                    + CudaInfo.cudaVersion(driverCuda) + ", the runtime is " + libs.cudart() + ")", e);
        }
        runtime.setDevice(0);
        context = driver.primaryContext(device);
        driver.setCurrent(context);
        stream = runtime.streamCreate();
        cublas = new Cublas(loaded.get(libs.cublas().getFileName().toString()), runtime, stream);
        Nvrtc nvrtc = new Nvrtc(loaded.get(libs.nvrtc().getFileName().toString()));
        int[] cc = driver.computeCapability(device);
        Nvrtc.Compiled compiled = nvrtc.compile(Kernels.source(), "rnn_kernels.cu", cc[0] * 10 + cc[1], Kernels.OPTIONS);
        MemorySegment module = driver.loadModule(compiled.image());
        for (String name : Kernels.ENTRY_POINTS) {
            functions.put(name, driver.function(module, name));
        }
        Map<String, String> dirs = new LinkedHashMap<>();
        dirs.put("cudart", libs.cudart().toString());
        dirs.put("cublas", libs.cublas().toString());
        dirs.put("nvrtc", libs.nvrtc().toString());
        dirs.put("driver", driverPath.map(Path::toString).orElse(CudaLibraries.DRIVER + " (loader's search)"));
        info = new CudaInfo(driver.name(device), cc[0] + "." + cc[1], driver.totalMemory(device),
                CudaInfo.moduleVersion(readQuietly(root.resolve("proc/driver/nvidia/version"))),
                CudaInfo.cudaVersion(driverCuda), CudaInfo.cudaVersion(runtime.runtimeVersion()),
                CudaInfo.cublasVersion(cublas.version()), nvrtc.version(), compiled.target(), dirs);
    }

    /**
     * The process's device, opened on first use.
     *
     * @throws CudaUnavailableException when there is no usable GPU or CUDA installation
     */
    public static synchronized Cuda open() {
        if (instance == null) {
            instance = new Cuda(System.getenv(), Path.of("/"));
        }
        return instance;
    }

    public CudaInfo info() {
        return info;
    }

    /** An executor on this device's stream. */
    public Executor executor() {
        return new DeviceExecutor();
    }

    /**
     * Seconds of one float32 GEMM [rows, n] x [n, n] (as in the forward pass) and one [rows, n] x [n, n]^T
     * (the backward pass), each the fastest of 5 replays of a graph of {@code reps} captured GEMMs.
     *
     * @return {forward, backward} seconds per GEMM
     */
    public synchronized double[] gemmSeconds(int rows, int n, int reps) {
        Executor ex = executor();
        ex.bind();
        long a = ex.allocate(4L * rows * n);
        long b = ex.allocate(4L * n * n);
        long c = ex.allocate(4L * rows * n);
        MemorySegment host = ex.hostBuffer(4L * n * n);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        for (long i = 0; i < (long) n * n; i++) {
            host.setAtIndex(JAVA_FLOAT, i, (float) (rng.nextDouble() - 0.5));
        }
        ex.zero(a, 4L * rows * n);
        ex.upload(b, host, 4L * n * n);
        ex.upload(a, host, 4L * Math.min((long) rows * n, (long) n * n));
        double[] out = new double[2];
        for (int variant = 0; variant < 2; variant++) {
            int trans = variant == 0 ? Cublas.OP_N : Cublas.OP_T;
            List<Op> ops = new java.util.ArrayList<>();
            for (int i = 0; i < reps; i++) {
                ops.add(new Op.Gemm(trans, Cublas.OP_N, n, rows, n, 1f, b, n, a, n, 0f, c, n));
            }
            Object graph = ex.capture(ops, 0);
            ex.replay(graph);
            ex.synchronize();
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                ex.replay(graph);
                ex.synchronize();
                best = Math.min(best, (System.nanoTime() - t0) / 1e9 / reps);
            }
            ex.release(graph);
            out[variant] = best;
        }
        ex.freeHost(host);
        ex.free(a);
        ex.free(b);
        ex.free(c);
        return out;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Runs operations on the device's stream; captured programs are CUDA graphs. */
    private final class DeviceExecutor implements Executor {
        @Override
        public void bind() {
            driver.setCurrent(context);
            runtime.setDevice(0);
        }

        @Override
        public long[] memory() {
            return runtime.memInfo();
        }

        @Override
        public long allocate(long bytes) {
            return runtime.malloc(bytes);
        }

        @Override
        public void free(long address) {
            runtime.free(address);
        }

        @Override
        public MemorySegment hostBuffer(long bytes) {
            return runtime.mallocHost(bytes);
        }

        @Override
        public void freeHost(MemorySegment buffer) {
            runtime.freeHost(buffer);
        }

        @Override
        public void upload(long device, MemorySegment host, long bytes) {
            runtime.memcpyAsync(device, host.address(), bytes, CudaRuntime.MEMCPY_HOST_TO_DEVICE, stream);
        }

        @Override
        public void download(MemorySegment host, long device, long bytes) {
            runtime.memcpyAsync(host.address(), device, bytes, CudaRuntime.MEMCPY_DEVICE_TO_HOST, stream);
        }

        @Override
        public void zero(long device, long bytes) {
            runtime.memsetAsync(device, bytes, stream);
        }

        @Override
        public void run(List<Op> ops, long base) {
            for (Op op : ops) {
                issue(op, base);
            }
        }

        @Override
        public Object capture(List<Op> ops, long base) {
            runtime.beginCapture(stream);
            try {
                run(ops, base);
            } catch (RuntimeException e) {
                try {
                    runtime.destroy(runtime.endCaptureAndInstantiate(stream));
                } catch (RuntimeException ignored) {
                    // the capture is invalid after a failed call; the original error is the one to report
                }
                throw e;
            }
            return runtime.endCaptureAndInstantiate(stream);
        }

        @Override
        public void replay(Object program) {
            runtime.launch((MemorySegment) program, stream);
        }

        @Override
        public void release(Object program) {
            runtime.destroy((MemorySegment) program);
        }

        @Override
        public void synchronize() {
            runtime.synchronize(stream);
        }

        private void issue(Op op, long base) {
            switch (op) {
                case Op.Gemm g -> cublas.sgemm(g.transA(), g.transB(), g.m(), g.n(), g.k(), g.alpha(), base + g.a(),
                        g.lda(), base + g.b(), g.ldb(), g.beta(), base + g.c(), g.ldc());
                case Op.Launch l -> launch(l, base);
            }
        }

        private void launch(Op.Launch l, long base) {
            MemorySegment fn = functions.get(l.kernel());
            if (fn == null) {
                throw new IllegalArgumentException("no kernel " + l.kernel());
            }
            try (Arena a = Arena.ofConfined()) {
                MemorySegment params = a.allocate(ADDRESS, l.args().size());
                for (int i = 0; i < l.args().size(); i++) {
                    Object arg = l.args().get(i);
                    MemorySegment cell = switch (arg) {
                        case Op.Ptr p -> a.allocateFrom(JAVA_LONG, base + p.offset());
                        case Integer v -> a.allocateFrom(JAVA_INT, v);
                        case Float v -> a.allocateFrom(JAVA_FLOAT, v);
                        default -> throw new IllegalArgumentException("kernel argument " + arg);
                    };
                    params.setAtIndex(ADDRESS, i, cell);
                }
                driver.launch(fn, l.grid(), l.block(), 0, stream, params);
            }
        }
    }
}
