package org.rnnmemory.io;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Best-effort look-ups of the facts that {@link Provenance} records. None of them throws: what
 * cannot be determined is {@link #UNKNOWN}.
 */
final class EnvironmentProbes {
    static final String UNKNOWN = "unknown";
    private static final long GIT_TIMEOUT_S = 30;

    /** A library: its Maven coordinates and a class from its jar. */
    private record Library(String group, String artifact, String probeClass) {}

    private static final List<Library> LIBRARIES = List.of(
            new Library("org.nd4j", "nd4j-api", "org.nd4j.linalg.factory.Nd4j"),
            new Library("org.datavec", "datavec-api", "org.datavec.api.writable.Writable"),
            new Library("tech.tablesaw", "tablesaw-core", "tech.tablesaw.api.Table"),
            new Library("me.tongfei", "progressbar", "me.tongfei.progressbar.ProgressBar"));

    /** ND4J backends: listed only when present on the class path. */
    private static final List<Library> BACKENDS = List.of(
            new Library("org.nd4j", "nd4j-native", "org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
            new Library("org.nd4j", "nd4j-cuda-11.6", "org.nd4j.linalg.jcublas.JCublasBackend"));

    /** HEAD commit and dirty flag of the git checkout containing {@code dir}. */
    static Provenance.Git git(Path dir) {
        Optional<String> head = run(dir, "git", "rev-parse", "HEAD").map(String::trim);
        if (head.isEmpty() || !head.get().matches("[0-9a-f]{40,64}")) {
            return Provenance.Git.UNKNOWN;
        }
        Boolean dirty = run(dir, "git", "status", "--porcelain").map(s -> !s.isBlank()).orElse(null);
        return new Provenance.Git(head.get(), dirty);
    }

    /**
     * The commit and dirty flag in a build's git properties ({@code git.commit.id.full},
     * {@code git.dirty}); {@link Provenance.Git#UNKNOWN} when {@code in} is null, unreadable or has
     * no full hash. Closes {@code in}.
     */
    static Provenance.Git build(InputStream in) {
        if (in == null) {
            return Provenance.Git.UNKNOWN;
        }
        Properties p = new Properties();
        try (in) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return Provenance.Git.UNKNOWN;
        }
        String commit = p.getProperty("git.commit.id.full", "").trim();
        if (!commit.matches("[0-9a-f]{40,64}")) {
            return Provenance.Git.UNKNOWN;
        }
        String dirty = p.getProperty("git.dirty", "").trim();
        return new Provenance.Git(commit, dirty.equals("true") ? Boolean.TRUE : dirty.equals("false") ? Boolean.FALSE : null);
    }

    /** Standard output of a command that exited with 0, or empty. */
    private static Optional<String> run(Path dir, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("GIT_OPTIONAL_LOCKS", "0");
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(GIT_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Versions of the main libraries (always listed, "unknown" when not found) and of the ND4J
     * backends on the class path. A version is read from the {@code pom.properties} in the jar
     * that holds the library's classes: other jars may carry copies under the same name (ND4J's
     * shaded Jackson carries Jackson's), so the first one on the class path can be wrong.
     * Jackson reports its own version.
     */
    static Map<String, String> libraries() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Library lib : LIBRARIES) {
            out.put(lib.artifact(), version(lib).orElse(UNKNOWN));
        }
        out.put("jackson-databind", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        for (Library lib : BACKENDS) {
            version(lib).ifPresent(v -> out.put(lib.artifact(), v));
        }
        return out;
    }

    private static Optional<String> version(Library lib) {
        Class<?> c;
        try {
            c = Class.forName(lib.probeClass(), false, EnvironmentProbes.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return pomNextTo(c, lib).or(() -> Optional.ofNullable(c.getPackage())
                .map(Package::getImplementationVersion));
    }

    /** The version in the pom.properties of the jar that holds {@code c}. */
    private static Optional<String> pomNextTo(Class<?> c, Library lib) {
        URL classFile = c.getResource(c.getSimpleName() + ".class");
        String s = classFile == null ? "" : classFile.toString();
        int bang = s.indexOf("!/");
        if (!s.startsWith("jar:") || bang < 0) {
            return Optional.empty();
        }
        String pom = s.substring(0, bang + 2) + "META-INF/maven/" + lib.group() + "/" + lib.artifact()
                + "/pom.properties";
        try (InputStream in = new URL(pom).openStream()) {
            Properties p = new Properties();
            p.load(in);
            return Optional.ofNullable(p.getProperty("version")).filter(v -> !v.isBlank());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first "model name" of a /proc/cpuinfo-style file. */
    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                    String model = line.substring(colon + 1).trim();
                    return model.isEmpty() ? UNKNOWN : model;
                }
            }
        } catch (IOException | RuntimeException e) {
            return UNKNOWN;
        }
        return UNKNOWN;
    }

    /** Host name from /etc/hostname, the environment, or the resolver, in that order. */
    static String hostname() {
        try {
            String name = Files.readString(Path.of("/etc/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // next source
        }
        for (String var : List.of("HOSTNAME", "COMPUTERNAME")) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    /** The ND4J backend in use; loads ND4J if it is not loaded yet. */
    static Provenance.Backend backend() {
        String name;
        Properties env;
        try {
            name = Nd4j.getBackend().getClass().getSimpleName();
            env = Nd4j.getExecutioner().getEnvironmentInformation();
        } catch (RuntimeException | LinkageError e) {
            return Provenance.Backend.UNKNOWN;
        }
        return new Provenance.Backend(name, device(env), value(env, "blas.vendor"), value(env, "omp.threads"),
                value(env, "blas.threads"), BlasKernel.coreName(), BlasKernel.selection().source().label());
    }

    /**
     * The device ND4J computes on, from its environment information: the CUDA device names, or
     * the backend's own name ("CPU").
     */
    static String device(Properties env) {
        if (env.get("cuda.devicesInformation") instanceof List<?> devices && !devices.isEmpty()) {
            StringBuilder sb = new StringBuilder("CUDA");
            for (int i = 0; i < devices.size(); i++) {
                Object name = devices.get(i) instanceof Map<?, ?> m ? m.get("cuda.deviceName") : null;
                sb.append(i == 0 ? ": " : ", ").append(name == null ? UNKNOWN : name);
            }
            return sb.toString();
        }
        return value(env, "backend");
    }

    private static String value(Properties env, String key) {
        Object v = env.get(key);
        return v == null ? UNKNOWN : v.toString();
    }
}
