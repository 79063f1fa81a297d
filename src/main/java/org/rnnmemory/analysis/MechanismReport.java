package org.rnnmemory.analysis;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.analysis.stats.WilcoxonResult;
import org.rnnmemory.analysis.stats.WilcoxonSignedRank;
import org.rnnmemory.dynamics.DynamicsSettings;
import org.rnnmemory.report.Numbers;
import org.rnnmemory.report.Report;
import tech.tablesaw.api.Table;

/**
 * The report's mechanism section and its one-paragraph finding, written from the mechanism columns of
 * the analysis tables (summary.csv, correlations.csv, analysis.csv) and figures. Absent from
 * analyses made before the mechanism columns existed.
 */
final class MechanismReport {
    /** The metrics whose correlation with precision the finding states. */
    static final List<String> PREDICTORS = List.of("mech_speed_mean", "mech_separation_rate", "mech_readout_cosine",
            "mech_optimal_precision", "mech_nearest_distance", "mech_nearest_speed");

    private MechanismReport() {}

    /** Whether the analysis has the mechanism columns. */
    static boolean present(AnalysisOutputs a) {
        return a.table(AnalysisTables.ANALYSIS).columnNames().contains("mech_readout_cosine");
    }

    private static String f(double x) {
        return Numbers.format(x);
    }

    /** The section, after the activity geometry and trajectories. */
    static void section(Report.Builder b, AnalysisOutputs a) {
        if (!present(a)) {
            return;
        }
        Findings f = new Findings(a);
        b.heading(2, "Mechanism: optimal readout, fixed and slow points, linearisation");
        b.paragraph(readout(a, f));
        figure(b, a, MechanismFigures.READOUT, "Left: precision of the trained readout against that of the optimal "
                + "linear readout of the same network (ridge least squares over the evaluation window of noise-free "
                + "trials of the trained range, ridge by leave-one-duration-out cross-validation), one point per seed, "
                + "dashed: equality. Middle: the two readouts' weights for the median seed. Right (when the untrained "
                + "input weights are known): the optimal readout's precision with the untrained against the trained "
                + "input weights.");
        b.paragraph(origin(a, f));
        figure(b, a, MechanismFigures.SPECTRA, "Eigenvalues of the Jacobian J(0) = −1 + gG at the origin (units of "
                + "1/τ) with the circular-law disc of radius g around −1, and of J at the median seed's point "
                + "nearest to its memory-period states; right of the dashed line Re λ = 0 a direction grows.");
        b.paragraph(points(f));
        figure(b, a, MechanismFigures.POINTS, "Test trajectories over the memory period (one line per test duration) "
                + "and the fixed (circles) and slow points (diamonds) found from states sampled on them, in the plane "
                + "of the first two principal components of the seed's memory-period states h; cross: h = 0.");
        b.paragraph(memory(f));
        figure(b, a, MechanismFigures.SPEED, "Speed |F(h)|/τ along the memory period (mean over the test durations; "
                + "thin: each seed, bold: median), and precision against the mean speed and against the separation "
                + "rate of trajectories of neighbouring durations, one point per seed.");
        b.paragraph("**Finding.** " + finding(a));
    }

    private static void figure(Report.Builder b, AnalysisOutputs a, String name, String caption) {
        if (Files.isRegularFile(a.figure(name))) {
            b.figure(a.figure(name), caption, "// figures/" + name + ".png in the run directory, written by rnnmem "
                    + "analyze");
        }
    }

    /** Paired test of trained against optimal precision over the seeds. */
    static WilcoxonResult paired(AnalysisOutputs a) {
        Table t = a.table(AnalysisTables.ANALYSIS);
        return WilcoxonSignedRank.test(t.numberColumn("precision").asDoubleArray(),
                t.numberColumn("mech_optimal_precision").asDoubleArray());
    }

