package org.rnnmemory.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.report.NotebookExecution;
import org.rnnmemory.report.Numbers;
import org.rnnmemory.report.Report;
import org.rnnmemory.report.ReportFiles;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * {@code rnnmem report}: the analysis of a run directory as a report folder.
 *
 * <pre>
 * DIR/index.md          what was analysed, where the files are, headline numbers
 * DIR/analysis.ipynb    Python 3 notebook ({@link AnalysisNotebook}), executed when Jupyter is installed
 * DIR/analysis.md       markdown, with DIR/figures/*.png
 * DIR/analysis.html     one self-contained page
 * </pre>
 *
 * A report folder either lies inside the run directory ({@link Placement#IN_RUN}, {@code RUN_DIR/report/}:
 * the notebook reads the run directory) or stands alone ({@link Placement#EXPORT}, for committing):
 * then it also holds what the notebook reads,
 *
 * <pre>
 * DIR/tables/           analysis, summary, correlations, published_comparison and integration tables, and their schema
 * DIR/runs/seeds-A-B/   each analysed run directory without its checkpoint: config, run.json,
 *                       tables/seeds.csv, tables/curves.csv, seeds/seed-N/ (weights)
 * </pre>
 *
 * Every number in the text is read from the analysis tables and formatted by {@link Numbers#format}.
 */
public final class AnalysisReport {
    public static final String INDEX = "index.md";
    /** Folder of an exported report that holds copies of the run directories. */
    public static final String RUNS_FOLDER = "runs";
    /** Tables copied into an exported report. */
    static final List<String> COPIED = List.of(AnalysisTables.ANALYSIS, AnalysisTables.SUMMARY,
            AnalysisTables.CORRELATIONS, AnalysisTables.PUBLISHED, AnalysisTables.PUBLISHED_MODEL,
            AnalysisTables.INTEGRATION);
    /** Files of a run directory copied into an exported report (besides its seeds/ folder). */
    static final List<String> RUN_FILES = List.of(RunDirectory.RESOLVED, RunDirectory.CONFIG, RunDirectory.RUN_JSON,
            RunDirectory.SEEDS_CSV, RunDirectory.CURVES_CSV, RunDirectory.TABLES + "/" + RunDirectory.SCHEMA);

    /** Where a report folder sits. */
    public enum Placement {
        /** {@code RUN_DIR/report/}: the notebook reads the run directory around it. */
        IN_RUN,
        /** A self-contained folder: tables and run directories (without checkpoints) are copied into it. */
        EXPORT
    }

    private AnalysisReport() {}

    /** Writes the report folder and runs its notebook (see the class comment). */
    public static ReportFiles.Written export(AnalysisOutputs a, Path dir, Placement placement) {
        AnalysisNotebook.Layout layout = placement == Placement.EXPORT ? copyInputs(a, dir) : inRun(a, dir);
        Findings f = new Findings(a);
        List<String> metrics = new ArrayList<>(a.table(AnalysisTables.ANALYSIS).columnNames());
        metrics.removeAll(List.of("seed", "status"));
        AnalysisNotebook.Inputs in = new AnalysisNotebook.Inputs(a.spec().name(), a.spec(), metrics,
                f.all().stream().map(Findings.Statement::bullet).toList(), layout);
        AtomicFiles.writeString(dir.resolve(INDEX), index(a, placement));
        return ReportFiles.writeAll(build(a), AnalysisNotebook.build(in), dir);
    }

    /** The notebook of a report inside the run directory reads the run directories where they are. */
    private static AnalysisNotebook.Layout inRun(AnalysisOutputs a, Path dir) {
        Path base = dir.toAbsolutePath().normalize();
        Path run = a.runDir().toAbsolutePath().normalize();
        List<String> runs = new ArrayList<>();
        for (Path d : runDirs(a)) {
            runs.add(slashes(run.relativize(d)));
        }
        return new AnalysisNotebook.Layout(slashes(base.relativize(run)), runs);
    }

