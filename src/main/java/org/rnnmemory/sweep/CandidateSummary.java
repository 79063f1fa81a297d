package org.rnnmemory.sweep;

import java.util.Arrays;
import org.rnnmemory.analysis.stats.BootstrapCi;
import org.rnnmemory.analysis.stats.MeanCi;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.model.Rngs;
import tech.tablesaw.api.Table;

/**
 * One candidate's results over its seeds.
 *
 * @param candidate the candidate
 * @param dirName its run directory's name
 * @param seeds its seeds table ({@code tables/seeds.csv})
 * @param precision summary of the finite precisions (n counts them)
 * @param meanCi 95% percentile-bootstrap interval of the mean precision ({@value #RESAMPLES} resamples)
 * @param weightCorrelationMean mean weight correlation over seeds with a finite one
 * @param diverged seeds whose status is not {@code completed}
 * @param lambda lambda_max of the untrained network at the candidate's gain, or null when the gain is
 *     not swept
 */
public record CandidateSummary(SweepCandidate candidate, String dirName, Table seeds, Summary precision, MeanCi meanCi,
                        double weightCorrelationMean, int diverged, UntrainedChaos.Lambda lambda) {

    /** Bootstrap resamples of the interval. */
    static final int RESAMPLES = BootstrapCi.MIN_RESAMPLES;
    /** Confidence level of the interval. */
    static final double LEVEL = 0.95;

    /**
     * Summarises a seeds table; the bootstrap generator is seeded from the candidate index
     * (purpose "sweep.bootstrap"), so the interval is reproducible.
     */
    static CandidateSummary of(SweepCandidate c, String dirName, Table seeds, UntrainedChaos.Lambda lambda) {
        double[] p = Arrays.stream(precisions(seeds)).filter(Double::isFinite).toArray();
        MeanCi ci = BootstrapCi.mean(p, RESAMPLES, Rngs.of(c.index(), "sweep.bootstrap").nextLong(), LEVEL);
        double wc = Summary.of(seeds.doubleColumn("weight_correlation").asDoubleArray()).mean();
        int diverged = (int) seeds.stringColumn("status").asList().stream().filter(s -> !s.equals("completed")).count();
        return new CandidateSummary(c, dirName, seeds, Summary.of(p), ci, wc, diverged, lambda);
    }

    /** The precision of every seed (NaN for one that was not evaluated). */
    static double[] precisions(Table seeds) {
        return seeds.doubleColumn("precision").asDoubleArray();
    }

    /** The finite precisions, in seed order. */
    double[] finitePrecisions() {
        return Arrays.stream(precisions(seeds)).filter(Double::isFinite).toArray();
    }

    /** lambda_max (mean over network seeds), NaN without one. */
    double lambdaMax() {
        return lambda == null ? Double.NaN : lambda.mean();
    }
}
