package org.rnnmemory.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.dynamics.DynamicsSettings;
import org.rnnmemory.dynamics.NetworkDynamics;
import org.rnnmemory.dynamics.UntrainedInput;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.model.CtrnnWeights;
import tech.tablesaw.api.Table;

/**
 * The mechanism analysis of every seed of a run, for {@code rnnmem analyze}: each completed seed's
 * {@link NetworkDynamics} with {@link DynamicsSettings#ANALYZE} (12 starting states, up to 6 points
 * polished and linearised, one thread per seed since seeds already run in parallel), its
 * {@link MechanismMetrics} columns, and, once every seed is done, the mechanism tables
 * ({@link MechanismTables}) and figures ({@link MechanismFigures}). The untrained input weights
 * come from the run's configuration ({@link UntrainedInput.Source}, built once). Thread-safe.
 */
final class Mechanisms {
    private final ExperimentSpec spec;
    private final DynamicsSettings settings;
    private final Map<Integer, NetworkDynamics> results = new TreeMap<>();
    private UntrainedInput.Source source;

    Mechanisms(ExperimentSpec spec, DynamicsSettings settings) {
        this.spec = spec;
        this.settings = settings;
    }

    /** The mechanism of one completed seed; returns its {@link MechanismMetrics} columns. */
    Map<String, Double> analyse(int seed, CtrnnWeights w, EvalProtocol protocol) {
        NetworkDynamics d = NetworkDynamics.analyse(w, protocol, settings, source(w).input(seed));
        synchronized (results) {
            results.put(seed, d);
        }
        return MechanismMetrics.of(d);
    }

    private synchronized UntrainedInput.Source source(CtrnnWeights w) {
        if (source == null) {
            source = UntrainedInput.Source.of(spec, w.G());
        }
        return source;
    }

    /** The analysed seeds' results, by seed. */
    Map<Integer, NetworkDynamics> results() {
        synchronized (results) {
            return new TreeMap<>(results);
        }
    }

    /**
     * Writes the mechanism tables under {@code tables} and the figures under {@code figures}.
     *
     * @param analysis analysis.csv (precision per seed for the figures)
     * @return the written figure files
     */
    List<Path> write(Path tables, Path figures, Table analysis) {
        Map<Integer, NetworkDynamics> r = results();
        MechanismTables.all(r).forEach((name, t) -> TableSchema.writeCsv(t, tables.resolve(name + ".csv")));
        if (r.isEmpty()) {
            return new ArrayList<>();
        }
        return MechanismFigures.writeAll(r, analysis, figures);
    }
}
