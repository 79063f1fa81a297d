package org.rnnmemory.analysis.compare;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.Figures;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;

/**
 * Figures of a comparison, each written as PNG (300 dpi) and SVG by {@link Figures}.
 *
 * <ul>
 *   <li>{@value #BY_RUN}: precision and weight correlation of every seed per run (strip plot over
 *       a Tukey box plot), a grey line joining the same model seed in neighbouring runs;</li>
 *   <li>{@value #PRECISION_VS_N} and {@value #DIMENSIONALITY_VS_N}, only when N differs between
 *       runs: precision, and the activity dimensionality of the spontaneous and memory-period
 *       activity, against N on a logarithmic axis.</li>
 * </ul>
 */
public final class ComparisonFigures {
    public static final String BY_RUN = "precision_by_system";
    public static final String PRECISION_VS_N = "precision_vs_n";
    public static final String DIMENSIONALITY_VS_N = "dimensionality_vs_n";
    /** A metric is drawn on a logarithmic axis when all values are positive and span more than this ratio. */
    static final double LOG_RATIO = 20;
    private static final double BOX_HALF_WIDTH = 0.22;
    /** Run labels are drawn at 45 degrees when their characters, all runs together, exceed this. */
    private static final int LABEL_CHARS = 36;
    private static final double JITTER = 0.16;
    private static final String PRECISION_TITLE = "precision (MSE, lower is better)";

    private ComparisonFigures() {}

    /** Writes every figure that applies into {@code dir}; returns the PNG files by base name. */
    public static Map<String, Path> write(List<ComparedRun> runs, boolean hiddenSizeDiffers, Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        XYChart precision = byRun(runs, "precision", PRECISION_TITLE);
        XYChart correlation = byRun(runs, "weight_correlation", "weight correlation cos(I, w)");
        out.put(BY_RUN, Figures.saveGrid(List.of(precision, correlation), 2, dir.resolve(BY_RUN)).get(0));
        if (hiddenSizeDiffers) {
            out.put(PRECISION_VS_N, Figures.save(precisionVsN(runs), dir.resolve(PRECISION_VS_N)).get(0));
            out.put(DIMENSIONALITY_VS_N, Figures.save(dimensionalityVsN(runs), dir.resolve(DIMENSIONALITY_VS_N)).get(0));
        }
        return out;
    }

    /** Strip and box plot of one metric per run, runs at x = 1..k, same seeds joined across neighbouring runs. */
    static XYChart byRun(List<ComparedRun> runs, String metric, String yTitle) {
        XYChart chart = HouseStyle.xy(FigureSize.COLUMN, "", "system", yTitle);
        boolean log = useLog(runs, metric);
        yAxis(chart, runs, metric, log);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(runs.size() + 0.5);
        chart.setCustomXAxisTickLabelsFormatter(x -> tickLabel(runs, x));
        chart.getStyler().setXAxisTickMarkSpacingHint(10);
        int longest = runs.stream().mapToInt(r -> r.label().length()).max().orElse(1);
        if (runs.size() * longest > LABEL_CHARS) {
            chart.getStyler().setXAxisLabelRotation(45);
        }
        List<Integer> allSeeds = new ArrayList<>(new TreeSet<>(runs.stream()
                .flatMap(r -> r.bySeed(metric).keySet().stream()).toList()));
        pairedLines(chart, runs, metric, allSeeds, log);
        for (int i = 0; i < runs.size(); i++) {
            box(chart, i + 1, finite(runs.get(i).values(metric), log), runs.get(i).label());
            points(chart, i + 1, runs.get(i), metric, allSeeds, log);
        }
        return chart;
    }

    /**
     * The run label at x = 1..k, else an invisible label. XChart's linear axis tries tick steps from
     * the spacing hint upwards until all tick labels (including one or two ticks beyond each end)
     * are distinct, and draws no tick at all when the labels of the two axis ends are equal. So:
     * every fractional x gives "" (" " below 1, for the left end), so that fractional steps repeat a
     * label and fail; integers outside 1..k give distinct runs of spaces, so that step 1 succeeds.
     */
    static String tickLabel(List<ComparedRun> runs, double x) {
        long k = Math.round(x);
        if (Math.abs(x - k) > 1e-6) {
            return x < 1 ? " " : "";
        }
        if (k >= 1 && k <= runs.size()) {
            return runs.get((int) k - 1).label();
        }
        return k < 1 ? " ".repeat((int) (1 - 2 * k)) : " ".repeat((int) (2 * (k - runs.size())));
    }

