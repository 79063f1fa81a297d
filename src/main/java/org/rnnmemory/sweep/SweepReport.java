package org.rnnmemory.sweep;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnmemory.chaos.ChaosSettings;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.report.NotebookWriter;
import org.rnnmemory.report.Numbers;
import org.rnnmemory.report.Report;
import org.rnnmemory.report.ReportFiles;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;

/**
 * The report of a sweep: {@code index.md} (the finding, the figure and the files) and
 * {@code analysis.ipynb/.md/.html} (setup, finding, figures, summary table, method, run details),
 * plus a plain-text summary for the terminal. When {@code network.gain} is swept the report answers
 * whether the edge of chaos (lambda_max of the untrained network near 0) gives the best precision.
 */
final class SweepReport {
    private SweepReport() {}

    /** Swept keys other than {@code network.gain}. */
    static List<String> otherKeys(SweepPlan plan) {
        return plan.spec().parameters().keySet().stream().filter(k -> !k.equals("network.gain")).toList();
    }

    /**
     * Writes the report into the plan's folder.
     *
     * @param git the checkout's state when the sweep started (as in sweep.json)
     * @param took wall time of this invocation so far
     */
    static ReportFiles.Written write(SweepPlan plan, List<CandidateSummary> rows, Table summary, List<EdgeOfChaosFinding> findings,
                      Map<Integer, CandidateOutcome> outcomes, ChaosSettings chaos, String command,
                      Provenance.Git git, Duration took) {
        Path dir = plan.dir();
        List<Path> figures = findings.isEmpty() ? List.of()
                : SweepFigure.write(rows, otherKeys(plan), setupShort(plan), dir);
        Report.Builder b = Report.builder(title(plan));
        b.paragraph(setup(plan));
        b.heading(2, findings.isEmpty() ? "Best candidate" : "Does the edge of chaos give the best precision?");
        for (String p : finding(rows, findings)) {
            b.paragraph(p);
        }
        if (!figures.isEmpty()) {
            b.figure(figures.get(0), "Precision against gain (left axis, log10 of the MSE; line: median over seeds; "
                    + "diamond and bar: mean and its 95% bootstrap interval; grey: single seeds) and λₘₐₓ of the "
                    + "untrained network (right axis, 1/τ; squares: mean over " + UntrainedChaos.NETWORK_SEEDS
                    + " network seeds; open squares: the trained G; dashed line: λ = 0).");
            b.figure(figures.get(1), "Median precision (log10) against λₘₐₓ of the untrained network at each gain "
                    + "(mean over " + UntrainedChaos.NETWORK_SEEDS + " network seeds, " + setupShort(plan) + "); bars: "
                    + "95% bootstrap interval of the mean precision; dashed line: λ = 0.");
        }
        b.table(reportTable(summary), "Per candidate: median and mean precision over seeds with the 95% percentile "
                + "bootstrap interval of the mean (" + CandidateSummary.RESAMPLES + " resamples), mean weight "
                + "correlation" + (findings.isEmpty() ? "" : ", and λₘₐₓ (1/τ) of the untrained network, mean and sd "
                + "over " + UntrainedChaos.NETWORK_SEEDS + " network seeds, and for the trained G alone with its standard "
                + "error over time blocks") + ". All columns: sweep_summary.csv.",
                "pd.read_csv(\"sweep_summary.csv\").drop(columns=" + hiddenColumns(summary).stream()
                        .map(NotebookWriter::pythonString).toList() + ")");
        b.heading(2, "Method");
        b.paragraph(method(plan, chaos, !findings.isEmpty()));
        b.heading(2, "Run");
        b.paragraph(run(plan, outcomes, command, git, took));
        AtomicFiles.writeString(dir.resolve("index.md"), index(plan, rows, findings, figures));
        return ReportFiles.writeAll(b.build(), dir);
    }

    static String title(SweepPlan plan) {
        return plan.gainVaries() ? "Sweep " + plan.name() + ": precision against the recurrent gain"
                : "Sweep " + plan.name();
    }

    /** The finding paragraphs. */
    static List<String> finding(List<CandidateSummary> rows, List<EdgeOfChaosFinding> findings) {
        List<String> out = new ArrayList<>();
        if (findings.isEmpty()) {
            CandidateSummary best = rows.stream().filter(r -> Double.isFinite(r.precision().median()))
                    .min(Comparator.comparingDouble(r -> r.precision().median())).orElse(null);
            out.add(best == null ? "No candidate has a finite median precision."
                    : "The lowest median precision, " + Numbers.format(best.precision().median()) + " (mean "
                    + Numbers.format(best.meanCi().mean()) + ", 95% CI " + Numbers.format(best.meanCi().low()) + " to "
                    + Numbers.format(best.meanCi().high()) + ", n = " + best.precision().n() + "), is candidate "
                    + best.dirName() + " (" + String.join(", ", best.candidate().overrides()) + ").");
            return out;
        }
        for (EdgeOfChaosFinding f : findings) {
            out.add(f.verdict());
            out.add(f.regimes());
            out.add(f.context());
        }
        return out;
    }

