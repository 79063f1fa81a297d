package org.rnnmemory.chaos;

import java.util.List;
import java.util.Optional;

/**
 * Dynamic mean-field theory of random tanh networks in continuous time, N to infinity, tau = 1
 * (Sompolinsky, Crisanti and Sommers, Phys. Rev. Lett. 61, 259, 1988), with the values as tabulated
 * in Clark, Abbott and Litwin-Kumar, Phys. Rev. Lett. 131, 118401 (2023).
 * Finite networks sit below these values; for g below 1 the origin is stable and
 * lambda_max * tau tends to g - 1 as N grows.
 */
public final class MeanFieldReference {
    private MeanFieldReference() {}

    /** Short citation for figure legends and tables. */
    public static final String SOURCE = "DMFT, N→∞ (Clark, Abbott & Litwin-Kumar 2023)";
    /** Full citation. */
    public static final String CITATION = "Sompolinsky, Crisanti & Sommers, PRL 61, 259 (1988); values from "
            + "Clark, Abbott & Litwin-Kumar, PRL 131, 118401 (2023)";

    /**
     * One row of the table.
     *
     * @param gain g
     * @param delta0 population variance of h
     * @param lambdaMaxTau largest Lyapunov exponent times tau
     * @param prOverN participation ratio of the rate covariance divided by N
     */
    public record Row(double gain, double delta0, double lambdaMaxTau, double prOverN) {}

    public static final List<Row> ROWS = List.of(
            new Row(1.25, 0.316, 0.0170, 0.0015),
            new Row(1.5, 0.748, 0.0467, 0.0062),
            new Row(2.0, 1.925, 0.1125, 0.0197),
            new Row(3.0, 5.446, 0.2355, 0.0447));

    /** The tabulated row for exactly this gain, if any. */
    public static Optional<Row> at(double gain) {
        return ROWS.stream().filter(r -> r.gain() == gain).findFirst();
    }

    /**
     * lambda_max * tau of the linearisation at the origin for g below 1 and N to infinity: the
     * eigenvalues of G fill the unit disc, so the largest real part of -1 + g mu is g - 1.
     */
    public static double linearStabilityLambda(double gain) {
        if (!(gain >= 0 && gain <= 1)) {
            throw new IllegalArgumentException("gain must be in [0, 1] for the linear-stability value, found "
                    + gain);
        }
        return gain - 1;
    }
}
