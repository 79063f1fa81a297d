package org.rnnmemory.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes NumPy {@code .npy} files (format 1.0, little-endian float32/float64, C order).
 * Written in plain Java so that a malformed file gives a clear error naming it instead of a
 * native crash, and so that files load identically in NumPy.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /**
     * Reads a float32 or float64 array, returned in the requested data type.
     *
     * @throws InputFileException naming the file when it is missing, malformed, truncated, of another
     *     dtype, or holds a NaN or an infinity (the message gives the index of the first)
     */
    public static INDArray read(Path file, DataType as) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, "file not found");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, bytes).castTo(as);
    }

    /**
     * Reads a float32 or float64 array from the bytes of a .npy file (a class-path resource, say), checked
     * as {@link #read(Path, DataType)} checks a file; errors name {@code name}.
     */
    public static INDArray read(String name, byte[] bytes, DataType as) {
        return parse(Path.of(name), bytes).castTo(as);
    }

    private static INDArray parse(Path file, byte[] b) {
        if (b.length < 10 || !Arrays.equals(Arrays.copyOf(b, 6), MAGIC)) {
            throw new InputFileException(file, "not a .npy file (bad magic bytes)");
        }
        int major = b[6];
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int offset;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(bb.getShort(8));
            offset = 10;
        } else if (major == 2 || major == 3) {
            if (b.length < 12) {
                throw new InputFileException(file, "truncated .npy header");
            }
            headerLen = bb.getInt(8);
            offset = 12;
        } else {
            throw new InputFileException(file, "unsupported .npy version " + major);
        }
        if (headerLen < 0 || (long) offset + headerLen > b.length) {
            throw new InputFileException(file, "truncated .npy header");
        }
        String header = new String(b, offset, headerLen, StandardCharsets.ISO_8859_1);
        String descr = group(file, DESCR, header, "descr");
        if ("True".equals(group(file, ORDER, header, "fortran_order"))) {
            throw new InputFileException(file, "Fortran-ordered arrays are not supported");
        }
        long[] shape = parseShape(file, group(file, SHAPE, header, "shape"));
        long n = 1;
        for (long s : shape) {
            if (s < 0 || s > Integer.MAX_VALUE || (n *= s) > Integer.MAX_VALUE) {
                throw new InputFileException(file, "unsupported .npy shape " + Arrays.toString(shape)
                        + " (negative, or more than 2^31 - 1 values)");
            }
        }
        int width;
        DataType type;
        switch (descr) {
            case "<f4" -> { width = 4; type = DataType.FLOAT; }
            case "<f8" -> { width = 8; type = DataType.DOUBLE; }
            default -> throw new InputFileException(file,
                    "unsupported dtype '" + descr + "' (expected little-endian float32 '<f4' or float64 '<f8')");
        }
        int data = offset + headerLen;
        if ((long) b.length - data != n * width) {
            throw new InputFileException(file, "expected " + n * width + " data bytes for shape "
                    + Arrays.toString(shape) + ", found " + (b.length - data) + " (truncated or corrupt file)");
        }
        bb.position(data);
        if (type == DataType.FLOAT) {
            float[] v = new float[(int) n];
            bb.asFloatBuffer().get(v);
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw nonFinite(file, shape, i, v[i]);
                }
            }
            return Nd4j.create(v, shape, 'c');
        }
        double[] v = new double[(int) n];
        bb.asDoubleBuffer().get(v);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw nonFinite(file, shape, i, v[i]);
            }
        }
        return Nd4j.create(v, shape, 'c');
    }

    private static InputFileException nonFinite(Path file, long[] shape, int flat, double value) {
        return new InputFileException(file, "value " + value + " at index " + index(shape, flat)
                + " is not finite (the first such value); the array must hold finite numbers");
    }

    /** The C-order index of flat position {@code flat} in {@code shape}, as NumPy prints it: "(3, 0)" or "(7,)". */
    static String index(long[] shape, long flat) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? 0 : rest / shape[d];
        }
        StringBuilder sb = new StringBuilder("(");
        for (int d = 0; d < idx.length; d++) {
            sb.append(d > 0 ? ", " : "").append(idx[d]);
        }
        return sb.append(idx.length == 1 ? ",)" : ")").toString();
    }

    private static String group(Path file, Pattern p, String header, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InputFileException(file, "malformed .npy header: no '" + key + "'");
        }
        return m.group(1);
    }

    private static long[] parseShape(Path file, String s) {
        String[] parts = s.split(",");
        return Arrays.stream(parts).map(String::trim).filter(p -> !p.isEmpty()).mapToLong(p -> {
            try {
                return Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new InputFileException(file, "malformed .npy shape '(" + s + ")'");
            }
        }).toArray();
    }

    /** Writes an array atomically, keeping its float32/float64 type. */
    public static void write(Path file, INDArray a) {
        AtomicFiles.write(file, out -> out.write(toBytes(a)));
    }

    static byte[] toBytes(INDArray a) {
        boolean dbl = a.dataType() == DataType.DOUBLE;
        INDArray c = a.dataType() == DataType.FLOAT || dbl ? a.dup('c') : a.castTo(DataType.FLOAT).dup('c');
        long[] shape = c.shape();
        StringBuilder sh = new StringBuilder("(");
        for (long s : shape) {
            sh.append(s).append(", ");
        }
        if (shape.length > 1) {
            sh.setLength(sh.length() - 2);
        } else if (shape.length == 1) {
            sh.setLength(sh.length() - 1);
        }
        sh.append(")");
        String header = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }",
                dbl ? "<f8" : "<f4", sh);
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(MAGIC);
        out.write(1);
        out.write(0);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        long n = c.length();
        ByteBuffer bb = ByteBuffer.allocate((int) (n * (dbl ? 8 : 4))).order(ByteOrder.LITTLE_ENDIAN);
        if (dbl) {
            bb.asDoubleBuffer().put(c.data().asDouble());
        } else {
            bb.asFloatBuffer().put(c.data().asFloat());
        }
        out.writeBytes(bb.array());
        return out.toByteArray();
    }
}
