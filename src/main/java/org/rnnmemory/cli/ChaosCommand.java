package org.rnnmemory.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rnnmemory.chaos.ChaosAnalysis;
import org.rnnmemory.chaos.ChaosFigures;
import org.rnnmemory.chaos.ChaosNetwork;
import org.rnnmemory.chaos.ChaosRecord;
import org.rnnmemory.chaos.ChaosReport;
import org.rnnmemory.chaos.ChaosResult;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.chaos.ChaosStudy;
import org.rnnmemory.chaos.ChaosTable;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.run.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rnnmem chaos}: largest Lyapunov exponent (or the top-k spectrum), Delta0 and activity
 * dimensionality of untrained random networks, per gain and network seed, with the mean-field
 * theory alongside; or, with {@code --config} or {@code --weights}, of one given network at its own
 * N, gain and dt / tau. Writes chaos.csv, summary.csv, run.json and figures into the output folder.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Lyapunov exponents, Delta0 and dimensionality of untrained random tanh networks (per gain "
                + "and network seed), or of one given network at its own N, gain and dt/tau:",
                "  --config EXPERIMENT.yaml   the experiment's untrained network",
                "  --weights DIR              G.npy (and model.json) of a weights folder"})
public final class ChaosCommand implements Callable<Integer> {

    /** Options that choose the random networks; they cannot be combined with --config or --weights. */
    static final List<String> RANDOM_NETWORK_OPTIONS = List.of("--gains", "--hidden-size", "--network-seeds",
            "--dt-tau");

    @Spec
    CommandSpec commandSpec;

    @Option(names = "--config", paramLabel = "EXPERIMENT.yaml",
            description = "Analyse this experiment's untrained network (its N, gain, network_seed, dt/tau).")
    Path config;

    @Option(names = "--set", paramLabel = "path=value",
            description = "With --config: override one value of the experiment, e.g. --set network.gain=2.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--weights", paramLabel = "DIR",
            description = "Analyse the network of a weights folder (G.npy; N, gain, dt, tau from model.json).")
    Path weights;

    @Option(names = "--gains", paramLabel = "LIST", defaultValue = "0.5,0.9,1.0,1.2,1.5,2,3",
            description = "Comma-separated gains g (default: ${DEFAULT-VALUE}).")
    String gains;

    @Option(names = "--hidden-size", paramLabel = "N", defaultValue = "" + ChaosSettings.DEFAULT_HIDDEN_SIZE,
            description = "Number of units (default: ${DEFAULT-VALUE}).")
    int hiddenSize;

    @Option(names = "--network-seeds", paramLabel = "SEEDS", defaultValue = "1-5",
            description = "Network seeds: a list and/or ranges, e.g. 1-5 or 1,3,7-9 (default: ${DEFAULT-VALUE}).")
    String networkSeeds;

    @Option(names = "--dt-tau", paramLabel = "DT", defaultValue = "" + ChaosSettings.DEFAULT_DT_TAU,
            description = "Euler step in units of tau, at most 0.1 (default: ${DEFAULT-VALUE}).")
    double dtTau;

    @Option(names = "--transient-tau", paramLabel = "T", defaultValue = "" + ChaosSettings.DEFAULT_TRANSIENT_TAU,
            description = "Discarded transient, in tau (default: ${DEFAULT-VALUE}).")
    double transientTau;

    @Option(names = "--duration-tau", paramLabel = "T", defaultValue = "" + ChaosSettings.DEFAULT_DURATION_TAU,
            description = "Measured time, in tau (default: ${DEFAULT-VALUE}).")
    double durationTau;

    @Option(names = "--ortho-every", paramLabel = "STEPS", defaultValue = "" + ChaosSettings.DEFAULT_ORTHO_EVERY,
            description = "Re-orthonormalise the tangent vectors every this many steps (default: ${DEFAULT-VALUE}).")
    int orthoEvery;

    @Option(names = "--spectrum", paramLabel = "K", defaultValue = "" + ChaosSettings.DEFAULT_SPECTRUM,
            description = "Number of leading Lyapunov exponents (default: ${DEFAULT-VALUE}, lambda_max only).")
    int spectrum;

