package org.rnnmemory.train;

import static org.rnnmemory.io.DoubleArrays.allFinite;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;

/**
 * A training checkpoint in one binary file, written atomically after every epoch (and when a run is
 * interrupted): the next update, every seed's weights, Adam moments and status, and the history so
 * far. Batches derive from the seed and the update index, so no generator state needs saving;
 * resuming gives the numbers an uninterrupted run gives.
 *
 * <p>Layout (big-endian, {@link DataOutputStream}): magic "RNN2", config hash (UTF), next update,
 * seed count, per seed (id, status, diverged-at, updates, seconds, last loss, I, w, h0, Adam of I,
 * Adam of w; an array is its length, -1 for none, then its doubles), history count, per point (seed,
 * update, epoch, loss, |dL/dI|, |dL/dw|, seconds), magic again, then the CRC-32 of every byte
 * before it. Files of the first format ("RNN1", no CRC) are still read.
 */
public final class Checkpoint {
    private static final int MAGIC_V1 = 0x524E4E31; // "RNN1"
    private static final int MAGIC = 0x524E4E32; // "RNN2"
    /** Largest checkpoint read (bytes): far above any real one, below what a corrupt length could ask. */
    private static final long MAX_BYTES = 1L << 30;

    private Checkpoint() {}

    /** A restored training state. */
    public record State(int nextUpdate, String configHash, List<SeedState> seeds, List<CurvePoint> history) {}

    public static void write(Path file, String configHash, Trainer trainer, double learningRate) {
        AtomicFiles.write(file, raw -> raw.write(encode(configHash, trainer)));
    }

    private static byte[] encode(String configHash, Trainer trainer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
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
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        out.writeInt((int) crc.getValue());
        out.flush();
        return bytes.toByteArray();
    }

