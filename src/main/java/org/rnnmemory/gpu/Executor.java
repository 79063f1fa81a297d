package org.rnnmemory.gpu;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Carries out an engine's operations: on the GPU ({@link Cuda#executor()}), where captured programs
 * become CUDA graphs, or anywhere else that can run the same kernels (tests run them on the host).
 * Device addresses are {@code long}s; the operations are queued in order and take effect by
 * {@link #synchronize()}.
 */
public interface Executor {
    /** Makes the device current on the calling thread. */
    void bind();

    /** {free, total} device memory in bytes. */
    long[] memory();

    /** Device memory of {@code bytes}; returns its address. */
    long allocate(long bytes);

    void free(long address);

    /** Host memory of {@code bytes} that copies to and from the device can use. */
    MemorySegment hostBuffer(long bytes);

    void freeHost(MemorySegment buffer);

    void upload(long device, MemorySegment host, long bytes);

    void download(MemorySegment host, long device, long bytes);

    void zero(long device, long bytes);

    /** Runs the operations now, with offsets taken from {@code base}. */
    void run(List<Op> ops, long base);

    /** Records the operations once for replays; returns a handle for {@link #replay} and {@link #release}. */
    Object capture(List<Op> ops, long base);

    void replay(Object program);

    void release(Object program);

    void synchronize();
}
