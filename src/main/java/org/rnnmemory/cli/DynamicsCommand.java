package org.rnnmemory.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.OptionalInt;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.dynamics.DynamicsSettings;
import org.rnnmemory.dynamics.NetworkDynamics;
import org.rnnmemory.dynamics.PointAnalysis;
import org.rnnmemory.dynamics.UntrainedInput;
import org.rnnmemory.io.Json;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;
import org.rnnmemory.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rnnmem dynamics --weights DIR [--config FILE] [--json]}: the mechanism of one network
 * (optimal readout, fixed and slow points, origin spectrum, memory-period speed and separation),
 * see {@link NetworkDynamics}. The experiment is found as for {@code evaluate}; the untrained input
 * weights are reproduced when DIR is {@code RUN_DIR/seeds/seed-N} (or {@code --config} is given for
 * such a folder).
 */
@Command(name = "dynamics", mixinStandardHelpOptions = true,
        description = "Reverse-engineer one network: optimal readout, fixed and slow points, linearisation.")
public final class DynamicsCommand implements Callable<Integer> {

    @Option(names = "--weights", required = true, paramLabel = "DIR",
            description = "Folder with G.npy, I.npy, w.npy, h0.npy and optionally model.json.")
    Path weights;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Experiment whose task, evaluation and initialisation settings to use (default: the run's "
                    + "config.resolved.yaml when DIR is RUN_DIR/seeds/seed-N, else System A at the model's dt).")
    Path config;

    @Override
    public Integer call() {
        CtrnnWeights w = WeightsIO.load(weights, DataType.DOUBLE);
        NetworkDynamics.requireFinite(weights, w);
        ExperimentSpec spec = EvaluateCommand.specFor(weights, config, w);
        NetworkDynamics d = NetworkDynamics.analyse(w, EvaluateCommand.protocolOf(spec, w), DynamicsSettings.DEFAULT,
                untrained(spec, w));
        if (json) {
            var o = d.toJson();
            o.put("weights", weights.toString());
            System.out.println(Json.pretty(o));
        } else {
            System.out.print(text(weights, d));
        }
        return 0;
    }

    private UntrainedInput untrained(ExperimentSpec spec, CtrnnWeights w) {
        OptionalInt seed = RunDirectory.seedOf(weights);
        if (spec == null) {
            return UntrainedInput.unknown("no experiment configuration (give --config or use RUN_DIR/seeds/seed-N)");
        }
        if (seed.isEmpty()) {
            return UntrainedInput.unknown("the model seed is unknown: " + weights + " is not a seeds/seed-N folder");
        }
        return UntrainedInput.Source.of(spec.withSeeds(List.of(seed.getAsInt())), w.G()).input(seed.getAsInt());
    }

    static String text(Path dir, NetworkDynamics d) {
        StringBuilder s = new StringBuilder();
        s.append("weights              ").append(dir).append('\n');
        var r = d.readout();
        s.append(String.format(Locale.ROOT, "optimal readout      precision %.6g (trained %.6g), cos to trained w %.4f,"
                + " ridge %.3g (%.0e of tr(A)/N)%n", r.precision(), r.trainedPrecision(), r.cosineToTrained(),
                r.fit().ridge(), r.fit().relativeRidge()));
        if (d.untrained() != null) {
            s.append(String.format(Locale.ROOT, "untrained input      optimal precision %.6g, cos to trained w %.4f%n",
                    d.untrained().precision(), d.untrained().cosineToTrained()));
        } else {
            s.append("untrained input      unknown: ").append(d.untrainedSource()).append('\n');
        }
        var o = d.origin();
        s.append(String.format(Locale.ROOT, "origin               max Re %.4f /tau, %d unstable (circular law %.1f), "
                + "|P_u I|^2/|I|^2 %.4f (random %.4f)%n", o.maxRealEigenvalue(), o.unstableDimensions(),
                o.circularLawUnstable(), o.inputUnstableFraction(), o.randomUnstableFraction()));
        s.append(String.format(Locale.ROOT, "memory period        speed mean %.4g /s, min %.4g /s; separation rate %.4g /s%n",
                d.memory().meanSpeed(), d.memory().minSpeed(), d.memory().separationRate()));
        s.append(String.format(Locale.ROOT, "%n%-6s %9s %11s %10s %9s %8s %12s %12s%n", "kind", "|h|", "q", "speed/s",
                "output", "unstable", "max Re", "slowest ms"));
        for (PointAnalysis p : d.fixedPoints()) {
            row(s, "fixed", p);
        }
        for (PointAnalysis p : d.slowPoints()) {
            row(s, "slow", p);
        }
        var c = d.counts();
        s.append(String.format(Locale.ROOT, "%n%d starts: %d not polished, %d unconverged, %d saddles of q, "
                + "%d duplicates, %d outliers; %.1f s%n", c.starts(), c.truncated(), c.unconverged(), c.notMinimum(),
                c.duplicates(), c.outliers(), d.seconds()));
        return s.toString();
    }

    private static void row(StringBuilder s, String kind, PointAnalysis p) {
        s.append(String.format(Locale.ROOT, "%-6s %9.4f %11.3e %10.4g %9.4f %8d %12.5f %12.4g%n", kind, p.norm(), p.q(),
                p.speed(), p.output(), p.unstableDimensions(), p.maxRealEigenvalue(), p.slowestTimeConstantMs()));
    }
}
