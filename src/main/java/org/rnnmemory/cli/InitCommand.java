package org.rnnmemory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.config.ConfigValueException;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.train.TrainPlan;
import org.rnnmemory.train.WeightInitializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rnnmem init EXPERIMENT.yaml --seed N --out DIR}: the untrained network of one model seed,
 * exactly as training starts from it, in the layout {@code evaluate --weights} reads.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write the untrained network of a model seed (G.npy, I.npy, w.npy, h0.npy, model.json), "
                + "as training starts from it.")
public final class InitCommand implements Callable<Integer> {
    private static final List<String> FILES = List.of("G.npy", "I.npy", "w.npy", "h0.npy", WeightsIO.MODEL_JSON);

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path experiment;

    @Option(names = "--seed", required = true, description = "Model seed.")
    int seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the weights to.")
    Path out;

    @Option(names = "--set", paramLabel = "path=value", description = "Override one value of the experiment.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        ExperimentSpec spec = ExperimentLoader.load(experiment, sets);
        for (String f : FILES) {
            if (Files.exists(out.resolve(f))) {
                throw new UserInputException(out.resolve(f) + " already exists; choose an empty --out folder");
            }
        }
        TrainPlan plan = TrainPlan.of(spec).withSeeds(List.of(seed));
        int n = plan.params().hiddenSize();
        DataType t = plan.dtype();
        INDArray g = Initializer.recurrent(n, plan.networkSeed(), t, plan.draws());
        WeightInitializer.Initial w;
        try {
            w = WeightInitializer.of(plan, g).initial(seed);
        } catch (ConfigValueException e) {
            throw new UserInputException(spec.name() + ": " + e.getMessage(), e);
        }
        INDArray h0 = plan.zeroInitialState() ? Nd4j.zeros(t, n) : Initializer.randomState(n, seed, t);
        WeightsIO.save(out, new CtrnnWeights(plan.params(), g, column(w.input(), t), column(w.readout(), t), h0));
        System.out.println("wrote the untrained network of model seed " + seed + " of " + spec.name() + " ("
                + plan.draws().configName() + " draws, N = " + n + ") to " + out);
        return 0;
    }

    private static INDArray column(double[] v, DataType t) {
        return Nd4j.createFromArray(v).castTo(t).reshape(v.length, 1);
    }
}
