package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.config.SweepSpec;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.run.RunTables;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The sweep's tables.
 * <ul>
 *   <li>{@code sweep.csv}: one row per candidate and seed: {@code candidate}, {@code candidate_dir},
 *       one column per swept key (named by the dotted key), then every column of the candidate's
 *       {@code tables/seeds.csv}.</li>
 *   <li>{@code sweep_summary.csv}: one row per candidate: the same identifying columns, then seed
 *       counts, median and mean precision with its 95% bootstrap interval, mean weight correlation and,
 *       when the gain is swept, lambda_max of the untrained network.</li>
 * </ul>
 * A swept key's column is integer when every value is an integer, double when every value is a
 * number, and otherwise the value's YAML text.
 */
final class SweepTables {
    static final String SWEEP = "sweep";
    static final String SUMMARY = "sweep_summary";

    private SweepTables() {}

    /** One row per candidate and seed. */
    static Table perSeed(SweepSpec spec, List<CandidateSummary> rows) {
        Table t = identity(SWEEP, spec, rows, true);
        Map<String, Column<?>> seedColumns = new LinkedHashMap<>();
        for (CandidateSummary r : rows) {
            for (Column<?> c : r.seeds().columns()) {
                seedColumns.putIfAbsent(c.name(), c.emptyCopy());
            }
        }
        for (CandidateSummary r : rows) {
            for (Column<?> target : seedColumns.values()) {
                appendAll(target, r.seeds());
            }
        }
        seedColumns.values().forEach(t::addColumns);
        return t;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendAll(Column target, Table seeds) {
        if (seeds.columnNames().contains(target.name())) {
            target.append(seeds.column(target.name()));
        } else {
            for (int i = 0; i < seeds.rowCount(); i++) {
                target.appendMissing();
            }
        }
    }

    /** One row per candidate. */
    static Table summary(SweepSpec spec, List<CandidateSummary> rows, boolean withLambda) {
        Table t = identity(SUMMARY, spec, rows, false);
        IntColumn seeds = IntColumn.create("seeds");
        IntColumn n = IntColumn.create("n");
        IntColumn diverged = IntColumn.create("diverged");
        DoubleColumn median = DoubleColumn.create("precision_median");
        DoubleColumn mean = DoubleColumn.create("precision_mean");
        DoubleColumn low = DoubleColumn.create("precision_mean_ci_low");
        DoubleColumn high = DoubleColumn.create("precision_mean_ci_high");
        DoubleColumn wc = DoubleColumn.create("weight_correlation_mean");
        DoubleColumn lambda = DoubleColumn.create("lambda_max");
        DoubleColumn lambdaSd = DoubleColumn.create("lambda_max_sd");
        StringColumn lambdaSeeds = StringColumn.create("lambda_network_seeds");
        DoubleColumn own = DoubleColumn.create("lambda_max_trained_g");
        DoubleColumn ownSem = DoubleColumn.create("lambda_max_trained_g_sem");
        for (CandidateSummary r : rows) {
            seeds.append(r.seeds().rowCount());
            n.append(r.precision().n());
            diverged.append(r.diverged());
            median.append(r.precision().median());
            mean.append(r.meanCi().mean());
            low.append(r.meanCi().low());
            high.append(r.meanCi().high());
            wc.append(r.weightCorrelationMean());
            lambda.append(r.lambdaMax());
            lambdaSd.append(r.lambda() == null ? Double.NaN : r.lambda().sd());
            lambdaSeeds.append(r.lambda() == null ? "" : seedList(r.lambda().key().seeds()));
            own.append(r.lambda() == null ? Double.NaN : r.lambda().trained().lambdaMax());
            ownSem.append(r.lambda() == null ? Double.NaN : r.lambda().trained().lambdaSem());
        }
        t.addColumns(seeds, n, diverged, median, mean, low, high, wc);
        if (withLambda) {
            t.addColumns(lambda, lambdaSd, lambdaSeeds, own, ownSem);
        }
        return t;
    }

    /** Columns, units and meanings of both tables. */
    static TableSchema schema(SweepSpec spec, List<String> durationLabels, boolean withLambda) {
        TableSchema s = new TableSchema();
        for (String table : List.of(SWEEP, SUMMARY)) {
            s.add(table, "candidate", "int", "1", "candidate index, in the search generator's order");
            s.add(table, "candidate_dir", "string", "1", "run directory under candidates/");
            for (String key : spec.parameters().keySet()) {
                s.add(table, key, columnType(spec.parameters().get(key), spec.search()), "as in the experiment file",
                        "swept experiment key " + key);
            }
        }
        RunTables.schema(durationLabels).columns(RunTables.SEEDS).forEach((name, c) ->
                s.add(SWEEP, name, c.type(), c.unit(), c.description()));
        s.add(SUMMARY, "seeds", "int", "1", "model seeds trained");
        s.add(SUMMARY, "n", "int", "1", "seeds with a finite precision");
        s.add(SUMMARY, "diverged", "int", "1", "seeds whose training diverged");
        s.add(SUMMARY, "precision_median", "double", "1", "median precision over seeds (lower is better)");
        s.add(SUMMARY, "precision_mean", "double", "1", "mean precision over seeds");
        s.add(SUMMARY, "precision_mean_ci_low", "double", "1", "95% percentile-bootstrap interval of the mean "
                + "precision, lower end (" + CandidateSummary.RESAMPLES + " resamples)");
        s.add(SUMMARY, "precision_mean_ci_high", "double", "1", "upper end of that interval");
        s.add(SUMMARY, "weight_correlation_mean", "double", "1", "mean cosine similarity of I and w over seeds");
        if (withLambda) {
            s.add(SUMMARY, "lambda_max", "double", "1/tau", "largest Lyapunov exponent of the untrained network at "
                    + "this gain, mean over network seeds");
            s.add(SUMMARY, "lambda_max_sd", "double", "1/tau", "its standard deviation over network seeds");
            s.add(SUMMARY, "lambda_network_seeds", "string", "1", "network seeds of the lambda_max estimate");
            s.add(SUMMARY, "lambda_max_trained_g", "double", "1/tau", "lambda_max of the untrained network with the G "
                    + "the candidate was trained with (its network.network_seed)");
            s.add(SUMMARY, "lambda_max_trained_g_sem", "double", "1/tau", "its standard error over 10 blocks of the "
                    + "measured window");
        }
        return s;
    }

    private static Table identity(String name, SweepSpec spec, List<CandidateSummary> rows, boolean perSeed) {
        IntColumn index = IntColumn.create("candidate");
        StringColumn dir = StringColumn.create("candidate_dir");
        List<Column<?>> params = new ArrayList<>();
        for (String key : spec.parameters().keySet()) {
            params.add(switch (columnType(spec.parameters().get(key), spec.search())) {
                case "int" -> LongColumn.create(key);
                case "double" -> DoubleColumn.create(key);
                default -> StringColumn.create(key);
            });
        }
        for (CandidateSummary r : rows) {
            int times = perSeed ? r.seeds().rowCount() : 1;
            for (int i = 0; i < times; i++) {
                index.append(r.candidate().index());
                dir.append(r.dirName());
                for (Column<?> c : params) {
                    appendValue(c, r.candidate().point().get(c.name()));
                }
            }
        }
        Table t = Table.create(name, index, dir);
        params.forEach(t::addColumns);
        return t;
    }

    private static void appendValue(Column<?> c, Object v) {
        if (c instanceof LongColumn l) {
            l.append(((Number) v).longValue());
        } else if (c instanceof DoubleColumn d) {
            d.append(((Number) v).doubleValue());
        } else {
            ((StringColumn) c).append(SweepSpec.overrides(Map.of("k", v)).get(0).substring(2));
        }
    }

    /** "int", "double" or "string" for a swept key's values (for random search: its range). */
    static String columnType(List<Object> values, String search) {
        if (search.equals("random")) {
            return values.get(0) instanceof Double || values.get(1) instanceof Double ? "double" : "int";
        }
        boolean numbers = values.stream().allMatch(v -> v instanceof Number);
        boolean integers = values.stream().allMatch(v -> v instanceof Integer || v instanceof Long);
        return integers ? "int" : numbers ? "double" : "string";
    }

    private static String seedList(List<Long> seeds) {
        return String.join(" ", seeds.stream().map(String::valueOf).toList());
    }
}
