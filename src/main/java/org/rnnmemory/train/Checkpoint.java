package org.rnnmemory.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;

/**
 * A training checkpoint in one binary file, written atomically after every epoch: the next update,
 * every seed's weights, Adam moments and status, and the history so far. Batches derive from the
 * seed and the update index, so no generator state needs saving; resuming gives the numbers an
 * uninterrupted run gives.
 */
public final class Checkpoint {
    private static final int MAGIC = 0x524E4E31; // "RNN1"

    private Checkpoint() {}

    /** A restored training state. */
    public record State(int nextUpdate, String configHash, List<SeedState> seeds, List<CurvePoint> history) {}

    public static void write(Path file, String configHash, Trainer trainer, double learningRate) {
        AtomicFiles.write(file, raw -> {
            DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(raw));
            out.writeInt(MAGIC);
            out.writeUTF(configHash);
            out.writeInt(trainer.nextUpdate());
            out.writeInt(trainer.states().size());
            for (SeedState s : trainer.states()) {
                out.writeInt(s.seed);
                out.writeUTF(s.status.name());
                out.writeInt(s.divergedAt);
                out.writeInt(s.updates);
                out.writeDouble(s.trainSeconds);
                out.writeDouble(s.lastLoss);
                writeArray(out, s.input);
                writeArray(out, s.readout);
                writeArray(out, s.initialState);
                writeAdam(out, s.adamInput);
                writeAdam(out, s.adamReadout);
            }
            out.writeInt(trainer.history().size());
            for (CurvePoint p : trainer.history()) {
                out.writeInt(p.seed());
                out.writeInt(p.update());
                out.writeInt(p.epoch());
                out.writeDouble(p.loss());
                out.writeDouble(p.gradNormInput());
                out.writeDouble(p.gradNormReadout());
                out.writeDouble(p.seconds());
            }
            out.writeInt(MAGIC);
            out.flush();
        });
    }

    public static State read(Path file, double learningRate) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, "no checkpoint to resume from");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw))) {
            if (in.readInt() != MAGIC) {
                throw new InputFileException(file, "not a checkpoint file");
            }
            String hash = in.readUTF();
            int next = in.readInt();
            int count = in.readInt();
            List<SeedState> seeds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int seed = in.readInt();
                SeedState.Status status = SeedState.Status.valueOf(in.readUTF());
                int divergedAt = in.readInt();
                int updates = in.readInt();
                double secs = in.readDouble();
                double last = in.readDouble();
                double[] input = readArray(in);
                double[] readout = readArray(in);
                double[] h0 = readArray(in);
                Adam ai = readAdam(in, learningRate);
                Adam aw = readAdam(in, learningRate);
                SeedState s = new SeedState(seed, input, readout, h0, ai, aw);
                s.status = status;
                s.divergedAt = divergedAt;
                s.updates = updates;
                s.trainSeconds = secs;
                s.lastLoss = last;
                seeds.add(s);
            }
            int h = in.readInt();
            List<CurvePoint> history = new ArrayList<>(h);
            for (int i = 0; i < h; i++) {
                history.add(new CurvePoint(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            if (in.readInt() != MAGIC) {
                throw new InputFileException(file, "truncated checkpoint");
            }
            return new State(next, hash, seeds, history);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputFileException(file, "corrupt checkpoint: " + e.getMessage(), e);
        }
    }

    private static void writeArray(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) {
            for (double x : v) {
                out.writeDouble(x);
            }
        }
    }

    private static double[] readArray(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    private static void writeAdam(DataOutputStream out, Adam a) throws IOException {
        out.writeInt(a.steps());
        writeArray(out, a.m());
        writeArray(out, a.v());
    }

    private static Adam readAdam(DataInputStream in, double lr) throws IOException {
        int t = in.readInt();
        return new Adam(lr, readArray(in), readArray(in), t);
    }
}
