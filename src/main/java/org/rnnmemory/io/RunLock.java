package org.rnnmemory.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * One writer per directory: an operating-system lock ({@link FileChannel#tryLock()}) on
 * {@code DIR/.lock}, held until {@link #close()} or the end of the process. The file holds the
 * holder's process id, host, start time and command as text, so that a second process can say who
 * holds the directory:
 * <pre>
 * pid 12345
 * host node-7
 * since 2026-01-02T03:04:05Z
 * command run
 * </pre>
 * Only the operating-system lock counts: it dies with its process, so a lock file left behind by a
 * process that was killed never blocks. The file itself stays in the directory (removing it could
 * let two processes lock different files of the same name); a directory that {@link #acquire}
 * created and in which nothing else was written is removed again by {@link #close()}.
 *
 * <p>Within one process the lock is re-entrant for the thread that holds it (a {@code report} that
 * runs {@code analyze} on the same directory); another thread of the same process is refused like
 * another process.
 */
public final class RunLock implements AutoCloseable {
    /** Name of the lock file inside the directory. */
    public static final String FILE = ".lock";

    /** Directories locked by this process, by absolute normalised path. */
    private static final Map<Path, Held> HELD = new HashMap<>();

    /** A lock this process holds, and how many times its thread acquired it. */
    private static final class Held {
        final FileChannel channel;
        final FileLock lock;
        final Thread thread;
        final String holder;
        /** The highest directory that {@link #acquire} created, or null. */
        final Path created;
        int depth = 1;

        Held(FileChannel channel, FileLock lock, String holder, Path created) {
            this.channel = channel;
            this.lock = lock;
            this.thread = Thread.currentThread();
            this.holder = holder;
            this.created = created;
        }
    }

    private final Path key;
    private boolean closed;

    private RunLock(Path key) {
        this.key = key;
    }

    /**
     * Locks {@code dir} for writing, creating it if needed.
     *
     * @param command what the holder does ("run", "analyze", ...), recorded in the lock file
     * @return the lock; close it when done writing
     * @throws RefusedException if another process (or another thread of this one) holds the lock;
     *     the one-line message names the directory and the holder's pid, host, start time and command
     * @throws InputFileException if the directory or its lock file cannot be created
     */
    public static RunLock acquire(Path dir, String command) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held != null) {
                if (held.thread != Thread.currentThread()) {
                    throw new RefusedException(dir + " is in use by this process (" + held.holder
                            + "); wait for it to finish or choose another directory");
                }
                held.depth++;
                return new RunLock(key);
            }
            Path created = null;
            for (Path p = key; p != null && !Files.isDirectory(p); p = p.getParent()) {
                created = p;
            }
            FileChannel channel = open(dir, key);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            } catch (IOException e) {
                // a file system without locks (some network mounts): go on, but say so
                System.err.println("warning: cannot lock " + dir + " (" + e.getMessage()
                        + "); make sure no other process writes into it");
                HELD.put(key, new Held(channel, null, describe(command), created));
                return new RunLock(key);
            }
            if (lock == null) {
                String holder = readHolder(channel);
                closeQuietly(channel);
                throw new RefusedException(dir + " is in use by another rnnmem process (" + holder
                        + "); wait for it to finish or choose another directory");
            }
            String holder = describe(command);
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(text(command).getBytes(StandardCharsets.UTF_8)), 0);
                channel.force(false);
            } catch (IOException e) {
                closeQuietly(channel);
                throw new InputFileException(key.resolve(FILE), "cannot write the lock file: " + e.getMessage(), e);
            }
            HELD.put(key, new Held(channel, lock, holder, created));
            return new RunLock(key);
        }
    }

    /**
     * Refuses when another process (or another thread of this one) holds {@code dir}'s lock; writes
     * nothing. Lets a command report a busy directory before it looks at what the directory holds.
     *
     * @throws RefusedException as {@link #acquire} does
     */
    public static void requireFree(Path dir) {
        Path key = dir.toAbsolutePath().normalize();
        synchronized (HELD) {
            Held held = HELD.get(key);
            if (held != null) {
                if (held.thread != Thread.currentThread()) {
                    throw new RefusedException(dir + " is in use by this process (" + held.holder
                            + "); wait for it to finish or choose another directory");
                }
                return;
            }
            Path file = key.resolve(FILE);
            if (!Files.isRegularFile(file)) {
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock probe = channel.tryLock();
                if (probe != null) {
                    probe.release();
                    return;
                }
                throw new RefusedException(dir + " is in use by another rnnmem process (" + readHolder(channel)
                        + "); wait for it to finish or choose another directory");
            } catch (IOException | OverlappingFileLockException e) {
                // cannot tell: acquire() decides
            }
        }
    }

    private static FileChannel open(Path dir, Path key) {
        try {
            Files.createDirectories(key);
            return FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new InputFileException(dir, "cannot create or lock the directory: " + e.getMessage(), e);
        }
    }

    /** The lock file's content for this process. */
    private static String text(String command) {
        return "pid " + ProcessHandle.current().pid() + "\nhost " + EnvironmentProbes.hostname() + "\nsince "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\ncommand " + command + "\n";
    }

    private static String describe(String command) {
        return "pid " + ProcessHandle.current().pid() + " on host " + EnvironmentProbes.hostname() + ", '" + command
                + "' since " + Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    /** "pid P on host H, 'C' since T" from another holder's lock file. */
    static String readHolder(FileChannel channel) {
        String text;
        try {
            ByteBuffer b = ByteBuffer.allocate((int) Math.min(4096, Math.max(0, channel.size())));
            channel.read(b, 0);
            text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "holder unknown: " + e.getMessage();
        }
        Map<String, String> f = new HashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                f.put(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        if (!f.containsKey("pid")) {
            return "holder not yet recorded";
        }
        return "pid " + f.get("pid") + " on host " + f.getOrDefault("host", "unknown") + ", '"
                + f.getOrDefault("command", "unknown") + "' since " + f.getOrDefault("since", "unknown");
    }

    /** The locked directory (absolute). */
    public Path dir() {
        return key;
    }

    /**
     * Releases the lock (the outermost holder only). A directory created by {@link #acquire} that
     * holds nothing but the lock file is removed.
     */
    @Override
    public void close() {
        synchronized (HELD) {
            if (closed) {
                return;
            }
            closed = true;
            Held held = HELD.get(key);
            if (held == null || --held.depth > 0) {
                return;
            }
            HELD.remove(key);
            if (held.created != null) {
                removeIfOnlyLock(held.created);
            }
            try {
                if (held.lock != null) {
                    held.lock.release();
                }
            } catch (IOException e) {
                // the lock goes with the channel
            }
            closeQuietly(held.channel);
        }
    }

    /** Removes the lock file and the directories up to {@code top} if nothing else was written. */
    private void removeIfOnlyLock(Path top) {
        try (var entries = Files.list(key)) {
            if (!entries.allMatch(p -> p.getFileName().toString().equals(FILE))) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        try {
            Files.deleteIfExists(key.resolve(FILE));
            for (Path p = key; p != null && p.startsWith(top); p = p.getParent()) {
                try (var entries = Files.list(p)) {
                    if (entries.findAny().isPresent()) {
                        return;
                    }
                }
                Files.delete(p);
            }
        } catch (IOException e) {
            // leave the rest
        }
    }

    private static void closeQuietly(FileChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