    /** Reads a checkpoint, checking only its format (magic, checksum, lengths). */
    public static State read(Path file, double learningRate) {
        if (!Files.isRegularFile(file)) {
            throw new InputFileException(file, "no checkpoint to resume from");
        }
        byte[] b;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InputFileException(file, "corrupt checkpoint: " + size + " bytes, more than a checkpoint holds");
            }
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(file, "cannot read: " + e.getMessage(), e);
        }
        int magic = b.length >= 4 ? ByteBuffer.wrap(b).getInt(0) : 0;
        int end = b.length;
        if (magic == MAGIC) {
            if (b.length < 12) {
                throw new InputFileException(file, "truncated checkpoint");
            }
            end = b.length - 4;
            CRC32 crc = new CRC32();
            crc.update(b, 0, end);
            if ((int) crc.getValue() != ByteBuffer.wrap(b).getInt(end)) {
                throw new InputFileException(file, "corrupt checkpoint (checksum mismatch): it was damaged after it "
                        + "was written; restore it, or remove it to train from the start");
            }
        } else if (magic != MAGIC_V1) {
            throw new InputFileException(file, "not a checkpoint file");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b, 0, end))) {
            return parse(file, in, end, learningRate, magic);
        } catch (EOFException e) {
            throw new InputFileException(file, "truncated checkpoint");
        } catch (IOException | IllegalArgumentException e) {
            throw new InputFileException(file, "corrupt checkpoint: " + e.getMessage(), e);
        }
    }

    private static State parse(Path file, DataInputStream in, int size, double learningRate, int magic)
            throws IOException {
        in.readInt();
        String hash = in.readUTF();
        int next = in.readInt();
        int count = count(in, size, 40, "seed count");
        List<SeedState> seeds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int seed = in.readInt();
            SeedState.Status status = SeedState.Status.valueOf(in.readUTF());
            int divergedAt = in.readInt();
            int updates = in.readInt();
            double secs = in.readDouble();
            double last = in.readDouble();
            double[] input = readArray(in, size);
            double[] readout = readArray(in, size);
            double[] h0 = readArray(in, size);
            Adam ai = readAdam(in, size, learningRate);
            Adam aw = readAdam(in, size, learningRate);
            SeedState s = new SeedState(seed, input, readout, h0, ai, aw);
            s.status = status;
            s.divergedAt = divergedAt;
            s.updates = updates;
            s.trainSeconds = secs;
            s.lastLoss = last;
            seeds.add(s);
        }
        int h = count(in, size, 44, "history length");
        List<CurvePoint> history = new ArrayList<>(h);
        for (int i = 0; i < h; i++) {
            history.add(new CurvePoint(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                    in.readDouble(), in.readDouble()));
        }
        if (in.readInt() != magic) {
            throw new InputFileException(file, "truncated checkpoint");
        }
        if (in.available() > 0) {
            throw new InputFileException(file, "corrupt checkpoint: " + in.available() + " bytes after its end");
        }
        return new State(next, hash, seeds, history);
    }

    /**
     * Reads a checkpoint and checks it against the run that resumes from it: same configuration hash,
     * seeds and network size, a next update within the run, finite weights for every seed still
     * training or completed, and a history of those seeds and updates only.
     *
     * @throws InputFileException naming the file and the first inconsistency
     */
    public static State read(Path file, TrainPlan plan, String configHash) {
        State s = read(file, plan.learningRate());
        if (!s.configHash().equals(configHash)) {
            throw new InputFileException(file, "written by another configuration (hash '" + s.configHash()
                    + "', this run's is '" + configHash + "')");
        }
        int total = plan.totalUpdates();
        if (s.nextUpdate() < 0 || s.nextUpdate() > total) {
            throw bad(file, "next update " + s.nextUpdate() + " is outside the run's 0.." + total);
        }
        if (s.seeds().size() != plan.seeds().size()) {
            throw bad(file, "holds " + s.seeds().size() + " seeds, the run has " + plan.seeds().size());
        }
        int n = plan.params().hiddenSize();
        for (int i = 0; i < s.seeds().size(); i++) {
            checkSeed(file, s.seeds().get(i), plan.seeds().get(i), n, plan.zeroInitialState(), s.nextUpdate());
        }
        Set<Integer> ids = new HashSet<>(plan.seeds());
        for (CurvePoint p : s.history()) {
            if (!ids.contains(p.seed()) || p.update() < 0 || p.update() >= s.nextUpdate()
                    || p.epoch() != p.update() / plan.updatesPerEpoch()) {
                throw bad(file, "history point (seed " + p.seed() + ", update " + p.update() + ", epoch " + p.epoch()
                        + ") does not belong to this run at update " + s.nextUpdate());
            }
        }
        return s;
    }

    private static void checkSeed(Path file, SeedState s, int expected, int n, boolean zeroState, int next) {
        String at = "seed " + s.seed + ": ";
        if (s.seed != expected) {
            throw bad(file, "seed " + s.seed + " where the run has seed " + expected);
        }
        for (double[] v : new double[][] {s.input, s.readout, s.adamInput.m(), s.adamInput.v(), s.adamReadout.m(),
            s.adamReadout.v()}) {
            if (v == null || v.length != n) {
                throw bad(file, at + "a weight or Adam vector has " + (v == null ? "no" : v.length)
                        + " values, network.hidden_size is " + n);
            }
        }
        if (zeroState ? s.initialState != null : s.initialState == null || s.initialState.length != n) {
            throw bad(file, at + "the initial state does not match network.initial_state");
        }
        if (s.updates < 0 || s.updates > next || s.adamInput.steps() < 0 || s.adamReadout.steps() < 0) {
            throw bad(file, at + "update counts out of range");
        }
        if (s.status == SeedState.Status.DIVERGED ? s.divergedAt < 0 || s.divergedAt >= next : s.divergedAt != -1) {
            throw bad(file, at + "status " + s.status + " with diverged_at " + s.divergedAt);
        }
        if (s.status != SeedState.Status.DIVERGED && !(allFinite(s.input) && allFinite(s.readout)
                && (s.initialState == null || allFinite(s.initialState)))) {
            throw bad(file, at + "non-finite weights for a seed that has not diverged");
        }
    }

    private static InputFileException bad(Path file, String problem) {
        return new InputFileException(file, "corrupt checkpoint: " + problem);
    }

    /** A count of items of at least {@code itemBytes} bytes each, which must fit in the file. */
    private static int count(DataInputStream in, int size, int itemBytes, String what) throws IOException {
        int c = in.readInt();
        if (c < 0 || (long) c * itemBytes > size) {
            throw new IllegalArgumentException(what + " " + c + " does not fit in " + size + " bytes");
        }
        return c;
    }

    private static void writeArray(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v == null ? -1 : v.length);
        if (v != null) {
            for (double x : v) {
                out.writeDouble(x);
            }
        }
    }

    private static double[] readArray(DataInputStream in, int size) throws IOException {
        int n = in.readInt();
        if (n < -1 || (long) n * 8 > size) {
            throw new IllegalArgumentException("array length " + n + " does not fit in " + size + " bytes");
        }
        if (n == -1) {
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

    private static Adam readAdam(DataInputStream in, int size, double lr) throws IOException {
        int t = in.readInt();
        return new Adam(lr, readArray(in, size), readArray(in, size), t);
    }
}