    /** Columns of sweep_summary.csv the report's table leaves out. */
    private static final List<String> HIDDEN = List.of("candidate", "candidate_dir", "lambda_network_seeds", "seeds");

    private static List<String> hiddenColumns(Table summary) {
        return summary.columnNames().stream().filter(HIDDEN::contains).toList();
    }

    private static Table reportTable(Table summary) {
        List<String> keep = new ArrayList<>();
        for (String c : summary.columnNames()) {
            if (!HIDDEN.contains(c)) {
                keep.add(c);
            }
        }
        return summary.selectColumns(keep.toArray(String[]::new));
    }

    private static String setup(SweepPlan plan) {
        ExperimentSpec e = plan.experiments().get(0);
        var n = e.network();
        var t = e.training();
        int batches = e.task().trials() / t.batchSize();
        return String.format(Locale.ROOT, "A %s search over %s of the experiment `%s` (%s): %d candidates, each "
                        + "trained for every one of its %d model seeds (%s). Base network: N = %d units, τ = %s ms, "
                        + "dt = %s ms, network seed %d; training: %d epochs of %d updates (batch %d of %d trials), "
                        + "Adam learning rate %s. Precision is the mean squared error of the evaluation protocol "
                        + "(durations %s ms; lower is better).",
                plan.spec().search(), parameters(plan), e.name(), plan.spec().experiment().getFileName(), plan.count(),
                e.seeds().size(), seedRange(e.seeds()), n.hiddenSize(), num(n.tauMs()), num(n.dtMs()),
                n.networkSeed(), t.epochs(), batches, t.batchSize(), e.task().trials(), num(t.learningRate()),
                e.evaluation().durationsMs());
    }

    private static String setupShort(SweepPlan plan) {
        ExperimentSpec e = plan.experiments().get(0);
        return "N = " + e.network().hiddenSize() + ", dt = " + num(Math.min(e.network().dtMs() / e.network().tauMs(),
                ChaosSettings.MAX_DT_TAU)) + " τ";
    }

    private static String parameters(SweepPlan plan) {
        List<String> parts = new ArrayList<>();
        plan.spec().parameters().forEach((k, v) -> parts.add("`" + k + "` " + (plan.spec().search().equals("grid")
                ? v.stream().map(SweepCandidate::shortValue).toList().toString()
                : "in [" + v.get(0) + ", " + v.get(1) + "]" + (Boolean.TRUE.equals(v.get(2)) ? " (log)" : ""))));
        return String.join(" × ", parts);
    }

    private static String method(SweepPlan plan, ChaosSettings chaos, boolean lambda) {
        String s = "Candidates come from Arbiter's " + (plan.spec().search().equals("grid")
                ? "GridSearchCandidateGenerator" : "RandomSearchGenerator") + " and run one at a time under its "
                + "LocalOptimizationRunner; each is an ordinary multi-seed run (`rnnmem run` with the candidate's "
                + "`--set` values) in `candidates/<k>-<description>/`" + shardsSentence(plan) + ", scored by its median "
                + "precision. The interval "
                + "of the mean is a percentile bootstrap (" + CandidateSummary.RESAMPLES + " resamples, 95%).";
        if (lambda) {
            s += " λₘₐₓ is the largest Lyapunov exponent of the untrained network h' = (1 − a) h + a g G tanh(h) "
                    + "(no input), a = min(dt/τ, " + ChaosSettings.MAX_DT_TAU + "), at each candidate's gain and N, "
                    + "for " + UntrainedChaos.NETWORK_SEEDS + " network seeds starting at the experiment's "
                    + "network_seed (the first is the G the candidates were trained with): tangent vectors "
                    + "re-orthonormalised every " + chaos.orthoEvery() + " steps, " + num(chaos.transientTau())
                    + " τ discarded, " + num(chaos.durationTau()) + " τ measured (chaos.csv). The edge of chaos is "
                    + "λₘₐₓ = 0.";
        }
        return s;
    }

