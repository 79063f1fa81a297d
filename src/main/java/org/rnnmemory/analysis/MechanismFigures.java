package org.rnnmemory.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.PearsonResult;
import org.rnnmemory.dynamics.MemoryTrajectories;
import org.rnnmemory.dynamics.NetworkDynamics;
import org.rnnmemory.dynamics.PointAnalysis;
import org.rnnmemory.dynamics.Spectrum;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.Figures;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;
import org.rnnmemory.report.Numbers;
import tech.tablesaw.api.Table;

/**
 * The mechanism figures of {@code rnnmem analyze}, PNG and SVG under {@code RUN_DIR/figures/}:
 *
 * <ul>
 *   <li>{@value #POINTS}: for the best, median and worst seed by precision, the test trajectories over
 *       the memory period and the fixed and slow points, in the plane of the first two principal
 *       components of that seed's memory-period states h;</li>
 *   <li>{@value #SPECTRA}: eigenvalues of J(0) = -1 + g G in the complex plane with the circular-law
 *       disc (centre -1, radius g), and of J at the median seed's nearest point;</li>
 *   <li>{@value #SPEED}: speed along the memory period per seed, and precision against the mean speed
 *       and against the separation rate;</li>
 *   <li>{@value #READOUT}: trained against optimal precision per seed, the two readouts' weights for
 *       the median seed, and the optimal precision with untrained against trained input weights.</li>
 * </ul>
 */
public final class MechanismFigures {
    public static final String POINTS = "mechanism_points";
    public static final String SPECTRA = "mechanism_spectra";
    public static final String SPEED = "mechanism_speed";
    public static final String READOUT = "mechanism_readout";

    /** Panel sizes of the points figure: the last panel is wider by its legend, so all plot areas match. */
    static final FigureSize PLAIN = FigureSize.inches(2.2, 2.2);
    static final FigureSize WITH_LEGEND = FigureSize.inches(3.1, 2.2);

    private MechanismFigures() {}

    /** Writes every mechanism figure; returns the files. */
    static List<Path> writeAll(Map<Integer, NetworkDynamics> results, Table analysis, Path dir) {
        Map<Integer, Double> precision = new LinkedHashMap<>();
        for (int r = 0; r < analysis.rowCount(); r++) {
            precision.put(analysis.intColumn("seed").getInt(r), analysis.doubleColumn("precision").getDouble(r));
        }
        List<Integer> ranked = results.keySet().stream().filter(s -> Double.isFinite(precision.get(s)))
                .sorted((a, b) -> Double.compare(precision.get(a), precision.get(b))).toList();
        if (ranked.isEmpty()) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        out.addAll(Figures.saveGrid(points(results, ranked), 3, dir.resolve(POINTS)));
        out.addAll(Figures.saveGrid(spectra(results, ranked), 2, dir.resolve(SPECTRA)));
        out.addAll(Figures.saveGrid(speed(results, precision), 3, dir.resolve(SPEED)));
        out.addAll(Figures.saveGrid(readout(results, precision, ranked), 3, dir.resolve(READOUT)));
        return out;
    }

