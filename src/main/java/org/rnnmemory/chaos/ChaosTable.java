package org.rnnmemory.chaos;

import static tech.tablesaw.aggregate.AggregateFunctions.countNonMissing;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import java.nio.file.Path;
import java.util.List;
import org.rnnmemory.io.AtomicFiles;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The per-network table of a chaos study ({@code chaos.csv}): one row per (gain, network seed),
 * fixed columns and types ({@link #COLUMNS}, {@link #TYPES}). Missing values (dimensionality after
 * activity died out, the network seed of a G read from a file) are empty cells.
 */
public final class ChaosTable {
    private ChaosTable() {}

    public static final List<String> COLUMNS = List.of("gain", "network_seed", "hidden_size", "dt_tau",
            "transient_steps", "steps", "lambda_max", "lambda_sem", "lambda_drift", "lambda_converged", "delta0",
            "delta0_r", "dimensionality", "dimensionality_over_n", "covariance_samples", "seconds", "source");

    public static final ColumnType[] TYPES = {ColumnType.DOUBLE, ColumnType.LONG, ColumnType.INTEGER,
            ColumnType.DOUBLE, ColumnType.INTEGER, ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.DOUBLE,
            ColumnType.DOUBLE, ColumnType.BOOLEAN, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE,
            ColumnType.DOUBLE, ColumnType.LONG, ColumnType.DOUBLE, ColumnType.STRING};

    /** Metrics averaged per gain by {@link #summaryByGain}. */
    public static final List<String> METRICS = List.of("lambda_max", "delta0", "delta0_r", "dimensionality_over_n");

    /** The table of the given results, in their order. */
    public static Table of(List<ChaosResult> results) {
        int n = results.size();
        double[][] d = new double[10][n];
        LongColumn seed = LongColumn.create("network_seed");
        StringColumn source = StringColumn.create("source");
        long[] samples = new long[n];
        boolean[] converged = new boolean[n];
        int[] hidden = new int[n];
        int[] warmup = new int[n];
        int[] steps = new int[n];
        for (int i = 0; i < n; i++) {
            ChaosResult r = results.get(i);
            double[] row = {r.gain(), r.dtTau(), r.lambdaMax(), r.lambdaSem(), r.lambdaDrift(), r.delta0(),
                    r.delta0R(), r.dimensionality(), r.dimensionalityOverN(), r.seconds()};
            for (int c = 0; c < row.length; c++) {
                d[c][i] = row[c];
            }
            if (r.networkSeed() == null) {
                seed.appendMissing();
            } else {
                seed.append(r.networkSeed().longValue());
            }
            source.append(r.source());
            samples[i] = r.covarianceSamples();
            converged[i] = r.lambdaConverged();
            hidden[i] = r.hiddenSize();
            warmup[i] = r.transientSteps();
            steps[i] = r.steps();
        }
        BooleanColumn conv = BooleanColumn.create("lambda_converged", n);
        for (int i = 0; i < n; i++) {
            conv.set(i, converged[i]);
        }
        return Table.create("chaos",
                DoubleColumn.create("gain", d[0]), seed,
                IntColumn.create("hidden_size", hidden), DoubleColumn.create("dt_tau", d[1]),
                IntColumn.create("transient_steps", warmup), IntColumn.create("steps", steps),
                DoubleColumn.create("lambda_max", d[2]), DoubleColumn.create("lambda_sem", d[3]),
                DoubleColumn.create("lambda_drift", d[4]), conv, DoubleColumn.create("delta0", d[5]),
                DoubleColumn.create("delta0_r", d[6]), DoubleColumn.create("dimensionality", d[7]),
                DoubleColumn.create("dimensionality_over_n", d[8]),
                LongColumn.create("covariance_samples", samples), DoubleColumn.create("seconds", d[9]), source);
    }

    /** Writes the table as CSV, atomically. */
    public static void write(Table table, Path file) {
        AtomicFiles.write(file, out -> table.write().csv(out));
    }

    /** Reads a table written by {@link #write} with the declared column types. */
    public static Table read(Path file) {
        Table t = Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypes(TYPES).build());
        if (!t.columnNames().equals(COLUMNS)) {
            throw new IllegalArgumentException(file + ": expected columns " + COLUMNS + ", found "
                    + t.columnNames());
        }
        return t;
    }

    /**
     * Mean, standard deviation and count (non-missing) of each of {@link #METRICS} per gain, sorted
     * by gain. Columns are named as Tablesaw names them, e.g. {@code "Mean [lambda_max]"},
     * {@code "Std. Deviation [lambda_max]"}, {@code "Count [lambda_max]"}; read them with
     * {@link #summaryColumn}. Missing values are left out of each aggregate.
     * <p>
     * Grouping is by the gain as text: Tablesaw groups only categorical columns. The table is
     * sorted here rather than with {@code Table.sortOn}, which (like {@code copy} and {@code where})
     * fails on this class path: datavec-api brings fastutil 6.5.7 in place of the fastutil 8 that
     * Tablesaw is built against.
     */
    public static Table summaryByGain(Table table) {
        StringColumn group = StringColumn.create("gain_group");
        for (double g : table.doubleColumn("gain")) {
            group.append(Double.toString(g));
        }
        Table grouped = Table.create("chaos", group);
        for (String m : METRICS) {
            grouped.addColumns(table.doubleColumn(m).copy());
        }
        Table s = grouped.summarize(METRICS, mean, stdDev, countNonMissing).by("gain_group");
        double[] gains = s.stringColumn("gain_group").asList().stream().mapToDouble(Double::parseDouble).toArray();
        Integer[] order = new Integer[gains.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(i -> gains[i]));
        Table sorted = Table.create("chaos summary", DoubleColumn.create("gain",
                java.util.Arrays.stream(order).mapToDouble(i -> gains[i]).toArray()));
        for (String name : s.columnNames()) {
            if (name.equals("gain_group")) {
                continue;
            }
            NumericColumn<?> c = s.numberColumn(name);
            sorted.addColumns(DoubleColumn.create(name,
                    java.util.Arrays.stream(order).mapToDouble(i -> c.getDouble(i)).toArray()));
        }
        return sorted;
    }

    /** Column {@code metric} of the summary for an aggregate ("mean", "sd" or "count"). */
    public static double[] summaryColumn(Table summary, String aggregate, String metric) {
        String function = switch (aggregate) {
            case "mean" -> mean.functionName();
            case "sd" -> stdDev.functionName();
            case "count" -> countNonMissing.functionName();
            default -> throw new IllegalArgumentException("aggregate must be mean, sd or count, found " + aggregate);
        };
        return summary.numberColumn(function + " [" + metric + "]").asDoubleArray();
    }

    /** The Lyapunov spectra in long form: one row per (gain, network seed, index), index from 1. */
    public static Table spectrum(List<ChaosResult> results) {
        DoubleColumn gain = DoubleColumn.create("gain");
        LongColumn seed = LongColumn.create("network_seed");
        IntColumn index = IntColumn.create("index");
        DoubleColumn exponent = DoubleColumn.create("exponent_per_tau");
        for (ChaosResult r : results) {
            for (int k = 0; k < r.spectrum().length; k++) {
                gain.append(r.gain());
                if (r.networkSeed() == null) {
                    seed.appendMissing();
                } else {
                    seed.append(r.networkSeed().longValue());
                }
                index.append(k + 1);
                exponent.append(r.spectrum()[k]);
            }
        }
        return Table.create("spectrum", gain, seed, index, exponent);
    }
}
