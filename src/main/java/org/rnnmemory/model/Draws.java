package org.rnnmemory.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which random generator draws a network's initial weights ({@code network.init.generator}).
 */
public enum Draws {
    /**
     * This project's own streams ({@link Rngs}): G from the network seed, and I and w from
     * independent streams of the model seed (so cos(I0, w0) is about 0).
     */
    NATIVE,
    /**
     * The reference implementation's draws, bit for bit ({@link TorchGenerator}): for model seed s,
     * w ~ N(0, 1/N) from PyTorch's generator seeded with s, G ~ N(0, 1/N) from it seeded with the
     * network seed, I ~ N(0, 1) from it seeded with s again. I and w therefore come from the same
     * normal numbers: w0 = I0 / sqrt(N) up to float32 rounding.
     */
    PYTORCH;

    /** The name in configuration files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every configuration name. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Draws::configName).toList();
    }

    /** The generator of a configuration name. */
    public static Draws of(String configName) {
        for (Draws d : values()) {
            if (d.configName().equals(configName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown generator '" + configName + "'; expected one of " + configNames());
    }
}
