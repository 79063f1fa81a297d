package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.analysis.stats.MannWhitney;
import org.rnnmemory.analysis.stats.MannWhitneyResult;
import org.rnnmemory.analysis.stats.SpearmanResult;
import org.rnnmemory.chaos.ChaosResult;
import org.rnnmemory.report.Numbers;

/**
 * Whether the edge of chaos gives the best precision, within one group of candidates that differ
 * only in gain. Each candidate's untrained network is classed by its mean lambda_max over network
 * seeds and that mean's standard error SE: ordered (mean + 2 SE &lt; 0), chaotic (mean - 2 SE &gt; 0),
 * or near the edge (lambda_max = 0 within 2 SE).
 *
 * @param group the other swept keys' values ("" when only the gain is swept)
 * @param rows the group's candidates, by gain
 * @param best the candidate with the lowest median precision
 * @param closest the candidate whose mean lambda_max is closest to 0
 * @param runnerUp the candidate with the second-lowest median precision (null with one candidate)
 * @param crossingGain gain at which mean lambda_max first changes sign from negative to positive, by
 *     linear interpolation between neighbouring gains (NaN when it does not)
 * @param spearman Spearman's rho between |lambda_max| and median precision across the group
 * @param bestVsOther Mann-Whitney test of the best candidate's precisions against the closest
 *     candidate's (or, when that is the best, the runner-up's); null when there is no other candidate
 */
