package org.rnnmemory.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.generator.BaseCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.rnnmemory.config.SweepSpec;
import org.rnnmemory.model.Rngs;

/**
 * Arbiter candidate generators for a sweep.
 * <ul>
 *   <li>{@code search: grid}: {@link GridSearchCandidateGenerator} (sequential) over the listed values;
 *       its candidates are {@link SweepSpec#grid()}, in the same order.</li>
 *   <li>{@code search: random}: {@link RandomSearchGenerator}, seeded from {@code sweep.seed} (purpose
 *       "sweep.random"), each key drawn through {@link SweepSpec.Range#at}; {@code sweep.candidates}
 *       draws. These follow the same ranges as {@link SweepSpec#sample()} but are Arbiter's own
 *       sequence.</li>
 * </ul>
 * A new generator always yields the same candidates in the same order, which is what makes a sweep
 * resumable.
 */
public final class SweepCandidates {
    private SweepCandidates() {}

    /** A fresh generator positioned at the first candidate. */
    public static BaseCandidateGenerator<?> generator(SweepSpec spec) {
        SweepSpace space = new SweepSpace(spec);
        if (spec.search().equals("grid")) {
            return new GridSearchCandidateGenerator(space, 1, GridSearchCandidateGenerator.Mode.Sequential, null);
        }
        RandomSearchGenerator g = new RandomSearchGenerator(space, null);
        g.setRngSeed(Rngs.of(spec.seed(), "sweep.random").nextLong());
        return g;
    }

    /** Number of candidates: the grid size, or {@code sweep.candidates}. */
    public static int count(SweepSpec spec) {
        if (spec.search().equals("grid")) {
            long n = 1;
            for (List<Object> values : spec.parameters().values()) {
                n *= values.size();
            }
            return Math.toIntExact(n);
        }
        return spec.candidates();
    }

    /** Every candidate, in generation order. */
    public static List<SweepCandidate> all(SweepSpec spec) {
        BaseCandidateGenerator<?> g = generator(spec);
        int n = count(spec);
        List<SweepCandidate> out = new ArrayList<>(n);
        while (out.size() < n && g.hasMoreCandidates()) {
            out.add(of(g.getCandidate()));
        }
        return out;
    }

    /** The sweep candidate of an Arbiter candidate. */
    @SuppressWarnings("unchecked")
    static SweepCandidate of(Candidate<?> c) {
        if (c.getException() != null) {
            throw new IllegalStateException("candidate " + c.getIndex() + ": " + c.getException().getMessage(),
                    c.getException());
        }
        return new SweepCandidate(c.getIndex(), (Map<String, Object>) c.getValue());
    }
}
