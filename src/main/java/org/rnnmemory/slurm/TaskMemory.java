package org.rnnmemory.slurm;

import java.util.List;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.io.ResourceCheck;

/**
 * The memory to ask Slurm for, from a run's own estimate ({@code train.RunFootprint}, the phases at
 * their peaks). Java heap: the largest phase's heap bytes plus {@link ResourceCheck#BASE_HEAP_BYTES},
 * times 1.5, at least 512 MiB. Slurm memory: that heap plus 1.25 times (the largest phase's native
 * bytes plus {@link ResourceCheck#BASE_PHYSICAL_BYTES}), rounded up to 256 MiB. The JVM's JavaCPP
 * limit ({@code maxphysicalbytes}) is set to the Slurm memory, so a run that outgrows its estimate
 * fails cleanly (exit 3, {@code run.json} says failed) before Slurm kills it.
 *
 * @param heapMib -Xmx of the task's JVM (MiB)
 * @param slurmMib {@code --mem} of the task (MiB)
 */
public record TaskMemory(long heapMib, long slurmMib) {
    private static final long MIB = 1L << 20;

    /** The memory for a computation of these phases. */
    public static TaskMemory of(List<MemoryNeed> phases) {
        long heap = 0;
        long nat = 0;
        for (MemoryNeed p : phases) {
            heap = Math.max(heap, p.heapBytes());
            nat = Math.max(nat, p.nativeBytes());
        }
        long heapMib = Math.max(512, ceilDiv((long) Math.ceil(1.5 * (heap + ResourceCheck.BASE_HEAP_BYTES)), MIB));
        long nativeMib = ceilDiv((long) Math.ceil(1.25 * (nat + ResourceCheck.BASE_PHYSICAL_BYTES)), MIB);
        long slurm = ceilDiv(heapMib + nativeMib, 256) * 256;
        return new TaskMemory(heapMib, slurm);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
