package org.rnnmemory.analysis;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.analysis.stats.LinearFit;
import org.rnnmemory.eval.Metric;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.Figures;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;
import org.rnnmemory.report.Numbers;
import tech.tablesaw.api.Table;

/**
 * The analysis figures, each written as {@code RUN_DIR/figures/<name>.png} (300 dpi) and
 * {@code .svg} through {@link Figures}. Individual seeds are thin grey lines, the median over
 * seeds is bold.
 *
 * <ul>
 *   <li>{@value #TRAINING}: loss and per-parameter gradient norms against update (log y);</li>
 *   <li>{@value #OUTPUTS}: output against target for each test duration, best and worst seed highlighted;</li>
 *   <li>{@value #SCATTER}: precision against metrics, with the least-squares line, r and p;</li>
 *   <li>{@value #SPECTRA}: covariance eigenvalues of spontaneous and memory-period activity (log y)
 *       and the cumulative fraction of |w|^2 in the memory-period PCs;</li>
 *   <li>{@value #TRAJECTORIES}: PC1-PC2 and PC1-PC3 trajectories of the best, median and worst seed
 *       with the I and w directions;</li>
 *   <li>{@value #SEPARATION}: trajectory separation against duration difference;</li>
 *   <li>{@value #INTEGRATION}: plateau and drift against pulse duration, with the target line and the
 *       trained range.</li>
 * </ul>
 */
public final class AnalysisFigures {
    public static final String TRAINING = "training_curves";
    public static final String OUTPUTS = "outputs";
    public static final String SCATTER = "metric_vs_precision";
    public static final String SPECTRA = "spectra";
    public static final String TRAJECTORIES = "trajectories";
    public static final String SEPARATION = "separation";
    public static final String INTEGRATION = "integration_curve";

    /** Metrics drawn against precision, when present and not constant. */
    static final List<String> SCATTER_METRICS = List.of("weight_correlation", "input_spont_topk_fraction",
            "readout_mem_topk_fraction", "readout_mem_variance_alignment", "readout_mem_activity_pr",
            Separation.SLOPE, Separation.TIME_CV, ReadoutGeometry.VAR_FRACTION, ReadoutGeometry.COS_MEAN);

    /** Columns of the scatter figure; only the first column titles its y axis (precision in every panel). */
    static final int SCATTER_COLUMNS = 3;

    /** Most points per seed line in the training curves (updates are thinned beyond). */
    static final int MAX_POINTS = 400;

    private AnalysisFigures() {}

    /** Writes every figure; returns the written files (PNG and SVG of each). */
    /** A grid of panels, or nothing when there is no panel (e.g. no metric varies across one seed). */
    private static List<Path> saveGrid(List<? extends org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels,
                                       int columns, Path base) {
        return panels.isEmpty() ? List.of() : Figures.saveGrid(panels, columns, base);
    }

    public static List<Path> writeAll(RunSet runs, List<SeedAnalysis> seeds, Map<String, Table> tables,
                                      DurationPlan plan, Path dir) {
        List<SeedAnalysis> ok = seeds.stream().filter(s -> s.dynamics() != null).toList();
        List<Path> out = new ArrayList<>();
        out.addAll(saveGrid(training(runs.curves()), 3, dir.resolve(TRAINING)));
        if (ok.isEmpty()) {
            return out;
        }
        int onsetMs = runs.spec().evaluation().onsetMs();
        int costMs = runs.spec().task().costOnsetMs();
        out.addAll(saveGrid(outputs(ok, plan, onsetMs, costMs), 3, dir.resolve(OUTPUTS)));
        out.addAll(saveGrid(scatter(tables.get(AnalysisTables.ANALYSIS),
                tables.get(AnalysisTables.CORRELATIONS)), SCATTER_COLUMNS, dir.resolve(SCATTER)));
        out.addAll(saveGrid(spectra(ok), 3, dir.resolve(SPECTRA)));
        out.addAll(saveGrid(trajectories(ok, plan), 2, dir.resolve(TRAJECTORIES)));
        out.addAll(saveGrid(separation(ok, plan), 2, dir.resolve(SEPARATION)));
        out.addAll(saveGrid(integration(ok, plan), 2, dir.resolve(INTEGRATION)));
        return out;
    }

