package org.rnnmemory.slurm;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch task starts rnnmem: this JVM's {@code java} binary and either the jar this class was
 * loaded from ({@code -jar target/rnnmem.jar}) or, when running from class folders (tests), the
 * class path and {@code org.rnnmemory.cli.Main}. Batch tasks call java directly rather than the
 * {@code ./rnnmem} launcher so that K tasks starting together never rebuild the jar at once.
 *
 * @param java absolute path of the java binary
 * @param target the words after the JVM options: {@code -jar JAR} or {@code -cp CP org.rnnmemory.cli.Main}
 */
public record JavaLaunch(String java, List<String> target) {

    public JavaLaunch {
        target = List.copyOf(target);
    }

    /** The launch of the code that runs now. */
    public static JavaLaunch current() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path source;
        try {
            source = Path.of(JavaLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            source = null;
        }
        if (source != null && Files.isRegularFile(source) && source.toString().endsWith(".jar")) {
            return new JavaLaunch(java, List.of("-jar", source.toAbsolutePath().toString()));
        }
        // surefire runs tests from a manifest-only jar; it publishes the real class path in this property
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new JavaLaunch(java, List.of("-cp", cp, "org.rnnmemory.cli.Main"));
    }

    /**
     * The command's words: java, the options a batch task needs, the target, then {@code args}.
     *
     * @param heapMib maximum Java heap (MiB)
     * @param physicalMib the memory JavaCPP lets the process hold, heap and native together (MiB)
     */
    public List<String> command(long heapMib, long physicalMib, List<String> args) {
        List<String> w = new ArrayList<>();
        w.add(java);
        w.add("-Xmx" + heapMib + "m");
        w.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + physicalMib + "m");
        w.add("--enable-native-access=ALL-UNNAMED");
        w.add("--sun-misc-unsafe-memory-access=allow");
        w.add("-Djava.awt.headless=true");
        w.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        w.add("-Dorg.slf4j.simpleLogger.logFile=System.err");
        w.addAll(target);
        w.addAll(args);
        return w;
    }
}
