package org.rnnmemory.sweep;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.Figures;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;
import org.rnnmemory.plot.Points;

/**
 * The figure {@code precision_vs_gain} (PNG and SVG) of a sweep over {@code network.gain}: per
 * candidate, the median precision over seeds (line), the mean with its 95% bootstrap interval
 * (vertical bar) and every seed (grey dots) on the left axis, as log10 of the precision; lambda_max of
 * the untrained network against gain on the right axis (linear, 1/tau), with a dashed line at
 * lambda = 0. Candidates that differ in other swept keys are drawn as separate median lines.
 *
 * <p>The left axis shows log10 values on a linear scale because XChart 3.8 makes every y axis of a
 * chart logarithmic or none, and lambda_max is negative below the transition to chaos.
 */
final class SweepFigure {
    /** File name (without extension) of the figure. */
    static final String NAME = "precision_vs_gain";
    /** File name (without extension) of the companion figure against lambda_max. */
    static final String LAMBDA_NAME = "precision_vs_lambda";
    static final FigureSize SIZE = FigureSize.inches(4.6, 4.0);

    private SweepFigure() {}

    /**
     * Writes {@code dir/precision_vs_gain} and {@code dir/precision_vs_lambda} (PNG and SVG); returns the
     * PNG paths, in that order.
     */
    static List<Path> write(List<CandidateSummary> rows, List<String> otherKeys, String setup, Path dir) {
        Path gain = Figures.save(chart(rows, otherKeys, setup), dir.resolve(NAME)).get(0);
        Path lambda = Figures.save(lambdaChart(rows, otherKeys), dir.resolve(LAMBDA_NAME)).get(0);
        return List.of(gain, lambda);
    }

    /**
     * Median precision (log10) against lambda_max of the untrained network, one point per candidate
     * labelled with its gain, the 95% bootstrap interval of the mean as a bar, and a dashed line at
     * lambda = 0.
     */
    static XYChart lambdaChart(List<CandidateSummary> rows, List<String> otherKeys) {
        XYChart c = HouseStyle.xy(FigureSize.COLUMN_TALL, "", "λₘₐₓ of the untrained network (1/τ)",
                "log₁₀ precision (MSE; lower is better)");
        c.getStyler().setAnnotationTextFont(new java.awt.Font(HouseStyle.FONT, java.awt.Font.PLAIN, 1)
                .deriveFont(HouseStyle.LEGEND_PT));
        c.getStyler().setAnnotationTextFontColor(Palette.BLACK);
        Map<String, List<CandidateSummary>> groups = groups(rows, otherKeys);
        int k = 0;
        for (Map.Entry<String, List<CandidateSummary>> g : groups.entrySet()) {
            Color color = groups.size() == 1 ? Palette.BLUE : groupColor(k++);
            List<CandidateSummary> byGain = g.getValue();
            double[] x = values(byGain, CandidateSummary::lambdaMax);
            String label = "median over seeds" + (g.getKey().isEmpty() ? "" : ", " + g.getKey());
            XYSeries median = finite(c, label, x, values(byGain, r -> log10(r.precision().median())));
            if (median != null) {
                HouseStyle.markers(median, SeriesMarkers.CIRCLE, color);
            }
            intervals(c, byGain, x, color, g.getKey());
        }
        double[] range = padRange(c, 0);
        double[] x = rows.stream().mapToDouble(CandidateSummary::lambdaMax).filter(Double::isFinite).toArray();
        double xlo = Math.min(0, java.util.Arrays.stream(x).min().orElse(0));
        double xhi = Math.max(0, java.util.Arrays.stream(x).max().orElse(0));
        double xpad = 0.1 * (xhi - xlo + 1e-3);
        c.getStyler().setXAxisMin(xlo - xpad);
        c.getStyler().setXAxisMax(xhi + xpad);
        labels(c, rows, 0.07 * (xhi - xlo + 2 * xpad), range[1] - range[0]);
        if (range[0] < range[1]) {
            HouseStyle.dashed(c.addSeries("λ = 0 (edge of chaos)", new double[] {0, 0}, range), Palette.VERMILLION);
        }
        HouseStyle.legendBelow(c);
        return c;
    }

