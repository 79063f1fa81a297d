package org.rnnmemory.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.model.InitialState;
import org.rnnmemory.model.Precision;

/** The YAML spellings of the enumerated settings, parsed once and written back unchanged. */
class SettingEnumsTest {

    @Test
    void spellingsAreThoseOfTheYamlFiles() {
        assertEquals(List.of("adjoint", "samediff", "cuda"), Engine.configNames());
        assertEquals(List.of("float32", "float64"), Precision.configNames());
        assertEquals(List.of("zero", "random"), InitialState.configNames());
        assertEquals("cuda", String.format("%s", Engine.CUDA));
    }

    @Test
    void engineParsesItsSpellingAndNamesTheKeyOtherwise() {
        for (Engine e : Engine.values()) {
            assertSame(e, Engine.parse("training.engine", e.configName()));
        }
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> Engine.parse("training.engine", "CUDA"));
        assertEquals("training.engine: must be one of adjoint, samediff, cuda; found 'CUDA'; did you mean 'cuda'?",
                e.getMessage());
    }

    @Test
    void precisionMapsToTheNd4jType() {
        assertEquals(DataType.FLOAT, Precision.FLOAT32.dataType());
        assertEquals(DataType.DOUBLE, Precision.FLOAT64.dataType());
        assertSame(Precision.FLOAT64, Precision.of(DataType.DOUBLE));
        assertSame(Precision.FLOAT32, Precision.of(DataType.FLOAT));
        assertEquals(java.util.Optional.empty(), Precision.find("float16"));
    }

    @Test
    void cudaNeedsFloat32() {
        ConfigValueException e = assertThrows(ConfigValueException.class, () -> new TrainingSection(1, 1, 0.1,
                Engine.CUDA, 10, Precision.FLOAT64, 1, 1.0));
        assertEquals("training.dtype: must be float32 with training.engine: cuda, found float64", e.getMessage());
    }
}
