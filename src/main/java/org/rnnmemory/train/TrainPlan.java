package org.rnnmemory.train;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.NetworkSection;
import org.rnnmemory.config.TrainingSection;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.Draws;
import org.rnnmemory.model.InitialState;
import org.rnnmemory.model.ModelParams;
import org.rnnmemory.task.TaskSpec;

/**
 * Everything the trainer needs, derived from an experiment: build it with {@link #of(ExperimentSpec)}
 * (or {@link #of(NetworkSection, TrainingSection, TaskSpec, EvalProtocol, List)} from the sections);
 * the positional constructors serve tests that train a tiny task outside any experiment file.
 *
 * @param params model parameters
 * @param networkSeed seed of G (shared by every model seed)
 * @param zeroInitialState h[0] = 0 (else N(0,1) per model seed)
 * @param trainInput whether I is trained
 * @param trainReadout whether w is trained
 * @param task the task; its {@code trials} is the training-set size
 * @param epochs epochs
 * @param batchSize trials per batch (per seed)
 * @param learningRate Adam learning rate
 * @param engine the gradient engine
 * @param chunkSteps chunk length of the SameDiff engine
 * @param dtype float32 or float64 arithmetic
 * @param workers parallel workers (threads), each training a share of the seeds
 * @param seeds model seeds
 * @param initInput how each seed's input weights I start ({@link WeightInitializer})
 * @param initReadout how each seed's readout weights w start
 * @param evalProtocol the evaluation protocol whose PCAs a {@code pcs} initialisation uses; may be null
 *        when neither initialisation is {@code pcs}
 * @param rateMemoryGib memory for the adjoint engine's stored rates, all workers together (GiB)
 * @param draws the generator of G and of the {@code random} initial I and w
 */
public record TrainPlan(ModelParams params, long networkSeed, boolean zeroInitialState, boolean trainInput,
                        boolean trainReadout, TaskSpec task, int epochs, int batchSize, double learningRate,
                        Engine engine, int chunkSteps, DataType dtype, int workers, List<Integer> seeds,
                        WeightInit initInput, WeightInit initReadout, EvalProtocol evalProtocol,
                        double rateMemoryGib, Draws draws) {

    public TrainPlan {
        if (batchSize > task.trials()) {
            throw new IllegalArgumentException("training.batch_size (" + batchSize + ") must be <= task.trials ("
                    + task.trials() + ")");
        }
        seeds = List.copyOf(seeds);
        if (initInput == null || initReadout == null) {
            throw new IllegalArgumentException("initInput and initReadout must be given (use WeightInit.Random)");
        }
        if (evalProtocol == null && (initInput instanceof WeightInit.Pcs || initReadout instanceof WeightInit.Pcs)) {
            throw new IllegalArgumentException("a pcs initialisation needs an evaluation protocol, found null");
        }
        if (draws == null) {
            throw new IllegalArgumentException("draws must be given (Draws.NATIVE or Draws.PYTORCH)");
        }
        if (!(rateMemoryGib > 0)) {
            throw new IllegalArgumentException("rateMemoryGib must be > 0, found " + rateMemoryGib);
        }
    }

    /** A plan with the default memory for stored rates. */
    public TrainPlan(ModelParams params, long networkSeed, boolean zeroInitialState, boolean trainInput,
                     boolean trainReadout, TaskSpec task, int epochs, int batchSize, double learningRate,
                     Engine engine, int chunkSteps, DataType dtype, int workers, List<Integer> seeds,
                     WeightInit initInput, WeightInit initReadout, EvalProtocol evalProtocol) {
        this(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize, learningRate,
                engine, chunkSteps, dtype, workers, seeds, initInput, initReadout, evalProtocol,
                TrainingSection.SYSTEM_A.rateMemoryGib(), Draws.NATIVE);
    }

    /** A plan whose I and w start from the random draws of SPEC section 1. */
    public TrainPlan(ModelParams params, long networkSeed, boolean zeroInitialState, boolean trainInput,
                     boolean trainReadout, TaskSpec task, int epochs, int batchSize, double learningRate,
                     Engine engine, int chunkSteps, DataType dtype, int workers, List<Integer> seeds) {
        this(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize, learningRate,
                engine, chunkSteps, dtype, workers, seeds, new WeightInit.Random(), new WeightInit.Random(), null,
                TrainingSection.SYSTEM_A.rateMemoryGib(), Draws.NATIVE);
    }

    /** The plan of an experiment: its network and training sections, its task and protocol in steps, its seeds. */
    public static TrainPlan of(ExperimentSpec spec) {
        return of(spec.network(), spec.training(), spec.taskSpec(), spec.evalProtocol(), spec.seeds());
    }

    /**
     * The plan of configuration sections.
     *
     * @param task the task in steps of {@code network.dt_ms}
     * @param protocol the evaluation protocol whose PCAs a {@code pcs} initialisation uses
     */
    public static TrainPlan of(NetworkSection network, TrainingSection training, TaskSpec task, EvalProtocol protocol,
                               List<Integer> seeds) {
        return new TrainPlan(network.modelParams(), network.networkSeed(),
                network.initialState() == InitialState.ZERO, network.trainInput(), network.trainReadout(), task,
                training.epochs(), training.batchSize(), training.learningRate(), training.engine(),
                training.chunkSteps(), training.dtype().dataType(), training.workers(), seeds, network.initInput(),
                network.initReadout(), protocol, training.rateMemoryGib(), network.initGenerator());
    }

    /** Updates per epoch: trials // batch size (SPEC section 3). */
    public int updatesPerEpoch() {
        return task.trials() / batchSize;
    }

    public int totalUpdates() {
        return epochs * updatesPerEpoch();
    }

    public TrainPlan withEpochs(int e) {
        return new TrainPlan(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, e, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, seeds, initInput, initReadout, evalProtocol,
                rateMemoryGib, draws);
    }

    public TrainPlan withSeeds(List<Integer> s) {
        return new TrainPlan(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, s, initInput, initReadout, evalProtocol,
                rateMemoryGib, draws);
    }

    /** The same plan with other initialisations of I and w, whose PCAs use {@code protocol}. */
    public TrainPlan withInit(WeightInit input, WeightInit readout, EvalProtocol protocol) {
        return new TrainPlan(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, seeds, input, readout, protocol, rateMemoryGib, draws);
    }

    /** The same plan with another memory limit for the adjoint engine's stored rates. */
    public TrainPlan withRateMemoryGib(double gib) {
        return new TrainPlan(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, seeds, initInput, initReadout, evalProtocol, gib, draws);
    }

    /** The same plan training other vectors (at least one of them). */
    public TrainPlan withTrainable(boolean input, boolean readout) {
        if (!input && !readout) {
            throw new IllegalArgumentException("at least one of I and w must train");
        }
        return new TrainPlan(params, networkSeed, zeroInitialState, input, readout, task, epochs, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, seeds, initInput, initReadout, evalProtocol,
                rateMemoryGib, draws);
    }

    /** The same plan with another generator of the initial weights. */
    public TrainPlan withDraws(Draws d) {
        return new TrainPlan(params, networkSeed, zeroInitialState, trainInput, trainReadout, task, epochs, batchSize,
                learningRate, engine, chunkSteps, dtype, workers, seeds, initInput, initReadout, evalProtocol,
                rateMemoryGib, d);
    }
}
