package org.rnnmemory.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rnnmemory.io.Json;

/**
 * Chaos measures of one untrained network (one gain, one network seed). Exponents are in units of
 * 1/tau; Delta0 values are population variances (dimensionless).
 *
 * @param gain recurrent gain g
 * @param networkSeed seed G was drawn from; null when G was read from a file
 * @param hiddenSize N
 * @param dtTau Euler step, in tau
 * @param transientSteps discarded steps
 * @param steps measured steps
 * @param spectrum the k largest Lyapunov exponents, descending, in 1/tau ({@code spectrum[0]} is lambda_max)
 * @param lambdaSem standard error of lambda_max from 10 consecutive blocks of the measured window, 1/tau
 * @param lambdaDrift |lambda_max(whole window) - lambda_max(first three quarters)|, 1/tau
 * @param lambdaConverged drift below {@link LyapunovEstimator#tolerance(double)}
 * @param delta0 time-averaged population variance of h
 * @param delta0R time-averaged population variance of r
 * @param dimensionality participation ratio of the rate covariance (NaN if activity died out)
 * @param covarianceSamples number of time samples in the covariance
 * @param seconds wall-clock time of this run
 * @param trace rate traces of the first units (not part of the JSON/CSV output)
 * @param source where the network comes from: {@value #RANDOM} for a random network of a network seed,
 *     else the experiment file or weights folder ({@link ChaosNetwork#source()})
 */
public record ChaosResult(double gain, Long networkSeed, int hiddenSize, double dtTau, int transientSteps,
                          int steps, double[] spectrum, double lambdaSem, double lambdaDrift,
                          boolean lambdaConverged, double delta0, double delta0R, double dimensionality,
                          long covarianceSamples, double seconds, RateTrace trace, String source) {

    /** {@link #source()} of a random network drawn from a network seed. */
    public static final String RANDOM = "random";

    /** The result for a random network of seed {@code networkSeed} (source {@value #RANDOM}). */
    public ChaosResult(double gain, long networkSeed, int hiddenSize, double dtTau, int transientSteps, int steps,
                       double[] spectrum, double lambdaSem, double lambdaDrift, boolean lambdaConverged,
                       double delta0, double delta0R, double dimensionality, long covarianceSamples, double seconds,
                       RateTrace trace) {
        this(gain, (Long) networkSeed, hiddenSize, dtTau, transientSteps, steps, spectrum, lambdaSem, lambdaDrift,
                lambdaConverged, delta0, delta0R, dimensionality, covarianceSamples, seconds, trace, RANDOM);
    }

    /** Largest Lyapunov exponent, in 1/tau. */
    public double lambdaMax() {
        return spectrum[0];
    }

    /** Participation ratio divided by N. */
    public double dimensionalityOverN() {
        return dimensionality / hiddenSize;
    }

    /** Measured time, in tau. */
    public double durationTau() {
        return steps * dtTau;
    }

    /** One JSON object with snake_case keys; NaN (and a network seed of a file's G) becomes null. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("source", source);
        o.put("gain", gain);
        if (networkSeed == null) {
            o.putNull("network_seed");
        } else {
            o.put("network_seed", networkSeed.longValue());
        }
        o.put("hidden_size", hiddenSize);
        o.put("dt_tau", dtTau);
        o.put("transient_steps", transientSteps);
        o.put("steps", steps);
        o.put("duration_tau", durationTau());
        number(o, "lambda_max", lambdaMax());
        number(o, "lambda_sem", lambdaSem);
        number(o, "lambda_drift", lambdaDrift);
        o.put("lambda_converged", lambdaConverged);
        ArrayNode s = o.putArray("lyapunov_spectrum");
        for (double l : spectrum) {
            s.add(l);
        }
        number(o, "delta0", delta0);
        number(o, "delta0_r", delta0R);
        number(o, "dimensionality", dimensionality);
        number(o, "dimensionality_over_n", dimensionalityOverN());
        o.put("covariance_samples", covarianceSamples);
        o.put("seconds", seconds);
        return o;
    }

    private static void number(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
