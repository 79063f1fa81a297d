package org.rnnmemory.train;

import java.util.Arrays;
import org.rnnmemory.io.DoubleArrays;

/**
 * The readout side of one adjoint-engine update, in double precision, row by row in a fixed order:
 * the output z = w . r[t+1] of every row in the loss at step t, the loss, the error
 * e = 2 lw (z - y) (kept per step and row for the backward pass, rounded to the engine's type) and
 * dL/dw += e r[t+1]. Rows are visited in ascending order at every step, so the sums do not depend on
 * how the rates were produced.
 */
final class ReadoutErrors {
    private final EnsembleBatch batch;
    private final double[][] w;
    private final double[] loss;
    private final double[][] gw;
    private final boolean trainReadout;
    private final boolean single;
    private final double[][] errors;

    /**
     * @param w readout per seed [S][N]
     * @param loss loss per seed [S], accumulated into
     * @param gw dL/dw per seed [S][N], accumulated into when {@code trainReadout}
     * @param single whether kept errors are rounded to float32
     * @param errors per simulated step k, the error of each row [R] (written), or null when the
     *        backward pass does not need them
     */
    ReadoutErrors(EnsembleBatch batch, double[][] w, double[] loss, double[][] gw, boolean trainReadout,
                  boolean single, double[][] errors) {
        this.batch = batch;
        this.w = w;
        this.loss = loss;
        this.gw = gw;
        this.trainReadout = trainReadout;
        this.single = single;
        this.errors = errors;
    }

    /** Step k's errors, one per row (zero for rows outside the loss). */
    double[] errors(int k) {
        return errors[k];
    }

    /** Whether row i is in the loss at simulated step k (else {@link #row} does not read its rates). */
    boolean inLoss(int k, int i) {
        return batch.inLoss(i, batch.start() + k);
    }

    /** Readout work of row i at simulated step k, whose rates are {@code rates[off .. off + N)}. */
    void row(int k, int i, double[] rates, int off) {
        int t = batch.start() + k;
        if (!batch.inLoss(i, t)) {
            if (errors != null) {
                errors[k][i] = 0;
            }
            return;
        }
        int seed = batch.seedOfRow(i);
        double[] wr = w[seed];
        int n = wr.length;
        double err = DoubleArrays.dot(rates, off, wr, n) - batch.y()[i][t];
        loss[seed] += batch.rowWeight()[i] * err * err;
        double ei = 2 * batch.rowWeight()[i] * err;
        if (errors != null) {
            errors[k][i] = single ? (float) ei : ei;
        }
        if (trainReadout) {
            double[] g = gw[seed];
            for (int c = 0; c < n; c++) {
                g[c] += ei * rates[off + c];
            }
        }
    }

    /** Readout work of every row at step k, from the rates of all rows (row-major [R, N]). */
    void rows(int k, double[] rates) {
        int n = w[0].length;
        for (int i = 0; i < batch.rows(); i++) {
            row(k, i, rates, i * n);
        }
    }

    /** Step k's errors as one-hot columns [R, S] (row-major): row i's error in its seed's column. */
    double[] columns(int k, double[] target) {
        int s = batch.seeds();
        Arrays.fill(target, 0);
        for (int i = 0; i < batch.rows(); i++) {
            target[i * s + batch.seedOfRow(i)] = errors[k][i];
        }
        return target;
    }

}
