package org.rnnmemory.analysis;

import java.awt.BasicStroke;
import java.util.Arrays;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;

/**
 * One seed's trajectories in the plane of memory-period PC1 and PC2 (or PC3): one line per pulse
 * duration, coloured from short (dark) to long (light), test durations bold; the silent state
 * r = 0 as a black dot; and the I and w directions, projected on the same PCs, drawn from the
 * silent state with one common scale per panel.
 */
final class TrajectoryPanel {
    /** Panel sizes: the right panel is wider by its legend, so both plot areas match. */
    static final FigureSize PLAIN = FigureSize.inches(3.0, 2.5);
    static final FigureSize WITH_LEGEND = FigureSize.inches(4.0, 2.5);

    private TrajectoryPanel() {}

    static XYChart of(SeedAnalysis seed, String label, int yPc, DurationPlan plan) {
        SeedDynamics d = seed.dynamics();
        boolean legend = yPc == 2;
        XYChart c = Panels.chart(legend ? WITH_LEGEND : PLAIN, label + " seed " + seed.seed() + ": PC1–PC" + (yPc + 1),
                "projection on memory PC1", "projection on memory PC" + (yPc + 1));
        Panels.plainY(c);
        double[] durations = d.durationsMs();
        double maxD = durations[durations.length - 1];
        double minD = durations[0];
        double extent = 0;
        for (int k = 0; k < durations.length; k++) {
            double[] x = Panels.column(d.trajectories()[k], 0);
            double[] y = Panels.column(d.trajectories()[k], yPc);
            extent = Math.max(extent, Arrays.stream(x).map(Math::abs).max().orElse(0));
            extent = Math.max(extent, Arrays.stream(y).map(Math::abs).max().orElse(0));
            double dk = durations[k];
            boolean test = Arrays.stream(plan.testDurationsMs()).anyMatch(t -> t == dk);
            XYSeries s = c.addSeries((int) dk + " ms" + (test ? " (test)" : ""), x, y);
            HouseStyle.thin(s, Panels.ramp((durations[k] - minD) / Math.max(1, maxD - minD)));
            if (test) {
                s.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            }
            s.setShowInLegend(test || k == 0 || k == durations.length - 1);
        }
        arrows(c, d, yPc, extent);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setLegendVisible(legend);
        return c;
    }

    private static void arrows(XYChart c, SeedDynamics d, int yPc, double extent) {
        double[] o = d.silent();
        double[] i = d.inputDirection();
        double[] w = d.readoutDirection();
        double len = Math.max(Math.hypot(i[0], i[yPc]), Math.hypot(w[0], w[yPc]));
        double scale = len == 0 ? 0 : 0.6 * extent / len;
        XYSeries silent = c.addSeries("r = 0", new double[] {o[0]}, new double[] {o[yPc]});
        HouseStyle.markers(silent, SeriesMarkers.CIRCLE, Palette.BLACK);
        arrow(c, "I direction", o, i, yPc, scale, Palette.VERMILLION);
        arrow(c, "w direction", o, w, yPc, scale, Palette.REDDISH_PURPLE);
    }

    private static void arrow(XYChart c, String name, double[] o, double[] v, int yPc, double scale,
                              java.awt.Color colour) {
        double[] x = {o[0], o[0] + scale * v[0]};
        double[] y = {o[yPc], o[yPc] + scale * v[yPc]};
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(colour);
        s.setMarkerColor(colour);
        s.setLineStyle(new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {4f, 2f}, 0f));
        s.setMarker(SeriesMarkers.NONE);
        XYSeries tip = c.addSeries(name + " tip", new double[] {x[1]}, new double[] {y[1]});
        HouseStyle.markers(tip, SeriesMarkers.DIAMOND, colour);
        tip.setShowInLegend(false);
    }
}
