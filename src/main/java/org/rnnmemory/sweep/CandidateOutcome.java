package org.rnnmemory.sweep;

import java.nio.file.Path;

/**
 * What happened to one candidate in one invocation of a sweep.
 *
 * @param candidate the candidate
 * @param runDir its run directory
 * @param action what was done
 * @param medianPrecision median precision over its seeds (NaN if it failed or no seed has one)
 * @param seconds wall time spent on it in this invocation, s
 * @param failure the error of a failed candidate, else null
 */
public record CandidateOutcome(SweepCandidate candidate, Path runDir, Action action, double medianPrecision,
                               double seconds, RuntimeException failure) {

    /** What a sweep did with a candidate. */
    public enum Action {
        /** trained from scratch */
        TRAINED,
        /**
         * an interrupted run continued from its last checkpoint ({@code --resume} semantics); for a sharded
         * candidate, some shards finished or interrupted before and the others run now
         */
        RESUMED,
        /** already completed; its tables were reused */
        SKIPPED,
        /** training or evaluation threw */
        FAILED;

        /** Lower-case name, as written to sweep.json. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