    /** Seeds ordered by precision (best first); NaN precision last. */
    static List<SeedAnalysis> byPrecision(List<SeedAnalysis> seeds) {
        return seeds.stream().sorted(Comparator.comparingDouble(
                s -> Double.isNaN(s.metric("precision")) ? Double.MAX_VALUE : s.metric("precision"))).toList();
    }

    static List<XYChart> training(List<RunSet.CurveRecord> curves) {
        Map<Integer, List<RunSet.CurveRecord>> bySeed = new TreeMap<>();
        curves.forEach(c -> bySeed.computeIfAbsent(c.seed(), k -> new ArrayList<>()).add(c));
        int updates = bySeed.values().stream().mapToInt(List::size).max().orElse(0);
        int stride = Math.max(1, (updates + MAX_POINTS - 1) / MAX_POINTS);
        double[] x = new double[(updates + stride - 1) / stride];
        for (int i = 0; i < x.length; i++) {
            x[i] = i * stride + 1;
        }
        List<XYChart> panels = new ArrayList<>();
        String[] titles = {"training loss", "gradient with respect to I", "gradient with respect to w"};
        String[] axes = {"training loss (MSE)", "|dL/dI| (L2 norm)", "|dL/dw| (L2 norm)"};
        for (int k = 0; k < 3; k++) {
            List<double[]> ys = new ArrayList<>();
            for (List<RunSet.CurveRecord> rs : bySeed.values()) {
                double[] y = new double[x.length];
                Arrays.fill(y, Double.NaN);
                for (int i = 0; i * stride < rs.size(); i++) {
                    RunSet.CurveRecord r = rs.get(i * stride);
                    y[i] = k == 0 ? r.loss() : k == 1 ? r.gradNormInput() : r.gradNormReadout();
                }
                ys.add(y);
            }
            XYChart c = Panels.chart(Panels.THIRD, titles[k], "Adam update", axes[k]);
            Panels.ensemble(c, "each seed", x, ys, Palette.BLUE, true);
            if (c.getSeriesMap().isEmpty()) {
                c.setTitle(titles[k] + " (not trained)");
                c.addSeries("none", new double[] {1, Math.max(2, updates)}, new double[] {1, 1}).setShowInLegend(false);
            } else {
                HouseStyle.logY(c);
            }
            Panels.roundXTicks(c);
            if (k == 0) {
                Panels.legendAbove(c, Styler.LegendPosition.InsideNE);
            } else {
                c.getStyler().setLegendVisible(false);
            }
            panels.add(c);
        }
        return panels;
    }

