package org.rnnmemory.dynamics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.io.Json;

/**
 * The optimal readout of one network (fitted on the fitting durations, {@link OptimalReadout})
 * against its trained readout, both scored by precision on the test durations (mean over the test
 * durations of the window MSE, exactly as SPEC section 4 defines precision).
 *
 * @param fit the cross-validated fit
 * @param trained the trained readout w, length N
 * @param fitMs fitting durations, ms
 * @param lossByDuration the optimal readout's loss per test duration (label -> MSE)
 * @param trainedLossByDuration the trained readout's loss per test duration
 * @param trainedFitLoss the trained readout's mean loss over the fitting durations
 */
public record ReadoutComparison(OptimalReadout.Fit fit, double[] trained, int[] fitMs,
                                Map<String, Double> lossByDuration, Map<String, Double> trainedLossByDuration,
                                double trainedFitLoss) {

    /** Fits and scores the optimal readout on simulated trials. */
    public static ReadoutComparison of(MemoryTrajectories t, int[] fitMs, int[] testMs, List<String> labels,
                                       double[] trained) {
        List<WindowStats> fit = Arrays.stream(fitMs).mapToObj(t::stats).toList();
        OptimalReadout.Fit f = OptimalReadout.crossValidated(fit);
        Map<String, Double> opt = new LinkedHashMap<>();
        Map<String, Double> tr = new LinkedHashMap<>();
        for (int k = 0; k < testMs.length; k++) {
            WindowStats s = t.stats(testMs[k]);
            opt.put(labels.get(k), s.loss(f.w()));
            tr.put(labels.get(k), s.loss(trained));
        }
        return new ReadoutComparison(f, trained.clone(), fitMs.clone(), opt, tr, OptimalReadout.meanLoss(fit, trained));
    }

    /** Precision of the optimal readout (mean of its test-duration losses). */
    public double precision() {
        return mean(lossByDuration);
    }

    /** Precision of the trained readout, from the same simulations. */
    public double trainedPrecision() {
        return mean(trainedLossByDuration);
    }

    /** cos(optimal w, trained w). */
    public double cosineToTrained() {
        return Field.dot(fit.w(), trained) / (Field.norm(fit.w()) * Field.norm(trained));
    }

    private static double mean(Map<String, Double> m) {
        return m.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The JSON object of {@code rnnmem dynamics} ({@code optimal_readout} or the untrained block). */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("cosine_to_trained", cosineToTrained());
        o.put("precision", precision());
        o.put("trained_precision", trainedPrecision());
        o.put("ridge", fit.ridge());
        o.put("ridge_relative", fit.relativeRidge());
        o.put("cv_loss", fit.cvLoss());
        o.put("fit_loss", fit.fitLoss());
        o.put("trained_fit_loss", trainedFitLoss);
        o.put("norm", Field.norm(fit.w()));
        o.put("trained_norm", Field.norm(trained));
        ObjectNode l = o.putObject("loss_by_duration");
        lossByDuration.forEach(l::put);
        ObjectNode tl = o.putObject("trained_loss_by_duration");
        trainedLossByDuration.forEach(tl::put);
        ArrayNode d = o.putArray("fit_durations_ms");
        Arrays.stream(fitMs).forEach(d::add);
        return o;
    }
}
