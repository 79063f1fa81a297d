package org.rnnmemory.chaos;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.rnnmemory.plot.FigureSize;
import org.rnnmemory.plot.Figures;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.plot.Palette;
import org.rnnmemory.plot.Points;
import tech.tablesaw.api.Table;

/**
 * Figures of a chaos study (PNG and SVG each): {@code rate_traces}, {@code lambda_vs_gain},
 * {@code dimensionality_vs_gain} and {@code delta0_vs_gain}. Measured values are drawn per network
 * seed (grey) and as mean (+/- sd) over seeds; the mean-field values of {@link MeanFieldReference}
 * are drawn as reference markers labelled with their source.
 */
public final class ChaosFigures {
    private ChaosFigures() {}

    /** Maximum number of gains shown in the trace figure. */
    static final int TRACE_PANELS = 4;

    /** Writes all figures into {@code dir}; returns the files written. */
    public static List<Path> write(List<ChaosResult> results, Path dir) {
        Table summary = ChaosTable.summaryByGain(ChaosTable.of(results));
        String setup = setup(results.get(0));
        List<Path> files = new ArrayList<>();
        files.addAll(traces(results, dir.resolve("rate_traces")));
        files.addAll(Figures.save(lambda(results, summary, setup), dir.resolve("lambda_vs_gain")));
        files.addAll(Figures.save(dimensionality(results, summary, setup), dir.resolve("dimensionality_vs_gain")));
        files.addAll(Figures.save(delta0(results, summary, setup), dir.resolve("delta0_vs_gain")));
        return files;
    }

    /** Rate traces of the first network seed for up to four gains spread over the list. */
    static List<Path> traces(List<ChaosResult> results, Path base) {
        Long seed = results.get(0).networkSeed();
        List<ChaosResult> first = results.stream()
                .filter(r -> java.util.Objects.equals(r.networkSeed(), seed) && r.trace().units() > 0).toList();
        if (first.isEmpty()) {
            return List.of();
        }
        List<XYChart> panels = new ArrayList<>();
        List<ChaosResult> shown = spread(first, TRACE_PANELS);
        for (ChaosResult r : shown) {
            XYChart c = HouseStyle.xy(FigureSize.DOUBLE_COLUMN_STRIP,
                    String.format(Locale.ROOT, "g = %s   (%s, N = %d, units 1-%d)", num(r.gain()),
                            r.networkSeed() == null ? r.source() : "network seed " + r.networkSeed(),
                            r.hiddenSize(), r.trace().units()),
                    "time from initial state (τ)", "rate r = tanh(h)");
            for (int u = 0; u < r.trace().units(); u++) {
                HouseStyle.thin(c.addSeries("unit " + (u + 1), r.trace().timeTau(), r.trace().rates()[u]),
                        Palette.get(u));
            }
            c.getStyler().setLegendVisible(false);
            HouseStyle.roundXTicks(c, 0.5 * r.dtTau(), 0.0);
            c.getStyler().setYAxisMin(-1.0);
            c.getStyler().setYAxisMax(1.0);
            c.getStyler().setXAxisMin(0.0);
            c.getStyler().setXAxisTitleVisible(r == shown.get(shown.size() - 1));
            panels.add(c);
        }
        return Figures.saveGrid(panels, 1, base);
    }