    /** Copies the tables and the run directories into an exported report; the notebook reads the copies. */
    private static AnalysisNotebook.Layout copyInputs(AnalysisOutputs a, Path dir) {
        for (String t : COPIED) {
            TableSchema.writeCsv(a.table(t), RunDirectory.of(dir).table(t));
        }
        copy(RunDirectory.of(a.runDir()).tables().resolve(Analyzer.SCHEMA),
                RunDirectory.of(dir).tables().resolve(Analyzer.SCHEMA));
        Path published = RunDirectory.of(a.runDir()).tables().resolve(PublishedModel.FOLDER);
        if (a.table(AnalysisTables.PUBLISHED_MODEL).rowCount() > 0 && Files.isDirectory(published)) {
            copyTree(published, RunDirectory.of(dir).tables().resolve(PublishedModel.FOLDER));
        }
        List<String> runs = new ArrayList<>();
        for (Path d : runDirs(a)) {
            String name = uniqueName(runs, "seeds-" + seedLabel(RunSet.open(List.of(d)).seeds().stream()
                    .map(RunSet.SeedRecord::seed).toList()));
            runs.add(RUNS_FOLDER + "/" + name);
            Path target = dir.resolve(RUNS_FOLDER).resolve(name);
            for (String f : RUN_FILES) {
                if (Files.isRegularFile(d.resolve(f))) {
                    copy(d.resolve(f), target.resolve(f));
                }
            }
            copyTree(RunDirectory.of(d).seedsFolder(), RunDirectory.of(target).seedsFolder());
        }
        return new AnalysisNotebook.Layout(".", runs);
    }

    /** The analysed run directories, as {@code tables/analysis.json} names them. */
    static List<Path> runDirs(AnalysisOutputs a) {
        List<Path> out = new ArrayList<>();
        a.info().get("run_dirs").forEach(d -> out.add(Path.of(d.asText()).toAbsolutePath().normalize()));
        for (Path d : out) {
            if (!Files.isDirectory(d)) {
                throw new InputFileException(RunDirectory.of(a.runDir()).tables().resolve(Analyzer.INFO),
                        "names the run directory " + d + ", which does not exist; run 'rnnmem analyze' again");
            }
        }
        return out;
    }

    /** "1-20" for contiguous seeds, else the seeds joined by "-". */
    static String seedLabel(List<Integer> seeds) {
        List<Integer> s = seeds.stream().sorted().toList();
        boolean contiguous = s.get(s.size() - 1) - s.get(0) == s.size() - 1;
        return contiguous ? s.get(0) + "-" + s.get(s.size() - 1)
                : String.join("-", s.stream().map(String::valueOf).toList());
    }

    private static String uniqueName(List<String> used, String name) {
        String n = name;
        for (int i = 2; used.contains(RUNS_FOLDER + "/" + n); i++) {
            n = name + "-" + i;
        }
        return n;
    }

    private static String slashes(Path relative) {
        String s = relative.toString().replace('\\', '/');
        return s.isEmpty() ? "" : s;
    }