    private static void pairedLines(XYChart chart, List<ComparedRun> runs, String metric, List<Integer> seeds,
                                    boolean log) {
        Color grey = Palette.withAlpha(Palette.GREY, 110);
        for (int i = 0; i + 1 < runs.size(); i++) {
            Map<Integer, Double> a = runs.get(i).bySeed(metric);
            Map<Integer, Double> b = runs.get(i + 1).bySeed(metric);
            for (int s : seeds) {
                Double va = a.get(s);
                Double vb = b.get(s);
                if (va == null || vb == null || !drawable(va, log) || !drawable(vb, log)) {
                    continue;
                }
                double dx = jitter(seeds, s);
                XYSeries line = chart.addSeries("pair " + i + " seed " + s, new double[] {i + 1 + dx, i + 2 + dx},
                        new double[] {va, vb});
                HouseStyle.thin(line, grey).setShowInLegend(false);
                line.setLineStyle(new BasicStroke(0.5f));
            }
        }
    }

    private static void points(XYChart chart, int x, ComparedRun run, String metric, List<Integer> seeds, boolean log) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        run.bySeed(metric).forEach((s, v) -> {
            if (drawable(v, log)) {
                xs.add(x + jitter(seeds, s));
                ys.add(v);
            }
        });
        if (xs.isEmpty()) {
            return;
        }
        XYSeries pts = chart.addSeries(run.label() + " seeds", xs, ys);
        HouseStyle.markers(pts, SeriesMarkers.CIRCLE, Palette.withAlpha(Palette.get(x - 1), 200));
        pts.setShowInLegend(false);
    }

    /** Box from the quartiles, median line, whiskers to the furthest values within 1.5 IQR (Tukey). */
    private static void box(XYChart chart, int x, double[] v, String label) {
        if (v.length == 0) {
            return;
        }
        Arrays.sort(v);
        double q1 = quantile(v, 0.25);
        double med = quantile(v, 0.5);
        double q3 = quantile(v, 0.75);
        double iqr = q3 - q1;
        double lo = Arrays.stream(v).filter(d -> d >= q1 - 1.5 * iqr).min().orElse(q1);
        double hi = Arrays.stream(v).filter(d -> d <= q3 + 1.5 * iqr).max().orElse(q3);
        double l = x - BOX_HALF_WIDTH;
        double r = x + BOX_HALF_WIDTH;
        Color c = Palette.BLACK;
        line(chart, label + " box", new double[] {l, r, r, l, l}, new double[] {q1, q1, q3, q3, q1}, c, 0.6f);
        line(chart, label + " median", new double[] {l, r}, new double[] {med, med}, c, 1.4f);
        line(chart, label + " whisker low", new double[] {x, x}, new double[] {lo, q1}, c, 0.6f);
        line(chart, label + " whisker high", new double[] {x, x}, new double[] {q3, hi}, c, 0.6f);
    }

    private static void line(XYChart chart, String name, double[] x, double[] y, Color c, float width) {
        XYSeries s = chart.addSeries(name, x, y);
        HouseStyle.thin(s, c).setShowInLegend(false);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
    }

    /** Precision of every seed (markers) and the median per run (line), against N. */
    static XYChart precisionVsN(List<ComparedRun> runs) {
        XYChart chart = HouseStyle.xy(FigureSize.COLUMN, "", "hidden units N", PRECISION_TITLE);
        logN(chart);
        yAxis(chart, runs, "precision", useLog(runs, "precision"));
        seedMarkers(chart, runs, "precision", "seeds", Palette.GREY, true);
        medianLine(chart, runs, "precision", "median over seeds", Palette.BLUE, true);
        HouseStyle.legendAbove(chart, Styler.LegendPosition.InsideNW);
        return chart;
    }

    /** Activity dimensionality of the spontaneous (G only) and memory-period activity against N. */
    static XYChart dimensionalityVsN(List<ComparedRun> runs) {
        XYChart chart = HouseStyle.xy(FigureSize.COLUMN, "", "hidden units N", "activity dimensionality (PCs)");
        logN(chart);
        yAxis(chart, runs, "readout_mem_activity_pr", false);
        medianLine(chart, runs, "input_spont_activity_pr", "spontaneous", Palette.BLUE, false);
        medianLine(chart, runs, "readout_mem_activity_pr", "memory period (median)", Palette.VERMILLION, false);
        seedMarkers(chart, runs, "readout_mem_activity_pr", "memory period (seeds)",
                Palette.withAlpha(Palette.VERMILLION, 120), false);
        HouseStyle.legendAbove(chart, Styler.LegendPosition.InsideNW);
        return chart;
    }

    private static void seedMarkers(XYChart chart, List<ComparedRun> runs, String metric, String name, Color color,
                                    boolean log) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ComparedRun r : runs) {
            for (double v : r.values(metric)) {
                if (drawable(v, log)) {
                    xs.add((double) r.hiddenSize());
                    ys.add(v);
                }
            }
        }
        if (!xs.isEmpty()) {
            HouseStyle.markers(chart.addSeries(name, xs, ys), SeriesMarkers.CIRCLE, color);
        }
    }

    private static void medianLine(XYChart chart, List<ComparedRun> runs, String metric, String name, Color color,
                                   boolean log) {
        List<ComparedRun> byN = runs.stream().sorted((a, b) -> Integer.compare(a.hiddenSize(), b.hiddenSize())).toList();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (ComparedRun r : byN) {
            double[] v = finite(r.values(metric), log);
            if (v.length > 0) {
                Arrays.sort(v);
                xs.add((double) r.hiddenSize());
                ys.add(quantile(v, 0.5));
            }
        }
        if (!xs.isEmpty()) {
            HouseStyle.bold(chart.addSeries(name, xs, ys), color);
        }
    }

    /** Logarithmic N axis labelled at 1, 2, ..., 9 times each power of ten, upright so that they do not collide. */
    private static void logN(XYChart chart) {
        HouseStyle.logX(chart);
        chart.getStyler().setXAxisLogarithmicDecadeOnly(false);
        chart.getStyler().setXAxisLabelRotation(90);
    }

    /**
     * A logarithmic y axis labelled at every 1..9 times a power of ten, or a linear one whose tick
     * labels keep the leading zero and as many decimals as the values' spread needs.
     */
    private static void yAxis(XYChart chart, List<ComparedRun> runs, String metric, boolean log) {
        if (log) {
            HouseStyle.logY(chart);
            chart.getStyler().setYAxisLogarithmicDecadeOnly(true);
            return;
        }
        double[] v = runs.stream().flatMapToDouble(r -> Arrays.stream(r.values(metric))).filter(Double::isFinite)
                .toArray();
        if (v.length > 0) {
            chart.getStyler().setYAxisDecimalPattern(decimalPattern(Arrays.stream(v).min().getAsDouble(),
                    Arrays.stream(v).max().getAsDouble()));
        }
    }

    /** "0", "0.#", "0.##", ...: one decimal more than a fifth of the range needs. */
    static String decimalPattern(double min, double max) {
        double step = (max - min) / 5;
        int decimals = step > 0 ? Math.max(0, (int) Math.ceil(-Math.log10(step)) + 1) : 3;
        return decimals == 0 ? "0" : "0." + "#".repeat(Math.min(decimals, 12));
    }

    /** Whether a metric is drawn on a log axis: every finite value positive, max / min > {@link #LOG_RATIO}. */
    static boolean useLog(List<ComparedRun> runs, String metric) {
        double[] v = runs.stream().flatMapToDouble(r -> Arrays.stream(r.values(metric)))
                .filter(Double::isFinite).toArray();
        if (v.length == 0 || Arrays.stream(v).anyMatch(d -> d <= 0)) {
            return false;
        }
        return Arrays.stream(v).max().getAsDouble() / Arrays.stream(v).min().getAsDouble() > LOG_RATIO;
    }

    /** Horizontal offset of a seed inside its run's column, the same in every run so that pairs line up. */
    private static double jitter(List<Integer> seeds, int seed) {
        int k = seeds.indexOf(seed);
        return seeds.size() < 2 ? 0 : JITTER * (2.0 * k / (seeds.size() - 1) - 1);
    }

    private static boolean drawable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double[] finite(double[] v, boolean log) {
        return Arrays.stream(v).filter(d -> drawable(d, log)).toArray();
    }

    /** Quantile of sorted values by linear interpolation (R's and numpy's default, type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
