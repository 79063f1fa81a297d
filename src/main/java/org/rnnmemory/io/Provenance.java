package org.rnnmemory.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
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
 * seeds to the object returned by {@link #toJson()}: the hash under {@code config_hash}, made by
 * {@link #hash}. {@link #fromJson} reads the object back; {@link #read} reads the provenance keys of
 * any output's {@code run.json}, leniently, for the commands that report on it.
 *
 * @param start start time
 * @param end end time, or null while running
 * @param status a {@link RunStatus} word: {@code running}, {@code completed}, {@code interrupted} or "failed: " and the reason
 * @param git commit of the working directory's checkout
 * @param build the commit the running code was built from ({@link #BUILD_PROPERTIES}); differs from
 *     {@code git} when a copied or older jar runs in another checkout
 * @param libraries library name to version
 * @param platform Java, OS, CPU, memory, host and thread settings
 * @param backend the ND4J backend and the device it computes on
 */
public record Provenance(Instant start, Instant end, String status, Git git, Git build,
                         Map<String, String> libraries, Platform platform, Backend backend) {
    public static final String RUNNING = RunStatus.RUNNING.word();
    public static final String COMPLETED = RunStatus.COMPLETED.word();
    public static final String INTERRUPTED = RunStatus.INTERRUPTED.word();
    private static final String FAILED = RunStatus.FAILED.word();
    /** The key of the configuration's hash beside the provenance ({@link #hash}). */
    public static final String CONFIG_HASH = "config_hash";
    /**
     * The class-path resource the build writes with the commit it builds ({@code git.commit.id.full})
     * and whether the checkout had changes then, untracked files included ({@code git.dirty}); absent
     * when built outside git.
     */
    public static final String BUILD_PROPERTIES = "/org/rnnmemory/io/build-git.properties";

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
        if (build == null) {
            build = Git.UNKNOWN;
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
        return new Provenance(start, null, "running", gitState(workDir), buildCommit(), EnvironmentProbes.libraries(),
                Platform.current(), Backend.current());
    }

    /** HEAD commit and dirty flag of the git checkout containing {@code dir}. */
    public static Git gitState(Path dir) {
        return EnvironmentProbes.git(dir);
    }

    /**
     * The commit this code was built from, read from {@link #BUILD_PROPERTIES}; {@link Git#UNKNOWN}
     * when the resource is missing (built outside a git checkout) or malformed.
     */
    public static Git buildCommit() {
        return EnvironmentProbes.build(Provenance.class.getResourceAsStream(BUILD_PROPERTIES));
    }

    /** The same record, ended now with {@code status}. */
    public Provenance finish(String status) {
        return finish(status, Instant.now());
    }

    /** The same record, ended at {@code end} with {@code status}. */
    public Provenance finish(String status, Instant end) {
        return new Provenance(start, end, status, git, build, libraries, platform, backend);
    }

    /**
     * The JSON form:
     * <pre>
     * {"status": "completed", "start_utc": "2024-05-01T12:00:00.123Z", "end_utc": "...",
     *  "git": {"commit": "3f2a...", "dirty": false}, "build": {"commit": "3f2a...", "dirty": false},
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
        ObjectNode bc = o.putObject("build");
        bc.put("commit", build.commit());
        bc.put("dirty", build.dirty());
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

    /** The status of a run that failed for {@code reason}: {@code "failed: REASON"}. */
    public static String failed(String reason) {
        return RunStatus.failed(reason);
    }

    /**
     * The hash of a configuration's text: the first 12 hex digits of its SHA-256 (UTF-8). Every output
     * records it under {@value #CONFIG_HASH}.
     */
    public static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /**
     * The record {@link #toJson()} wrote (keys beside it are ignored).
     *
     * @throws IllegalArgumentException naming the first key that is missing or malformed
     */
    public static Provenance fromJson(JsonNode o) {
        Instant start = instant(o, "start_utc");
        if (start == null) {
            throw new IllegalArgumentException("start_utc is missing");
        }
        Git git = gitOf(o.path("git"));
        Git build = gitOf(o.path("build"));
        Map<String, String> libs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.path("libraries").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            libs.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        JsonNode java = o.path("java");
        JsonNode os = o.path("os");
        JsonNode cpu = o.path("cpu");
        Platform platform = new Platform(text(java, "version"), text(java, "vendor"), text(os, "name"),
                text(os, "version"), text(os, "arch"), text(cpu, "model"), cpu.path("cores").asInt(),
                java.path("max_heap_bytes").asLong(), text(o, "hostname"), text(o.path("env"), "OMP_NUM_THREADS"));
        JsonNode b = o.path("backend");
        Backend backend = new Backend(text(b, "name"), text(b, "device"), text(b, "blas_vendor"),
                text(b, "omp_threads"), text(b, "blas_threads"), text(b, "blas_core"), text(b, "blas_core_source"));
        return new Provenance(start, instant(o, "end_utc"), o.path("status").asText(), git, build, libs, platform,
                backend);
    }

    private static Git gitOf(JsonNode g) {
        return new Git(g.path("commit").asText(EnvironmentProbes.UNKNOWN),
                g.path("dirty").isBoolean() ? g.get("dirty").booleanValue() : null);
    }

    /**
     * The provenance keys of an output's {@code run.json}, as far as it has them (an empty file has none).
     *
     * @throws InputFileException naming the file if it is missing or not JSON
     */
    public static Recorded read(Path runJson) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(runJson.toFile());
        } catch (IOException e) {
            throw new InputFileException(runJson, "not readable as JSON (" + e.getMessage() + ")", e);
        }
        return Recorded.of(o == null ? Json.object() : o);
    }

    /**
     * The provenance keys of a {@code run.json} read back. Absent keys read as null (the status as "");
     * files written by hand or by older versions may lack any of them.
     *
     * @param status the status word, or "" when absent
     * @param start start time, or null
     * @param end end time, or null (running, or absent)
     * @param configHash the configuration's hash ({@link #hash}), or null
     * @param document the whole JSON object, for keys the writer added beside the provenance
     */
    public record Recorded(String status, Instant start, Instant end, String configHash, JsonNode document) {

        /** Reads the keys from a parsed {@code run.json}. Malformed times read as null. */
        public static Recorded of(JsonNode o) {
            return new Recorded(o.path("status").asText(""), lenientInstant(o, "start_utc"),
                    lenientInstant(o, "end_utc"), o.hasNonNull(CONFIG_HASH) ? o.get(CONFIG_HASH).asText() : null, o);
        }

        public boolean completed() {
            return COMPLETED.equals(status);
        }

        public boolean interrupted() {
            return INTERRUPTED.equals(status);
        }

        public boolean failed() {
            return status.startsWith(FAILED);
        }

        /** The reason of a failed run (the status when it gives none); null when the run did not fail. */
        public String failureReason() {
            String prefix = FAILED + ": ";
            return !failed() ? null : status.startsWith(prefix) ? status.substring(prefix.length()) : status;
        }

        /** end - start, or null when either is unknown. */
        public Duration took() {
            return start == null || end == null ? null : Duration.between(start, end);
        }
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return Instant.parse(v.asText());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is no ISO-8601 time: '" + v.asText() + "'", e);
        }
    }

    private static Instant lenientInstant(JsonNode o, String key) {
        try {
            return instant(o, key);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