    /**
     * Labels each point with its gain, at distance {@code dx} to its right, except when a point to its
     * right lies within {@code dx} and 6% of {@code ySpan}: then to its left. Points are labelled from
     * right to left.
     */
    private static void labels(XYChart c, List<CandidateSummary> rows, double dx, double ySpan) {
        List<double[]> placed = new ArrayList<>();
        List<CandidateSummary> rightToLeft = new ArrayList<>(rows);
        rightToLeft.sort(Comparator.comparingDouble(CandidateSummary::lambdaMax).reversed());
        for (CandidateSummary r : rightToLeft) {
            double x = r.lambdaMax();
            double y = log10(r.precision().median());
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                continue;
            }
            boolean crowded = placed.stream().anyMatch(p -> Math.abs(p[0] - x) < dx && Math.abs(p[1] - y) < 0.06 * ySpan);
            c.addAnnotation(new org.knowm.xchart.AnnotationText("g = " + SweepCandidate.shortValue(gain(r)),
                    crowded ? x - dx : x + dx, y, false));
            placed.add(new double[] {x, y});
        }
    }

    /**
     * Fixes the range of y-axis group {@code group} to the finite y values of its series plus 6% of
     * their span on each side (and at least 0.01); returns {min, max}.
     */
    static double[] padRange(XYChart c, int group) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            if (s.getYAxisGroup() == group) {
                for (double y : s.getYData()) {
                    if (Double.isFinite(y)) {
                        lo = Math.min(lo, y);
                        hi = Math.max(hi, y);
                    }
                }
            }
        }
        if (!(lo <= hi)) {
            return new double[] {0, 0};
        }
        double pad = Math.max(0.06 * (hi - lo), 0.01);
        double[] range = {lo - pad, hi + pad};
        c.getStyler().setYAxisMin(group, range[0]);
        c.getStyler().setYAxisMax(group, range[1]);
        return range;
    }

    static XYChart chart(List<CandidateSummary> rows, List<String> otherKeys, String setup) {
        XYChart c = HouseStyle.xy(SIZE, "", "gain g", "log₁₀ precision (MSE; lower is better)");
        seeds(c, rows);
        Map<String, List<CandidateSummary>> groups = groups(rows, otherKeys);
        int k = 0;
        for (Map.Entry<String, List<CandidateSummary>> g : groups.entrySet()) {
            Color color = groups.size() == 1 ? Palette.BLUE : groupColor(k++);
            List<CandidateSummary> byGain = g.getValue();
            String label = "median over seeds" + (g.getKey().isEmpty() ? "" : ", " + g.getKey());
            XYSeries median = finite(c, label, gains(byGain), values(byGain, r -> log10(r.precision().median())));
            if (median != null) {
                HouseStyle.bold(median, color);
            }
            intervals(c, byGain, gains(byGain), color, g.getKey());
        }
        padRange(c, 0);
        lambda(c, rows, setup);
        HouseStyle.legendBelow(c);
        return c;
    }

    /** Every seed's precision as a grey dot. */
    private static void seeds(XYChart c, List<CandidateSummary> rows) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (CandidateSummary r : rows) {
            for (double p : r.finitePrecisions()) {
                x.add(gain(r));
                y.add(log10(p));
            }
        }
        if (x.isEmpty()) {
            return;
        }
        int perCandidate = rows.stream().mapToInt(r -> r.seeds().rowCount()).max().orElse(0);
        XYSeries s = c.addSeries("single seeds (" + perCandidate + " per gain)", toArray(x), toArray(y));
        HouseStyle.markers(s, SeriesMarkers.CIRCLE, Palette.withAlpha(Palette.GREY, 150));
        s.setMarkerColor(Palette.withAlpha(Palette.GREY, 150));
    }

    /** The mean as an open marker and its interval as a vertical bar, one legend entry per group. */
    private static void intervals(XYChart c, List<CandidateSummary> rows, double[] x, Color color, String group) {
        String label = "mean, 95% bootstrap CI" + (group.isEmpty() ? "" : ", " + group);
        XYSeries means = finite(c, label, x, values(rows, r -> log10(r.meanCi().mean())));
        if (means != null) {
            HouseStyle.markers(means, SeriesMarkers.DIAMOND, color);
        }
        for (int i = 0; i < rows.size(); i++) {
            CandidateSummary r = rows.get(i);
            if (r.meanCi().low() > 0 && r.meanCi().high() > 0 && Double.isFinite(x[i])) {
                XYSeries bar = c.addSeries(label + " " + r.candidate().index(), new double[] {x[i], x[i]},
                        new double[] {log10(r.meanCi().low()), log10(r.meanCi().high())});
                HouseStyle.thin(bar, color);
                bar.setLineStyle(new java.awt.BasicStroke(HouseStyle.BOLD * 0.6f));
                bar.setShowInLegend(false);
            }
        }
    }

    /** lambda_max against gain on the right axis, with the line lambda = 0. */
    private static void lambda(XYChart c, List<CandidateSummary> rows, String setup) {
        Map<Double, Double> byGain = new java.util.TreeMap<>();
        for (CandidateSummary r : rows) {
            if (Double.isFinite(r.lambdaMax())) {
                byGain.putIfAbsent(gain(r), r.lambdaMax());
            }
        }
        if (byGain.isEmpty()) {
            return;
        }
        double[] x = byGain.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = byGain.values().stream().mapToDouble(Double::doubleValue).toArray();
        XYSeries s = c.addSeries("λₘₐₓ of the untrained network, mean of " + UntrainedChaos.NETWORK_SEEDS
                + " network seeds (" + setup + ")", x, y);
        HouseStyle.bold(s, Palette.VERMILLION);
        s.setMarker(SeriesMarkers.SQUARE);
        s.setLineStyle(new java.awt.BasicStroke(HouseStyle.THIN * 1.5f));
        Map<Double, Double> ownByGain = new java.util.TreeMap<>();
        for (CandidateSummary r : rows) {
            if (r.lambda() != null) {
                ownByGain.putIfAbsent(gain(r), r.lambda().trained().lambdaMax());
            }
        }
        XYSeries own = c.addSeries("λₘₐₓ of the trained G alone (network seed " + rows.get(0).lambda().key()
                .networkSeed() + ")", ownByGain.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                ownByGain.values().stream().mapToDouble(Double::doubleValue).toArray());
        HouseStyle.markers(own, SeriesMarkers.SQUARE, Palette.VERMILLION);
        own.setMarkerColor(Palette.withAlpha(Palette.VERMILLION, 110));
        XYSeries zero = HouseStyle.hline(c, "λ = 0 (edge of chaos)", x[0], x[x.length - 1], 0.0);
        zero.setLineColor(Palette.VERMILLION);
        zero.setShowInLegend(true);
        HouseStyle.secondaryY(c, "largest Lyapunov exponent λₘₐₓ (1/τ)", s, own, zero);
        padRange(c, 1);
    }

    /** Candidates grouped by their values of the other swept keys, each group sorted by gain. */
    static Map<String, List<CandidateSummary>> groups(List<CandidateSummary> rows, List<String> otherKeys) {
        Map<String, List<CandidateSummary>> out = new LinkedHashMap<>();
        for (CandidateSummary r : rows) {
            List<String> parts = new ArrayList<>();
            for (String key : otherKeys) {
                parts.add(key.substring(key.lastIndexOf('.') + 1) + " = "
                        + SweepCandidate.shortValue(r.candidate().point().get(key)));
            }
            out.computeIfAbsent(String.join(", ", parts), g -> new ArrayList<>()).add(r);
        }
        out.values().forEach(l -> l.sort(Comparator.comparingDouble(SweepFigure::gain)));
        return out;
    }

    static double gain(CandidateSummary r) {
        return ((Number) r.candidate().point().get("network.gain")).doubleValue();
    }

    private static Color groupColor(int k) {
        Color[] c = {Palette.BLUE, Palette.BLUISH_GREEN, Palette.REDDISH_PURPLE, Palette.SKY_BLUE, Palette.ORANGE,
            Palette.BLACK};
        return c[k % c.length];
    }

    private static double[] gains(List<CandidateSummary> rows) {
        return rows.stream().mapToDouble(SweepFigure::gain).toArray();
    }

    private static double[] values(List<CandidateSummary> rows, java.util.function.ToDoubleFunction<CandidateSummary> f) {
        return rows.stream().mapToDouble(f).toArray();
    }

    /** Adds the points with a finite y; null (nothing added) when there are none. */
    static XYSeries finite(XYChart c, String name, double[] x, double[] y) {
        double[][] p = Points.finiteY(x, y);
        return p[0].length == 0 ? null : c.addSeries(name, p[0], p[1]);
    }

    /** log10 of a positive value; NaN otherwise (not drawn). */
    static double log10(double v) {
        return v > 0 ? Math.log10(v) : Double.NaN;
    }

    private static double[] toArray(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

}
