package org.rnnmemory.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Forward-only simulation of a batch of trials with eager ND4J operations (no gradient graph).
 * Implements exactly the update of SPEC section 1, one row per trial:
 * {@code h <- (1 - a) h + a (g G r + I u)}, {@code r = tanh(h)}, {@code z = w . r}, with a = dt/tau.
 */
public final class Simulator {
    private final CtrnnWeights weights;
    private final INDArray gainGt;   // (g G)^T, N x N
    private final INDArray inputRow; // a * I^T, 1 x N
    private final double alpha;
    private final DataType type;

    public Simulator(CtrnnWeights weights) {
        this.weights = weights;
        this.type = weights.G().dataType();
        this.alpha = weights.params().alpha();
        this.gainGt = weights.G().mul(weights.params().gain()).transpose().dup('c');
        this.inputRow = weights.I().reshape(1, weights.n()).mul(alpha).dup('c');
    }

    /** Outputs of a simulation, and the rates recorded over a window of steps. */
    public record Result(double[][] z, INDArray[] rates) {}

    /**
     * Simulates B trials for T steps from the initial state {@code hStart} ([B, N]).
     *
     * @param u input per trial and step, [B][T]
     * @param hStart initial state, [B, N] (not modified)
     * @param recordFrom first step whose post-update rates r are recorded (inclusive)
     * @param recordTo last step recorded (exclusive); equal to recordFrom records nothing
     * @return z[b][t] = w . r[t + 1] for every step, and per trial the recorded rates [recordTo - recordFrom, N]
     */
    public Result run(float[][] u, INDArray hStart, int recordFrom, int recordTo) {
        int b = u.length;
        int n = weights.n();
        int nrec = Math.max(0, recordTo - recordFrom);
        INDArray[] rec = new INDArray[b];
        for (int i = 0; i < b; i++) {
            rec[i] = Nd4j.createUninitialized(DataType.DOUBLE, nrec, n);
        }
        double[][] z = observe(u, hStart, (t, h, r) -> {
            if (t >= recordFrom && t < recordTo) {
                for (int i = 0; i < b; i++) {
                    rec[i].putRow(t - recordFrom, r.getRow(i));
                }
            }
        });
        return new Result(z, rec);
    }

    /** Receives the state after every update of a simulation. */
    @FunctionalInterface
    public interface StepObserver {
        /**
         * @param step the update just done (0-based); z[step] reads these rates
         * @param h the state h after the update, [B, N] (reused: copy what you keep)
         * @param r the rates tanh(h), [B, N] (reused: copy what you keep)
         */
        void after(int step, INDArray h, INDArray r);
    }

    /**
     * Simulates B trials for T steps from {@code hStart} ([B, N], not modified), showing the state
     * after every update to {@code observer}.
     *
     * @param u input per trial and step, [B][T]
     * @return z[b][t] = w . r[t + 1] for every step
     */
    public double[][] observe(float[][] u, INDArray hStart, StepObserver observer) {
        int b = u.length;
        int steps = u[0].length;
        int n = weights.n();
        INDArray h = hStart.castTo(type).reshape(b, n).dup('c');
        INDArray r = Nd4j.createUninitialized(type, b, n);
        Nd4j.getExecutioner().exec(new Tanh(h, r));
        INDArray ucol = Nd4j.createUninitialized(type, b, 1);
        INDArray drive = Nd4j.createUninitialized(type, b, n);
        INDArray zcol = Nd4j.createUninitialized(type, b, 1);
        double[][] z = new double[b][steps];
        for (int t = 0; t < steps; t++) {
            Nd4j.gemm(r, gainGt, h, false, false, alpha, 1.0 - alpha);
            boolean any = false;
            for (int i = 0; i < b; i++) {
                ucol.putScalar(i, 0, u[i][t]);
                any |= u[i][t] != 0f;
            }
            if (any) {
                Nd4j.gemm(ucol, inputRow, drive, false, false, 1.0, 0.0);
                h.addi(drive);
            }
            Nd4j.getExecutioner().exec(new Tanh(h, r));
            Nd4j.gemm(r, weights.w(), zcol, false, false, 1.0, 0.0);
            for (int i = 0; i < b; i++) {
                z[i][t] = zcol.getDouble(i, 0);
            }
            observer.after(t, h, r);
        }
        return z;
    }

    /** A [B, N] initial state with every row equal to {@code h0}. */
    public INDArray repeatState(INDArray h0, int b) {
        return Nd4j.zeros(type, b, weights.n()).addiRowVector(h0.castTo(type).reshape(1, weights.n()));
    }
}
