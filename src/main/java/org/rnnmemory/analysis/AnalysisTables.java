package org.rnnmemory.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.Holm;
import org.rnnmemory.analysis.stats.MannWhitney;
import org.rnnmemory.analysis.stats.MannWhitneyResult;
import org.rnnmemory.analysis.stats.PearsonCi;
import org.rnnmemory.analysis.stats.PearsonResult;
import org.rnnmemory.analysis.stats.SpearmanResult;
import org.rnnmemory.analysis.stats.StatResult;
import org.rnnmemory.analysis.stats.StatTable;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.io.TableSchema;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The tables {@code rnnmem analyze} writes under {@code RUN_DIR/tables/}, built from the per-seed
 * analyses. Column meanings and units are declared in {@link #schema}.
 */
public final class AnalysisTables {
    public static final String ANALYSIS = "analysis";
    public static final String SUMMARY = "summary";
    public static final String CORRELATIONS = "correlations";
    public static final String PUBLISHED = "published_comparison";
    /**
     * Model seed 1 against the published model 1 ({@link PublishedModel}); written by every analysis, optional
     * when read (analyses of earlier versions lack it), so not in {@link #ALL}.
     */
    public static final String PUBLISHED_MODEL = "published_model";
    public static final String TRAJECTORIES = "trajectories";
    public static final String DIRECTIONS = "pc_directions";
    public static final String INTEGRATION = "integration";
    public static final String SEPARATION = "separation";
    public static final String SPECTRA = "spectra";
    /** Confidence level of every interval. */
    public static final double LEVEL = 0.95;

    /** The analysis tables in writing order. */
    public static final List<String> ALL = List.of(ANALYSIS, SUMMARY, CORRELATIONS, PUBLISHED, INTEGRATION,
            SEPARATION, TRAJECTORIES, DIRECTIONS, SPECTRA);

    private AnalysisTables() {}

    /** One row per seed: seed, status, then every metric. */
    public static Table analysis(List<SeedAnalysis> rows, List<String> metrics) {
        Table t = Table.create(ANALYSIS, IntColumn.create("seed"), StringColumn.create("status"));
        for (String m : metrics) {
            t.addColumns(DoubleColumn.create(m));
        }
        for (SeedAnalysis r : rows) {
            t.intColumn("seed").append(r.seed());
            t.stringColumn("status").append(r.status());
            for (String m : metrics) {
                t.doubleColumn(m).append(r.metric(m));
            }
        }
        return t;
    }

    /** Per metric: n, mean, sd, median, min, max and the bootstrap interval of the mean. */
    public static Table summary(Table analysis, List<String> metrics, int resamples, long seed) {
        StatTable st = new StatTable(SUMMARY, "metric");
        for (String m : metrics) {
            double[] x = analysis.doubleColumn(m).asDoubleArray();
            st.add(m, Summary.of(x), BootstrapCi.mean(x, resamples, seed, LEVEL));
        }
        return st.toTable();
    }

    /**
     * Every predictor metric against precision: Pearson r and p, Spearman rho and p, the paired
     * bootstrap interval of r, and Holm-adjusted Pearson and Spearman p-values across the family.
     * A metric that is constant across seeds (e.g. the spontaneous-activity dimensionality, which
     * depends on G and g only) gets NaN statistics and is left out of the family.
     */
    public static Table correlations(Table analysis, List<String> metrics, int resamples, long seed) {
        double[] precision = analysis.doubleColumn("precision").asDoubleArray();
        StatTable st = new StatTable(CORRELATIONS, "metric");
        List<String> tested = new ArrayList<>();
        for (String m : metrics) {
            if (!MetricCatalog.isPredictor(m)) {
                continue;
            }
            double[] x = analysis.doubleColumn(m).asDoubleArray();
            if (constant(x)) {
                int n = Correlation.pearson(x, precision).n();
                st.add(m, new PearsonResult(n, Double.NaN, Double.NaN), new SpearmanResult(n, Double.NaN, Double.NaN),
                        new PearsonCi(n, Double.NaN, Double.NaN, Double.NaN, LEVEL, resamples, 0, seed));
            } else {
                st.add(m, Correlation.pearson(x, precision), Correlation.spearman(x, precision),
                        BootstrapCi.pearson(x, precision, resamples, seed, LEVEL));
            }
            tested.add(m);
        }
        Table t = st.toTable();
        t.insertColumn(1, StringColumn.create("kind", tested.stream().map(MetricCatalog::kind).toList()));
        t.addColumns(DoubleColumn.create(Holm.COLUMN, Holm.adjust(t.doubleColumn("pearson_p").asDoubleArray())),
                DoubleColumn.create("spearman_" + Holm.COLUMN,
                        Holm.adjust(t.doubleColumn("spearman_p").asDoubleArray())));
        return t;
    }

    /**
     * Whether the non-NaN values are all equal, up to rounding in the last bits (such a metric has no
     * correlation with anything: r would be rounding noise).
     */
    static boolean constant(double[] x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return !(hi - lo > 1e-12 * Math.max(Math.abs(lo), Math.abs(hi)));
    }

    /** This run against the published models: the two samples' summaries and a Mann-Whitney U test. */
    public static Table published(Table analysis, PublishedReference ref) {
        Map<String, String> pairs = new LinkedHashMap<>();
        pairs.put("precision", "precision");
        pairs.put("weight_correlation", "weight_correlation");
        pairs.put("input_spont_legacy_pr", "legacy_pr_input");
        pairs.put("readout_mem_legacy_pr", "legacy_pr_readout");
        StatTable st = new StatTable(PUBLISHED, "metric");
        pairs.forEach((ours, theirs) -> {
            double[] x = analysis.doubleColumn(ours).asDoubleArray();
            double[] y = ref.column(theirs);
            st.add(ours, new Comparison(Summary.of(x), Summary.of(y), MannWhitney.test(x, y)));
        });
        return st.toTable();
    }

    /** Two samples' summaries and the test of one against the other. */
    record Comparison(Summary run, Summary published, MannWhitneyResult test) implements StatResult {
        @Override
        public Map<String, Object> columns() {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : List.of("n", "mean", "sd", "median")) {
                m.put("run_" + k, run.columns().get(k));
            }
            for (String k : List.of("n", "mean", "sd", "median")) {
                m.put("published_" + k, published.columns().get(k));
            }
            for (String k : List.of("mw_u", "mw_p", "mw_method", "cles", "rank_biserial_r")) {
                m.put(k, test.columns().get(k));
            }
            return m;
        }
    }

    /** Projections of every seed's trajectories on its top three memory-period PCs (float precision). */
    public static Table trajectories(List<SeedAnalysis> rows) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn dur = IntColumn.create("duration_ms");
        DoubleColumn t = DoubleColumn.create("t_ms");
        FloatColumn[] pc = {FloatColumn.create("pc1"), FloatColumn.create("pc2"), FloatColumn.create("pc3")};
        for (SeedAnalysis r : rows) {
            SeedDynamics d = r.dynamics();
            if (d == null) {
                continue;
            }
            for (int k = 0; k < d.durationsMs().length; k++) {
                for (int j = 0; j < d.trajectoryTimesMs().length; j++) {
                    seed.append(r.seed());
                    dur.append((int) d.durationsMs()[k]);
                    t.append(d.trajectoryTimesMs()[j]);
                    for (int c = 0; c < 3; c++) {
                        pc[c].append(c < d.trajectories()[k][j].length ? (float) d.trajectories()[k][j][c] : Float.NaN);
                    }
                }
            }
        }
        return Table.create(TRAJECTORIES, seed, dur, t, pc[0], pc[1], pc[2]);
    }

    /** The silent state and the I and w directions in each seed's PC coordinates. */
    public static Table directions(List<SeedAnalysis> rows) {
        IntColumn seed = IntColumn.create("seed");
        StringColumn what = StringColumn.create("vector");
        DoubleColumn[] pc = {DoubleColumn.create("pc1"), DoubleColumn.create("pc2"), DoubleColumn.create("pc3")};
        for (SeedAnalysis r : rows) {
            SeedDynamics d = r.dynamics();
            if (d == null) {
                continue;
            }
            Map<String, double[]> v = new LinkedHashMap<>();
            v.put("silent", d.silent());
            v.put("input", d.inputDirection());
            v.put("readout", d.readoutDirection());
            v.forEach((name, x) -> {
                seed.append(r.seed());
                what.append(name);
                for (int c = 0; c < 3; c++) {
                    pc[c].append(c < x.length ? x[c] : Double.NaN);
                }
            });
        }
        return Table.create(DIRECTIONS, seed, what, pc[0], pc[1], pc[2]);
    }

    /** Plateau, target and drift per seed and duration. */
    public static Table integration(List<SeedAnalysis> rows, DurationPlan plan) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn dur = IntColumn.create("duration_ms");
        StringColumn range = StringColumn.create("range");
        DoubleColumn plateau = DoubleColumn.create("plateau");
        DoubleColumn target = DoubleColumn.create("target");
        DoubleColumn drift = DoubleColumn.create("drift_per_s");
        for (SeedAnalysis r : rows) {
            SeedDynamics d = r.dynamics();
            if (d == null) {
                continue;
            }
            for (int k = 0; k < d.durationsMs().length; k++) {
                seed.append(r.seed());
                dur.append((int) d.durationsMs()[k]);
                range.append(plan.inTrainedRange(d.durationsMs()[k]) ? "trained" : "outside");
                plateau.append(d.plateau()[k]);
                target.append(plan.targetPerMs() * d.durationsMs()[k]);
                drift.append(d.driftPerSecond()[k]);
            }
        }
        return Table.create(INTEGRATION, seed, dur, range, plateau, target, drift);
    }

    /** Separation of every pair of trajectories per seed. */
    public static Table separation(List<SeedAnalysis> rows) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn a = IntColumn.create("duration_a_ms");
        IntColumn b = IntColumn.create("duration_b_ms");
        IntColumn diff = IntColumn.create("difference_ms");
        DoubleColumn sep = DoubleColumn.create("separation");
        DoubleColumn cv = DoubleColumn.create("time_cv");
        for (SeedAnalysis r : rows) {
            if (r.dynamics() == null) {
                continue;
            }
            for (Separation.Pair p : r.dynamics().pairs()) {
                seed.append(r.seed());
                a.append((int) p.durationAMs());
                b.append((int) p.durationBMs());
                diff.append((int) p.differenceMs());
                sep.append(p.separation());
                cv.append(p.timeCv());
            }
        }
        return Table.create(SEPARATION, seed, a, b, diff, sep, cv);
    }

    /** Covariance eigenvalues (spontaneous and memory period) and the cumulative weight fractions. */
    public static Table spectra(List<SeedAnalysis> rows) {
        IntColumn seed = IntColumn.create("seed");
        StringColumn activity = StringColumn.create("activity");
        IntColumn rank = IntColumn.create("rank");
        DoubleColumn eig = DoubleColumn.create("eigenvalue");
        DoubleColumn cum = DoubleColumn.create("cumulative_fraction");
        for (SeedAnalysis r : rows) {
            if (r.dynamics() == null) {
                continue;
            }
            append(r.seed(), "spontaneous", r.spontaneousEigenvalues(), r.inputCumulative(), seed, activity, rank, eig,
                    cum);
            append(r.seed(), "memory", r.dynamics().memoryEigenvalues(), r.dynamics().readoutCumulative(), seed,
                    activity, rank, eig, cum);
        }
        return Table.create(SPECTRA, seed, activity, rank, eig, cum);
    }

    private static void append(int s, String what, double[] l, double[] c, IntColumn seed, StringColumn activity,
                               IntColumn rank, DoubleColumn eig, DoubleColumn cum) {
        for (int k = 0; k < l.length; k++) {
            seed.append(s);
            activity.append(what);
            rank.append(k + 1);
            eig.append(l[k]);
            cum.append(c[k]);
        }
    }

    /** Columns, units and meanings of every analysis table. */
    public static TableSchema schema(List<String> metrics, String publishedSource) {
        TableSchema s = new TableSchema();
        MetricCatalog.declare(s, ANALYSIS, metrics);
        s.add(SUMMARY, "metric", "string", "1", "column of analysis.csv");
        for (String[] c : new String[][] {{"n", "int", "non-NaN seeds"}, {"mean", "double", "mean"},
            {"sd", "double", "sample sd (n - 1)"}, {"median", "double", "median"}, {"min", "double", "minimum"},
            {"max", "double", "maximum"}, {"mean_ci_low", "double", "percentile bootstrap interval of the mean, low"},
            {"mean_ci_high", "double", "percentile bootstrap interval of the mean, high"},
            {"ci_level", "double", "interval level"}, {"ci_resamples", "int", "bootstrap resamples"},
            {"ci_seed", "long", "seed of the resampling generator"}}) {
            s.add(SUMMARY, c[0], c[1], "metric's unit", c[2]);
        }
        s.add(CORRELATIONS, "metric", "string", "1", "column of analysis.csv tested against precision");
        s.add(CORRELATIONS, "kind", "string", "1", "performance | weights | pca | legacy | readout | trajectory | output | mechanism");
        for (String[] c : new String[][] {{"n", "int", "complete pairs"}, {"pearson_r", "double", "Pearson r"},
            {"pearson_p", "double", "two-sided p (t test, n - 2 df)"}, {"spearman_rho", "double", "Spearman rho"},
            {"spearman_p", "double", "two-sided p (t approximation)"},
            {"r_ci_low", "double", "paired percentile bootstrap interval of r, low"},
            {"r_ci_high", "double", "paired percentile bootstrap interval of r, high"},
            {"ci_level", "double", "interval level"}, {"ci_resamples", "int", "bootstrap resamples"},
            {"ci_valid_resamples", "int", "resamples with r defined"}, {"ci_seed", "long", "resampling seed"},
            {Holm.COLUMN, "double", "Holm-adjusted Pearson p across the metrics of this table"},
            {"spearman_" + Holm.COLUMN, "double", "Holm-adjusted Spearman p across the metrics of this table"}}) {
            s.add(CORRELATIONS, c[0], c[1], "1", c[2]);
        }
        s.add(PUBLISHED, "metric", "string", "1", "column of analysis.csv compared with the published models ("
                + publishedSource + ")");
        for (String g : List.of("run", "published")) {
            s.add(PUBLISHED, g + "_n", "int", "1", "models in the " + g + " sample");
            s.add(PUBLISHED, g + "_mean", "double", "metric's unit", "mean of the " + g + " sample");
            s.add(PUBLISHED, g + "_sd", "double", "metric's unit", "sample sd of the " + g + " sample");
            s.add(PUBLISHED, g + "_median", "double", "metric's unit", "median of the " + g + " sample");
        }
        s.add(PUBLISHED, "mw_u", "double", "1", "Mann-Whitney U of this run's sample");
        s.add(PUBLISHED, "mw_p", "double", "1", "two-sided p of the Mann-Whitney test");
        s.add(PUBLISHED, "mw_method", "string", "1", "exact | normal");
        s.add(PUBLISHED, "cles", "double", "1", "P(run value > published value), ties one half");
        s.add(PUBLISHED, "rank_biserial_r", "double", "1", "2 cles - 1");
        s.add(PUBLISHED_MODEL, "seed", "int", "1", "model seed of both models (one row, only for System A with the "
                + "reference's initial networks)");
        s.add(PUBLISHED_MODEL, "input_r", "double", "1", "Pearson r over the units of this trained I with the published "
                + "trained I of the same seed");
        s.add(PUBLISHED_MODEL, "readout_r", "double", "1", "Pearson r of this trained w with the published trained w");
        s.add(PUBLISHED_MODEL, "precision", "double", "1", "precision of this model (analysis.csv)");
        s.add(PUBLISHED_MODEL, "published_precision", "double", "1", "precision of the published model ("
                + publishedSource + ")");
        s.add(PUBLISHED_MODEL, "weight_correlation", "double", "1", "cos(I, w) of this model");
        s.add(PUBLISHED_MODEL, "published_weight_correlation", "double", "1", "cos(I, w) of the published model");
        s.add(INTEGRATION, "seed", "int", "1", "model seed");
        s.add(INTEGRATION, "duration_ms", "int", "ms", "pulse duration");
        s.add(INTEGRATION, "range", "string", "1", "trained | outside: duration inside the training range or not");
        s.add(INTEGRATION, "plateau", "double", "1", "mean output over the evaluation window");
        s.add(INTEGRATION, "target", "double", "1", "slope_per_ms * duration");
        s.add(INTEGRATION, "drift_per_s", "double", "1/s", "least-squares slope of the output over the window");
        s.add(SEPARATION, "seed", "int", "1", "model seed");
        s.add(SEPARATION, "duration_a_ms", "int", "ms", "shorter pulse");
        s.add(SEPARATION, "duration_b_ms", "int", "ms", "longer pulse");
        s.add(SEPARATION, "difference_ms", "int", "ms", "duration_b_ms - duration_a_ms");
        s.add(SEPARATION, "separation", "double", "1", "mean over the memory period of |r_a(t) - r_b(t)|");
        s.add(SEPARATION, "time_cv", "double", "1", "sd / mean of |r_a(t) - r_b(t)| over the memory period");
        s.add(TRAJECTORIES, "seed", "int", "1", "model seed");
        s.add(TRAJECTORIES, "duration_ms", "int", "ms", "pulse duration");
        s.add(TRAJECTORIES, "t_ms", "double", "ms", "time from trial start (the pulse starts at evaluation.onset_ms)");
        for (int c = 1; c <= 3; c++) {
            s.add(TRAJECTORIES, "pc" + c, "double", "1", "(r(t) - mean memory-period rate) . e_" + c
                    + ", e_" + c + " oriented to have a positive dot product with that mean");
        }
        s.add(DIRECTIONS, "seed", "int", "1", "model seed");
        s.add(DIRECTIONS, "vector", "string", "1", "silent (r = 0, centred like the trajectories) | input (I/|I|) | "
                + "readout (w/|w|)");
        for (int c = 1; c <= 3; c++) {
            s.add(DIRECTIONS, "pc" + c, "double", "1", "coordinate on memory-period PC " + c);
        }
        s.add(SPECTRA, "seed", "int", "1", "model seed");
        s.add(SPECTRA, "activity", "string", "1", "spontaneous | memory (SPEC section 4 covariances)");
        s.add(SPECTRA, "rank", "int", "1", "eigenvalue rank, from 1");
        s.add(SPECTRA, "eigenvalue", "double", "rate^2", "covariance eigenvalue");
        s.add(SPECTRA, "cumulative_fraction", "double", "1", "fraction of |v|^2 in PCs 1..rank (v = I for "
                + "spontaneous, w for memory)");
        return s;
    }
}
