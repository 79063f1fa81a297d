package org.rnnmemory.sweep;

import java.nio.file.Path;
import java.util.List;
import org.rnnmemory.config.ExperimentSpec;

/**
 * One run directory of a sweep candidate. With one shard per candidate it is the candidate's own
 * directory and trains every seed; with K > 1 shards, shard s trains the s-th contiguous part of the
 * candidate's seed list ({@link org.rnnmemory.config.SeedShards}) in
 * {@code DIR/candidates/<k>-<description>/shards/<s>/}.
 *
 * @param candidate the candidate
 * @param index s, from 0 to K - 1
 * @param shards K, the shards of every candidate
 * @param dir the run directory
 * @param experiment the candidate's experiment with this shard's seeds
 * @param overrides the {@code --set} values that give {@code experiment} from the swept experiment
 *     file: the candidate's, then {@code seeds=[...]} when K > 1
 */
public record CandidateShard(SweepCandidate candidate, int index, int shards, Path dir, ExperimentSpec experiment,
                             List<String> overrides) {

    /** Sub-folder of a sharded candidate's directory that holds its shards. */
    public static final String SHARDS = "shards";

    public CandidateShard {
        if (shards < 1 || index < 0 || index >= shards) {
            throw new IllegalArgumentException("shard " + index + " of " + shards);
        }
        overrides = List.copyOf(overrides);
    }

    /** The shard's seeds, in the candidate's order. */
    public List<Integer> seeds() {
        return experiment.seeds();
    }

    /** Whether the candidate is split (K > 1). */
    public boolean sharded() {
        return shards > 1;
    }

    /** "" for an unsplit candidate, else ", shard s" (for messages). */
    String suffix() {
        return sharded() ? ", shard " + index : "";
    }
}