    @Option(names = "--sample-every", paramLabel = "STEPS", defaultValue = "" + ChaosSettings.DEFAULT_SAMPLE_EVERY,
            description = "Rate covariance from every this many steps (default: ${DEFAULT-VALUE}).")
    int sampleEvery;

    @Option(names = "--threads", paramLabel = "1|2", defaultValue = "1",
            description = "Worker threads over (gain, seed) pairs, at most 2 (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder (default: runs/chaos/<UTC timestamp>).")
    Path out;

    @Option(names = "--no-figures", description = "Write the tables only.")
    boolean noFigures;

    @Option(names = "--json", description = "Print one JSON array (one object per gain and seed) on stdout; "
            + "with --config or --weights one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        if (config != null || weights != null) {
            return callOneNetwork();
        }
        if (!sets.isEmpty()) {
            throw new UserInputException("--set needs --config");
        }
        Provenance prov = Provenance.capture(Path.of("."));
        List<Double> gainList = parseGains(gains);
        List<Long> seedList = parseSeeds(networkSeeds);
        ChaosStudy study = study(gainList, seedList);
        Path dir = outputDir(prov.start());
        PrintStream err = System.err;
        List<ChaosResult> results = study.run(r -> {
            synchronized (err) {
                err.printf(Locale.ROOT, "g = %s, seed %d: lambda_max = %.4f /tau, Delta0 = %.3f (%.1f s)%n",
                        r.gain(), r.networkSeed(), r.lambdaMax(), r.delta0(), r.seconds());
            }
        });
        write(dir, study, results, prov);
        err.println("wrote " + dir);
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            results.forEach(r -> array.add(r.toJson()));
            System.out.println(Json.pretty(array));
        } else {
            System.out.print(ChaosReport.text(results));
        }
        return 0;
    }

    /** {@code --config} or {@code --weights}: one network at its own N, gain and step. */
    private Integer callOneNetwork() {
        if (config != null && weights != null) {
            throw new UserInputException("--config and --weights cannot be combined: give one network");
        }
        for (String option : RANDOM_NETWORK_OPTIONS) {
            if (commandSpec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new UserInputException(option + " cannot be combined with " + (config != null ? "--config"
                        : "--weights") + ": the network's own value is used");
            }
        }
        if (weights != null && !sets.isEmpty()) {
            throw new UserInputException("--set needs --config");
        }
        if (threads < 1 || threads > ChaosStudy.MAX_THREADS) {
            throw new UserInputException("--threads must be 1 or 2, found " + threads);
        }
        Provenance prov = Provenance.capture(Path.of("."));
        ChaosNetwork network = network();
        ChaosSettings settings = settings(network.hiddenSize(), network.dtTau());
        Path dir = outputDir(prov.start());
        ChaosResult r = ChaosAnalysis.run(network, settings);
        List<ChaosResult> results = List.of(r);
        ChaosTable.write(ChaosTable.of(results), dir.resolve("chaos.csv"));
        ChaosTable.write(ChaosTable.summaryByGain(ChaosTable.of(results)), dir.resolve("summary.csv"));
        if (settings.spectrum() > 1) {
            ChaosTable.write(ChaosTable.spectrum(results), dir.resolve("spectrum.csv"));
        }
        if (!noFigures) {
            ChaosFigures.write(results, dir);
        }
        Json.write(dir.resolve(RunDirectory.RUN_JSON),
                ChaosRecord.of(prov.finish(Provenance.COMPLETED), ChaosRecord.config(network, settings)));
        System.err.println("wrote " + dir);
        if (json) {
            System.out.println(Json.pretty(r.toJson()));
        } else {
            System.out.print(ChaosReport.text(r));
        }
        return 0;
    }

    private ChaosNetwork network() {
        if (weights != null) {
            return ChaosNetwork.of(weights);
        }
        ExperimentSpec spec = ExperimentLoader.load(config, sets);
        try {
            return ChaosNetwork.of(spec, config.toString());
        } catch (IllegalArgumentException e) {
            throw new UserInputException(config + ": " + e.getMessage(), e);
        }
    }

    /** Run lengths and numerics of the options, at the given N and step. */
    private ChaosSettings settings(int n, double dt) {
        try {
            return new ChaosSettings(n, dt, transientTau, durationTau, orthoEvery, spectrum, sampleEvery,
                    ChaosSettings.DEFAULT_INITIAL_SD, ChaosSettings.DEFAULT_TRACE_TAU,
                    Math.min(ChaosSettings.DEFAULT_TRACE_UNITS, Math.max(n, 0)));
        } catch (IllegalArgumentException e) {
            throw new UserInputException(asOption(e.getMessage()), e);
        }
    }

    private Path outputDir(Instant start) {
        return out != null ? out : Path.of("runs", "chaos", DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(start));
    }

    private ChaosStudy study(List<Double> gainList, List<Long> seedList) {
        if (threads < 1 || threads > ChaosStudy.MAX_THREADS) {
            throw new UserInputException("--threads must be 1 or 2, found " + threads);
        }
        ChaosSettings s = settings(hiddenSize, dtTau);
        try {
            return new ChaosStudy(gainList, seedList, s, threads);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(asOption(e.getMessage()), e);
        }
    }

    private void write(Path dir, ChaosStudy study, List<ChaosResult> results, Provenance prov) {
        ChaosTable.write(ChaosTable.of(results), dir.resolve("chaos.csv"));
        ChaosTable.write(ChaosTable.summaryByGain(ChaosTable.of(results)), dir.resolve("summary.csv"));
        if (study.settings().spectrum() > 1) {
            ChaosTable.write(ChaosTable.spectrum(results), dir.resolve("spectrum.csv"));
        }
        if (!noFigures) {
            ChaosFigures.write(results, dir);
        }
        Json.write(dir.resolve(RunDirectory.RUN_JSON),
                ChaosRecord.of(prov.finish(Provenance.COMPLETED), ChaosRecord.config(study)));
    }

    /** Comma-separated gains, each finite, >= 0 and distinct. */
    static List<Double> parseGains(String text) {
        Set<Double> out = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            double g;
            try {
                g = Double.parseDouble(p);
            } catch (NumberFormatException e) {
                throw new UserInputException("--gains: '" + p + "' is not a number (expected e.g. 0.5,1.5,3)");
            }
            if (!(g >= 0) || !Double.isFinite(g)) {
                throw new UserInputException("--gains: gains must be finite and >= 0, found " + p);
            }
            if (!out.add(g)) {
                throw new UserInputException("--gains: gain " + p + " is given twice");
            }
        }
        return new ArrayList<>(out);
    }

    /** Seeds as a comma-separated list of integers and ranges a-b (inclusive), distinct. */
    static List<Long> parseSeeds(String text) {
        Set<Long> out = new LinkedHashSet<>();
        for (String part : text.split(",", -1)) {
            String p = part.trim();
            int dash = p.indexOf('-', 1);
            try {
                long from = Long.parseLong(dash < 0 ? p : p.substring(0, dash).trim());
                long to = dash < 0 ? from : Long.parseLong(p.substring(dash + 1).trim());
                if (to < from || to - from >= 10_000) {
                    throw new UserInputException("--network-seeds: range '" + p
                            + "' must run upwards and hold at most 10000 seeds");
                }
                for (long v = from; v <= to; v++) {
                    if (!out.add(v)) {
                        throw new UserInputException("--network-seeds: seed " + v + " is given twice");
                    }
                }
            } catch (NumberFormatException e) {
                throw new UserInputException("--network-seeds: '" + p + "' is not a seed or a range a-b");
            }
        }
        return new ArrayList<>(out);
    }

    /** "hidden_size must be ..." becomes "--hidden-size must be ...". */
    static String asOption(String message) {
        int space = message.indexOf(' ');
        String field = space < 0 ? message : message.substring(0, space);
        if (!field.matches("[a-z0-9_]+")) {
            return message;
        }
        return "--" + field.replace('_', '-') + message.substring(field.length());
    }
}
