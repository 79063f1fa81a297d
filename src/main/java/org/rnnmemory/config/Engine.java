package org.rnnmemory.config;

import java.util.Arrays;
import java.util.List;

/**
 * The gradient engine of {@code training.engine}. Each value names its YAML spelling; the trainer
 * builds the engine with an exhaustive switch over this enum, so a new engine is one constant here
 * and one branch there.
 */
public enum Engine {
    /** Hand-written backward pass on the CPU (the default). */
    ADJOINT("adjoint"),
    /** SameDiff graph of a chunk of steps, reused for every chunk. */
    SAMEDIFF("samediff"),
    /** The adjoint engine on an NVIDIA GPU; float32 only, one engine for every seed. */
    CUDA("cuda");

    private final String configName;

    Engine(String configName) {
        this.configName = configName;
    }

    /** The YAML spelling, e.g. {@code adjoint}. */
    public String configName() {
        return configName;
    }

    /** Every YAML spelling, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Engine::configName).toList();
    }

    /**
     * The engine a YAML value names.
     *
     * @throws ConfigValueException naming {@code key} when the value is none of {@link #configNames()}
     */
    public static Engine parse(String key, String value) {
        Check.oneOf(key, value, configNames());
        return Arrays.stream(values()).filter(e -> e.configName.equals(value)).findFirst().orElseThrow();
    }

    /** Whether the engine runs on a GPU (one engine for every seed, float32 only). */
    public boolean gpu() {
        return this == CUDA;
    }

    /** The YAML spelling, so that messages and run.json read as before. */
    @Override
    public String toString() {
        return configName;
    }
}
