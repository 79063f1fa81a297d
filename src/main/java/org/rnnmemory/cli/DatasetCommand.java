package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.model.Rngs;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialDatasets;
import org.rnnmemory.task.TrialGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rnnmem dataset EXPERIMENT.yaml --seed N [--out DIR]}: writes a seed's training set as DataVec CSV. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Write the training set a model seed trains on (DataVec sequence CSV) so it can be "
                + "inspected, edited, and used again with task.dataset.")
public final class DatasetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXPERIMENT.yaml")
    Path experiment;

    @Option(names = "--seed", required = true, description = "Model seed whose training set to write.")
    int seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Dataset directory (default data/<name>-seed<N>).")
    Path out;

    @Option(names = "--set", paramLabel = "path=value", description = "Override one value of the experiment.")
    List<String> sets = new ArrayList<>();

    @Override
    public Integer call() {
        ExperimentSpec spec = ExperimentLoader.load(experiment, sets);
        TaskSpec task = spec.taskSpec();
        List<Trial> trials = new TrialGenerator(task, Rngs.of(seed, Rngs.Purpose.TRIALS)).trainingSet();
        Path dir = out != null ? out : Path.of("data", spec.name() + "-seed" + seed);
        TrialDatasets.write(dir, trials, spec.modelParams().dtMs(),
                "training set of model seed " + seed + " of experiment " + spec.name() + " (config "
                        + spec.configHash() + ")");
        System.out.println("wrote " + trials.size() + " trials of " + task.trialSteps() + " steps to " + dir);
        return 0;
    }
}
