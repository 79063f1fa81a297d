package org.rnnmemory.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Npy;

/**
 * Reads and writes a network as a folder of {@code .npy} files: {@code G.npy} (N x N),
 * {@code I.npy} (N x 1), {@code w.npy} (N x 1), {@code h0.npy} (N), and {@code model.json}
 * (hidden_size, tau_ms, dt_ms, gain). Without {@code model.json} the System A values apply.
 */
public final class WeightsIO {
    public static final String MODEL_JSON = "model.json";

    private WeightsIO() {}

    public static CtrnnWeights load(Path dir, DataType type) {
        if (!Files.isDirectory(dir)) {
            throw new InputFileException(dir, "weights directory not found");
        }
        Path gFile = dir.resolve("G.npy");
        INDArray g = Npy.read(gFile, type);
        if (g.rank() != 2 || g.size(0) != g.size(1) || g.size(0) < 1) {
            throw new InputFileException(gFile, "expected a square matrix of shape (N, N) with N >= 1, found shape "
                    + shape(g));
        }
        int n = (int) g.size(0);
        ModelParams p = readParams(dir.resolve(MODEL_JSON), n);
        INDArray i = Npy.read(dir.resolve("I.npy"), type);
        INDArray w = Npy.read(dir.resolve("w.npy"), type);
        Path h0File = dir.resolve("h0.npy");
        INDArray h0 = Npy.read(h0File, type);
        expect(dir.resolve("G.npy"), g, n, n);
        expect(dir.resolve("I.npy"), i, n, 1);
        expect(dir.resolve("w.npy"), w, n, 1);
        if (h0.length() != n || h0.rank() > 2) {
            throw new InputFileException(h0File, "expected " + n + " elements (shape (" + n + ",)), found shape "
                    + shape(h0));
        }
        return new CtrnnWeights(p, g, i.reshape(n, 1), w.reshape(n, 1), h0.reshape(n));
    }

    private static void expect(Path f, INDArray a, int rows, int cols) {
        boolean ok = a.length() == (long) rows * cols
                && (a.rank() == 2 ? a.size(0) == rows : a.rank() == 1 && cols == 1);
        if (!ok) {
            throw new InputFileException(f, "expected shape (" + rows + ", " + cols + ") to match G.npy, found shape "
                    + shape(a));
        }
    }

    /** A shape as NumPy prints it: (3, 4), (5,), (). */
    private static String shape(INDArray a) {
        long[] s = a.shape();
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? ", " : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    static ModelParams readParams(Path file, int n) {
        if (!Files.exists(file)) {
            ModelParams d = ModelParams.SYSTEM_A;
            return new ModelParams(n, d.tauMs(), d.dtMs(), d.gain());
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new InputFileException(file, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        try {
            JsonNode size = field(file, node, "hidden_size");
            if (!size.isIntegralNumber() || !size.canConvertToInt()) {
                throw new InputFileException(file, "hidden_size must be a whole number, found " + size);
            }
            int hs = size.asInt();
            if (hs != n) {
                throw new InputFileException(file, "hidden_size " + hs + " does not match G.npy (" + n + ")");
            }
            return new ModelParams(hs, field(file, node, "tau_ms").asDouble(), field(file, node, "dt_ms").asDouble(),
                    field(file, node, "gain").asDouble());
        } catch (IllegalArgumentException e) {
            throw new InputFileException(file, e.getMessage());
        }
    }

    private static JsonNode field(Path file, JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v == null || !v.isNumber()) {
            throw new InputFileException(file, "missing or non-numeric '" + key + "'");
        }
        return v;
    }

    public static void save(Path dir, CtrnnWeights w) {
        Npy.write(dir.resolve("G.npy"), w.G());
        Npy.write(dir.resolve("I.npy"), w.I());
        Npy.write(dir.resolve("w.npy"), w.w());
        Npy.write(dir.resolve("h0.npy"), w.h0().reshape(w.n()));
        ObjectNode m = Json.object();
        m.put("hidden_size", w.n());
        m.put("tau_ms", w.params().tauMs());
        m.put("dt_ms", w.params().dtMs());
        m.put("gain", w.params().gain());
        m.put("dtype", Precision.of(w.G().dataType()).configName());
        Json.write(dir.resolve(MODEL_JSON), m);
    }
}
