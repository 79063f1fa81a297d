package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NpyTest {
    @Test
    void roundTripFloatAndDouble(@TempDir Path dir) {
        INDArray f = Nd4j.create(new float[] {1.5f, -2f, 3.25f, 1e-7f, 0f, 7f}, new long[] {3, 2}, 'c');
        Npy.write(dir.resolve("f.npy"), f);
        INDArray back = Npy.read(dir.resolve("f.npy"), DataType.FLOAT);
        assertArrayEquals(new long[] {3, 2}, back.shape());
        assertArrayEquals(f.data().asFloat(), back.data().asFloat());
        INDArray d = Nd4j.create(new double[] {Math.PI, -1e-300, 5}, new long[] {3}, 'c');
        Npy.write(dir.resolve("d.npy"), d);
        assertArrayEquals(d.data().asDouble(), Npy.read(dir.resolve("d.npy"), DataType.DOUBLE).data().asDouble());
    }

    @Test
    void readsTheReferenceFiles() {
        INDArray g = Npy.read(Path.of("src/test/resources/reference/sys_A1/G.npy"), DataType.FLOAT);
        assertArrayEquals(new long[] {500, 500}, g.shape());
        INDArray h0 = Npy.read(Path.of("src/test/resources/reference/sys_A1/h0.npy"), DataType.FLOAT);
        assertEquals(500, h0.length());
    }

    @Test
    void malformedFilesNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.npy");
        InputFileException e = assertThrows(InputFileException.class, () -> Npy.read(missing, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith(missing.toString()), e.getMessage());
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "hello world, not numpy");
        e = assertThrows(InputFileException.class, () -> Npy.read(junk, DataType.FLOAT));
        assertTrue(e.getMessage().contains("junk.npy") && e.getMessage().contains("magic"), e.getMessage());
        Path ok = dir.resolve("ok.npy");
        Npy.write(ok, Nd4j.ones(DataType.FLOAT, 10, 10));
        byte[] bytes = Files.readAllBytes(ok);
        Path cut = dir.resolve("cut.npy");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 7));
        e = assertThrows(InputFileException.class, () -> Npy.read(cut, DataType.FLOAT));
        assertTrue(e.getMessage().contains("cut.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
