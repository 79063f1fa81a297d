package org.rnnmemory.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.ConfigValueException;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Npy;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.model.Simulator;

/**
 * The initial input weights I and readout weights w of a model seed, each N x 1 and returned as a
 * length-N double array, from the {@link WeightInit} kinds of an experiment:
 *
 * <ul>
 *   <li>{@code random}: the draws of SPEC section 1 from the model seed, I ~ N(0, 1), w ~ N(0, 1/N)
 *       ({@link Initializer#input}, {@link Initializer#readout}), with the generator of
 *       {@code network.init.generator} ({@link Draws}).</li>
 *   <li>{@code pcs}: {@code sum_k weights[k] e_{pcs[k]}} over the unit eigenvectors of a PCA of SPEC
 *       section 4, run with this object's evaluation protocol. Each eigenvector is signed so that its
 *       largest-magnitude component (first one on a tie) is positive. {@code spontaneous}: the spontaneous
 *       PCA, which depends on G and g only, computed once. {@code memory}: the memory-period PCA of the
 *       network whose I is the seed's initial input vector, computed once per seed; for the input
 *       weights themselves, whose initial vector is not yet known, it is the network whose I is the
 *       seed's random draw.<br>
 *       <b>Norm rule:</b> the sum is rescaled to the Euclidean norm of the vector {@code random} draws
 *       for the same seed and weight, so the PCs fix the direction and the random draw the length
 *       (about sqrt(N) for I and 1 for w).</li>
 *   <li>{@code vector}: a {@code .npy} file of N values (shape [N] or [N, 1]), used as given for every
 *       seed; read once.</li>
 * </ul>
 *
 * Values are rounded to float32 for float32 models, as the training state holds them. The PCAs
 * simulate in float64 with the model's G, as the evaluation does.
 */
public final class WeightInitializer {
    /** Configuration key of the input initialisation, named in errors. */
    public static final String INPUT_KEY = "network.init.input";
    /** Configuration key of the readout initialisation, named in errors. */
    public static final String READOUT_KEY = "network.init.readout";

    /** The initial I and w of one seed, length N each. */
    public record Initial(double[] input, double[] readout) {}

    private final ModelParams params;
    private final INDArray recurrent;
    private final WeightInit inputInit;
    private final WeightInit readoutInit;
    private final DataType dtype;
    private final Draws draws;
    private final Evaluator evaluator;
    private final double[] inputFile;
    private final double[] readoutFile;
    private Pca spontaneous;

    /**
     * @param params N, tau, dt and g
     * @param recurrent G, N x N, in the model's data type (gain not folded in)
     * @param input how I starts
     * @param readout how w starts
     * @param protocol the protocol of the PCAs; may be null when neither kind is {@code pcs}
     * @param dtype the model's data type (float32 values are rounded to float)
     * @throws InputFileException if a {@code vector} file is unreadable, not N values, not finite or zero
     * @throws ConfigValueException naming {@code network.init.input} or {@code network.init.readout} for a
     *         PC index above N
     */
    public WeightInitializer(ModelParams params, INDArray recurrent, WeightInit input, WeightInit readout,
                             EvalProtocol protocol, DataType dtype) {
        this(params, recurrent, input, readout, protocol, dtype, Draws.NATIVE);
    }

    /**
     * As {@link #WeightInitializer(ModelParams, INDArray, WeightInit, WeightInit, EvalProtocol, DataType)},
     * with the generator of the {@code random} draws (and of the norms of the {@code pcs} kinds).
     */
    public WeightInitializer(ModelParams params, INDArray recurrent, WeightInit input, WeightInit readout,
                             EvalProtocol protocol, DataType dtype, Draws draws) {
        this.params = params;
        this.draws = draws;
        this.recurrent = recurrent;
        this.inputInit = input;
        this.readoutInit = readout;
        this.dtype = dtype;
        this.evaluator = protocol == null ? null : new Evaluator(protocol);
        checkPcs(INPUT_KEY, input);
        checkPcs(READOUT_KEY, readout);
        this.inputFile = input instanceof WeightInit.Vector v ? round(readVector(v.path(), params.hiddenSize())) : null;
        this.readoutFile = readout instanceof WeightInit.Vector v ? round(readVector(v.path(), params.hiddenSize()))
                : null;
    }

    /** The initialiser of a training plan, with the trainer's G. */
    public static WeightInitializer of(TrainPlan plan, INDArray recurrent) {
        return new WeightInitializer(plan.params(), recurrent, plan.initInput(), plan.initReadout(),
                plan.evalProtocol(), plan.dtype(), plan.draws());
    }

    private void checkPcs(String key, WeightInit init) {
        if (init instanceof WeightInit.Pcs p) {
            if (evaluator == null) {
                throw new ConfigValueException(key, "a pcs initialisation needs an evaluation protocol");
            }
            for (int i = 0; i < p.pcs().size(); i++) {
                if (p.pcs().get(i) > params.hiddenSize()) {
                    throw new ConfigValueException(key + ".pcs[" + i + "]", "must be <= network.hidden_size = "
                            + params.hiddenSize() + ", found " + p.pcs().get(i));
                }
            }
        }
    }