    static List<XYChart> outputs(List<SeedAnalysis> seeds, DurationPlan plan, int onsetMs, int costMs) {
        List<SeedAnalysis> ranked = byPrecision(seeds);
        SeedAnalysis best = ranked.get(0);
        SeedAnalysis worst = ranked.get(ranked.size() - 1);
        double[] t = seeds.get(0).dynamics().outputTimesMs();
        int from = 0;
        while (from < t.length && t[from] - onsetMs < -200) {
            from++;
        }
        double[] x = new double[t.length - from];
        for (int i = 0; i < x.length; i++) {
            x[i] = t[from + i] - onsetMs;
        }
        List<XYChart> panels = new ArrayList<>();
        int[] test = plan.testDurationsMs();
        for (int k = 0; k < test.length; k++) {
            XYChart c = Panels.chart(Panels.THIRD, test[k] + " ms pulse" + (plan.inTrainedRange(test[k]) ? ""
                    : " (extrapolation)"), "time from pulse onset (ms)", "network output z");
            Panels.plainY(c);
            List<double[]> ys = new ArrayList<>();
            for (SeedAnalysis s : seeds) {
                ys.add(Arrays.copyOfRange(s.dynamics().outputs()[k], from, t.length));
            }
            Panels.ensemble(c, "each seed", x, ys, null, false);
            double level = plan.targetPerMs() * test[k];
            XYSeries target = HouseStyle.dashed(c.addSeries("target", new double[] {costMs - onsetMs, x[x.length - 1]},
                    new double[] {level, level}), Palette.BLACK);
            target.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 10f, new float[] {4f, 2f}, 0f));
            Panels.bold(c, "best (seed " + best.seed() + ")", x,
                    Arrays.copyOfRange(best.dynamics().outputs()[k], from, t.length), Palette.BLUE)
                    .setLineStyle(new BasicStroke(1.2f));
            Panels.bold(c, "worst (seed " + worst.seed() + ")", x,
                    Arrays.copyOfRange(worst.dynamics().outputs()[k], from, t.length), Palette.VERMILLION)
                    .setLineStyle(new BasicStroke(1.2f));
            Panels.roundXTicks(c);
            if (k == 0) {
                Panels.legendAbove(c, Styler.LegendPosition.InsideNE);
            } else {
                c.getStyler().setLegendVisible(false);
            }
            panels.add(c);
        }
        return panels;
    }

    static List<XYChart> scatter(Table analysis, Table correlations) {
        double[] precision = analysis.doubleColumn("precision").asDoubleArray();
        Map<String, Integer> row = new LinkedHashMap<>();
        for (int r = 0; r < correlations.rowCount(); r++) {
            row.put(correlations.stringColumn("metric").get(r), r);
        }
        List<XYChart> panels = new ArrayList<>();
        for (String m : SCATTER_METRICS) {
            Integer r = row.get(m);
            if (r == null || Double.isNaN(correlations.doubleColumn("pearson_r").getDouble(r))) {
                continue;
            }
            double[][] p = Panels.finite(analysis.doubleColumn(m).asDoubleArray(), precision);
            String title = "r = " + Numbers.coefficient(correlations.doubleColumn("pearson_r").getDouble(r)) + ", "
                    + Numbers.pValue(correlations.doubleColumn("pearson_p").getDouble(r));
            XYChart c = Panels.chart(FigureSize.inches(7.0 / 3, 2.0), title, MetricCatalog.axisLabel(m),
                    MetricCatalog.axisLabel("precision"));
            HouseStyle.markers(c.addSeries("seeds", p[0], p[1]), SeriesMarkers.CIRCLE, Palette.BLUE);
            LinearFit f = LinearFit.of(p[0], p[1]);
            double lo = Arrays.stream(p[0]).min().orElse(0);
            double hi = Arrays.stream(p[0]).max().orElse(1);
            HouseStyle.thin(c.addSeries("fit", new double[] {lo, hi},
                    new double[] {f.intercept() + f.slope() * lo, f.intercept() + f.slope() * hi}), Palette.VERMILLION);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setMarkerSize(3);
            c.getStyler().setYAxisTitleVisible(panels.size() % SCATTER_COLUMNS == 0);
            Panels.plainY(c);
            panels.add(c);
        }
        return panels;
    }

    static List<XYChart> spectra(List<SeedAnalysis> seeds) {
        int n = seeds.get(0).dynamics().memoryEigenvalues().length;
        int shown = Math.min(n, 60);
        double[] rank = new double[shown];
        double[] all = new double[n];
        for (int k = 0; k < n; k++) {
            all[k] = k + 1;
            if (k < shown) {
                rank[k] = k + 1;
            }
        }
        List<double[]> spont = new ArrayList<>();
        List<double[]> mem = new ArrayList<>();
        List<double[]> cum = new ArrayList<>();
        for (SeedAnalysis s : seeds) {
            spont.add(log10(relevant(s.spontaneousEigenvalues(), shown)));
            mem.add(log10(relevant(s.dynamics().memoryEigenvalues(), shown)));
            cum.add(s.dynamics().readoutCumulative());
        }
        String eigen = "log₁₀ eigenvalue (" + Metric.prettyUnit("rate^2") + ")";
        XYChart a = Panels.chart(Panels.THIRD, "spontaneous activity", "eigenvalue rank", eigen);
        Panels.ensemble(a, "each seed", rank, spont, Palette.BLUE, false);
        int lastRank = 1;
        for (double[] y : spont) {
            for (int k = 0; k < y.length; k++) {
                lastRank = Double.isFinite(y[k]) ? Math.max(lastRank, k + 1) : lastRank;
            }
        }
        a.getStyler().setXAxisMax((double) Math.max(lastRank, 2));
        Panels.plainY(a);
        Panels.roundXTicks(a);
        Panels.legendAbove(a, Styler.LegendPosition.InsideNE);
        XYChart b = Panels.chart(Panels.THIRD, "memory period", "eigenvalue rank", eigen);
        Panels.ensemble(b, "each seed", rank, mem, Palette.BLUE, false);
        Panels.plainY(b);
        Panels.roundXTicks(b);
        b.getStyler().setLegendVisible(false);
        XYChart c = Panels.chart(Panels.THIRD, "readout w in memory PCs", "number of memory PCs k",
                "fraction of |w|² in PCs 1..k");
        Panels.ensemble(c, "each seed", all, cum, Palette.BLUE, false);
        double[] uniform = new double[n];
        for (int k = 0; k < n; k++) {
            uniform[k] = (k + 1.0) / n;
        }
        HouseStyle.dashed(c.addSeries("random direction", all, uniform), Palette.BLACK);
        c.getStyler().setxAxisTickLabelsFormattingFunction(null);
        HouseStyle.logX(c);
        Panels.roundXTicks(c);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        return List.of(a, b, c);
    }

    /** log10 of every positive value; NaN for the others. */
    private static double[] log10(double[] v) {
        return Arrays.stream(v).map(x -> x > 0 ? Math.log10(x) : Double.NaN).toArray();
    }

    /** The first {@code k} eigenvalues, those below 1e-10 of the largest set to NaN (numerically zero). */
    private static double[] relevant(double[] l, int k) {
        double[] out = new double[k];
        for (int i = 0; i < k; i++) {
            out[i] = l[i] > 1e-10 * l[0] ? l[i] : Double.NaN;
        }
        return out;
    }

    static List<XYChart> trajectories(List<SeedAnalysis> seeds, DurationPlan plan) {
        List<SeedAnalysis> ranked = byPrecision(seeds);
        Map<String, SeedAnalysis> shown = new LinkedHashMap<>();
        shown.put("best", ranked.get(0));
        shown.put("median", ranked.get((ranked.size() - 1) / 2));
        shown.put("worst", ranked.get(ranked.size() - 1));
        List<XYChart> panels = new ArrayList<>();
        for (Map.Entry<String, SeedAnalysis> e : shown.entrySet()) {
            for (int pc : new int[] {1, 2}) {
                panels.add(TrajectoryPanel.of(e.getValue(), e.getKey(), pc, plan));
            }
        }
        return panels;
    }

    static List<XYChart> separation(List<SeedAnalysis> seeds, DurationPlan plan) {
        SeedAnalysis median = byPrecision(seeds).get((seeds.size() - 1) / 2);
        List<Separation.Pair> pairs = median.dynamics().pairs();
        double[] dx = pairs.stream().mapToDouble(Separation.Pair::differenceMs).toArray();
        double[] sep = pairs.stream().mapToDouble(Separation.Pair::separation).toArray();
        XYChart a = Panels.chart(Panels.HALF, "seed " + median.seed() + " (median precision): every pair",
                "duration difference (ms)", "separation |r_a − r_b|");
        HouseStyle.markers(a.addSeries("pairs", dx, sep), SeriesMarkers.CIRCLE, Palette.withAlpha(Palette.BLUE, 150));
        a.getStyler().setMarkerSize(3);
        LinearFit f = LinearFit.of(dx, sep);
        double hi = Arrays.stream(dx).max().orElse(1);
        HouseStyle.thin(a.addSeries("fit: slope " + Numbers.format(f.slope()) + " /ms", new double[] {0, hi},
                new double[] {f.intercept(), f.intercept() + f.slope() * hi}), Palette.VERMILLION);
        Panels.plainY(a);
        Panels.legendAbove(a, Styler.LegendPosition.InsideNW);
        List<Separation.Pair> grid = pairs.stream().filter(p -> plan.onDenseGrid(p.durationAMs())
                && plan.onDenseGrid(p.durationBMs())).toList();
        double[] x = grid.stream().mapToDouble(Separation.Pair::differenceMs).distinct().sorted().toArray();
        List<double[]> ys = new ArrayList<>();
        for (SeedAnalysis s : seeds) {
            ys.add(meanByDifference(s.dynamics().pairs().stream().filter(p -> plan.onDenseGrid(p.durationAMs())
                    && plan.onDenseGrid(p.durationBMs())).toList(), x));
        }
        XYChart b = Panels.chart(Panels.HALF, "all seeds: mean over dense-set pairs", "duration difference (ms)",
                "separation |r_a − r_b|");
        Panels.ensemble(b, "each seed", x, ys, Palette.BLUE, false);
        Panels.plainY(b);
        Panels.roundXTicks(b);
        Panels.legendAbove(b, Styler.LegendPosition.InsideNW);
        return List.of(a, b);
    }

    private static double[] meanByDifference(List<Separation.Pair> pairs, double[] x) {
        double[] sum = new double[x.length];
        int[] count = new int[x.length];
        for (Separation.Pair p : pairs) {
            int i = Arrays.binarySearch(x, p.differenceMs());
            if (i >= 0) {
                sum[i] += p.separation();
                count[i]++;
            }
        }
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
        }
        return out;
    }

    static List<XYChart> integration(List<SeedAnalysis> seeds, DurationPlan plan) {
        double[] d = seeds.get(0).dynamics().durationsMs();
        List<double[]> plateau = new ArrayList<>();
        List<double[]> drift = new ArrayList<>();
        for (SeedAnalysis s : seeds) {
            plateau.add(s.dynamics().plateau());
            drift.add(s.dynamics().driftPerSecond());
        }
        XYChart a = Panels.chart(Panels.HALF, "integration curve", "pulse duration (ms)",
                "plateau, mean output z");
        Panels.ensemble(a, "each seed", d, plateau, Palette.BLUE, false);
        double[] target = Arrays.stream(d).map(x -> plan.targetPerMs() * x).toArray();
        HouseStyle.dashed(a.addSeries("target " + Panels.tick(plan.targetPerMs()) + " × duration", d, target),
                Palette.BLACK);
        trainedRange(a, plan, plateau, target);
        Panels.plainY(a);
        Panels.roundXTicks(a);
        Panels.legendAbove(a, Styler.LegendPosition.InsideNW);
        XYChart b = Panels.chart(Panels.HALF, "plateau drift", "pulse duration (ms)", "drift of output z (1/s)");
        Panels.ensemble(b, "each seed", d, drift, Palette.BLUE, false);
        HouseStyle.hline(b, "zero", d[0], d[d.length - 1], 0);
        trainedRange(b, plan, drift);
        b.getStyler().setLegendVisible(false);
        Panels.plainY(b);
        Panels.roundXTicks(b);
        return List.of(a, b);
    }

    /** Dashed verticals at both ends of the trained range, spanning the data, named once in the legend. */
    private static void trainedRange(XYChart c, DurationPlan plan, List<double[]> data, double[]... more) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<double[]> all = new ArrayList<>(data);
        all.addAll(List.of(more));
        for (double[] y : all) {
            for (double v : y) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        Panels.vline(c, "trained from", "trained range " + plan.trainedFromMs() + "–" + plan.trainedToMs() + " ms",
                plan.trainedFromMs(), lo, hi);
        Panels.vline(c, "trained to", null, plan.trainedToMs(), lo, hi);
    }
}
