package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.MannWhitney;
import org.rnnmemory.analysis.stats.MannWhitneyResult;
import org.rnnmemory.analysis.stats.SpearmanResult;
import org.rnnmemory.report.Numbers;

/**
 * Whether the edge of chaos gives the best precision, within one group of candidates that differ
 * only in gain (sorted by gain).
 *
 * @param group the other swept keys' values ("" when only the gain is swept)
 * @param rows the group's candidates, by gain
 * @param best the candidate with the lowest median precision
 * @param edge the candidate with the smallest |lambda_max|
 * @param runnerUp the candidate with the second-lowest median precision (null with one candidate)
 * @param crossingGain gain at which mean lambda_max changes sign from negative to positive, by linear
 *     interpolation between neighbouring gains (NaN when it does not)
 * @param spearman Spearman's rho between |lambda_max| and median precision across the group
 * @param bestVsOther Mann-Whitney test of the best candidate's precisions against the edge candidate's
 *     (or, when the edge is the best, the runner-up's); null when there is no other candidate
 */
public record EdgeOfChaosFinding(String group, List<CandidateSummary> rows, CandidateSummary best, CandidateSummary edge,
                          CandidateSummary runnerUp, double crossingGain, SpearmanResult spearman,
                          MannWhitneyResult bestVsOther) {

    /** Significance level used in the wording. */
    static final double ALPHA = 0.05;

    /** The finding for a group of candidates that all have a lambda_max and a median precision. */
    static EdgeOfChaosFinding of(String group, List<CandidateSummary> candidates) {
        List<CandidateSummary> rows = new ArrayList<>(candidates);
        rows.sort(Comparator.comparingDouble(SweepFigure::gain));
        List<CandidateSummary> ranked = rows.stream().filter(r -> Double.isFinite(r.precision().median()))
                .sorted(Comparator.comparingDouble(r -> r.precision().median())).toList();
        if (ranked.isEmpty()) {
            throw new IllegalArgumentException("no candidate has a finite median precision");
        }
        CandidateSummary best = ranked.get(0);
        CandidateSummary runnerUp = ranked.size() > 1 ? ranked.get(1) : null;
        CandidateSummary edge = rows.stream().filter(r -> Double.isFinite(r.lambdaMax()))
                .min(Comparator.comparingDouble(r -> Math.abs(r.lambdaMax()))).orElseThrow();
        double[] absLambda = rows.stream().mapToDouble(r -> Math.abs(r.lambdaMax())).toArray();
        double[] median = rows.stream().mapToDouble(r -> r.precision().median()).toArray();
        CandidateSummary other = edge != best ? edge : runnerUp;
        MannWhitneyResult mw = other == null ? null : MannWhitney.test(best.finitePrecisions(), other.finitePrecisions());
        return new EdgeOfChaosFinding(group, List.copyOf(rows), best, edge, runnerUp, crossing(rows),
                Correlation.spearman(absLambda, median), mw);
    }

    /** Whether the best candidate is the one closest to lambda_max = 0. */
    boolean edgeIsBest() {
        return best == edge;
    }

    static double crossing(List<CandidateSummary> byGain) {
        for (int i = 1; i < byGain.size(); i++) {
            double l0 = byGain.get(i - 1).lambdaMax();
            double l1 = byGain.get(i).lambdaMax();
            if (l0 < 0 && l1 >= 0) {
                double g0 = SweepFigure.gain(byGain.get(i - 1));
                double g1 = SweepFigure.gain(byGain.get(i));
                return g0 + (g1 - g0) * (-l0) / (l1 - l0);
            }
        }
        return Double.NaN;
    }

    /** The answer, in one markdown paragraph with the numbers. */
    String verdict() {
        StringBuilder sb = new StringBuilder();
        String where = group.isEmpty() ? "" : " (" + group + ")";
        if (edgeIsBest()) {
            sb.append("**Yes.** The lowest median precision").append(where).append(" is at ").append(gainOf(best))
                    .append(", the gain whose untrained network is closest to the edge of chaos: ")
                    .append(describe(best)).append('.');
            if (runnerUp != null) {
                sb.append(" The next best gain, ").append(gainOf(runnerUp)).append(", has ").append(describe(runnerUp))
                        .append(test());
            }
        } else {
            sb.append("**No.** The lowest median precision").append(where).append(" is at ").append(gainOf(best))
                    .append(", in ").append(regime(best)).append(": ").append(describe(best))
                    .append(". The gain closest to the edge of chaos, ").append(gainOf(edge)).append(", has ")
                    .append(describe(edge)).append(", a median ").append(Numbers.format(edge.precision().median()
                            / best.precision().median())).append(" times the best").append(test());
        }
        return sb.toString();
    }

    /** Crossing and rank correlation, one markdown paragraph. */
    String context() {
        StringBuilder sb = new StringBuilder();
        if (Double.isFinite(crossingGain)) {
            sb.append("λₘₐₓ of the untrained network crosses 0 at g ≈ ").append(Numbers.format(crossingGain))
                    .append(" (linear interpolation between the swept gains). ");
        } else {
            sb.append("λₘₐₓ of the untrained network does not change sign across the swept gains. ");
        }
        sb.append("Across the ").append(rows.size()).append(" gains, Spearman's ρ between |λₘₐₓ| and the median "
                + "precision is ").append(Numbers.format(spearman.rho())).append(" (p = ")
                .append(Numbers.format(spearman.p())).append("); an edge-of-chaos optimum predicts ρ > 0.");
        return sb.toString();
    }

    /** The Mann-Whitney comparison, ending the sentence. */
    private String test() {
        if (bestVsOther == null) {
            return ".";
        }
        return String.format(Locale.ROOT, "; Mann–Whitney U test of the two gains' seeds: p = %s (%s, n = %d and %d),"
                        + " %s at the 5%% level.", Numbers.format(bestVsOther.p()), bestVsOther.method().label(),
                bestVsOther.nX(), bestVsOther.nY(), bestVsOther.p() < ALPHA ? "a difference" : "not a difference");
    }

    static String gainOf(CandidateSummary r) {
        return "g = " + SweepCandidate.shortValue(SweepFigure.gain(r));
    }

    /** "median 0.02130 (mean 0.02500, 95% CI 0.01900 to 0.03200, n = 10; λₘₐₓ = -0.1000 /τ)". */
    static String describe(CandidateSummary r) {
        return "median precision " + Numbers.format(r.precision().median()) + " (mean " + Numbers.format(r.meanCi()
                .mean()) + ", 95% CI " + Numbers.format(r.meanCi().low()) + " to " + Numbers.format(r.meanCi().high())
                + ", n = " + r.precision().n() + "; λₘₐₓ = " + Numbers.format(r.lambdaMax()) + " /τ)";
    }

    private static String regime(CandidateSummary r) {
        return r.lambdaMax() < 0 ? "the ordered regime" : "the chaotic regime";
    }
}
