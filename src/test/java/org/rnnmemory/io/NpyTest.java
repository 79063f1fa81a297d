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

    @Test
    void nonFiniteValuesAreRejectedWithTheFirstIndex(@TempDir Path dir) {
        Path g = dir.resolve("G.npy");
        float[] v = new float[12];
        v[7] = Float.NaN;
        v[10] = Float.POSITIVE_INFINITY;
        Npy.write(g, Nd4j.create(v, new long[] {3, 4}, 'c'));
        InputFileException e = assertThrows(InputFileException.class, () -> Npy.read(g, DataType.DOUBLE));
        assertEquals(g + ": value NaN at index (1, 3) is not finite (the first such value); the array must hold "
                + "finite numbers", e.getMessage());
        Path w = dir.resolve("w.npy");
        Npy.write(w, Nd4j.create(new double[] {0, 1, Double.NEGATIVE_INFINITY}, new long[] {3}, 'c'));
        e = assertThrows(InputFileException.class, () -> Npy.read(w, DataType.FLOAT));
        assertEquals(w + ": value -Infinity at index (2,) is not finite (the first such value); the array must hold "
                + "finite numbers", e.getMessage());
    }

    /** A version 1.0 .npy file with this header dictionary and data bytes. */
    static byte[] npy(String dict, byte[] data) {
        String header = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
        byte[] out = new byte[10 + header.length() + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (header.length() & 0xff),
            (byte) (header.length() >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, out, 10, header.length());
        System.arraycopy(data, 0, out, 10 + header.length(), data.length);
        return out;
    }

    @Test
    void impossibleShapesAndHeaderLengthsAreMalformedFiles(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("ok.npy");
        Files.write(ok, npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", new byte[8]));
        assertEquals(2, Npy.read(ok, DataType.FLOAT).length());
        for (String shape : new String[] {"(-2,)", "(65536, 65536)", "(4294967296, 4294967296)"}) {
            Path bad = dir.resolve("bad.npy");
            Files.write(bad, npy("{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", new byte[8]));
            InputFileException e = assertThrows(InputFileException.class, () -> Npy.read(bad, DataType.FLOAT));
            assertTrue(e.getMessage().startsWith(bad + ": unsupported .npy shape"), e.getMessage());
        }
        byte[] v2 = Files.readAllBytes(ok);
        v2[6] = 2;
        Arrays.fill(v2, 8, 12, (byte) 0xff);
        Path neg = dir.resolve("neg.npy");
        Files.write(neg, v2);
        InputFileException e = assertThrows(InputFileException.class, () -> Npy.read(neg, DataType.FLOAT));
        assertEquals(neg + ": truncated .npy header", e.getMessage());
    }

    @Test
    void indexIsPrintedAsNumPyDoes() {
        assertEquals("(1, 3)", Npy.index(new long[] {3, 4}, 7));
        assertEquals("(2,)", Npy.index(new long[] {5}, 2));
        assertEquals("(1, 0, 2)", Npy.index(new long[] {2, 2, 3}, 8));
        assertEquals("()", Npy.index(new long[] {}, 0));
    }
}
