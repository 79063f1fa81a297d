package org.rnnmemory.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The project's figure style: white background, sans-serif text sized for print (tick labels
 * 7 pt, axis titles 8 pt, panel titles 8.5 pt), thin lines by default, the {@link Palette} colours,
 * light grid, legend inside the plot. All sizes are in points (1/72 in) of the printed figure.
 */
public final class HouseStyle {
    private HouseStyle() {}

    public static final String FONT = Font.SANS_SERIF;
    public static final float TICK_PT = 7f;
    public static final float AXIS_TITLE_PT = 8f;
    public static final float TITLE_PT = 8.5f;
    public static final float LEGEND_PT = 6.5f;
    /** Default line width (pt). */
    public static final float THIN = 0.75f;
    /** Width of a highlighted line (pt). */
    public static final float BOLD = 1.8f;
    /** Preferred distance between axis ticks (pt). */
    public static final int TICK_SPACING = 40;
    /** Marker diameter (pt). */
    public static final int MARKER = 4;

    /** A new line chart of the given size with the house style; pass "" for no title. */
    public static XYChart xy(FigureSize size, String title, String xTitle, String yTitle) {
        XYChart chart = new XYChart(size.widthPt(), size.heightPt());
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        apply(chart);
        return chart;
    }

    /** Applies the house style to an existing chart. */
    public static void apply(XYChart chart) {
        XYStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotBorderVisible(true);
        s.setAxisTicksLineVisible(false);
        s.setChartFontColor(Color.BLACK);
        s.setChartTitleVisible(chart.getTitle() != null && !chart.getTitle().isEmpty());
        s.setChartTitleFont(new Font(FONT, Font.PLAIN, 1).deriveFont(TITLE_PT));
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(3);
        s.setChartPadding(4);
        s.setAxisTitleFont(new Font(FONT, Font.PLAIN, 1).deriveFont(AXIS_TITLE_PT));
        s.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 1).deriveFont(TICK_PT));
        s.setAxisTitlePadding(3);
        s.setAxisTickPadding(2);
        s.setAxisTickMarkLength(3);
        s.setAxisTickMarksStroke(new BasicStroke(0.5f));
        s.setXAxisTickMarkSpacingHint(TICK_SPACING);
        s.setYAxisTickMarkSpacingHint(TICK_SPACING);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setPlotGridLinesStroke(new BasicStroke(0.4f));
        s.setLegendFont(new Font(FONT, Font.PLAIN, 1).deriveFont(LEGEND_PT));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 220));
        s.setLegendBorderColor(new Color(0xBBBBBB));
        s.setLegendPadding(3);
        s.setLegendSeriesLineLength(14);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setSeriesColors(Palette.series());
        s.setMarkerSize(MARKER);
        s.setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Line);
        s.setErrorBarsColorSeriesColor(true);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
    }

    /** Draws a series as a thin solid line without markers. */
    public static XYSeries thin(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(THIN, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** Draws a series as a bold solid line with markers. */
    public static XYSeries bold(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setLineStyle(new BasicStroke(BOLD, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(SeriesMarkers.CIRCLE);
        return series;
    }

    /** Draws a series as a thin dashed line without markers (reference curves). */
    public static XYSeries dashed(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(THIN, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {3f, 2f}, 0f));
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /** Draws a series as unconnected markers. */
    public static XYSeries markers(XYSeries series, Marker marker, Color color) {
        series.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
        return series;
    }

    /**
     * Adds a series with symmetric error bars ({@code y +/- err}), drawn in the series colour.
     * On a logarithmic axis every {@code y - err} must stay positive.
     */
    public static XYSeries errorBars(XYChart chart, String name, double[] x, double[] y, double[] err,
                                     Color color) {
        XYSeries s = chart.addSeries(name, x, y, err);
        return bold(s, color);
    }

    /** Logarithmic y axis with XChart's automatic range. */
    public static void logY(XYChart chart) {
        chart.getStyler().setYAxisLogarithmic(true);
    }

    /**
     * Logarithmic y axis from the power of ten at or below {@code min} to the one at or above
     * {@code max} (both > 0), so that every decade is labelled and none is cut.
     */
    public static void logY(XYChart chart, double min, double max) {
        if (!(min > 0) || !(max >= min)) {
            throw new IllegalArgumentException("log axis range must satisfy 0 < min <= max, found " + min + ", "
                    + max);
        }
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.max(Math.ceil(Math.log10(max)), Math.floor(Math.log10(min)) + 1)));
    }

    /**
     * Makes XChart choose round x ticks (1, 2 or 5 times a power of ten) for series sampled on a
     * regular grid. XChart 3.8 puts the ticks of an x axis whose values are all equally spaced at
     * multiples of the grid step (e.g. every 3 time units); one invisible off-grid point at (x, y),
     * not in the legend, switches it back to its normal tick choice.
     */
    public static void roundXTicks(XYChart chart, double x, double y) {
        XYSeries s = chart.addSeries("\u200b", new double[] {x}, new double[] {y});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setShowInLegend(false);
    }

    /**
     * Puts the legend below the plot, one entry per line (for long labels), without a box: XChart
     * 3.8 places that box over the descenders of the x-axis title.
     */
    public static void legendBelow(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        chart.getStyler().setLegendBackgroundColor(new Color(255, 255, 255, 0));
        chart.getStyler().setLegendBorderColor(new Color(255, 255, 255, 0));
    }

    /** Logarithmic x axis. */
    public static void logX(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true);
    }

    /**
     * Moves the given series to a second y axis on the right with its own title (XChart y-axis
     * group 1). The axis's tick labels take the colour of its first series.
     */
    public static void secondaryY(XYChart chart, String title, XYSeries... series) {
        for (XYSeries s : series) {
            s.setYAxisGroup(1);
        }
        chart.setYAxisGroupTitle(1, title);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        if (series.length > 0 && series[0].getLineColor() != null) {
            chart.getStyler().setYAxisGroupTickLabelsColorMap(1, series[0].getLineColor());
            chart.getStyler().setYAxisGroupTitleColor(1, series[0].getLineColor());
        }
    }

    /**
     * Shows the legend inside the top of the plot ({@code corner}: {@code InsideNW} or {@code InsideNE})
     * and raises the top of the y axis so that the data fill only the part of the plot below it: the
     * legend hides no data. The legend's height is estimated from its entries (series shown in the
     * legend) and the house font sizes; on a logarithmic axis the room is made in decades.
     */
    public static void legendAbove(XYChart c, Styler.LegendPosition corner) {
        long entries = c.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        double legendPt = entries * (LEGEND_PT + 3.2) + 10;
        double plotPt = c.getHeight() - (TITLE_PT + 9) - (TICK_PT + AXIS_TITLE_PT + 14) - 8;
        double share = Math.min(0.6, legendPt / plotPt + 0.04);
        boolean log = c.getStyler().isYAxisLogarithmic();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (XYSeries s : c.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                if (Double.isFinite(y) && (!log || y > 0)) {
                    double v = log ? Math.log10(y) : y;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        c.getStyler().setLegendVisible(true);
        c.getStyler().setLegendPosition(corner);
        if (!(hi >= lo)) {
            return;
        }
        double span = hi > lo ? hi - lo : Math.max(Math.abs(hi), 1.0);
        double top = lo + span / (1 - share);
        c.getStyler().setYAxisMin(log ? Math.pow(10, lo) : lo);
        c.getStyler().setYAxisMax(log ? Math.pow(10, top) : top);
    }

    /** A horizontal reference line at y (thin, dashed, grey, not in the legend). */
    public static XYSeries hline(XYChart chart, String name, double xMin, double xMax, double y) {
        XYSeries s = chart.addSeries(name, new double[] {xMin, xMax}, new double[] {y, y});
        dashed(s, Palette.GREY);
        s.setShowInLegend(false);
        return s;
    }
}
