package org.rnnmemory.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where, when and with what a run was made: the provenance part of a run directory's
 * {@code run.json}.
 *
 * <p>{@link #capture(Path)} records the environment at the start of a run with status
 * {@code "running"}; {@link #finish(String)} adds the end time and the final status. Facts that
 * cannot be determined are {@code "unknown"}; an unset environment variable and the end time of a
 * running run are JSON {@code null}. Callers add the resolved configuration, its hash and the
 * seeds to the object returned by {@link #toJson()}.
 *
 * @param start start time
 * @param end end time, or null while running
 * @param status free text, e.g. "running", "completed", "failed: ..."
 * @param git commit of the working directory's checkout
 * @param libraries library name to version
 * @param platform Java, OS, CPU, memory, host and thread settings
 * @param backend the ND4J backend and the device it computes on
 */
public record Provenance(Instant start, Instant end, String status, Git git, Map<String, String> libraries,
                         Platform platform, Backend backend) {

    public Provenance {
        if (start == null) {
            throw new IllegalArgumentException("start must not be null");
        }
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end (" + end + ") must not be before start (" + start + ")");
        }
        if (status == null || status.isBlank()) {
            throw new IllegalArgumentException("status must not be blank, found '" + status + "'");
        }
        libraries = Collections.unmodifiableMap(new LinkedHashMap<>(libraries));
    }

    /**
     * A git checkout's state.
     *
     * @param commit full hash of HEAD, or "unknown" outside a git checkout
     * @param dirty whether {@code git status --porcelain} lists anything (modified, staged or
     *     untracked files); null when unknown
     */
    public record Git(String commit, Boolean dirty) {
        public static final Git UNKNOWN = new Git(EnvironmentProbes.UNKNOWN, null);
    }

    /**
     * The machine and JVM.
     *
     * @param cores processors available to the JVM
     * @param maxHeapBytes {@code Runtime.maxMemory()}
     * @param ompNumThreads value of the OMP_NUM_THREADS environment variable, or null if unset
     */
    public record Platform(String javaVersion, String javaVendor, String osName, String osVersion, String osArch,
                           String cpuModel, int cores, long maxHeapBytes, String hostname, String ompNumThreads) {

        /** This JVM and machine. */
        public static Platform current() {
            return new Platform(System.getProperty("java.version"), System.getProperty("java.vendor"),
                    System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"),
                    EnvironmentProbes.cpuModel(Path.of("/proc/cpuinfo")), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(), EnvironmentProbes.hostname(), System.getenv("OMP_NUM_THREADS"));
        }
    }

    /**
     * The ND4J backend.
     *
     * @param name backend class, e.g. "CpuBackend"
     * @param device "CPU", or "CUDA: " and the device names
     * @param blasVendor BLAS library in use
     * @param ompThreads OpenMP threads ND4J uses
     * @param blasThreads threads the BLAS library uses
     * @param blasCore the OpenBLAS kernel in use, as OpenBLAS names it (e.g. "SkylakeX"); see {@link BlasKernel}
     * @param blasCoreSource how it was chosen: "user", "auto", "fallback" or "openblas"
     */
    public record Backend(String name, String device, String blasVendor, String ompThreads, String blasThreads,
                          String blasCore, String blasCoreSource) {
        public static final Backend UNKNOWN = new Backend(EnvironmentProbes.UNKNOWN, EnvironmentProbes.UNKNOWN,
                EnvironmentProbes.UNKNOWN, EnvironmentProbes.UNKNOWN, EnvironmentProbes.UNKNOWN,
                EnvironmentProbes.UNKNOWN, EnvironmentProbes.UNKNOWN);

        /** The backend ND4J loads (loading it if needed). */
        public static Backend current() {
            return EnvironmentProbes.backend();
        }
    }

    /** Records the environment now, with the git state of {@code workDir}'s checkout. */
    public static Provenance capture(Path workDir) {
        return capture(workDir, Clock.systemUTC());
    }

    /** As {@link #capture(Path)}, with the start time taken from {@code clock}. */
    public static Provenance capture(Path workDir, Clock clock) {
        Instant start = clock.instant();
        return new Provenance(start, null, "running", gitState(workDir), EnvironmentProbes.libraries(),
                Platform.current(), Backend.current());
    }

    /** HEAD commit and dirty flag of the git checkout containing {@code dir}. */
    public static Git gitState(Path dir) {
        return EnvironmentProbes.git(dir);
    }

    /** The same record, ended now with {@code status}. */
    public Provenance finish(String status) {
        return finish(status, Instant.now());
    }

    /** The same record, ended at {@code end} with {@code status}. */
    public Provenance finish(String status, Instant end) {
        return new Provenance(start, end, status, git, libraries, platform, backend);
    }

    /**
     * The JSON form:
     * <pre>
     * {"status": "completed", "start_utc": "2024-05-01T12:00:00.123Z", "end_utc": "...",
     *  "git": {"commit": "3f2a...", "dirty": false},
     *  "libraries": {"nd4j-api": "1.0.0-M2.1", "datavec-api": ..., "tablesaw-core": ...,
     *                "jackson-databind": ..., "progressbar": ..., "nd4j-native": ...},
     *  "java": {"version": "17.0.15", "vendor": ..., "max_heap_bytes": 6442450944},
     *  "os": {"name": "Linux", "version": ..., "arch": "amd64"},
     *  "cpu": {"model": ..., "cores": 8}, "hostname": ..., "env": {"OMP_NUM_THREADS": "1"},
     *  "backend": {"name": "CpuBackend", "device": "CPU", "blas_vendor": "OPENBLAS",
     *              "omp_threads": "1", "blas_threads": "1", "blas_core": "SkylakeX",
     *              "blas_core_source": "auto"}}
     * </pre>
     * Times are ISO-8601 UTC with millisecond precision.
     */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("status", status);
        o.put("start_utc", iso(start));
        o.put("end_utc", end == null ? null : iso(end));
        ObjectNode g = o.putObject("git");
        g.put("commit", git.commit());
        g.put("dirty", git.dirty());
        ObjectNode libs = o.putObject("libraries");
        libraries.forEach(libs::put);
        putPlatform(o);
        ObjectNode b = o.putObject("backend");
        b.put("name", backend.name());
        b.put("device", backend.device());
        b.put("blas_vendor", backend.blasVendor());
        b.put("omp_threads", backend.ompThreads());
        b.put("blas_threads", backend.blasThreads());
        b.put("blas_core", backend.blasCore());
        b.put("blas_core_source", backend.blasCoreSource());
        return o;
    }

    private void putPlatform(ObjectNode o) {
        ObjectNode java = o.putObject("java");
        java.put("version", platform.javaVersion());
        java.put("vendor", platform.javaVendor());
        java.put("max_heap_bytes", platform.maxHeapBytes());
        ObjectNode os = o.putObject("os");
        os.put("name", platform.osName());
        os.put("version", platform.osVersion());
        os.put("arch", platform.osArch());
        ObjectNode cpu = o.putObject("cpu");
        cpu.put("model", platform.cpuModel());
        cpu.put("cores", platform.cores());
        o.put("hostname", platform.hostname());
        o.putObject("env").put("OMP_NUM_THREADS", platform.ompNumThreads());
    }

    private static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
