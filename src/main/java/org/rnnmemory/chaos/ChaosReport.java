package org.rnnmemory.chaos;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tech.tablesaw.api.Table;

/** Plain-text report of a chaos study: per-gain mean and sd over network seeds, next to the theory. */
public final class ChaosReport {
    private ChaosReport() {}

    public static String text(List<ChaosResult> results) {
        Table summary = ChaosTable.summaryByGain(ChaosTable.of(results));
        ChaosResult first = results.get(0);
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "random tanh networks, no input: N = %d, dt = %s tau, %s tau transient + %s tau measured, "
                        + "%d network seed(s)%n",
                first.hiddenSize(), ChaosFigures.num(first.dtTau()), ChaosFigures.num(first.transientSteps()
                        * first.dtTau()), ChaosFigures.num(first.durationTau()), seedCount(results)));
        s.append(String.format(Locale.ROOT, "%6s  %-19s %8s  %-17s %6s  %-17s %7s  %s%n", "gain",
                "lambda_max (1/tau)", "theory", "Delta0", "theory", "PR/N", "theory", "converged"));
        double[] gains = summary.numberColumn("gain").asDoubleArray();
        for (int i = 0; i < gains.length; i++) {
            double g = gains[i];
            Optional<MeanFieldReference.Row> ref = MeanFieldReference.at(g);
            double lambdaRef = ref.map(MeanFieldReference.Row::lambdaMaxTau)
                    .orElse(g <= 1 ? MeanFieldReference.linearStabilityLambda(g) : Double.NaN);
            s.append(String.format(Locale.ROOT, "%6s  %-19s %8s  %-17s %6s  %-17s %7s  %s%n",
                    ChaosFigures.num(g), meanSd(summary, "lambda_max", i, "%.4f"),
                    fmt("%.4f", lambdaRef) + (ref.isEmpty() && g <= 1 ? "*" : ""),
                    meanSd(summary, "delta0", i, "%.3f"),
                    fmt("%.3f", ref.map(MeanFieldReference.Row::delta0).orElse(Double.NaN)),
                    meanSd(summary, "dimensionality_over_n", i, "%.4f"),
                    fmt("%.4f", ref.map(MeanFieldReference.Row::prOverN).orElse(Double.NaN)),
                    converged(results, g)));
        }
        s.append("mean ± sd over network seeds. theory: ").append(MeanFieldReference.CITATION)
                .append("; * = g - 1 (stable origin, N -> infinity).\n");
        s.append("converged: seeds whose running lambda_max changed by less than max(0.005, 5%) "
                + "over the last quarter of the window.\n");
        return s.toString();
    }

    /**
     * Plain-text report of one given network: lambda_max with its standard error over time blocks,
     * drift and convergence, Delta0 and the dimensionality of its spontaneous activity.
     */
    public static String text(ChaosResult r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "network %s: N = %d, g = %s, dt = %s tau%s, no input%n", r.source(),
                r.hiddenSize(), ChaosFigures.num(r.gain()), ChaosFigures.num(r.dtTau()),
                r.networkSeed() == null ? "" : ", network seed " + r.networkSeed()));
        s.append(String.format(Locale.ROOT, "%s tau transient + %s tau measured%n",
                ChaosFigures.num(r.transientSteps() * r.dtTau()), ChaosFigures.num(r.durationTau())));
        s.append(String.format(Locale.ROOT, "lambda_max       %s ± %s /tau  (± standard error over %d time blocks)%n",
                fmt("%.5f", r.lambdaMax()), fmt("%.5f", r.lambdaSem()), LyapunovEstimator.BLOCKS));
        s.append(String.format(Locale.ROOT, "                 drift %s /tau over the last quarter: %s%n",
                fmt("%.5f", r.lambdaDrift()), r.lambdaConverged() ? "converged" : "not converged"));
        if (r.spectrum().length > 1) {
            StringBuilder sp = new StringBuilder();
            for (double l : r.spectrum()) {
                sp.append(sp.length() == 0 ? "" : ", ").append(fmt("%.5f", l));
            }
            s.append("spectrum         ").append(sp).append(" /tau\n");
        }
        s.append(String.format(Locale.ROOT, "Delta0           %s  (population variance of h; of r: %s)%n",
                fmt("%.4f", r.delta0()), fmt("%.4f", r.delta0R())));
        s.append(String.format(Locale.ROOT, "dimensionality   %s  (participation ratio of the rate covariance; "
                + "PR/N = %s)%n", fmt("%.3f", r.dimensionality()), fmt("%.5f", r.dimensionalityOverN())));
        return s.toString();
    }

    private static String meanSd(Table summary, String metric, int row, String format) {
        double m = ChaosTable.summaryColumn(summary, "mean", metric)[row];
        double sd = ChaosTable.summaryColumn(summary, "sd", metric)[row];
        if (!Double.isFinite(m)) {
            return "-";
        }
        return fmt(format, m) + (Double.isFinite(sd) ? " ± " + fmt(format, sd) : "");
    }

    private static String converged(List<ChaosResult> results, double gain) {
        long total = results.stream().filter(r -> r.gain() == gain).count();
        long ok = results.stream().filter(r -> r.gain() == gain && r.lambdaConverged()).count();
        return ok + "/" + total;
    }

    private static long seedCount(List<ChaosResult> results) {
        return results.stream().map(ChaosResult::networkSeed).distinct().count();
    }

    private static String fmt(String format, double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }
}
