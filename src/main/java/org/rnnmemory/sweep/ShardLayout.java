package org.rnnmemory.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.run.RunDirectory;

/**
 * Refuses a sweep whose output folder holds candidates run with another number of shards per
 * candidate: {@code sweep.json} records K ({@code shards_per_candidate}; a file without the key was
 * written with K = 1), and each existing candidate directory shows it (a run of its own: K = 1;
 * {@code shards/<s>/}: K > s).
 */
final class ShardLayout {
    private ShardLayout() {}

    /**
     * @throws RefusedException naming the folder and both K values
     * @throws InputFileException if {@code sweep.json} is not readable JSON
     */
    static void require(SweepPlan plan) {
        int k = plan.shardsPerCandidate();
        Path json = plan.dir().resolve(SweepRunner.JSON);
        if (Files.isRegularFile(json)) {
            int recorded = recorded(json);
            if (recorded != k) {
                throw refused(plan.dir(), String.valueOf(recorded), k);
            }
        }
        for (SweepCandidate c : plan.candidates()) {
            Path dir = plan.runDir(c);
            boolean ownRun = Files.exists(RunDirectory.of(dir).runJson()) || RunDirectory.isRunDirectory(dir);
            int highest = highestShard(dir.resolve(CandidateShard.SHARDS));
            if (ownRun && k > 1) {
                throw refused(dir, "1", k);
            }
            if (highest >= 0 && k == 1 || highest >= k) {
                throw refused(dir, (highest + 1 < 2 ? "> 1" : "at least " + (highest + 1))
                        + " (it holds " + CandidateShard.SHARDS + "/" + highest + ")", k);
            }
        }
    }

    /** K as recorded in a sweep.json (1 when the key is absent). */
    static int recorded(Path sweepJson) {
        try {
            JsonNode o = Json.MAPPER.readTree(sweepJson.toFile());
            JsonNode k = o == null ? null : o.get(SweepRunner.SHARDS_KEY);
            if (k == null || k.isNull()) {
                return 1;
            }
            if (!k.canConvertToInt() || k.asInt() < 1) {
                throw new InputFileException(sweepJson, "'" + SweepRunner.SHARDS_KEY + "' must be an integer >= 1, found "
                        + k);
            }
            return k.asInt();
        } catch (IOException e) {
            throw new InputFileException(sweepJson, "not readable as JSON (" + e.getMessage() + ")");
        }
    }

    /** The highest numbered {@code <s>} folder in {@code shards}, or -1. */
    private static int highestShard(Path shards) {
        if (!Files.isDirectory(shards)) {
            return -1;
        }
        try (Stream<Path> dirs = Files.list(shards)) {
            return dirs.map(d -> d.getFileName().toString()).filter(n -> n.matches("[0-9]{1,9}"))
                    .mapToInt(Integer::parseInt).max().orElse(-1);
        } catch (IOException e) {
            throw new InputFileException(shards, "cannot list: " + e.getMessage());
        }
    }

    private static RefusedException refused(Path dir, String found, int asked) {
        return new RefusedException(dir + " holds a sweep run with " + SweepPlan.SHARDS_OPTION + " " + found
                + ", this one asks for " + asked + "; use the same value or another --out");
    }
}