    static String readout(AnalysisOutputs a, Findings f) {
        WilcoxonResult w = paired(a);
        String s = "The output is linear in w, so for each seed's trained I and G the readout that minimises the "
                + "squared error over the evaluation window has a closed form. Fitted on noise-free trials of the "
                + "trained range of durations, it reaches a precision of " + f.meanCi("mech_optimal_precision")
                + " on the test durations, against " + f.meanCi("precision") + " for the trained readout (trained / "
                + "optimal: " + f.meanCi("mech_precision_ratio") + "; Wilcoxon signed-rank V = " + f(w.v()) + ", p = "
                + f(w.p()) + ", n = " + w.n() + "). The cosine between the optimal and the trained readout is "
                + f.meanCi("mech_readout_cosine") + ". Optimal here means for the noise-free trials on which precision "
                + "is measured; it implies nothing about robustness to noise.";
        double n = f.summary("mech_untrained_optimal_precision", "n");
        if (n > 0) {
            s += " With the seeds' untrained input weights the optimal readout reaches "
                    + f.meanCi("mech_untrained_optimal_precision") + " (" + (int) n + " seeds): a readout fitted to "
                    + "the untrained network, with cosine " + f.meanCi("mech_untrained_readout_cosine")
                    + " to the trained w.";
        }
        return s;
    }

    static String origin(AnalysisOutputs a, Findings f) {
        double dims = f.summary("mech_origin_unstable_dims", "mean");
        int n = a.spec().network().hiddenSize();
        double g = a.spec().network().gain();
        return "Every trial starts at h = 0, a fixed point of the input-free field. Its Jacobian J(0) = −1 + gG has "
                + count(dims) + " unstable directions (mean over seeds; the circular law expects "
                + f(n * org.rnnmemory.dynamics.OriginSpectrum.circularLawFraction(g)) + " for N = " + n + ", g = "
                + f(g) + "), largest real part " + f(f.summary("mech_origin_max_real", "mean")) + " per τ. The input "
                + "weights put " + f.meanCi("mech_origin_input_unstable_fraction") + " of |I|² into the unstable "
                + "subspace, against " + f(dims / n) + " for a random direction.";
    }

    /** A mean that is a whole number without decimals, else four significant digits. */
    private static String count(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : f(v);
    }

    static String points(Findings f) {
        return "From states sampled on the test trajectories' memory period (plus Gaussian noise of 0.1 times their "
                + "root-mean-square component), minimising q = |F|²/2 (Adam, then Levenberg-Marquardt-damped Newton "
                + "steps with the exact Jacobian and Hessian) found " + f.meanCi("mech_fixed_points")
                + " fixed points and " + f.meanCi("mech_slow_points") + " slow points per seed. The point nearest to "
                + "the memory-period states lies " + f.meanCi("mech_nearest_distance") + " of their mean norm away, "
                + "moves at " + f.meanCi("mech_nearest_speed") + " per s, has " + f.meanCi("mech_nearest_unstable_dims")
                + " unstable directions and reads out w·tanh(h) = " + f.meanCi("mech_nearest_output")
                + ". Its leading right eigenvector has |cos| " + f.meanCi("mech_nearest_readout_alignment")
                + " with w, its leading left eigenvector " + f.meanCi("mech_nearest_input_alignment") + " with I.";
    }

    static String memory(Findings f) {
        return "During the memory period the trajectories move at " + f.meanCi("mech_speed_mean") + " per s (slowest "
                + "instant per seed: " + f.meanCi("mech_speed_min") + " per s), and trajectories of durations 10 ms "
                + "apart separate at a finite-time rate of " + f.meanCi("mech_separation_rate") + " per s (negative: "
                + "they converge and the duration difference is forgotten). Against precision: "
                + correlations(f) + ".";
    }

    private static String correlations(Findings f) {
        List<String> parts = new ArrayList<>();
        for (String m : PREDICTORS) {
            double r = f.corr(m, "pearson_r");
            if (Double.isNaN(r)) {
                continue;
            }
            parts.add("`" + m + "` r = " + f(r) + " (95% CI " + f(f.corr(m, "r_ci_low")) + " to "
                    + f(f.corr(m, "r_ci_high")) + ", Holm p = " + f(f.corr(m, "holm_p")) + ")");
        }
        return parts.isEmpty() ? "no mechanism metric varies across seeds" : String.join("; ", parts);
    }

