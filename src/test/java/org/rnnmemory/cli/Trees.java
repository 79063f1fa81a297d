package org.rnnmemory.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.rnnmemory.io.RunLock;

/** Snapshots of folders, to assert that a command wrote nothing. */
public final class Trees {
    private Trees() {}

    /**
     * Every file under {@code dir} (relative path to a hash of its bytes), the lock file's bytes left
     * out (a refused or failed command may rewrite who last held the lock); empty when {@code dir} does
     * not exist.
     */
    public static Map<String, Integer> snapshot(Path dir) {
        Map<String, Integer> out = new TreeMap<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted().toList()) {
                String rel = dir.relativize(f).toString();
                if (Files.isDirectory(f)) {
                    out.put(rel + "/", 0);
                } else {
                    out.put(rel, f.getFileName().toString().equals(RunLock.FILE) ? 0
                            : Arrays.hashCode(Files.readAllBytes(f)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Copies a folder tree. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder tree if it exists. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
