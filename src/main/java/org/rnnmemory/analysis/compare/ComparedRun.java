package org.rnnmemory.analysis.compare;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.run.RunTables;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * One run directory taken into a comparison: its resolved configuration and its per-seed table
 * ({@code tables/seeds.csv}, one row per model seed, read with the run's declared column types).
 *
 * @param label short name of the run in tables, figures and text
 * @param dir the run directory
 * @param spec the run's {@code config.resolved.yaml}
 * @param seeds the run's {@code tables/seeds.csv}
 */
public record ComparedRun(String label, Path dir, ExperimentSpec spec, Table seeds) {

    /**
     * Reads a run directory.
     *
     * @throws InputFileException if the directory, its resolved config or its seeds table is missing or unreadable
     */
    public static ComparedRun load(Path dir, String label) {
        RunDirectory run = RunDirectory.open(dir);
        ExperimentSpec spec = run.spec();
        List<String> durations = spec.evalProtocol().durationLabels();
        Table seeds = run.seedsTable(durations);
        for (String column : RunTables.schema(durations).columns(RunTables.SEEDS).keySet()) {
            if (!seeds.columnNames().contains(column)) {
                throw new InputFileException(run.seedsCsv(), "no column '" + column + "'");
            }
        }
        return new ComparedRun(label, dir, spec, seeds);
    }

    /** Number of hidden units N ({@code network.hidden_size}). */
    public int hiddenSize() {
        return spec.network().hiddenSize();
    }

    /** Labels (ms) of the evaluation's test durations, as in the {@code loss_<ms>} columns. */
    public List<String> durationLabels() {
        return spec.evalProtocol().durationLabels();
    }

    /** A numeric column of seeds.csv as doubles, in row order (missing values NaN). */
    public double[] values(String column) {
        NumericColumn<?> c = seeds.numberColumn(column);
        double[] v = new double[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return v;
    }

    /** Model seed to value of a numeric column, in row order. */
    public Map<Integer, Double> bySeed(String column) {
        double[] v = values(column);
        Map<Integer, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            m.put(seeds.intColumn("seed").getInt(i), v[i]);
        }
        return m;
    }

    /** Number of seeds with the given status ({@code completed} or {@code diverged}). */
    public int count(String status) {
        return (int) seeds.stringColumn("status").asList().stream().filter(status::equals).count();
    }
}