    private static void copy(Path from, Path to) {
        if (!Files.isRegularFile(from)) {
            throw new InputFileException(from, "not found");
        }
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                copy(p, to.resolve(from.relativize(p).toString()));
            }
        } catch (IOException e) {
            throw new InputFileException(from, "cannot read: " + e.getMessage());
        }
    }

    /**
     * Rewrites and runs only the notebook of an existing report folder, from the files beside it:
     * {@code DIR/tables/analysis.csv} (and the other tables), and the run directories under
     * {@code DIR/runs/} (or DIR itself when it is a run directory). For report folders whose run
     * directories were not kept: the notebook then works from the tables alone and says what is missing.
     */
    public static ReportFiles.Written notebookOnly(Path dir) {
        Path analysis = RunDirectory.of(dir).table(AnalysisTables.ANALYSIS);
        List<String> metrics = header(analysis);
        metrics.removeAll(List.of("seed", "status"));
        List<Path> runs = new ArrayList<>();
        if (RunDirectory.isRunDirectory(dir)) {
            runs.add(dir);
        }
        if (Files.isDirectory(dir.resolve(RUNS_FOLDER))) {
            try (Stream<Path> s = Files.list(dir.resolve(RUNS_FOLDER))) {
                s.filter(RunDirectory::isRunDirectory).sorted().forEach(runs::add);
            } catch (IOException e) {
                throw new InputFileException(dir.resolve(RUNS_FOLDER), "cannot list: " + e.getMessage());
            }
        }
        ExperimentSpec spec = runs.isEmpty() ? null
                : RunDirectory.of(runs.get(0)).spec();
        List<String> rel = runs.stream().map(r -> slashes(dir.relativize(r))).toList();
        String name = spec != null ? spec.name() : dir.toAbsolutePath().normalize().getFileName().toString();
        Path nb = dir.resolve(ReportFiles.NOTEBOOK);
        AnalysisNotebook.build(new AnalysisNotebook.Inputs(name, spec, metrics, List.of(),
                new AnalysisNotebook.Layout(".", rel))).write(nb);
        return new ReportFiles.Written(nb, dir.resolve(ReportFiles.MARKDOWN), dir.resolve(ReportFiles.HTML),
                NotebookExecution.execute(nb));
    }

    private static List<String> header(Path csv) {
        if (!Files.isRegularFile(csv)) {
            throw new InputFileException(csv, "not found: the folder holds no analysis tables");
        }
        try (Stream<String> lines = Files.lines(csv)) {
            return new ArrayList<>(List.of(lines.findFirst().orElse("").split(",")));
        } catch (IOException e) {
            throw new InputFileException(csv, "cannot read: " + e.getMessage());
        }
    }

    /** The report document. */
    public static Report build(AnalysisOutputs a) {
        Findings f = new Findings(a);
        Report.Builder b = Report.builder("Analysis of " + a.spec().name());
        overview(b, a, f);
        b.heading(2, "Training");
        figure(b, a, AnalysisFigures.TRAINING, "Training loss and the L2 norms of the gradients with respect to "
                + "I and w, per update (log scale). Thin grey: each seed; bold: median over seeds.");
        performance(b, a, f);
        predictors(b, a, f);
        dynamics(b, a, f);
        MechanismReport.section(b, a);
        tables(b, a);
        provenance(b, a);
        return b.build();
    }

    private static void overview(Report.Builder b, AnalysisOutputs a, Findings f) {
        int n = a.table(AnalysisTables.ANALYSIS).rowCount();
        b.paragraph("This report analyses the " + Numbers.format(n) + " trained networks (model seeds "
                + seedRange(a) + ") of the experiment `" + a.spec().name() + "`. `rnnmem analyze` simulated each "
                + "network on noise-free trials (h = 0 at the start, pulse onset " + a.spec().evaluation().onsetMs()
                + " ms, one trial per pulse duration) and computed the metrics of SPEC section 4 and the trajectory "
                + "metrics below. Every number here is read from the tables it wrote under `tables/` in the run "
                + "directory and rounded to four significant digits.");
        List<String> diff = f.differencesFromSystemA();
        b.paragraph(diff.isEmpty() ? "The configuration is that of System A (SPEC sections 1 to 4)."
                : "The configuration differs from System A (SPEC sections 1 to 4) in: " + String.join("; ", diff)
                + ". Comparisons with the published System A models are therefore comparisons across set-ups.");
        b.heading(2, "Findings");
        b.paragraph(String.join("\n", f.all().stream().map(Findings.Statement::bullet).toList()));
    }

    private static String seedRange(AnalysisOutputs a) {
        List<Integer> seeds = new ArrayList<>();
        a.info().get("seeds").forEach(s -> seeds.add(s.asInt()));
        boolean contiguous = seeds.get(seeds.size() - 1) - seeds.get(0) == seeds.size() - 1;
        return contiguous ? seeds.get(0) + "–" + seeds.get(seeds.size() - 1) : seeds.toString();
    }

    private static void performance(Report.Builder b, AnalysisOutputs a, Findings f) {
        b.heading(2, "Precision against the published models");
        List<Findings.Statement> all = f.all();
        b.paragraph(all.get(0).lead() + "\n\n" + all.get(1).lead() + "\n\nThe legacy participation ratios are "
                + "listed for completeness only: their formula is ill-defined (SPEC section 4) and the published "
                + "values are not reproducible.");
        b.table(select(a.table(AnalysisTables.PUBLISHED), "metric", "run_n", "run_mean", "run_sd", "run_median",
                "published_n", "published_mean", "published_sd", "published_median", "mw_u", "mw_p", "mw_method"),
                "This run against the 20 published System A models, with a two-sided Mann-Whitney U test. Published "
                + "values: " + a.info().get("published_reference").asText() + ".");
        publishedModel(b, a);
        figure(b, a, AnalysisFigures.OUTPUTS, "Output z against time for each test pulse, every seed (grey), "
                + "the best and the worst seed by precision (colour); dashed: the target over the evaluation window.");
    }

    /** Seed 1 against the published model 1, when the analysis has that row ({@link PublishedModel}). */
    private static void publishedModel(Report.Builder b, AnalysisOutputs a) {
        Table t = a.table(AnalysisTables.PUBLISHED_MODEL);
        if (t.rowCount() == 0) {
            return;
        }
        b.paragraph("Model seed " + t.intColumn("seed").get(0) + " starts from the same initial network as the "
                + "published model " + t.intColumn("seed").get(0) + ", whose trained weights ship with rnnmem; the "
                + "training trials differ (the reference implementation did not seed them). Its trained I correlates "
                + Findings.f(t.doubleColumn("input_r").get(0)) + " with the published trained I and its trained w "
                + Findings.f(t.doubleColumn("readout_r").get(0)) + " with the published w (Pearson r over the units); "
                + "precision " + Findings.f(t.doubleColumn("precision").get(0)) + " against "
                + Findings.f(t.doubleColumn("published_precision").get(0)) + " published, cos(I, w) "
                + Findings.f(t.doubleColumn("weight_correlation").get(0)) + " against "
                + Findings.f(t.doubleColumn("published_weight_correlation").get(0)) + ".");
        b.table(t, "This run's model seed 1 against the published model 1 (`tables/published_model.csv`).");
    }

    private static void predictors(Report.Builder b, AnalysisOutputs a, Findings f) {
        b.heading(2, "Does any metric predict precision?");
        b.paragraph(f.correlationFamily() + "\n\nMetrics that are constant across seeds (the spontaneous-activity "
                + "spectrum depends only on G and g, which every seed shares when `network.network_seed` is fixed) "
                + "have no correlation (NA) and are left out of the Holm family.");
        b.table(select(a.table(AnalysisTables.CORRELATIONS), "metric", "kind", "n", "pearson_r", "r_ci_low",
                "r_ci_high", "pearson_p", "holm_p", "spearman_rho", "spearman_p", "spearman_holm_p"),
                "Every metric against precision: Pearson r with its paired bootstrap 95% interval ("
                + a.info().at("/options/bootstrap_resamples").asInt() + " resamples), Spearman rho, and p-values "
                + "Holm-adjusted across the metrics of this table.");
        figure(b, a, AnalysisFigures.SCATTER, "Precision against a selection of the metrics, one point per seed, with "
                + "the least-squares line; panel titles give Pearson r and its unadjusted p (Holm-adjusted values in the table above).");
    }

    private static void dynamics(Report.Builder b, AnalysisOutputs a, Findings f) {
        b.heading(2, "Activity geometry and readout");
        b.paragraph("The memory-period activity has a dimensionality (participation ratio of the covariance "
                + "eigenvalues) of " + f.meanCi("readout_mem_activity_pr") + "; spontaneous activity has "
                + Numbers.format(f.summary("input_spont_activity_pr", "mean")) + " (largest eigenvalue "
                + Numbers.format(f.summary("input_spont_eig1", "mean")) + " against " + f.meanCi("readout_mem_eig1")
                + " in the memory period).\n\n" + f.readout()
                + "\n\nThe memory-period PCA of SPEC section 4 averages, over the test durations, the covariance over "
                + "time within each trial; it captures how activity fluctuates while a value is held, not how the held "
                + "values differ between durations, so a readout with little weight in the top PCs can still read the "
                + "held value.");
        figure(b, a, AnalysisFigures.SPECTRA, "Covariance eigenvalues (log10) of spontaneous activity and of "
                + "memory-period activity against rank (values below 1e-10 of the largest omitted), and the cumulative "
                + "fraction of |w|² in the memory-period PCs (log-scaled k) against the expectation k/N for a random "
                + "direction (dashed). Thin grey: each seed; bold: median over seeds.");
        b.heading(2, "Trajectories");
        b.paragraph(f.separation());
        figure(b, a, AnalysisFigures.TRAJECTORIES, "Trajectories from pulse onset to the end of the trial on "
                + "the top memory-period PCs, for the best, median and worst seed by precision; one line per pulse "
                + "duration (dark: short, light: long; test durations bold). Black dot: r = 0 before the pulse; "
                + "dashed: the I and w directions projected on the same PCs, drawn from r = 0 with one scale per panel.");
        figure(b, a, AnalysisFigures.SEPARATION, "Separation of trajectories (mean Euclidean distance of the "
                + "rate vectors over the memory period) against duration difference: every pair of one seed with the "
                + "fitted line, and the mean over pairs per difference for every seed.");
        b.heading(2, "Integration and memory");
        b.paragraph(f.integration() + "\n\n" + new Findings.Statement("Plateau constancy", f.drift()).lead());
        figure(b, a, AnalysisFigures.INTEGRATION, "Plateau (mean output over the evaluation window) and its "
                + "drift against pulse duration; thin grey: each seed, bold: median, dashed black: the target, dashed "
                + "grey verticals: the range of durations seen in training.");
    }

    private static void tables(Report.Builder b, AnalysisOutputs a) {
        b.heading(2, "Tables");
        b.table(select(a.table(AnalysisTables.SUMMARY), "metric", "n", "mean", "sd", "median", "min", "max",
                "mean_ci_low", "mean_ci_high"), "Every metric across seeds, with the percentile bootstrap 95% "
                + "interval of the mean (" + a.info().at("/options/bootstrap_resamples").asInt() + " resamples, seed "
                + a.info().at("/options/bootstrap_seed").asLong() + ").");
        b.table(select(a.table(AnalysisTables.ANALYSIS), "seed", "precision", "weight_correlation",
                "readout_mem_topk_fraction", IntegrationCurve.SLOPE_TRAINED, Separation.SLOPE, SeedDynamics.DRIFT,
                ReadoutGeometry.VAR_FRACTION), "A selection of per-seed metrics (all of them: `tables/analysis.csv`).");
    }

    private static void provenance(Report.Builder b, AnalysisOutputs a) {
        var info = a.info();
        List<String> dirs = new ArrayList<>();
        info.get("run_dirs").forEach(d -> dirs.add("`" + d.asText() + "`"));
        b.heading(2, "Provenance");
        b.paragraph("Run director" + (dirs.size() == 1 ? "y" : "ies") + ": " + String.join(", ", dirs)
                + ". Analysis code at commit `" + info.at("/provenance/git/commit").asText() + "`"
                + (info.at("/provenance/git/dirty").asBoolean() ? " (with uncommitted changes)" : "")
                + "; analysis took " + Numbers.format(info.get("total_seconds").asDouble()) + " s on "
                + info.at("/provenance/cpu/cores").asInt() + " cores. Column meanings and units: "
                + "`tables/analysis_schema.json`; settings and provenance: `tables/analysis.json`. Regenerate with "
                + "`./rnnmem analyze RUN_DIR` and `./rnnmem report RUN_DIR`.");
    }

    /** Adds a figure of the analysis when it exists (no figure but the training curves when no seed was simulated). */
    private static void figure(Report.Builder b, AnalysisOutputs a, String name, String caption) {
        if (Files.isRegularFile(a.figure(name))) {
            b.figure(a.figure(name), caption);
        }
    }

    /** The named columns of a table, in that order. */
    static Table select(Table t, String... names) {
        Table out = Table.create(t.name());
        for (String n : names) {
            Column<?> c = t.column(n);
            out.addColumns(c);
            if (n.equals("metric")) {
                out.addColumns(labels(t.stringColumn("metric")));
            }
        }
        return out;
    }

    /** The metric catalogue's axis label (with unit) of each metric, for the tables the report shows. */
    private static StringColumn labels(StringColumn metrics) {
        StringColumn out = StringColumn.create("label (unit)");
        for (String m : metrics) {
            out.append(MetricCatalog.known(m) ? MetricCatalog.axisLabel(m) : "");
        }
        return out;
    }

    /** The folder's index: what, where, headline numbers. */
    static String index(AnalysisOutputs a, Placement placement) {
        Findings f = new Findings(a);
        int n = a.table(AnalysisTables.ANALYSIS).rowCount();
        List<String> lines = new ArrayList<>();
        lines.add("# Analysis of `" + a.spec().name() + "`");
        lines.add("");
        lines.add("**What.** " + Numbers.format(n) + " trained continuous-time RNNs (model seeds " + seedRange(a)
                + ") of the experiment `" + a.spec().name() + "`, analysed with `rnnmem analyze` and reported with "
                + "`rnnmem report`.");
        lines.add("");
        lines.add("**Where.** `analysis.html` (the report as one self-contained page), `analysis.md` with `figures/` "
                + "(the same as markdown), `analysis.ipynb` (Python notebook: loads the tables with pandas and the "
                + "weights with NumPy, recomputes the headline numbers and redraws the key figures; run it from this "
                + "folder)" + (placement == Placement.EXPORT ? ", the tables it reads (`tables/`: per-seed metrics, "
                + "summary, correlations, published comparison, integration) and the run directories without their "
                + "checkpoints (`runs/`: configurations, training curves, weights)."
                : "; the tables and figures are those of the run directory (`../tables/`, `../figures/`)."));
        lines.add("");
        lines.add("**Headline numbers.**");
        lines.add("");
        f.all().forEach(s -> lines.add(s.bullet()));
        List<String> diff = f.differencesFromSystemA();
        if (!diff.isEmpty()) {
            lines.add("");
            lines.add("Set-up differences from System A: " + String.join("; ", diff) + ".");
        }
        return String.join("\n", lines) + "\n";
    }
}
