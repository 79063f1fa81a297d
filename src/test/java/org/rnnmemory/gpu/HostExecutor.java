package org.rnnmemory.gpu;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An {@link Executor} on the host for tests: "device" memory is native host memory, GEMMs are a
 * plain column-major float32 loop with cuBLAS's semantics, and kernels are the engine's own CUDA C
 * source compiled as C++ by the host compiler (test resources {@code gpu/cuda_shim.h} and
 * {@code gpu/emulate.cpp}) and run block by block, thread by thread ({@value Kernels#FORWARD}, which
 * synchronises its threads, with one thread per block). Captured programs are replayed operation by
 * operation.
 */
public final class HostExecutor implements Executor {
    private final Arena arena = Arena.ofShared();
    private final MethodHandle launch;
    private final MethodHandle tanh;
    private final Map<Long, MemorySegment> blocks = new java.util.HashMap<>();

    private HostExecutor(MethodHandle launch, MethodHandle tanh) {
        this.launch = launch;
        this.tanh = tanh;
    }

    /** The kernels' device function rnn_tanh, compiled for the host. */
    public float tanh(float x) {
        try {
            return (float) tanh.invokeExact(x);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The C++ compiler, or null when there is none. */
    public static String compiler() {
        for (String c : List.of("/usr/bin/g++", "/usr/bin/c++", "/usr/bin/clang++")) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        return null;
    }

    /**
     * Compiles the emulator with the engine's kernel source into {@code dir} and loads it.
     *
     * @param extraFlags compiler flags besides the defaults (e.g. warnings as errors)
     */
    public static HostExecutor compile(Path dir, String... extraFlags) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("kernels.cu"), Kernels.source());
        for (String res : List.of("cuda_shim.h", "emulate.cpp")) {
            try (InputStream in = HostExecutor.class.getResourceAsStream("/gpu/" + res)) {
                Files.write(dir.resolve(res), in.readAllBytes());
            }
        }
        Path lib = dir.resolve("libemu.so");
        List<String> cmd = new java.util.ArrayList<>(List.of(compiler(), "-std=c++17", "-shared", "-fPIC", "-O1",
                "-ffp-contract=off", "-o", lib.toString(), dir.resolve("emulate.cpp").toString()));
        cmd.addAll(List.of(extraFlags));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("compiling the kernel emulator failed: " + out);
        }
        SymbolLookup lookup = SymbolLookup.libraryLookup(lib, Arena.global());
        MethodHandle h = Linker.nativeLinker().downcallHandle(lookup.find("emu_launch").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
        MethodHandle t = Linker.nativeLinker().downcallHandle(lookup.find("emu_tanh").orElseThrow(),
                FunctionDescriptor.of(JAVA_FLOAT, JAVA_FLOAT));
        return new HostExecutor(h, t);
    }

    @Override
    public void bind() {}

    @Override
    public long[] memory() {
        return new long[] {Runtime.getRuntime().maxMemory(), Runtime.getRuntime().maxMemory()};
    }

    @Override
    public long allocate(long bytes) {
        MemorySegment s = arena.allocate(bytes, 256);
        s.fill((byte) 0x7f);
        blocks.put(s.address(), s);
        return s.address();
    }

    @Override
    public void free(long address) {
        blocks.remove(address);
    }

    @Override
    public MemorySegment hostBuffer(long bytes) {
        return arena.allocate(bytes, 256);
    }

    @Override
    public void freeHost(MemorySegment buffer) {}

    @Override
    public void upload(long device, MemorySegment host, long bytes) {
        MemorySegment.copy(host, 0, at(device, bytes), 0, bytes);
    }

    @Override
    public void download(MemorySegment host, long device, long bytes) {
        MemorySegment.copy(at(device, bytes), 0, host, 0, bytes);
    }

    @Override
    public void zero(long device, long bytes) {
        at(device, bytes).fill((byte) 0);
    }

    @Override
    public void run(List<Op> ops, long base) {
        for (Op op : ops) {
            switch (op) {
                case Op.Gemm g -> gemm(g, base);
                case Op.Launch l -> launch(l, base);
            }
        }
    }

    private record Program(List<Op> ops, long base) {}

    @Override
    public Object capture(List<Op> ops, long base) {
        return new Program(List.copyOf(ops), base);
    }

    @Override
    public void replay(Object program) {
        Program p = (Program) program;
        run(p.ops(), p.base());
    }

    @Override
    public void release(Object program) {}

    @Override
    public void synchronize() {}

    private static MemorySegment at(long address, long bytes) {
        return MemorySegment.ofAddress(address).reinterpret(bytes);
    }

    /** Column-major C = alpha op(A) op(B) + beta C, float32 sums in index order. */
    private static void gemm(Op.Gemm g, long base) {
        MemorySegment a = at(base + g.a(), 4L * g.lda() * (g.transA() == 0 ? g.k() : g.m()));
        MemorySegment b = at(base + g.b(), 4L * g.ldb() * (g.transB() == 0 ? g.n() : g.k()));
        MemorySegment c = at(base + g.c(), 4L * g.ldc() * g.n());
        for (int j = 0; j < g.n(); j++) {
            for (int i = 0; i < g.m(); i++) {
                float acc = 0f;
                for (int l = 0; l < g.k(); l++) {
                    float av = a.getAtIndex(JAVA_FLOAT, g.transA() == 0 ? i + (long) l * g.lda() : l + (long) i * g.lda());
                    float bv = b.getAtIndex(JAVA_FLOAT, g.transB() == 0 ? l + (long) j * g.ldb() : j + (long) l * g.ldb());
                    acc += av * bv;
                }
                long at = i + (long) j * g.ldc();
                float old = g.beta() == 0f ? 0f : c.getAtIndex(JAVA_FLOAT, at);
                c.setAtIndex(JAVA_FLOAT, at, g.alpha() * acc + g.beta() * old);
            }
        }
    }

    private void launch(Op.Launch l, long base) {
        int block = Kernels.FORWARD.equals(l.kernel()) ? 1 : l.block();
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
            int status = (int) launch.invoke(a.allocateFrom(l.kernel()), l.grid(), block, params);
            if (status != 0) {
                throw new IllegalStateException("emulator has no kernel " + l.kernel());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
