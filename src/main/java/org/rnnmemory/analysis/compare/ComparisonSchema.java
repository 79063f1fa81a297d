package org.rnnmemory.analysis.compare;

import java.util.List;
import java.util.Map;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.run.RunTables;

/** Type, unit and meaning of every column of the comparison tables; written as {@code schema.json}. */
public final class ComparisonSchema {
    public static final String COMPARISON = "comparison";
    public static final String SUMMARY = "comparison_summary";
    public static final String TESTS = "comparison_tests";
    public static final String RUNS = "comparison_runs";

    private ComparisonSchema() {}

    /**
     * The schema of the four tables.
     *
     * @param durationLabels test durations (ms) of the runs' {@code loss_<ms>} columns
     * @param differences settings that differ between the runs (one string column each in comparison_runs)
     */
    public static TableSchema of(List<String> durationLabels, List<RunCompatibility.Difference> differences) {
        TableSchema s = new TableSchema();
        comparison(s, durationLabels);
        summary(s);
        tests(s);
        runs(s, differences);
        return s;
    }

    private static void comparison(TableSchema s, List<String> durationLabels) {
        Map<String, TableSchema.Column> seeds = RunTables.schema(durationLabels).columns(RunTables.SEEDS);
        s.add(COMPARISON, "label", "string", "1", "run label");
        for (String c : ComparisonTables.LEADING.subList(1, ComparisonTables.LEADING.size())) {
            if (c.equals("hidden_size")) {
                s.add(COMPARISON, c, "int", "units", "network.hidden_size N of the run");
            } else {
                add(s, COMPARISON, c, seeds.get(c));
            }
        }
        seeds.forEach((name, col) -> {
            if (!ComparisonTables.LEADING.contains(name)) {
                add(s, COMPARISON, name, col);
            }
        });
    }

    private static void summary(TableSchema s) {
        s.add(SUMMARY, "label", "string", "1", "run label");
        s.add(SUMMARY, "metric", "string", "1", "seeds.csv column summarised");
        s.add(SUMMARY, "hidden_size", "int", "units", "network.hidden_size N of the run");
        s.add(SUMMARY, "n", "int", "seeds", "seeds with a value (NaN dropped)");
        s.add(SUMMARY, "mean", "double", "metric", "mean over seeds");
        s.add(SUMMARY, "sd", "double", "metric", "sample standard deviation (n - 1)");
        s.add(SUMMARY, "median", "double", "metric", "median over seeds");
        s.add(SUMMARY, "min", "double", "metric", "smallest value");
        s.add(SUMMARY, "max", "double", "metric", "largest value");
        s.add(SUMMARY, "mean_ci_low", "double", "metric", "lower end of the percentile-bootstrap interval of the mean");
        s.add(SUMMARY, "mean_ci_high", "double", "metric", "upper end of the percentile-bootstrap interval of the mean");
        s.add(SUMMARY, "ci_level", "double", "1", "confidence level of the interval");
        s.add(SUMMARY, "ci_resamples", "int", "1", "bootstrap resamples");
        s.add(SUMMARY, "ci_seed", "int", "1", "seed of the resampling generator");
    }

    private static void tests(TableSchema s) {
        s.add(TESTS, "metric", "string", "1", "seeds.csv column tested");
        s.add(TESTS, "label_x", "string", "1", "first run of the pair");
        s.add(TESTS, "label_y", "string", "1", "second run of the pair");
        s.add(TESTS, "hidden_size_x", "int", "units", "N of run x");
        s.add(TESTS, "hidden_size_y", "int", "units", "N of run y");
        s.add(TESTS, "median_x", "double", "metric", "median over the seeds of run x");
        s.add(TESTS, "median_y", "double", "metric", "median over the seeds of run y");
        s.add(TESTS, "n_x", "int", "seeds", "values of run x in the Mann-Whitney test");
        s.add(TESTS, "n_y", "int", "seeds", "values of run y in the Mann-Whitney test");
        s.add(TESTS, "mw_u", "double", "1", "Mann-Whitney U of x (pairs x > y, ties one half)");
        s.add(TESTS, "mw_p", "double", "1", "two-sided Mann-Whitney p, all seeds of both runs as independent samples");
        s.add(TESTS, "mw_method", "string", "1", "exact | normal | none");
        s.add(TESTS, "cles", "double", "1", "U / (n_x n_y): probability that a seed of x exceeds a seed of y");
        s.add(TESTS, "rank_biserial_r", "double", "1", "2 cles - 1");
        s.add(TESTS, "mw_holm_p", "double", "1", "mw_p Holm-adjusted over the pairs of this metric");
        s.add(TESTS, "n_pairs", "int", "seeds", "seeds both runs have, with a value in both");
        s.add(TESTS, "wsr_n", "int", "seeds", "shared seeds with a non-zero difference (the signed-rank test's n)");
        s.add(TESTS, "wsr_v", "double", "1", "Wilcoxon V: rank sum of |x - y| over the seeds with x > y");
        s.add(TESTS, "wsr_p", "double", "1", "two-sided Wilcoxon signed-rank p on the shared seeds");
        s.add(TESTS, "wsr_method", "string", "1", "exact | normal | none");
        s.add(TESTS, "median_diff", "double", "metric", "median of x - y over the shared seeds");
        s.add(TESTS, "wsr_rank_biserial_r", "double", "1", "matched-pairs rank-biserial r, positive when x > y");
        s.add(TESTS, "n_x_lower", "int", "seeds", "shared seeds with x < y");
        s.add(TESTS, "wsr_holm_p", "double", "1", "wsr_p Holm-adjusted over the pairs of this metric");
    }

    private static void runs(TableSchema s, List<RunCompatibility.Difference> differences) {
        s.add(RUNS, "label", "string", "1", "run label");
        s.add(RUNS, "experiment", "string", "1", "experiment name");
        s.add(RUNS, "run_dir", "string", "1", "run directory as given");
        s.add(RUNS, "config_hash", "string", "1", "hash of the run's config.resolved.yaml");
        s.add(RUNS, "seeds", "int", "seeds", "rows of the run's seeds.csv");
        s.add(RUNS, "completed", "int", "seeds", "seeds with status completed");
        s.add(RUNS, "diverged", "int", "seeds", "seeds with status diverged");
        s.add(RUNS, "hidden_size", "int", "units", "network.hidden_size N");
        for (RunCompatibility.Difference d : differences) {
            if (!d.key().equals(RunCompatibility.HIDDEN_SIZE)) {
                s.add(RUNS, d.key(), "string", "1", "setting that differs between the runs");
            }
        }
    }

    private static void add(TableSchema s, String table, String name, TableSchema.Column col) {
        s.add(table, name, col.type(), col.unit(), col.description());
    }
}
