package org.rnnmemory.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Memory one phase of a computation holds at its peak, as named parts, each split into Java heap
 * bytes and native (off-heap: ND4J arrays) bytes.
 *
 * @param phase what the computation is doing, e.g. "training"
 * @param parts the parts alive together at the peak
 */
public record MemoryNeed(String phase, List<Part> parts) {

    /**
     * One part.
     *
     * @param what what it holds, e.g. "G in float32 (network.hidden_size = 500)"
     * @param heapBytes Java heap bytes, >= 0
     * @param nativeBytes native bytes, >= 0
     */
    public record Part(String what, long heapBytes, long nativeBytes) {
        public Part {
            if (heapBytes < 0 || nativeBytes < 0) {
                throw new IllegalArgumentException("bytes must be >= 0, found " + heapBytes + ", " + nativeBytes);
            }
        }
    }

    public MemoryNeed {
        parts = List.copyOf(parts);
    }

    /** A phase built part by part. */
    public static Builder of(String phase) {
        return new Builder(phase);
    }

    /** Collects parts; byte counts saturate at {@link Long#MAX_VALUE} instead of overflowing. */
    public static final class Builder {
        private final String phase;
        private final List<Part> parts = new ArrayList<>();

        private Builder(String phase) {
            this.phase = phase;
        }

        /** Adds {@code count} copies of a part of {@code heap} and {@code nat} bytes each. */
        public Builder add(String what, double count, double heap, double nat) {
            parts.add(new Part(what, clamp(count * heap), clamp(count * nat)));
            return this;
        }

        public MemoryNeed build() {
            return new MemoryNeed(phase, parts);
        }
    }

    /** A double byte count as a long, saturating. */
    public static long clamp(double bytes) {
        return bytes >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.max(0, Math.ceil(bytes));
    }

    public long heapBytes() {
        return sum(parts.stream().mapToLong(Part::heapBytes).toArray());
    }

    public long nativeBytes() {
        return sum(parts.stream().mapToLong(Part::nativeBytes).toArray());
    }

    /** Heap plus native bytes. */
    public long totalBytes() {
        return sum(new long[] {heapBytes(), nativeBytes()});
    }

    /** The part with the most heap bytes. */
    public Part largestHeap() {
        return parts.stream().max(Comparator.comparingLong(Part::heapBytes)).orElse(new Part("nothing", 0, 0));
    }

    /** The part with the most native bytes. */
    public Part largestNative() {
        return parts.stream().max(Comparator.comparingLong(Part::nativeBytes)).orElse(new Part("nothing", 0, 0));
    }

    /** The part with the most bytes in all. */
    public Part largest() {
        return parts.stream().max(Comparator.comparingLong(p -> sum(new long[] {p.heapBytes(), p.nativeBytes()})))
                .orElse(new Part("nothing", 0, 0));
    }

    static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s = s > Long.MAX_VALUE - v ? Long.MAX_VALUE : s + v;
        }
        return s;
    }
}
