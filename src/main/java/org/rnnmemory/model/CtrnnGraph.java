package org.rnnmemory.model;

import java.io.OutputStream;
import java.io.PrintStream;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The CTRNN as a SameDiff graph over a chunk of K steps for R rows that belong to S seeds.
 *
 * <p>Names in the graph:
 * <ul>
 *   <li>{@code gGt}: constant (g G)^T, [N, N] (gain folded in, never trained);</li>
 *   <li>{@code I}, {@code w}: input and readout weights per seed, [S, N]; SameDiff variables when
 *       trainable, constants otherwise;</li>
 *   <li>{@code seedOfRow}: constant one-hot [R, S] mapping rows to seeds;</li>
 *   <li>{@code h_start}: a variable [R, N] holding the chunk's initial state (so its gradient is available);</li>
 *   <li>placeholders {@code u}, {@code y}, {@code lw} [R, K] (input, target, loss weight per step) and
 *       {@code lambda} [R, N] (dL/dh at the chunk end, carried from the next chunk);</li>
 *   <li>outputs {@code z} [R, K], {@code h_end} [R, N] and the scalar {@code loss} =
 *       sum(lw (z - y)^2) + sum(lambda h_end).</li>
 * </ul>
 * Update per step (SPEC section 1): h <- (1 - a) h + a (r gGt + u I), r = tanh(h), z = w . r.
 */
public final class CtrnnGraph {
    private final SameDiff sd;
    private final int steps;
    private final int rows;
    private final boolean trainInput;
    private final boolean trainReadout;

    private CtrnnGraph(SameDiff sd, int steps, int rows, boolean trainInput, boolean trainReadout) {
        this.sd = sd;
        this.steps = steps;
        this.rows = rows;
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
    }

    /**
     * Builds the graph.
     *
     * @param params model parameters (alpha and gain)
     * @param g recurrent weights G [N, N] (row i = weights into unit i), gain not folded in
     * @param input initial I per seed [S, N]
     * @param readout initial w per seed [S, N]
     * @param rowsPerSeed B (R = S * B)
     * @param steps K
     */
    public static CtrnnGraph build(ModelParams params, INDArray g, INDArray input, INDArray readout, int rowsPerSeed,
                                   int steps, boolean trainInput, boolean trainReadout, DataType type) {
        SameDiff sd = SameDiff.create();
        int s = (int) input.rows();
        int n = (int) input.columns();
        int r = s * rowsPerSeed;
        double a = params.alpha();
        SDVariable gGt = sd.constant("gGt", g.castTo(type).mul(params.gain()).transpose().dup('c'));
        SDVariable inW = trainInput ? sd.var("I", input.castTo(type).dup()) : sd.constant("I", input.castTo(type).dup());
        SDVariable outW = trainReadout ? sd.var("w", readout.castTo(type).dup())
                : sd.constant("w", readout.castTo(type).dup());
        INDArray onehot = Nd4j.zeros(type, r, s);
        for (int i = 0; i < r; i++) {
            onehot.putScalar(i, i / rowsPerSeed, 1.0);
        }
        SDVariable map = sd.constant("seedOfRow", onehot);
        SDVariable inRows = map.mmul(inW).mul(a);
        SDVariable outRows = map.mmul(outW);
        SDVariable u = sd.placeHolder("u", type, r, steps);
        SDVariable y = sd.placeHolder("y", type, r, steps);
        SDVariable lw = sd.placeHolder("lw", type, r, steps);
        SDVariable lambda = sd.placeHolder("lambda", type, r, n);
        SDVariable h = sd.var("h_start", Nd4j.zeros(type, r, n));
        SDVariable rate = sd.math().tanh(h);
        SDVariable[] z = new SDVariable[steps];
        for (int k = 0; k < steps; k++) {
            SDVariable uk = u.get(SDIndex.all(), SDIndex.interval(k, k + 1));
            h = h.mul(1.0 - a).add(rate.mmul(gGt).mul(a)).add(uk.mul(inRows));
            rate = sd.math().tanh(h);
            z[k] = rate.mul(outRows).sum(true, 1);
        }
        SDVariable zAll = steps == 1 ? sd.identity("z", z[0]) : sd.concat("z", 1, z);
        sd.identity("h_end", h);
        SDVariable err = zAll.sub(y);
        SDVariable loss = lw.mul(err).mul(err).sum().add(lambda.mul(h).sum());
        sd.identity("loss", loss);
        sd.setLossVariables("loss");
        CtrnnGraph graph = new CtrnnGraph(sd, steps, r, trainInput, trainReadout);
        graph.buildGradients();
        return graph;
    }

    /** Builds the gradient function once, silencing the per-op messages SameDiff prints to stdout. */
    private void buildGradients() {
        if (!trainInput && !trainReadout) {
            return;
        }
        PrintStream out = System.out;
        synchronized (CtrnnGraph.class) {
            try {
                System.setOut(new PrintStream(OutputStream.nullOutputStream()));
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    public SameDiff sameDiff() {
        return sd;
    }

    public int steps() {
        return steps;
    }

    public int rows() {
        return rows;
    }

    public boolean trainInput() {
        return trainInput;
    }

    public boolean trainReadout() {
        return trainReadout;
    }

    /** Replaces the chunk's initial state [R, N]. */
    public void setStart(INDArray hStart) {
        sd.getVariable("h_start").setArray(hStart);
    }

    /** Replaces the per-seed weights [S, N]. */
    public void setWeights(INDArray input, INDArray readout) {
        sd.getVariable("I").setArray(input);
        sd.getVariable("w").setArray(readout);
    }
}