    private static Map<String, Integer> bestMedianWorst(List<Integer> ranked) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("best", ranked.get(0));
        m.put("median", ranked.get((ranked.size() - 1) / 2));
        m.put("worst", ranked.get(ranked.size() - 1));
        return m;
    }

    static List<XYChart> points(Map<Integer, NetworkDynamics> results, List<Integer> ranked) {
        List<XYChart> panels = new ArrayList<>();
        bestMedianWorst(ranked).forEach((label, seed) -> panels.add(pointsPanel(label, seed, results.get(seed))));
        return panels;
    }

    private static XYChart pointsPanel(String label, int seed, NetworkDynamics d) {
        MemoryTrajectories t = d.trajectories();
        List<double[]> states = new ArrayList<>();
        for (double[][] traj : t.figureStates()) {
            for (double[] h : traj) {
                if (h != null) {
                    states.add(h);
                }
            }
        }
        int n = states.get(0).length;
        double[] mean = new double[n];
        states.forEach(h -> {
            for (int i = 0; i < n; i++) {
                mean[i] += h[i] / states.size();
            }
        });
        Pca pca = Pca.of(Pca.covariance(Nd4j.create(states.toArray(new double[0][])), false));
        double[] e1 = pca.vector(0);
        double[] e2 = pca.vector(1);
        boolean legend = label.equals("worst");
        XYChart c = Panels.chart(legend ? WITH_LEGEND : PLAIN, label + " seed " + seed, "PC1 of memory states h",
                "PC2");
        Panels.plainY(c);
        String[] tests = d.readout().lossByDuration().keySet().toArray(new String[0]);
        for (int k = 0; k < t.figureStates().length; k++) {
            List<double[]> xy = new ArrayList<>();
            for (double[] h : t.figureStates()[k]) {
                if (h != null) {
                    xy.add(project(h, mean, e1, e2));
                }
            }
            XYSeries s = c.addSeries(tests[k] + " ms", Panels.column(xy.toArray(new double[0][]), 0),
                    Panels.column(xy.toArray(new double[0][]), 1));
            HouseStyle.thin(s, Panels.ramp(k / Math.max(1.0, t.figureStates().length - 1.0)));
        }
        addPoints(c, "fixed", d.fixedPoints(), mean, e1, e2, Palette.BLACK);
        addPoints(c, "slow", d.slowPoints(), mean, e1, e2, Palette.VERMILLION);
        double[] o = project(new double[n], mean, e1, e2);
        HouseStyle.markers(c.addSeries("h = 0", new double[] {o[0]}, new double[] {o[1]}), SeriesMarkers.CROSS,
                Palette.GREY);
        c.getStyler().setLegendVisible(legend);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(5);
        return c;
    }

    private static void addPoints(XYChart c, String name, List<PointAnalysis> ps, double[] mean, double[] e1,
                                  double[] e2, java.awt.Color colour) {
        if (ps.isEmpty()) {
            return;
        }
        double[][] xy = ps.stream().map(p -> project(p.h(), mean, e1, e2)).toArray(double[][]::new);
        HouseStyle.markers(c.addSeries(name + " points", Panels.column(xy, 0), Panels.column(xy, 1)),
                name.equals("fixed") ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND, colour);
    }

    private static double[] project(double[] h, double[] mean, double[] e1, double[] e2) {
        double a = 0;
        double b = 0;
        for (int i = 0; i < h.length; i++) {
            a += (h[i] - mean[i]) * e1[i];
            b += (h[i] - mean[i]) * e2[i];
        }
        return new double[] {a, b};
    }

    static List<XYChart> spectra(Map<Integer, NetworkDynamics> results, List<Integer> ranked) {
        NetworkDynamics first = results.get(ranked.get(0));
        double g = first.params().gain();
        XYChart a = spectrumPanel("J(0) = −1 + gG, seed " + ranked.get(0) + " (" + first.origin().unstableDimensions()
                + " unstable)", first.origin().spectrum(), g);
        int median = ranked.get((ranked.size() - 1) / 2);
        PointAnalysis p = results.get(median).nearestPoint();
        List<XYChart> out = new ArrayList<>(List.of(a));
        if (p != null) {
            out.add(spectrumPanel("J at the nearest point, seed " + median + " (" + p.unstableDimensions()
                    + " unstable)", p.spectrum(), g));
        }
        return out;
    }

    private static XYChart spectrumPanel(String title, Spectrum s, double g) {
        XYChart c = Panels.chart(Panels.HALF, title, "Re λ (1/τ)", "Im λ (1/τ)");
        Panels.plainY(c);
        int m = 181;
        double[] cx = new double[m];
        double[] cy = new double[m];
        for (int i = 0; i < m; i++) {
            double phi = 2 * Math.PI * i / (m - 1);
            cx[i] = -1 + g * Math.cos(phi);
            cy[i] = g * Math.sin(phi);
        }
        HouseStyle.dashed(c.addSeries("circular law: |λ + 1| = g", cx, cy), Palette.BLUE);
        double lim = Math.max(g, s.radius(1.0)) * 1.05;
        HouseStyle.dashed(c.addSeries("Re λ = 0", new double[] {0, 0}, new double[] {-lim, lim}), Palette.GREY);
        HouseStyle.markers(c.addSeries("eigenvalues", s.re(), s.im()), SeriesMarkers.CIRCLE,
                Palette.withAlpha(Palette.BLACK, 160));
        c.getStyler().setMarkerSize(3);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        return c;
    }

    static List<XYChart> speed(Map<Integer, NetworkDynamics> results, Map<Integer, Double> precision) {
        double[] x = null;
        List<double[]> ys = new ArrayList<>();
        for (NetworkDynamics d : results.values()) {
            double[] t = d.trajectories().speedTimesMs();
            double[] s = MechanismTables.meanTestSpeed(d);
            int stride = Math.max(1, (int) Math.round(MechanismTables.SPEED_STEP_MS / d.params().dtMs()));
            int m = (t.length + stride - 1) / stride;
            double[] xs = new double[m];
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                xs[i] = t[i * stride];
                y[i] = s[i * stride];
            }
            x = xs;
            ys.add(y);
        }
        XYChart a = Panels.chart(Panels.THIRD, "speed along the memory period", "time from pulse onset (ms)",
                "speed |F| / τ (1/s)");
        Panels.ensemble(a, "each seed", x, ys, Palette.BLUE, false);
        Panels.plainY(a);
        Panels.roundXTicks(a);
        XYChart b = scatter(results, precision, "mean speed (1/s)", d -> d.memory().meanSpeed());
        XYChart c = scatter(results, precision, "separation rate (1/s)", d -> d.memory().separationRate());
        return List.of(a, b, c);
    }

    private static XYChart scatter(Map<Integer, NetworkDynamics> results, Map<Integer, Double> precision,
                                   String xLabel, java.util.function.ToDoubleFunction<NetworkDynamics> f) {
        double[] x = results.values().stream().mapToDouble(f).toArray();
        double[] y = results.keySet().stream().mapToDouble(precision::get).toArray();
        double[][] p = Panels.finite(x, y);
        String title = p[0].length >= 3 ? rTitle(Correlation.pearson(p[0], p[1])) : p[0].length + " seeds";
        XYChart c = Panels.chart(Panels.THIRD, title, xLabel, "precision (MSE)");
        HouseStyle.markers(c.addSeries("seeds", p[0], p[1]), SeriesMarkers.CIRCLE, Palette.BLUE);
        c.getStyler().setLegendVisible(false);
        c.getStyler().setMarkerSize(4);
        Panels.plainY(c);
        return c;
    }

    private static String rTitle(PearsonResult r) {
        return "r = " + Numbers.format(r.r()) + ", p = " + Numbers.format(r.p());
    }

    static List<XYChart> readout(Map<Integer, NetworkDynamics> results, Map<Integer, Double> precision,
                                 List<Integer> ranked) {
        double[] opt = results.values().stream().mapToDouble(d -> d.readout().precision()).toArray();
        double[] tr = results.keySet().stream().mapToDouble(precision::get).toArray();
        XYChart a = Panels.chart(Panels.THIRD, "precision per seed", "optimal readout (MSE)", "trained readout (MSE)");
        double[][] p = bothPositive(opt, tr);
        HouseStyle.markers(a.addSeries("seeds", p[0], p[1]), SeriesMarkers.CIRCLE, Palette.BLUE);
        identity(a, p[0], p[1]);
        logLog(a);
        a.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        int median = ranked.get((ranked.size() - 1) / 2);
        NetworkDynamics m = results.get(median);
        XYChart b = Panels.chart(Panels.THIRD, "seed " + median + ": cos = " + Numbers.format(m.readout()
                .cosineToTrained()), "trained w_i", "optimal w_i");
        HouseStyle.markers(b.addSeries("units", m.readout().trained(), m.readout().fit().w()), SeriesMarkers.CIRCLE,
                Palette.withAlpha(Palette.BLUE, 150));
        b.getStyler().setLegendVisible(false);
        b.getStyler().setMarkerSize(3);
        Panels.plainY(b);
        List<XYChart> out = new ArrayList<>(List.of(a, b));
        double[] un = results.values().stream().mapToDouble(d -> d.untrained() == null ? Double.NaN
                : d.untrained().precision()).toArray();
        double[][] q = bothPositive(opt, un);
        if (q[0].length > 0) {
            XYChart c = Panels.chart(Panels.THIRD, "optimal readout's precision", "with trained I (MSE)",
                    "with untrained I (MSE)");
            HouseStyle.markers(c.addSeries("seeds", q[0], q[1]), SeriesMarkers.CIRCLE, Palette.VERMILLION);
            identity(c, q[0], q[1]);
            logLog(c);
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
            out.add(c);
        }
        return out;
    }

    /** Logarithmic x and y axes with XChart's own tick labels. */
    private static void logLog(XYChart c) {
        c.getStyler().setxAxisTickLabelsFormattingFunction(null);
        HouseStyle.logX(c);
        HouseStyle.logY(c);
    }

    /** The points where x and y are both finite and positive (log-log panels). */
    private static double[][] bothPositive(double[] x, double[] y) {
        double[][] p = Panels.positive(x, y);
        double[][] q = Panels.positive(p[1], p[0]);
        return new double[][] {q[1], q[0]};
    }

    /** The line y = x over the data's range, dashed. */
    private static void identity(XYChart c, double[] x, double[] y) {
        double lo = Math.min(Arrays.stream(x).min().orElse(1), Arrays.stream(y).min().orElse(1));
        double hi = Math.max(Arrays.stream(x).max().orElse(1), Arrays.stream(y).max().orElse(1));
        HouseStyle.dashed(c.addSeries("y = x", new double[] {lo, hi}, new double[] {lo, hi}), Palette.BLACK);
    }
}
