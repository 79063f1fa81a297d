package org.rnnmemory.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The network state h[0] at the start of a training trial ({@code network.initial_state}). */
public enum InitialState {
    /** h[0] = 0 (SPEC section 1). */
    ZERO("zero"),
    /** h[0] ~ N(0, 1) per unit, drawn from the model seed. */
    RANDOM("random");

    private final String configName;

    InitialState(String configName) {
        this.configName = configName;
    }

    /** The YAML spelling. */
    public String configName() {
        return configName;
    }

    /** Every YAML spelling, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(InitialState::configName).toList();
    }

    /** The state a spelling names, if any. */
    public static Optional<InitialState> find(String configName) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(configName)).findFirst();
    }

    /** The YAML spelling. */
    @Override
    public String toString() {
        return configName;
    }
}
