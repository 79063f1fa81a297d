package org.rnnmemory.train;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.Simulator;
import org.rnnmemory.task.TaskSpec;

/** A small network (N = 30, dt = 10 ms) and short evaluation protocol for initialisation tests. */
final class InitFixture {
    static final ModelParams P = new ModelParams(30, 100.0, 10.0, 1.5);
    static final long NETWORK_SEED = 1;
    /** 80 steps of 10 ms; onsets 12..27, durations 4..11 steps, cost from step 50. */
    static final TaskSpec TASK = new TaskSpec(80, 20, 8, 8, 4, 2.0, 0.07, 50, 0.1, 24);
    /** Precision onset 20, durations 5 and 15; spontaneous 600 steps (window from 300), memory 300 (from 100). */
    static final EvalProtocol PROTOCOL = new EvalProtocol(TASK, 20, new int[] {5, 15}, List.of("50", "150"),
            600, 300, 1, 300, 100);

    private InitFixture() {}

    static WeightInitializer initializer(WeightInit input, WeightInit readout, DataType type) {
        return new WeightInitializer(P, Initializer.recurrent(P.hiddenSize(), NETWORK_SEED, type), input, readout,
                PROTOCOL, type);
    }

    /** The float64 network of a model seed with its random I and w, G drawn in {@code type}. */
    static CtrnnWeights network(int seed, DataType type) {
        return Initializer.network(P, NETWORK_SEED, seed, false, type).castTo(DataType.DOUBLE);
    }

    /** Spontaneous PCA computed straight from the evaluator, independently of the initialiser. */
    static Pca spontaneousPca(DataType type) {
        return new Evaluator(PROTOCOL).spontaneousPca(new Simulator(network(1, type)), P.hiddenSize());
    }

    /** Memory-period PCA of the network with input weights {@code input}. */
    static Pca memoryPca(double[] input, DataType type) {
        CtrnnWeights w = network(1, type);
        CtrnnWeights withI = w.withInputReadout(org.nd4j.linalg.factory.Nd4j.createFromArray(input).reshape(
                P.hiddenSize(), 1), w.w());
        return new Evaluator(PROTOCOL).memoryPca(new Simulator(withI), P.hiddenSize());
    }

    static double[] random(boolean input, int seed, DataType type) {
        int n = P.hiddenSize();
        return (input ? Initializer.input(n, seed, type) : Initializer.readout(n, seed, type)).castTo(DataType.DOUBLE)
                .data().asDouble();
    }

    /** sum_{i < k} (e_i . v)^2 / |v|^2. */
    static double topFraction(Pca pca, double[] v, int k) {
        double[] c = pca.project(v);
        double s = 0;
        for (int i = 0; i < k; i++) {
            s += c[i] * c[i];
        }
        double n = WeightInitializer.norm(v);
        return s / (n * n);
    }
}