    /** What the point nearest to the memory-period states is, counted over the seeds. */
    static String nearestKinds(AnalysisOutputs a) {
        Table t = a.table(AnalysisTables.ANALYSIS);
        int stable = 0;
        int unstable = 0;
        int slow = 0;
        int none = 0;
        // A fixed point has q <= the finder's tolerance, i.e. speed sqrt(2 q) / tau at most this (1/s).
        double fixedSpeed = Math.sqrt(2 * DynamicsSettings.ANALYZE.finder().fixedTolerance())
                / a.spec().network().tauMs() * 1000.0 * (1 + 1e-9);
        for (int r = 0; r < t.rowCount(); r++) {
            double speed = t.numberColumn("mech_nearest_speed").getDouble(r);
            double dims = t.numberColumn("mech_nearest_unstable_dims").getDouble(r);
            if (Double.isNaN(t.numberColumn("mech_speed_mean").getDouble(r))) {
                continue;
            }
            if (Double.isNaN(speed)) {
                none++;
            } else if (speed > fixedSpeed) {
                slow++;
            } else if (dims == 0) {
                stable++;
            } else {
                unstable++;
            }
        }
        Findings f = new Findings(a);
        return "The point nearest to the memory-period states (" + f.meanCi("mech_nearest_distance") + " of their "
                + "mean norm away) is a stable fixed point for " + stable + ", an unstable fixed point for " + unstable
                + " and a slow point for " + slow + " seed" + (stable + unstable + slow == 1 ? "" : "s")
                + (none > 0 ? "; " + none + " without any point found" : "") + ".";
    }

    /** The mechanism finding in numbers (also listed among the report's findings). */
    static String finding(AnalysisOutputs a) {
        Findings f = new Findings(a);
        double ratio = f.summary("mech_precision_ratio", "median");
        WilcoxonResult w = paired(a);
        String readout = "The optimal linear readout of each trained network's own dynamics reaches a precision of "
                + f.meanCi("mech_optimal_precision") + "; the trained readout's is a median " + f(ratio) + " times "
                + (ratio >= 1 ? "larger" : "that") + " (paired Wilcoxon p = " + f(w.p()) + ", n = " + w.n() + "), and "
                + "the two readouts have a cosine of " + f.meanCi("mech_readout_cosine") + " (1: the same direction).";
        if (f.summary("mech_untrained_optimal_precision", "n") > 0) {
            readout += " Before I is trained, the optimal readout already reaches "
                    + f.meanCi("mech_untrained_optimal_precision") + ".";
        }
        String drift = " " + nearestKinds(a) + " During the memory period the state moves at "
                + f.meanCi("mech_speed_mean") + " per s (slowest instant " + f.meanCi("mech_speed_min")
                + " per s); trajectories of neighbouring durations " + (f.summary("mech_separation_rate",
                "mean_ci_low") > 0 ? "separate" : f.summary("mech_separation_rate", "mean_ci_high") < 0 ? "converge"
                : "neither clearly converge nor separate") + " (" + f.meanCi("mech_separation_rate") + " per s).";
        List<String> sig = new ArrayList<>();
        for (String m : PREDICTORS) {
            double holm = f.corr(m, "holm_p");
            if (!Double.isNaN(holm) && holm < Findings.ALPHA) {
                sig.add("`" + m + "` (r = " + f(f.corr(m, "pearson_r")) + ", Holm p = " + f(holm) + ")");
            }
        }
        String predicts = sig.isEmpty() ? " No mechanism metric predicts precision after Holm adjustment ("
                + correlations(f) + ")." : " Precision is predicted by " + String.join(", ", sig) + ".";
        return readout + drift + predicts;
    }
}
