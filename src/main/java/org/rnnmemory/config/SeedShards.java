package org.rnnmemory.config;

import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.io.RefusedException;

/**
 * The split of an experiment's model seeds into K shards: contiguous runs of the seed list in its
 * order, shard k taking elements [k n / K, (k + 1) n / K) of the n seeds, so sizes differ by at most
 * one and concatenating the shards in order gives the list back. A seed's numbers do not depend on
 * the split, so the shards of one experiment together compute what one run of all seeds computes.
 */
public final class SeedShards {
    private SeedShards() {}

    /**
     * The contiguous split of {@code seeds} into {@code k} parts.
     *
     * @param option the command-line option that gave k, first in the error ("--shards")
     * @throws RefusedException naming {@code option} if k < 1 or k exceeds the number of seeds
     */
    public static List<List<Integer>> split(List<Integer> seeds, int k, String option) {
        if (k < 1 || k > seeds.size()) {
            throw new RefusedException(option + " " + k + ": must be between 1 and the experiment's " + seeds.size()
                    + " seeds");
        }
        List<List<Integer>> parts = new ArrayList<>();
        int n = seeds.size();
        for (int i = 0; i < k; i++) {
            parts.add(List.copyOf(seeds.subList(i * n / k, (i + 1) * n / k)));
        }
        return parts;
    }
}
