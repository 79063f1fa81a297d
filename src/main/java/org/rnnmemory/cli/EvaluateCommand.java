package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.List;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.eval.Alignment;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.EvaluationResult;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.eval.NonFiniteSimulationException;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Precision;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rnnmem evaluate --weights DIR [--json]}: the SPEC section 4 protocol on one network. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate a network (precision, weight correlation, PCA alignment).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--weights", required = true, paramLabel = "DIR",
            description = "Folder with G.npy, I.npy, w.npy, h0.npy and optionally model.json.")
    Path weights;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--dtype", defaultValue = "float32", description = "float32 (default) or float64.")
    String dtype;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Experiment whose task and evaluation settings to use (default: the run's "
                    + "config.resolved.yaml when DIR is RUN_DIR/seeds/seed-N, else System A at the model's dt).")
    Path config;

    @Override
    public Integer call() {
        DataType type = Precision.find(dtype).map(Precision::dataType).orElseThrow(
                () -> new UserInputException("--dtype must be float32 or float64, found '" + dtype + "'"));
        CtrnnWeights w = WeightsIO.load(weights, type);
        EvaluationResult r;
        try {
            r = new Evaluator(protocol(w)).evaluate(w);
        } catch (NonFiniteSimulationException e) {
            throw new InputFileException(weights, "simulating these weights overflows (" + e.getMessage()
                    + "); the network cannot be evaluated");
        }
        if (json) {
            System.out.println(Json.pretty(r.toJson()));
        } else {
            System.out.print(table(weights, r));
        }
        return 0;
    }

    private EvalProtocol protocol(CtrnnWeights w) {
        return protocolOf(specFor(weights, config, w), w);
    }

    /**
     * The experiment that goes with a weights folder: {@code config} when given, else
     * {@code RUN_DIR/config.resolved.yaml} when the folder is {@code RUN_DIR/seeds/seed-N}, else null.
     *
     * @throws UserInputException if the experiment's dt differs from the weights'
     */
    static ExperimentSpec specFor(Path weights, Path config, CtrnnWeights w) {
        Path cfg = config != null ? config
                : RunDirectory.ofSeedFolder(weights).map(RunDirectory::resolved).orElse(null);
        if (cfg == null) {
            return null;
        }
        ExperimentSpec spec = ExperimentLoader.load(cfg, List.of());
        if (spec.modelParams().dtMs() != w.params().dtMs()) {
            throw new UserInputException(cfg + ": network.dt_ms = " + spec.modelParams().dtMs()
                    + " differs from the weights' dt_ms = " + w.params().dtMs());
        }
        return spec;
    }

    /** The experiment's evaluation protocol, or System A's at the weights' dt when there is none. */
    static EvalProtocol protocolOf(ExperimentSpec spec, CtrnnWeights w) {
        if (spec != null) {
            return spec.evalProtocol();
        }
        double dt = w.params().dtMs();
        return EvalProtocol.systemA(dt);
    }

    static String table(Path dir, EvaluationResult r) {
        StringBuilder s = new StringBuilder();
        s.append("weights            ").append(dir).append('\n');
        s.append(String.format(Locale.ROOT, "precision          %.8f  (mean MSE over y > 0; lower is better)%n",
                r.precision()));
        for (Map.Entry<String, Double> e : r.lossByDuration().entrySet()) {
            s.append(String.format(Locale.ROOT, "  loss %-5s ms     %.8f%n", e.getKey(), e.getValue()));
        }
        s.append(String.format(Locale.ROOT, "weight correlation %.8f  (cos(I, w))%n%n", r.weightCorrelation()));
        s.append(String.format(Locale.ROOT, "%-22s %12s %4s %14s %18s %12s%n", "alignment", "activity_pr", "k",
                "topk_fraction", "variance_alignment", "eig1"));
        row(s, "I vs spontaneous", r.inputVsSpontaneous());
        row(s, "w vs memory period", r.readoutVsMemory());
        s.append(String.format(Locale.ROOT, "%nlegacy participation ratio (ill-defined, see SPEC 4): I %.3f, w %.3f%n",
                r.inputVsSpontaneous().legacyParticipationRatio(), r.readoutVsMemory().legacyParticipationRatio()));
        return s.toString();
    }

    private static void row(StringBuilder s, String name, Alignment a) {
        s.append(String.format(Locale.ROOT, "%-22s %12.5f %4d %14.6g %18.6g %12.5f%n", name, a.activityPr(), a.k(),
                a.topkFraction(), a.varianceAlignment(), a.topEigenvalues()[0]));
    }
}