public record EdgeOfChaosFinding(String group, List<CandidateSummary> rows, CandidateSummary best,
                                 CandidateSummary closest, CandidateSummary runnerUp, double crossingGain,
                                 SpearmanResult spearman, MannWhitneyResult bestVsOther) {

    /** Significance level used in the wording. */
    static final double ALPHA = 0.05;
    /** Half-width of the near-edge band, in standard errors of mean lambda_max. */
    static final double BAND_SE = 2.0;

    /** Dynamical regime of an untrained network. */
    public enum Regime {
        ORDERED("ordered (λₘₐₓ more than 2 standard errors below 0)"),
        EDGE("near the edge (λₘₐₓ within 2 standard errors of 0)"),
        CHAOTIC("chaotic (λₘₐₓ more than 2 standard errors above 0)");

        private final String description;

        Regime(String description) {
            this.description = description;
        }

        /** The regime of a candidate's untrained network. */
        static Regime of(CandidateSummary r) {
            double m = r.lambdaMax();
            double se = r.lambda().standardError();
            double band = Double.isFinite(se) ? BAND_SE * se : 0;
            return m + band < 0 ? ORDERED : m - band > 0 ? CHAOTIC : EDGE;
        }

        String label() {
            return name().equals("EDGE") ? "near the edge" : name().toLowerCase(Locale.ROOT);
        }
    }

    /** The finding for a group of candidates that all have a lambda_max. */
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
        CandidateSummary closest = rows.stream().filter(r -> Double.isFinite(r.lambdaMax()))
                .min(Comparator.comparingDouble(r -> Math.abs(r.lambdaMax()))).orElseThrow();
        double[] absLambda = rows.stream().mapToDouble(r -> Math.abs(r.lambdaMax())).toArray();
        double[] median = rows.stream().mapToDouble(r -> r.precision().median()).toArray();
        CandidateSummary other = closest != best ? closest : runnerUp;
        MannWhitneyResult mw = other == null ? null : MannWhitney.test(best.finitePrecisions(), other.finitePrecisions());
        return new EdgeOfChaosFinding(group, List.copyOf(rows), best, closest, runnerUp, crossing(rows),
                Correlation.spearman(absLambda, median), mw);
    }

    /** Whether the best candidate is the one closest to lambda_max = 0. */
    public boolean closestIsBest() {
        return best == closest;
    }

    /** Whether the best candidate's untrained network is near the edge. */
    public boolean bestNearEdge() {
        return Regime.of(best) == Regime.EDGE;
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

    /**
     * The answer in one markdown paragraph: <b>Yes</b> when the best gain is the one closest to
     * lambda_max = 0, <b>Partly</b> when it is another gain near the edge, <b>No</b> otherwise.
     */
    String verdict() {
        String where = group.isEmpty() ? "" : " (" + group + ")";
        StringBuilder sb = new StringBuilder();
        if (closestIsBest()) {
            sb.append("**Yes.** The lowest median precision").append(where).append(" is at ").append(gainOf(best))
                    .append(", the gain whose untrained network is closest to the edge of chaos: ")
                    .append(describe(best)).append('.');
            if (runnerUp != null) {
                sb.append(" The next best gain, ").append(gainOf(runnerUp)).append(", has ").append(describe(runnerUp))
                        .append(test());
            }
            return sb.toString();
        }
        sb.append(bestNearEdge() ? "**Partly.** " : "**No.** ").append("The lowest median precision").append(where)
                .append(" is at ").append(gainOf(best)).append(", ").append(Regime.of(best).label()).append(": ")
                .append(describe(best)).append(". The gain closest to λₘₐₓ = 0, ").append(gainOf(closest))
                .append(", has ").append(describe(closest)).append(", a median ")
                .append(Numbers.format(closest.precision().median() / best.precision().median()))
                .append(" times the best").append(test());
        return sb.toString();
    }

    /** Median precision by regime of the untrained network, one markdown paragraph. */
    String regimes() {
        StringBuilder sb = new StringBuilder("By regime of the untrained network (mean λₘₐₓ over network seeds and its "
                + "standard error): ");
        List<String> parts = new ArrayList<>();
        for (Regime regime : Regime.values()) {
            List<CandidateSummary> in = rows.stream().filter(r -> Regime.of(r) == regime).toList();
            if (!in.isEmpty()) {
                parts.add(regime.description + ", " + gains(in) + ": median precision " + String.join(", ",
                        in.stream().map(r -> Numbers.format(r.precision().median())).toList()));
            }
        }
        return sb.append(String.join("; ", parts)).append('.').toString();
    }

    /** Crossing, the trained network's own lambda_max, and rank correlation, one markdown paragraph. */
    String context() {
        StringBuilder sb = new StringBuilder();
        if (Double.isFinite(crossingGain)) {
            sb.append("Mean λₘₐₓ first crosses 0 at g ≈ ").append(Numbers.format(crossingGain))
                    .append(" (linear interpolation between the swept gains). ");
        } else {
            sb.append("Mean λₘₐₓ does not change sign across the swept gains. ");
        }
        ChaosResult own = best.lambda().trained();
        sb.append("For the G every candidate was trained with (network seed ").append(own.networkSeed())
                .append("), λₘₐₓ at the best gain is ").append(Numbers.format(own.lambdaMax())).append(" ± ")
                .append(Numbers.format(own.lambdaSem())).append(" /τ (SEM over time blocks); ")
                .append("column lambda_max_trained_g of the table gives it for every gain. ");
        sb.append("Across the ").append(rows.size()).append(" gains, Spearman's ρ between |λₘₐₓ| and the median "
                + "precision is ").append(Numbers.format(spearman.rho())).append(" (")
                .append(Numbers.pValue(spearman.p())).append("); an optimum at λₘₐₓ = 0 predicts ρ > 0.");
        return sb.toString();
    }

    private String test() {
        if (bestVsOther == null) {
            return ".";
        }
        return String.format(Locale.ROOT, "; Mann–Whitney U test of the two gains' seeds: %s (%s, n = %d and %d),"
                        + " %s at the 5%% level.", Numbers.pValue(bestVsOther.p()), bestVsOther.method().label(),
                bestVsOther.nX(), bestVsOther.nY(), bestVsOther.p() < ALPHA ? "a difference" : "not a difference");
    }

    static String gainOf(CandidateSummary r) {
        return "g = " + SweepCandidate.shortValue(SweepFigure.gain(r));
    }

    private static String gains(List<CandidateSummary> rows) {
        return "g = " + String.join(", ", rows.stream().map(r -> SweepCandidate.shortValue(SweepFigure.gain(r)))
                .toList());
    }

    /** "median precision 0.02130 (mean 0.02500, 95% CI 0.01900 to 0.03200, n = 10; λₘₐₓ = -0.1000 ± 0.0100 /τ)". */
    static String describe(CandidateSummary r) {
        return "median precision " + Numbers.format(r.precision().median()) + " (mean " + Numbers.format(r.meanCi()
                .mean()) + ", 95% CI " + Numbers.format(r.meanCi().low()) + " to " + Numbers.format(r.meanCi().high())
                + ", n = " + r.precision().n() + "; λₘₐₓ = " + Numbers.format(r.lambdaMax()) + " ± "
                + Numbers.format(r.lambda().standardError()) + " /τ)";
    }
}
