package org.rnnmemory.analysis;

import java.awt.BasicStroke;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.io.DoubleArrays;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;

/** Chart-building helpers shared by the analysis figures: seed ensembles, medians, log-safe data. */
final class Panels {
    /** Colour of the individual seeds' thin lines. */
    static final Color SEED = Palette.withAlpha(Palette.GREY, 110);
    /** Panel sizes: a third and a half of the page width. */
    static final FigureSize THIRD = FigureSize.inches(7.0 / 3, 2.2);
    static final FigureSize HALF = FigureSize.inches(3.5, 2.6);

    private Panels() {}

    static XYChart chart(FigureSize size, String title, String x, String y) {
        XYChart c = HouseStyle.xy(size, title, x, y);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisTickMarkSpacingHint(30);
        c.getStyler().setxAxisTickLabelsFormattingFunction(Panels::tick);
        return c;
    }

    /** Plain tick labels: up to six significant digits, no grouping, no trailing zeros ("0.002", "1500"). */
    static String tick(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "";
        }
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** Plain tick labels on a linear y axis too. */
    static void plainY(XYChart c) {
        c.getStyler().setyAxisTickLabelsFormattingFunction(Panels::tick);
    }

    /**
     * Ticks at round values. XChart puts x ticks on the data values themselves when every series
     * shares equally spaced x values; one invisible point off that grid restores round ticks.
     */
    static void roundXTicks(XYChart c) {
        for (XYSeries s : c.getSeriesMap().values()) {
            double[] x = s.getXData();
            double[] y = s.getYData();
            if (x.length >= 2) {
                XYSeries h = c.addSeries("_ticks", new double[] {x[0] + 0.37 * (x[1] - x[0])}, new double[] {y[0]});
                h.setShowInLegend(false);
                h.setMarker(SeriesMarkers.NONE);
                h.setLineColor(new Color(0, 0, 0, 0));
                return;
            }
        }
    }

    /** A vertical dashed grey line from y0 to y1 at x, named in the legend when {@code legend} is not null. */
    static void vline(XYChart c, String name, String legend, double x, double y0, double y1) {
        XYSeries s = HouseStyle.dashed(c.addSeries(name, new double[] {x, x}, new double[] {y0, y1}), Palette.GREY);
        s.setShowInLegend(legend != null);
        if (legend != null) {
            s.setLabel(legend);
        }
    }

    /**
     * One thin grey line per seed (only the first named in the legend, as {@code legend}) and the
     * pointwise median of the seeds in bold ({@code medianColour} null: no median). All {@code ys}
     * have the length of {@code x}.
     */
    static void ensemble(XYChart c, String legend, double[] x, List<double[]> ys, Color medianColour, boolean log) {
        boolean first = true;
        for (int s = 0; s < ys.size(); s++) {
            double[][] p = log ? positive(x, ys.get(s)) : new double[][] {x, ys.get(s)};
            if (p[0].length < 2) {
                continue;
            }
            XYSeries series = HouseStyle.thin(c.addSeries(legend + " " + s, p[0], p[1]), SEED);
            series.setShowInLegend(first);
            if (first) {
                series.setLabel(legend);
                first = false;
            }
        }
        double[][] m = log ? positive(x, median(ys)) : new double[][] {x, median(ys)};
        if (medianColour != null && m[0].length >= 2) {
            XYSeries med = c.addSeries("median", m[0], m[1]);
            HouseStyle.thin(med, medianColour);
            med.setLineStyle(new BasicStroke(HouseStyle.BOLD));
        }
    }

    /** Pointwise median of equally long arrays, NaN entries ignored. */
    static double[] median(List<double[]> ys) {
        int n = ys.isEmpty() ? 0 : ys.get(0).length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            final int k = i;
            double[] v = ys.stream().mapToDouble(y -> y[k]).filter(d -> !Double.isNaN(d)).sorted().toArray();
            out[i] = DoubleArrays.medianOfSorted(v);
        }
        return out;
    }

    /** The points with a finite, positive y (for logarithmic axes). */
    static double[][] positive(double[] x, double[] y) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && y[i] > 0 && Double.isFinite(x[i])) {
                keep.add(new double[] {x[i], y[i]});
            }
        }
        return new double[][] {keep.stream().mapToDouble(p -> p[0]).toArray(),
            keep.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** The points where both x and y are finite. */
    static double[][] finite(double[] x, double[] y) {
        List<double[]> keep = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(y[i]) && Double.isFinite(x[i])) {
                keep.add(new double[] {x[i], y[i]});
            }
        }
        return new double[][] {keep.stream().mapToDouble(p -> p[0]).toArray(),
            keep.stream().mapToDouble(p -> p[1]).toArray()};
    }

    /** The legend inside the top of the plot, with room made for it above the data ({@link HouseStyle#legendAbove}). */
    static void legendAbove(XYChart c, Styler.LegendPosition corner) {
        HouseStyle.legendAbove(c, corner);
    }

    /** A bold line in a given colour, shown in the legend. */
    static XYSeries bold(XYChart c, String name, double[] x, double[] y, Color colour) {
        XYSeries s = HouseStyle.thin(c.addSeries(name, x, y), colour);
        s.setLineStyle(new BasicStroke(HouseStyle.BOLD, BasicStroke.CAP_ROUND,
                BasicStroke.JOIN_ROUND));
        return s;
    }

    /**
     * Sequential colour for a value in [0, 1] along the viridis map, stopped before its yellow end
     * (unreadable as a thin line on white).
     */
    static Color ramp(double f) {
        int[][] anchors = {{0x44, 0x01, 0x54}, {0x3B, 0x52, 0x8B}, {0x21, 0x91, 0x8C}, {0x5E, 0xC9, 0x62},
            {0xA0, 0xDA, 0x39}};
        double g = Math.max(0, Math.min(1, f)) * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) Math.floor(g));
        double t = g - i;
        int[] rgb = new int[3];
        for (int k = 0; k < 3; k++) {
            rgb[k] = (int) Math.round(anchors[i][k] + t * (anchors[i + 1][k] - anchors[i][k]));
        }
        return new Color(rgb[0], rgb[1], rgb[2]);
    }

    static double[] column(double[][] rows, int c) {
        return Arrays.stream(rows).mapToDouble(r -> r[c]).toArray();
    }
}
