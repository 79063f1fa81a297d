package org.rnnmemory.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The floating-point type of weights and arithmetic ({@code training.dtype}, {@code --dtype}). */
public enum Precision {
    /** 32-bit floats, ND4J {@link DataType#FLOAT} (the reference's type). */
    FLOAT32("float32", DataType.FLOAT),
    /** 64-bit floats, ND4J {@link DataType#DOUBLE}. */
    FLOAT64("float64", DataType.DOUBLE);

    private final String configName;
    private final DataType dataType;

    Precision(String configName, DataType dataType) {
        this.configName = configName;
        this.dataType = dataType;
    }

    /** The spelling in YAML, JSON and on the command line, e.g. {@code float32}. */
    public String configName() {
        return configName;
    }

    /** The ND4J data type. */
    public DataType dataType() {
        return dataType;
    }

    /** Every spelling, in declaration order. */
    public static List<String> configNames() {
        return Arrays.stream(values()).map(Precision::configName).toList();
    }

    /** The precision a spelling names, if any. */
    public static Optional<Precision> find(String configName) {
        return Arrays.stream(values()).filter(p -> p.configName.equals(configName)).findFirst();
    }

    /** {@link #FLOAT64} for {@link DataType#DOUBLE}, else {@link #FLOAT32}. */
    public static Precision of(DataType type) {
        return type == DataType.DOUBLE ? FLOAT64 : FLOAT32;
    }

    /** The spelling, so that messages read as before. */
    @Override
    public String toString() {
        return configName;
    }
}
