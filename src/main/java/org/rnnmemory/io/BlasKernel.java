package org.rnnmemory.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The OpenBLAS kernel ("core type") that ND4J's bundled OpenBLAS 0.3.19 uses for its products.
 *
 * <p>That OpenBLAS chooses its kernels when it is loaded, from the environment variable
 * {@code OPENBLAS_CORETYPE} or, when unset, from the CPU it recognises; it does not recognise
 * recent CPUs (AMD Zen 4/5, for instance) and falls back to a generic kernel that is 2-4x slower
 * than the one the CPU can run. So, before ND4J is loaded, {@link #select()} sets
 * {@code OPENBLAS_CORETYPE} in this process to the fastest kernel the CPU supports, unless the
 * user set it:
 * <ul>
 *   <li>{@code SkylakeX} (AVX-512) where the CPU reports avx512f, avx512bw, avx512dq and avx512vl;</li>
 *   <li>{@code Haswell} (AVX2) where it reports avx2 and fma;</li>
 *   <li>nothing otherwise (OpenBLAS's own choice).</li>
 * </ul>
 * After loading, {@link #verify()} multiplies small random float and double matrices with ND4J
 * and with a plain-Java loop; if they disagree, the caller restarts the process with the next
 * kernel down ({@link #fallback(String)}), so wrong products are never used.
 */
public final class BlasKernel {
    /** The environment variable OpenBLAS reads. */
    public static final String ENV = "OPENBLAS_CORETYPE";
    /** Set in a restarted process: the kernel that failed the check, so it is not chosen again. */
    public static final String FAILED_ENV = "RNNMEM_BLAS_CORE_FAILED";

    /** Kernels from the fastest to the most widely supported. */
    private static final List<String> LADDER = List.of("SkylakeX", "Haswell", "Sandybridge", "Prescott");

    /** How the kernel was chosen. */
    public enum Source {
        /** The user set OPENBLAS_CORETYPE. */
        USER,
        /** Chosen from the CPU's features by {@link #select()}. */
        AUTO,
        /** A faster kernel failed the start-up check; this one replaced it. */
        FALLBACK,
        /** Nothing was set: OpenBLAS chose by itself. */
        OPENBLAS;

        /** Lower-case name for files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The selection made in this process. */
    public record Selection(String requested, Source source) {}

    private static volatile Selection selection;

    private BlasKernel() {}

    /**
     * Chooses the kernel before ND4J loads OpenBLAS and puts it into this process's environment.
     * Does nothing once OpenBLAS is loaded (then the kernel is fixed). Idempotent.
     */
    public static synchronized Selection select() {
        if (selection != null) {
            return selection;
        }
        String user = System.getenv(ENV);
        String failed = System.getenv(FAILED_ENV);
        if (user != null && !user.isBlank()) {
            selection = new Selection(user.trim(), failed != null ? Source.FALLBACK : Source.USER);
            return selection;
        }
        if (failed != null) {
            // every kernel of the ladder failed the check: OpenBLAS's own choice
            selection = new Selection(null, Source.FALLBACK);
            return selection;
        }
        Optional<String> choice = choose(cpuFlags(Path.of("/proc/cpuinfo")));
        if (choice.isEmpty() || openBlasLoaded() || !setenv(ENV, choice.get())) {
            selection = new Selection(null, Source.OPENBLAS);
        } else {
            selection = new Selection(choice.get(), Source.AUTO);
        }
        return selection;
    }

    /** The selection of this process ({@link #select()} if it was not called yet). */
    public static Selection selection() {
        return selection != null ? selection : select();
    }

    /** The fastest kernel of the ladder that CPU flags (as in /proc/cpuinfo) support. */
    public static Optional<String> choose(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) {
            return Optional.of("SkylakeX");
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /** The next kernel down the ladder after {@code failed}; empty after the last one or for unknown names. */
    public static Optional<String> fallback(String failed) {
        for (int i = 0; i < LADDER.size() - 1; i++) {
            if (LADDER.get(i).equalsIgnoreCase(failed)) {
                return Optional.of(LADDER.get(i + 1));
            }
        }
        return Optional.empty();
    }

    /** The flags of the first processor in a /proc/cpuinfo-style file (empty when unreadable). */
    public static Set<String> cpuFlags(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("flags")) {
                    return new HashSet<>(Arrays.asList(line.substring(colon + 1).trim().split("\\s+")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
        return Set.of();
    }

    /** The kernel OpenBLAS reports ({@code openblas_get_corename()}), or "unknown" before it is loaded. */
    public static String coreName() {
        Optional<Path> lib = openBlasPath();
        if (lib.isEmpty()) {
            return EnvironmentProbes.UNKNOWN;
        }
        try {
            SymbolLookup lookup = SymbolLookup.libraryLookup(lib.get(), Arena.global());
            Optional<MemorySegment> fn = lookup.find("openblas_get_corename");
            if (fn.isEmpty()) {
                return EnvironmentProbes.UNKNOWN;
            }
            MethodHandle h = Linker.nativeLinker().downcallHandle(fn.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            MemorySegment name = (MemorySegment) h.invokeExact();
            return name.equals(MemorySegment.NULL) ? EnvironmentProbes.UNKNOWN
                    : name.reinterpret(64).getString(0, StandardCharsets.US_ASCII);
        } catch (Throwable e) {
            return EnvironmentProbes.UNKNOWN;
        }
    }

    /** Whether an OpenBLAS library is mapped into this process. */
    static boolean openBlasLoaded() {
        return openBlasPath().isPresent();
    }

    private static Optional<Path> openBlasPath() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.contains("libopenblas")) {
                    return Optional.of(Path.of(line.substring(slash).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Sets a variable in this process's C environment (not in {@link System#getenv()}). */
    static boolean setenv(String name, String value) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            Optional<MemorySegment> fn = linker.defaultLookup().find("setenv");
            if (fn.isEmpty()) {
                return false;
            }
            MethodHandle h = linker.downcallHandle(fn.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            int rc = (int) h.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            return rc == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** A matrix product C = A B of row-major [m, k] x [k, n] matrices, as the kernel under test computes it. */
    @FunctionalInterface
    public interface Gemm {
        /** Returns the row-major [m, n] product. */
        double[] multiply(double[] a, double[] b, int m, int k, int n, boolean single);
    }

    /**
     * The start-up check: products of random matrices (shapes that exercise the kernels' edge
     * handling) in float and double against a plain-Java product in double.
     *
     * @return empty when every product agrees (float: 1e-4 relative to the row's absolute sum,
     *     double: 1e-12), else a description of the first disagreement
     */
    public static Optional<String> check(Gemm gemm) {
        int[][] shapes = {{67, 45, 53}, {130, 257, 190}, {1, 500, 500}, {33, 1, 17}};
        SplittableRandom rnd = new SplittableRandom(20261130L);
        for (int[] s : shapes) {
            for (boolean single : new boolean[] {true, false}) {
                double[] a = random(rnd, s[0] * s[1], single);
                double[] b = random(rnd, s[1] * s[2], single);
                double[] got = gemm.multiply(a, b, s[0], s[1], s[2], single);
                Optional<String> bad = compare(a, b, got, s[0], s[1], s[2], single ? 1e-4 : 1e-12);
                if (bad.isPresent()) {
                    return Optional.of((single ? "SGEMM " : "DGEMM ") + s[0] + "x" + s[1] + "x" + s[2] + ": "
                            + bad.get());
                }
            }
        }
        return Optional.empty();
    }

    /** {@link Gemm} through ND4J (and so through the OpenBLAS kernel in use); loads ND4J. */
    public static double[] nd4jGemm(double[] a, double[] b, int m, int k, int n, boolean single) {
        DataType type = single ? DataType.FLOAT : DataType.DOUBLE;
        INDArray at = Nd4j.create(a, new long[] {m, k}, 'c').castTo(type);
        INDArray bt = Nd4j.create(b, new long[] {k, n}, 'c').castTo(type);
        return at.mmul(bt).castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    private static double[] random(SplittableRandom rnd, int n, boolean single) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            double v = rnd.nextDouble(-1, 1);
            x[i] = single ? (float) v : v;
        }
        return x;
    }

    private static Optional<String> compare(double[] a, double[] b, double[] got, int m, int k, int n, double tol) {
        if (got == null || got.length != m * n) {
            return Optional.of("wrong result size");
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = a[i * k + p] * b[p * n + j];
                    sum += t;
                    abs += Math.abs(t);
                }
                double err = Math.abs(got[i * n + j] - sum);
                if (!(err <= tol * Math.max(abs, Double.MIN_NORMAL))) {
                    return Optional.of(String.format(Locale.ROOT, "element (%d, %d) is %s, expected %s", i, j,
                            got[i * n + j], sum));
                }
            }
        }
        return Optional.empty();
    }
}
