package org.rnnmemory.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * Refuses, before anything is written, a computation whose estimated memory or disk use exceeds what
 * this process may use. Memory is compared with three limits, in this order: the JVM's maximum heap
 * ({@code -Xmx}) for Java heap bytes; JavaCPP's {@code org.bytedeco.javacpp.maxphysicalbytes} for
 * heap and native (ND4J) bytes together (JavaCPP checks the process's resident memory against it
 * whenever it allocates, and ND4J's operations allocate through it); and the memory the machine has
 * available ({@code MemAvailable} of {@code /proc/meminfo} plus what this
 * process already holds, or the cgroup's limit when that is lower). Each estimate adds a baseline for
 * the JVM with ND4J loaded ({@link #BASE_HEAP_BYTES}, {@link #BASE_PHYSICAL_BYTES}).
 */
public final class ResourceCheck {
    /** Java heap of the JVM with the libraries loaded, before any run data (bytes). */
    public static final long BASE_HEAP_BYTES = 64L << 20;
    /** Resident memory beyond the estimated arrays (bytes): a tiny run peaks at ~230 MB; System A holds ~0.5 GiB beyond its arrays. */
    public static final long BASE_PHYSICAL_BYTES = 512L << 20;

    private ResourceCheck() {}

    /**
     * The limits that apply to this process, in bytes ({@link Long#MAX_VALUE} where there is none).
     * JavaCPP's {@code maxbytes} is not among them: it counts only JavaCPP's own buffers, not ND4J's
     * arrays (allocating a 32 MB ND4J array leaves {@code Pointer.totalBytes()} unchanged).
     *
     * @param heapBytes maximum Java heap
     * @param physicalBytes maximum resident memory JavaCPP allows
     * @param availableBytes memory the machine can still give this process, including what it holds now
     * @param availableSource where {@code availableBytes} comes from
     */
    public record Limits(long heapBytes, long physicalBytes, long availableBytes, String availableSource) {

        /** This process's limits now. */
        public static Limits current() {
            long phys = Pointer.maxPhysicalBytes();
            long held = Pointer.physicalBytes();
            long meminfo = memAvailable(Path.of("/proc/meminfo"));
            long cgroup = cgroupAvailable();
            long available = Long.MAX_VALUE;
            String source = "unknown";
            if (meminfo >= 0) {
                available = MemoryNeed.sum(new long[] {meminfo, held});
                source = "MemAvailable in /proc/meminfo";
            }
            if (cgroup >= 0 && cgroup < available) {
                available = cgroup;
                source = "the cgroup's memory limit";
            }
            return new Limits(Runtime.getRuntime().maxMemory(), phys > 0 ? phys : Long.MAX_VALUE, available, source);
        }
    }

    /**
     * Refuses when a phase's memory exceeds a limit.
     *
     * @param source what is checked, first in the message (e.g. the experiment file)
     * @param phases the computation's phases, each at its peak
     * @throws RefusedException naming the estimate, its largest part and the limit
     */
    public static void requireMemory(String source, List<MemoryNeed> phases, Limits limits) {
        for (MemoryNeed p : phases) {
            long heap = MemoryNeed.sum(new long[] {p.heapBytes(), BASE_HEAP_BYTES});
            if (heap > limits.heapBytes()) {
                throw refusal(source, heap, "of Java heap", p, p.largestHeap().what(), p.largestHeap().heapBytes(),
                        limits.heapBytes(), "the JVM may use (-Xmx; ./rnnmem reads it from RNNMEM_JAVA_OPTS)");
            }
        }
        for (MemoryNeed p : phases) {
            long total = MemoryNeed.sum(new long[] {p.totalBytes(), BASE_PHYSICAL_BYTES});
            MemoryNeed.Part big = p.largest();
            long bigBytes = MemoryNeed.sum(new long[] {big.heapBytes(), big.nativeBytes()});
            if (total > limits.physicalBytes()) {
                throw refusal(source, total, "of memory", p, big.what(), bigBytes, limits.physicalBytes(),
                        "allowed by org.bytedeco.javacpp.maxphysicalbytes");
            }
            if (total > limits.availableBytes()) {
                throw refusal(source, total, "of memory", p, big.what(), bigBytes, limits.availableBytes(),
                        "available on this machine (" + limits.availableSource() + ")");
            }
        }
    }

    private static RefusedException refusal(String source, long need, String kind, MemoryNeed phase, String part,
                                            long partBytes, long limit, String limitName) {
        return new RefusedException(String.format(Locale.ROOT,
                "%s: this run needs about %s %s while %s (largest part: %s, %s), more than the %s %s", source,
                gib(need), kind, phase.phase(), part, gib(partBytes), gib(limit), limitName));
    }

    /**
     * Refuses when the outputs do not fit in the free space of {@code target}'s file system.
     *
     * @param bytes bytes the outputs need
     * @param largest the largest output, for the message
     * @param target the output directory (it need not exist yet)
     */
    public static void requireDisk(String source, long bytes, String largest, Path target) {
        Path existing = target.toAbsolutePath().normalize();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return;
        }
        if (bytes > free) {
            throw new RefusedException(String.format(Locale.ROOT,
                    "%s: this run writes about %s (largest part: %s), more than the %s free on the file system of %s",
                    source, gib(bytes), largest, gib(free), target));
        }
    }

    /** Bytes with one decimal in GiB, or MiB below 1 GiB, KiB below 1 MiB: "298.0 GiB", "12.5 MiB", "3.0 KiB". */
    public static String gib(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "unlimited";
        }
        if (bytes < (1L << 20)) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / (double) (1L << 10));
        }
        if (bytes < (1L << 30)) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** MemAvailable of a meminfo file in bytes, or -1. */
    static long memAvailable(Path meminfo) {
        try {
            for (String line : Files.readAllLines(meminfo)) {
                if (line.startsWith("MemAvailable:")) {
                    String[] f = line.substring("MemAvailable:".length()).trim().split("\\s+");
                    return Long.parseLong(f[0]) * (f.length > 1 && f[1].equalsIgnoreCase("kB") ? 1024 : 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return -1;
    }

    /**
     * The memory limit of this process's cgroup (v2, then v1), or -1 when there is none or it is
     * unknown. The limit itself, not what is left under it: the page cache counted in the cgroup's
     * usage can be reclaimed.
     */
    static long cgroupAvailable() {
        long v2 = limit(Path.of("/sys/fs/cgroup/memory.max"));
        return v2 >= 0 ? v2 : limit(Path.of("/sys/fs/cgroup/memory/memory.limit_in_bytes"));
    }

    private static long limit(Path limitFile) {
        try {
            String limit = Files.readString(limitFile).trim();
            if (limit.equals("max")) {
                return -1;
            }
            long l = Long.parseLong(limit);
            return l >= (1L << 60) ? -1 : l;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