    static XYChart lambda(List<ChaosResult> results, Table summary, String setup) {
        XYChart c = HouseStyle.xy(FigureSize.COLUMN_TALL, "", "gain g", "largest Lyapunov exponent λₘₐₓ (1/τ)");
        double[] gains = summary.numberColumn("gain").asDoubleArray();
        seeds(c, results, ChaosResult::lambdaMax);
        HouseStyle.errorBars(c, "mean ± sd, " + setup, gains, ChaosTable.summaryColumn(summary, "mean", "lambda_max"),
                zeroIfNaN(ChaosTable.summaryColumn(summary, "sd", "lambda_max")), Palette.BLUE);
        double lo = Math.min(gains[0], 1.0);
        if (lo < 1.0) {
            double[] x = line(lo, 1.0);
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = MeanFieldReference.linearStabilityLambda(x[i]);
            }
            HouseStyle.dashed(c.addSeries("g − 1, N→∞ (stable origin)", x, y), Palette.BLUISH_GREEN);
        }
        reference(c, MeanFieldReference.Row::lambdaMaxTau);
        HouseStyle.hline(c, "zero", Math.min(gains[0], MeanFieldReference.ROWS.get(0).gain()),
                Math.max(gains[gains.length - 1], 3.0), 0.0);
        HouseStyle.legendBelow(c);
        return c;
    }

    static XYChart dimensionality(List<ChaosResult> results, Table summary, String setup) {
        XYChart c = HouseStyle.xy(FigureSize.COLUMN_TALL, "", "gain g", "dimensionality PR / N (rates)");
        seeds(c, results, ChaosResult::dimensionalityOverN);
        double[] gains = summary.numberColumn("gain").asDoubleArray();
        double[] mean = ChaosTable.summaryColumn(summary, "mean", "dimensionality_over_n");
        List<double[]> finite = finite(gains, mean);
        if (finite.get(0).length > 0) {
            HouseStyle.bold(c.addSeries("mean, " + setup, finite.get(0), finite.get(1)), Palette.BLUE);
        }
        reference(c, MeanFieldReference.Row::prOverN);
        double[] all = c.getSeriesMap().values().stream().flatMapToDouble(s -> Arrays.stream(s.getYData()))
                .filter(v -> v > 0).toArray();
        HouseStyle.logY(c, Arrays.stream(all).min().orElse(1e-3), Arrays.stream(all).max().orElse(1e-1));
        HouseStyle.legendBelow(c);
        return c;
    }

    static XYChart delta0(List<ChaosResult> results, Table summary, String setup) {
        XYChart c = HouseStyle.xy(FigureSize.COLUMN_TALL, "", "gain g", "Δ0 = population variance of h");
        double[] gains = summary.numberColumn("gain").asDoubleArray();
        seeds(c, results, ChaosResult::delta0);
        HouseStyle.errorBars(c, "mean ± sd, " + setup, gains, ChaosTable.summaryColumn(summary, "mean", "delta0"),
                zeroIfNaN(ChaosTable.summaryColumn(summary, "sd", "delta0")), Palette.BLUE);
        reference(c, MeanFieldReference.Row::delta0);
        HouseStyle.legendBelow(c);
        return c;
    }

    private static void seeds(XYChart c, List<ChaosResult> results, java.util.function.ToDoubleFunction<ChaosResult> f) {
        double[] x = results.stream().mapToDouble(ChaosResult::gain).toArray();
        double[] y = results.stream().mapToDouble(f).toArray();
        List<double[]> ok = finite(x, y);
        if (ok.get(0).length == 0) {
            return;
        }
        XYSeries s = c.addSeries("single networks (" + seedCount(results) + " seeds)", ok.get(0), ok.get(1));
        HouseStyle.markers(s, SeriesMarkers.CIRCLE, Palette.withAlpha(Palette.GREY, 170));
    }

    private static void reference(XYChart c, java.util.function.ToDoubleFunction<MeanFieldReference.Row> f) {
        double[] x = MeanFieldReference.ROWS.stream().mapToDouble(MeanFieldReference.Row::gain).toArray();
        double[] y = MeanFieldReference.ROWS.stream().mapToDouble(f).toArray();
        HouseStyle.markers(c.addSeries(MeanFieldReference.SOURCE, x, y), SeriesMarkers.DIAMOND, Palette.VERMILLION);
    }

    static String setup(ChaosResult r) {
        return String.format(Locale.ROOT, "N = %d, dt = %s τ", r.hiddenSize(), num(r.dtTau()));
    }

    private static int seedCount(List<ChaosResult> results) {
        return (int) results.stream().map(ChaosResult::networkSeed).distinct().count();
    }

    /** Up to k elements spread evenly over the list, first and last included. */
    static <T> List<T> spread(List<T> list, int k) {
        if (list.size() <= k) {
            return list;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(list.get((int) Math.round(i * (list.size() - 1) / (double) (k - 1))));
        }
        return out;
    }

    private static List<double[]> finite(double[] x, double[] y) {
        return List.of(Points.finiteY(x, y));
    }

    private static double[] zeroIfNaN(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }

    private static double[] line(double from, double to) {
        return new double[] {from, to};
    }

    static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%s", v);
    }

}