    /** I and w of one model seed; the memory PCA of a {@code pcs} readout uses the returned I. */
    public Initial initial(int seed) {
        double[] in = input(seed);
        return new Initial(in, readout(seed, in));
    }

    /** The initial input weights I of a model seed, length N. */
    public double[] input(int seed) {
        double[] random = random(Initializer.input(params.hiddenSize(), seed, dtype, draws));
        if (inputInit instanceof WeightInit.Pcs p) {
            return alongPcs(INPUT_KEY, p, random, random);
        }
        return inputInit instanceof WeightInit.Vector ? inputFile.clone() : random;
    }

    /**
     * The initial readout weights w of a model seed, length N.
     *
     * @param input the seed's initial I (used by a memory-period PCA only)
     */
    public double[] readout(int seed, double[] input) {
        double[] random = random(Initializer.readout(params.hiddenSize(), seed, dtype, draws));
        if (readoutInit instanceof WeightInit.Pcs p) {
            return alongPcs(READOUT_KEY, p, random, input);
        }
        if (readoutInit instanceof WeightInit.ScaledInput) {
            double[] w = new double[input.length];
            double root = Math.sqrt(input.length);
            for (int i = 0; i < w.length; i++) {
                w[i] = input[i] / root;
            }
            return round(w);
        }
        return readoutInit instanceof WeightInit.Vector ? readoutFile.clone() : random;
    }

    private double[] alongPcs(String key, WeightInit.Pcs p, double[] random, double[] input) {
        Pca pca = "spontaneous".equals(p.of()) ? spontaneousPca() : memoryPca(input);
        double[] v = combination(pca, p.pcs(), p.weights());
        double norm = norm(v);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new ConfigValueException(key, "the weighted sum of PCs " + p.pcs() + " with weights "
                    + p.weights() + " has norm " + norm + "; give at least one non-zero weight");
        }
        double scale = norm(random) / norm;
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return round(v);
    }

    /**
     * {@code sum_k weights[k] e_{pcs[k]}} over sign-fixed unit eigenvectors.
     *
     * @param pcs PC indices, 1-based
     */
    public static double[] combination(Pca pca, List<Integer> pcs, List<Double> weights) {
        double[] v = new double[pca.size()];
        for (int k = 0; k < pcs.size(); k++) {
            double[] e = signFixedVector(pca, pcs.get(k) - 1);
            double a = weights.get(k);
            for (int i = 0; i < v.length; i++) {
                v[i] += a * e[i];
            }
        }
        return v;
    }

    /** Unit eigenvector k (0-based), signed so that its largest-magnitude component (first on a tie) is positive. */
    public static double[] signFixedVector(Pca pca, int k) {
        double[] e = pca.vector(k);
        int arg = 0;
        for (int i = 1; i < e.length; i++) {
            if (Math.abs(e[i]) > Math.abs(e[arg])) {
                arg = i;
            }
        }
        if (e[arg] < 0) {
            for (int i = 0; i < e.length; i++) {
                e[i] = -e[i];
            }
        }
        return e;
    }

    /** The spontaneous PCA of the untrained network (G and g only), computed on first use. */
    public Pca spontaneousPca() {
        if (spontaneous == null) {
            int n = params.hiddenSize();
            spontaneous = evaluator.spontaneousPca(new Simulator(network(new double[n])), n);
        }
        return spontaneous;
    }

    /** The memory-period PCA of the network whose input weights are {@code input}. */
    public Pca memoryPca(double[] input) {
        return evaluator.memoryPca(new Simulator(network(input)), params.hiddenSize());
    }

    /** The float64 network with this G, the given I, w = 0 and h0 = 0. */
    private CtrnnWeights network(double[] input) {
        int n = params.hiddenSize();
        return new CtrnnWeights(params, recurrent.castTo(DataType.DOUBLE),
                Nd4j.createFromArray(input.clone()).reshape(n, 1), Nd4j.zeros(DataType.DOUBLE, n, 1),
                Nd4j.zeros(DataType.DOUBLE, n));
    }

    /**
     * Reads a weight vector of {@code n} values ({@code .npy} of shape [n] or [n, 1]), in double.
     *
     * @throws InputFileException naming the file if it is unreadable, of another length, not finite or zero
     */
    public static double[] readVector(Path file, int n) {
        INDArray a = Npy.read(file, DataType.DOUBLE);
        long[] shape = a.shape();
        boolean ok = (shape.length == 1 && shape[0] == n) || (shape.length == 2 && shape[0] == n && shape[1] == 1);
        if (!ok) {
            throw new InputFileException(file, "expected a weight vector of shape (" + n + ",) or (" + n
                    + ", 1) for network.hidden_size = " + n + ", found shape " + Arrays.toString(shape));
        }
        double[] v = a.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new InputFileException(file, "value " + i + " is not finite: " + v[i]);
            }
        }
        if (norm(v) == 0) {
            throw new InputFileException(file, "the weight vector is zero (norm 0)");
        }
        return v;
    }

    private static double[] random(INDArray draw) {
        return draw.castTo(DataType.DOUBLE).data().asDouble();
    }

    private double[] round(double[] v) {
        if (dtype == DataType.FLOAT) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    /** Euclidean norm. */
    public static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
