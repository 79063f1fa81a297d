package org.rnnmemory.train;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.model.CtrnnGraph;
import org.rnnmemory.model.ModelParams;

/**
 * Exact BPTT with a SameDiff graph of K steps reused for every chunk of the trial.
 *
 * <p>Forward: run the chunks in order, keeping only the state at each chunk boundary. Backward: walk
 * the chunks in reverse, recompute each one with {@code sum(lambda h_end)} added to its loss, where
 * lambda is dL/dh at the chunk end carried from the later chunk; the gradient with respect to the
 * chunk's start state becomes the next lambda. I and w gradients add up over chunks. The last chunk
 * is padded with steps of zero input and zero loss weight, which changes nothing.
 */
public final class SameDiffEngine implements BpttEngine {
    private final ModelParams params;
    private final INDArray g;
    private final int chunk;
    private final boolean trainInput;
    private final boolean trainReadout;
    private final DataType type;
    private final Map<Integer, CtrnnGraph> graphs = new HashMap<>();

    /** The graph's chunk length: every chunk is recomputed in the backward pass. */
    @Override
    public int lastKeptSteps() {
        return chunk;
    }

    @Override
    public boolean lastRecomputed() {
        return true;
    }

    public SameDiffEngine(ModelParams params, INDArray g, int chunkSteps, boolean trainInput, boolean trainReadout,
                          DataType type) {
        if (chunkSteps < 1) {
            throw new IllegalArgumentException("chunk_steps must be >= 1, found " + chunkSteps);
        }
        this.params = params;
        this.g = g;
        this.chunk = chunkSteps;
        this.trainInput = trainInput;
        this.trainReadout = trainReadout;
        this.type = type;
    }

    private CtrnnGraph graph(EnsembleBatch batch, INDArray in, INDArray out) {
        CtrnnGraph graph = graphs.computeIfAbsent(batch.seeds() * 100_000 + batch.rowsPerSeed(),
                k -> CtrnnGraph.build(params, g, in, out, batch.rowsPerSeed(), chunk, trainInput, trainReadout, type));
        graph.setWeights(in, out);
        return graph;
    }

    @Override
    public Gradients compute(EnsembleBatch batch, double[][] input, double[][] readout, double[][] initialState) {
        int s = batch.seeds();
        int n = input[0].length;
        INDArray in = EngineSupport.matrix(input, type);
        INDArray out = EngineSupport.matrix(readout, type);
        CtrnnGraph graph = graph(batch, in, out);
        int start = batch.start();
        int steps = batch.steps();
        int chunks = Math.max(0, (steps - start + chunk - 1) / chunk);
        double[] loss = batch.lossBeforeStart();
        INDArray zeroLambda = Nd4j.zeros(type, batch.rows(), n);
        List<INDArray> boundaries = new ArrayList<>();
        INDArray h = EngineSupport.rowStates(initialState, batch.rowsPerSeed(), s, n, type);
        for (int c = 0; c < chunks; c++) {
            boundaries.add(h);
            Map<String, INDArray> ph = placeholders(batch, start + c * chunk, zeroLambda);
            graph.setStart(h);
            Map<String, INDArray> res = graph.sameDiff().output(ph, "z", "h_end");
            addLoss(loss, batch, start + c * chunk, res.get("z"), ph.get("y"), ph.get("lw"));
            h = res.get("h_end").dup();
        }
        double[][] gi = new double[s][n];
        double[][] gw = new double[s][n];
        if (trainInput || trainReadout) {
            INDArray lambda = zeroLambda;
            for (int c = chunks - 1; c >= 0; c--) {
                graph.setStart(boundaries.get(c));
                List<String> wanted = new ArrayList<>(List.of("h_start"));
                if (trainInput) {
                    wanted.add("I");
                }
                if (trainReadout) {
                    wanted.add("w");
                }
                Map<String, INDArray> grads = graph.sameDiff().calculateGradients(
                        placeholders(batch, start + c * chunk, lambda), wanted.toArray(String[]::new));
                if (trainInput) {
                    add(gi, grads.get("I"));
                }
                if (trainReadout) {
                    add(gw, grads.get("w"));
                }
                lambda = grads.get("h_start").dup();
            }
        }
        return new Gradients(loss, gi, gw, Math.max(0, steps - start));
    }

    private Map<String, INDArray> placeholders(EnsembleBatch batch, int from, INDArray lambda) {
        int rows = batch.rows();
        double[][] u = new double[rows][chunk];
        double[][] y = new double[rows][chunk];
        double[][] lw = new double[rows][chunk];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < chunk; k++) {
                int t = from + k;
                if (t < batch.steps()) {
                    u[r][k] = batch.u()[r][t];
                    y[r][k] = batch.y()[r][t];
                    lw[r][k] = batch.inLoss(r, t) ? batch.rowWeight()[r] : 0;
                }
            }
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("u", Nd4j.createFromArray(u).castTo(type));
        ph.put("y", Nd4j.createFromArray(y).castTo(type));
        ph.put("lw", Nd4j.createFromArray(lw).castTo(type));
        ph.put("lambda", lambda);
        return ph;
    }

    private static void addLoss(double[] loss, EnsembleBatch batch, int from, INDArray z, INDArray y, INDArray lw) {
        double[][] zz = EngineSupport.rows(z);
        double[][] yy = EngineSupport.rows(y);
        double[][] ww = EngineSupport.rows(lw);
        for (int r = 0; r < zz.length; r++) {
            double s = 0;
            for (int k = 0; k < zz[r].length; k++) {
                double e = zz[r][k] - yy[r][k];
                s += ww[r][k] * e * e;
            }
            loss[batch.seedOfRow(r)] += s;
        }
    }

    private static void add(double[][] acc, INDArray g) {
        double[][] v = EngineSupport.rows(g);
        for (int i = 0; i < acc.length; i++) {
            for (int j = 0; j < acc[i].length; j++) {
                acc[i][j] += v[i][j];
            }
        }
    }
}
