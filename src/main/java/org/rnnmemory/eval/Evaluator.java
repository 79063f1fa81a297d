package org.rnnmemory.eval;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Simulator;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/**
 * Runs the evaluation protocol of SPEC section 4 on one network. Simulations run in float64 whatever
 * the weights' type, so the metrics are not limited by float32 accumulation over 7000 steps.
 */
public final class Evaluator {
    private final EvalProtocol protocol;

    public Evaluator(EvalProtocol protocol) {
        this.protocol = protocol;
    }

    /**
     * The SPEC section 4 metrics of a network.
     *
     * @throws NonFiniteSimulationException if the simulation overflows (outputs or rates not finite)
     */
    public EvaluationResult evaluate(CtrnnWeights original) {
        CtrnnWeights weights = original.castTo(DataType.DOUBLE);
        Simulator sim = new Simulator(weights);
        Map<String, Double> losses = precisionLosses(sim, weights.n());
        double precision = losses.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        Pca spont = spontaneousPca(sim, weights.n());
        Pca memory = memoryPca(sim, weights.n());
        double[] i = weights.I().castTo(DataType.DOUBLE).data().asDouble();
        double[] w = weights.w().castTo(DataType.DOUBLE).data().asDouble();
        return new EvaluationResult(precision, losses, weights.weightCorrelation(), Alignment.of(spont, i),
                Alignment.of(memory, w));
    }

    /** Evaluation trials (onset fixed, no catch), one per test duration. */
    public Trial[] trials() {
        Trial[] trials = new Trial[protocol.durations().length];
        for (int k = 0; k < trials.length; k++) {
            trials[k] = TrialGenerator.trial(protocol.task(), protocol.onset(), protocol.durations()[k]);
        }
        return trials;
    }

    /** Mean squared error over y > 0 per test duration, keyed by its label. */
    public Map<String, Double> precisionLosses(Simulator sim, int n) {
        Trial[] trials = trials();
        float[][] u = new float[trials.length][];
        for (int k = 0; k < trials.length; k++) {
            u[k] = trials[k].u();
        }
        double[][] z = sim.run(u, Nd4j.zeros(DataType.DOUBLE, trials.length, n), 0, 0).z();
        Map<String, Double> out = new LinkedHashMap<>();
        for (int k = 0; k < trials.length; k++) {
            for (int t = 0; t < z[k].length; t++) {
                if (!Double.isFinite(z[k][t])) {
                    throw new NonFiniteSimulationException("the output z of the " + protocol.durationLabels().get(k)
                            + " ms test trial is not finite at step " + t);
                }
            }
            out.put(protocol.durationLabels().get(k), evalLoss(z[k], trials[k]));
        }
        return out;
    }

    /** Mean of (z - y)^2 over the steps where y > 0 (the evaluation mask). */
    public static double evalLoss(double[] z, Trial trial) {
        double s = 0;
        int c = 0;
        for (int t = 0; t < z.length; t++) {
            if (trial.evalMask(t)) {
                double e = z[t] - trial.y()[t];
                s += e * e;
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    /** PCA of spontaneous rates: h = 0.1 everywhere, no input; unbiased covariance over the window. */
    public Pca spontaneousPca(Simulator sim, int n) {
        float[][] u = new float[1][protocol.spontaneousSteps()];
        INDArray h = Nd4j.valueArrayOf(new long[] {1, n}, EvalProtocol.SPONTANEOUS_H0, DataType.DOUBLE);
        INDArray rates = sim.run(u, h, protocol.spontaneousFrom(), protocol.spontaneousSteps()).rates()[0];
        return Pca.of(Pca.covariance(rates, true));
    }

    /** PCA of memory-period rates: covariance (divided by n) per test duration, averaged. */
    public Pca memoryPca(Simulator sim, int n) {
        INDArray[] rates = memoryRates(sim, n);
        double[][][] covs = new double[rates.length][][];
        for (int k = 0; k < rates.length; k++) {
            covs[k] = Pca.covariance(rates[k], false);
        }
        return Pca.of(Pca.average(covs));
    }

    /** Memory-period rates per test duration, [window steps, N] each. */
    public INDArray[] memoryRates(Simulator sim, int n) {
        int[] d = protocol.durations();
        float[][] u = new float[d.length][protocol.memorySteps()];
        for (int k = 0; k < d.length; k++) {
            for (int t = protocol.memoryOnset(); t <= protocol.memoryOnset() + d[k]; t++) {
                u[k][t] = (float) protocol.task().strength();
            }
        }
        return sim.run(u, Nd4j.zeros(DataType.DOUBLE, d.length, n), protocol.memoryFrom(), protocol.memorySteps())
                .rates();
    }

    /**
     * Memory one {@link #evaluate} call holds at its peak for a network of N units, from its arrays
     * (float64, 8 bytes a value). Native: G, (g G)^T and its temporary, one N x N covariance, and the
     * recorded rates of the spontaneous window (with their centred copy) or of the memory windows of
     * every test duration. Java heap: the covariances as {@code double[][]} (one per test duration,
     * their average, the spontaneous one), the EJML copy and decomposition (about four N x N
     * matrices) and the two eigenvector matrices.
     */
    public static MemoryNeed.Part footprint(int n, EvalProtocol p) {
        double nn = 8.0 * n * n;
        int d = p.durations().length;
        double spontaneous = 2.0 * 8 * (p.spontaneousSteps() - p.spontaneousFrom()) * n;
        double memory = (d + 1.0) * 8 * (p.memorySteps() - p.memoryFrom()) * n;
        double trials = 8.0 * d * p.task().trialSteps();
        return new MemoryNeed.Part("evaluating one network in float64 (N = " + n + ")",
                MemoryNeed.clamp((d + 8) * nn + trials), MemoryNeed.clamp(4 * nn + Math.max(spontaneous, memory)));
    }

    public EvalProtocol protocol() {
        return protocol;
    }
}
