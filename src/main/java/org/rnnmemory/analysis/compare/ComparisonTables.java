package org.rnnmemory.analysis.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.analysis.stats.Holm;
import org.rnnmemory.analysis.stats.MannWhitney;
import org.rnnmemory.analysis.stats.StatResult;
import org.rnnmemory.analysis.stats.StatTable;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.analysis.stats.WilcoxonResult;
import org.rnnmemory.analysis.stats.WilcoxonSignedRank;
import org.rnnmemory.io.TableSchema;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The tables of a comparison, built from the runs' per-seed tables. Column meanings are in
 * {@link ComparisonSchema}.
 *
 * <ul>
 *   <li>{@code comparison}: one row per run and seed, every seeds.csv column plus label and N;</li>
 *   <li>{@code comparison_summary}: one row per run and metric of {@link #SUMMARY_METRICS}:
 *       n, mean, sd, median, min, max and a 95% percentile-bootstrap interval of the mean;</li>
 *   <li>{@code comparison_tests}: one row per metric of {@link #TEST_METRICS} and pair of runs:
 *       Mann-Whitney U on all seeds, Wilcoxon signed-rank on the seeds both runs share, each with
 *       Holm-adjusted p-values over the pairs of that metric;</li>
 *   <li>{@code comparison_runs}: one row per run, with the settings that differ.</li>
 * </ul>
 */
public final class ComparisonTables {
    /** Metrics summarised per run. */
    public static final List<String> SUMMARY_METRICS = List.of("precision", "weight_correlation",
            "input_spont_activity_pr", "readout_mem_activity_pr");
    /** Metrics tested between every pair of runs. */
    public static final List<String> TEST_METRICS = List.of("precision", "weight_correlation");
    /** Bootstrap resamples for the interval of the mean. */
    public static final int RESAMPLES = 10_000;
    /** Seed of the bootstrap resampling (the same for every run and metric). */
    public static final long BOOTSTRAP_SEED = 1L;
    /** Confidence level of the interval of the mean. */
    public static final double LEVEL = 0.95;
    /** The leading columns of the comparison table, before the rest of seeds.csv. */
    static final List<String> LEADING = List.of("label", "seed", "status", "precision", "weight_correlation",
            "hidden_size");

    /** The four tables. */
    public record Tables(Table comparison, Table summary, Table tests, Table runs) {}

    private ComparisonTables() {}

    /** Builds every table. */
    public static Tables of(List<ComparedRun> runs, List<RunCompatibility.Difference> differences) {
        return new Tables(comparison(runs), summary(runs), tests(runs), runs(runs, differences));
    }

    /** One row per run and seed. */
    public static Table comparison(List<ComparedRun> runs) {
        TableSchema schema = ComparisonSchema.of(runs.get(0).durationLabels(), List.of());
        Table t = Table.create(ComparisonSchema.COMPARISON);
        for (Map.Entry<String, TableSchema.Column> c : schema.columns(ComparisonSchema.COMPARISON).entrySet()) {
            t.addColumns(empty(c.getKey(), c.getValue().type()));
        }
        for (ComparedRun run : runs) {
            Table s = run.seeds();
            for (int row = 0; row < s.rowCount(); row++) {
                for (Column<?> c : t.columns()) {
                    appendCell(c, run, row);
                }
            }
        }
        return t;
    }

    private static void appendCell(Column<?> target, ComparedRun run, int row) {
        String name = target.name();
        if (name.equals("label")) {
            ((StringColumn) target).append(run.label());
        } else if (name.equals("hidden_size")) {
            ((IntColumn) target).append(run.hiddenSize());
        } else if (target instanceof StringColumn sc) {
            sc.append(run.seeds().stringColumn(name).get(row));
        } else if (target instanceof IntColumn ic) {
            IntColumn src = run.seeds().intColumn(name);
            if (src.isMissing(row)) {
                ic.appendMissing();
            } else {
                ic.append(src.getInt(row));
            }
        } else {
            ((DoubleColumn) target).append(run.values(name)[row]);
        }
    }

    /** Per run and metric: summary statistics and a bootstrap interval of the mean. */
    public static Table summary(List<ComparedRun> runs) {
        StatTable t = new StatTable(ComparisonSchema.SUMMARY, "label");
        for (ComparedRun run : runs) {
            for (String metric : SUMMARY_METRICS) {
                double[] v = run.values(metric);
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("metric", metric);
                head.put("hidden_size", run.hiddenSize());
                t.add(run.label(), part(head), Summary.of(v), BootstrapCi.mean(v, RESAMPLES, BOOTSTRAP_SEED, LEVEL));
            }
        }
        return t.toTable();
    }

    /** Pairwise tests per metric, Holm-adjusted over the pairs of each metric. */
    public static Table tests(List<ComparedRun> runs) {
        StatTable t = new StatTable(ComparisonSchema.TESTS, "metric");
        for (String metric : TEST_METRICS) {
            List<ComparedRun[]> pairs = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                for (int j = i + 1; j < runs.size(); j++) {
                    pairs.add(new ComparedRun[] {runs.get(i), runs.get(j)});
                }
            }
            List<StatResult> mw = new ArrayList<>();
            List<WilcoxonResult> wsr = new ArrayList<>();
            for (ComparedRun[] p : pairs) {
                mw.add(mannWhitney(p[0].values(metric), p[1].values(metric)));
                wsr.add(paired(p[0], p[1], metric));
            }
            double[] mwHolm = Holm.adjust(mw.stream().mapToDouble(r -> (Double) r.columns().get("mw_p")).toArray());
            double[] wsrHolm = Holm.adjust(wsr.stream().mapToDouble(WilcoxonResult::p).toArray());
            for (int k = 0; k < pairs.size(); k++) {
                ComparedRun x = pairs.get(k)[0];
                ComparedRun y = pairs.get(k)[1];
                Map<String, Object> head = new LinkedHashMap<>();
                head.put("label_x", x.label());
                head.put("label_y", y.label());
                head.put("hidden_size_x", x.hiddenSize());
                head.put("hidden_size_y", y.hiddenSize());
                head.put("median_x", Summary.of(x.values(metric)).median());
                head.put("median_y", Summary.of(y.values(metric)).median());
                Map<String, Object> tail = new LinkedHashMap<>();
                tail.put("n_x_lower", xLower(x, y, metric));
                tail.put("wsr_holm_p", wsrHolm[k]);
                t.add(metric, part(head), mw.get(k), part(Map.of("mw_holm_p", mwHolm[k])), wsr.get(k), part(tail));
            }
        }
        return t.toTable();
    }

    /** Mann-Whitney U of all seeds; a row of NaN with method {@code none} when a run has no value. */
    static StatResult mannWhitney(double[] x, double[] y) {
        long nx = java.util.Arrays.stream(x).filter(v -> !Double.isNaN(v)).count();
        long ny = java.util.Arrays.stream(y).filter(v -> !Double.isNaN(v)).count();
        if (nx > 0 && ny > 0) {
            return MannWhitney.test(x, y);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n_x", (int) nx);
        m.put("n_y", (int) ny);
        m.put("mw_u", Double.NaN);
        m.put("mw_p", Double.NaN);
        m.put("mw_method", "none");
        m.put("cles", Double.NaN);
        m.put("rank_biserial_r", Double.NaN);
        return part(m);
    }

    /** Wilcoxon signed-rank test on the seeds both runs have, x - y. */
    static WilcoxonResult paired(ComparedRun x, ComparedRun y, String metric) {
        double[][] p = sharedSeeds(x, y, metric);
        return WilcoxonSignedRank.test(p[0], p[1]);
    }

    /** The values of both runs on the seeds they share, in x's seed order: {@code {xs, ys}}. */
    static double[][] sharedSeeds(ComparedRun x, ComparedRun y, String metric) {
        Map<Integer, Double> a = x.bySeed(metric);
        Map<Integer, Double> b = y.bySeed(metric);
        List<Integer> shared = a.keySet().stream().filter(b::containsKey).toList();
        double[] xs = new double[shared.size()];
        double[] ys = new double[shared.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = a.get(shared.get(i));
            ys[i] = b.get(shared.get(i));
        }
        return new double[][] {xs, ys};
    }

    private static int xLower(ComparedRun x, ComparedRun y, String metric) {
        double[][] p = sharedSeeds(x, y, metric);
        int n = 0;
        for (int i = 0; i < p[0].length; i++) {
            n += p[0][i] < p[1][i] ? 1 : 0;
        }
        return n;
    }

    /** One row per run: where it came from, its seed counts and the settings that differ between runs. */
    public static Table runs(List<ComparedRun> runs, List<RunCompatibility.Difference> differences) {
        StatTable t = new StatTable(ComparisonSchema.RUNS, "label");
        for (int i = 0; i < runs.size(); i++) {
            ComparedRun r = runs.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("experiment", r.spec().name());
            m.put("run_dir", r.dir().toString());
            m.put("config_hash", r.spec().configHash());
            m.put("seeds", r.seeds().rowCount());
            m.put("completed", r.count("completed"));
            m.put("diverged", r.count("diverged"));
            m.put("hidden_size", r.hiddenSize());
            for (RunCompatibility.Difference d : differences) {
                if (!d.key().equals(RunCompatibility.HIDDEN_SIZE)) {
                    m.put(d.key(), d.values().get(i));
                }
            }
            t.add(r.label(), part(m));
        }
        return t.toTable();
    }

    private static StatResult part(Map<String, Object> columns) {
        return () -> columns;
    }

    private static Column<?> empty(String name, String type) {
        return switch (type) {
            case "int" -> IntColumn.create(name);
            case "string" -> StringColumn.create(name);
            default -> DoubleColumn.create(name);
        };
    }
}