    private static String run(SweepPlan plan, Map<Integer, CandidateOutcome> outcomes, String command,
                              Provenance.Git git, Duration took) {
        long trained = outcomes.values().stream().filter(o -> o.action() == CandidateOutcome.Action.TRAINED).count();
        long resumed = outcomes.values().stream().filter(o -> o.action() == CandidateOutcome.Action.RESUMED).count();
        long skipped = outcomes.values().stream().filter(o -> o.action() == CandidateOutcome.Action.SKIPPED).count();
        return String.format(Locale.ROOT, "Command: `%s`. This invocation trained %d, resumed %d and skipped %d "
                        + "candidates and took %s (wall time) on %d available processors; git commit %s%s at its start. The "
                        + "candidates' runs took %s in all (start to end in their run.json; a resumed run counts from "
                        + "its resumption). Provenance of every run: `candidates/*/%srun.json`; of the sweep: "
                        + "`sweep.json`.",
                command, trained, resumed, skipped, duration(took.toMillis() / 1000.0),
                Runtime.getRuntime().availableProcessors(), git.commit(),
                Boolean.TRUE.equals(git.dirty()) ? " (with uncommitted changes)" : "", duration(runSeconds(plan)),
                plan.sharded() ? CandidateShard.SHARDS + "/*/" : "");
    }

    /** Where a sharded candidate's seeds run ("" with one shard per candidate). */
    private static String shardsSentence(SweepPlan plan) {
        return !plan.sharded() ? "" : ", its seeds split into " + plan.shardsPerCandidate() + " contiguous shards run "
                + "one after another (or as separate Slurm array tasks), each an ordinary run of its seeds in "
                + "`candidates/<k>-<description>/shards/<s>/`; a seed's numbers do not depend on the split";
    }

    /** Sum over every run directory of end_utc - start_utc in its run.json, s (NaN if one cannot be read). */
    static double runSeconds(SweepPlan plan) {
        double total = 0;
        for (CandidateShard s : plan.shards()) {
            try {
                Duration took = Provenance.read(RunDirectory.of(s.dir()).runJson()).took();
                if (took == null) {
                    return Double.NaN;
                }
                total += took.toMillis() / 1000.0;
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }
        return total;
    }

    /** "42.0 s" below two minutes, else "12.3 min". */
    static String duration(double seconds) {
        return seconds < 120 ? String.format(Locale.ROOT, "%.1f s", seconds)
                : String.format(Locale.ROOT, "%.1f min", seconds / 60);
    }

    private static String index(SweepPlan plan, List<CandidateSummary> rows, List<EdgeOfChaosFinding> findings,
                                List<Path> figures) {
        StringBuilder sb = new StringBuilder("# ").append(title(plan)).append("\n\n");
        for (String p : finding(rows, findings)) {
            sb.append(p).append("\n\n");
        }
        for (Path f : figures) {
            sb.append("![").append(f.getFileName()).append("](").append(f.getFileName()).append(")\n\n");
        }
        sb.append("Files:\n\n")
                .append("- `analysis.html`, `analysis.ipynb`, `analysis.md`: the full report (setup, method, table)\n")
                .append("- `sweep_summary.csv`: one row per candidate; `sweep.csv`: one row per candidate and seed; ")
                .append("`schema.json`: their columns\n");
        if (!figures.isEmpty()) {
            sb.append("- `precision_vs_gain.svg`, `precision_vs_lambda.svg`: the figures as vectors; `chaos.csv`: ")
                    .append("λₘₐₓ per gain and network seed\n");
        }
        sb.append("- `sweep.yaml`, `sweep.json`: the sweep file and its provenance\n");
        return sb.toString();
    }

    /** A plain-text summary for the terminal. */
    static String text(SweepPlan plan, List<CandidateSummary> rows, List<EdgeOfChaosFinding> findings) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%n%-28s %4s %12s %12s %25s %10s%n",
                "candidate", "n", "median prec", "mean prec", "95% CI of mean", "lambda_max"));
        for (CandidateSummary r : rows) {
            sb.append(String.format(Locale.ROOT, "%-28s %4d %12.6f %12.6f %12.6f - %10.6f %10s%n", r.dirName(),
                    r.precision().n(), r.precision().median(), r.meanCi().mean(), r.meanCi().low(), r.meanCi().high(),
                    r.lambda() == null ? "" : String.format(Locale.ROOT, "%.4f", r.lambdaMax())));
        }
        for (String p : finding(rows, findings)) {
            sb.append(p.replace("**", "")).append('\n');
        }
        return sb.toString();
    }

    private static String seedRange(List<Integer> seeds) {
        int lo = seeds.get(0);
        int hi = seeds.get(seeds.size() - 1);
        return hi - lo + 1 == seeds.size() ? "seeds " + lo + " to " + hi : "seeds " + seeds;
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
