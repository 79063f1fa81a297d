package org.rnnmemory.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * One seeded generator per purpose. Every stream is derived from a seed and a purpose name only,
 * so a model seed's numbers never depend on which other seeds share a run.
 */
public final class Rngs {
    private Rngs() {}

    /** Purposes of random streams. */
    public enum Purpose { NETWORK, INIT, TRIALS, BATCHES, EVAL, ANALYSIS }

    /** A generator for the given seed and purpose. */
    public static SplittableRandom of(long seed, Purpose purpose) {
        return new SplittableRandom(mix(seed, purpose.name()));
    }

    /** A generator for the given seed and free-form purpose label. */
    public static SplittableRandom of(long seed, String purpose) {
        return new SplittableRandom(mix(seed, purpose));
    }

    static long mix(long seed, String label) {
        long h = 0x9E3779B97F4A7C15L ^ seed;
        for (byte b : label.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
            h = Long.rotateLeft(h, 29);
        }
        return splitmix(h ^ splitmix(seed));
    }

    private static long splitmix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A standard normal draw (Box-Muller on the given generator; deterministic). */
    public static double gaussian(SplittableRandom rng) {
        double u1;
        do {
            u1 = rng.nextDouble();
        } while (u1 <= 0);
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
