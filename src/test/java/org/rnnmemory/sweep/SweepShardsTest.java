package org.rnnmemory.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.Trees;
import org.rnnmemory.io.Json;

/**
 * {@code sweep --shards-per-candidate 2} run here (2 gains x 4 seeds, 8 updates each) against the same
 * sweep with one run per candidate: the same tables and every seed's weights byte for byte; resuming
 * one interrupted shard; bad and conflicting values of K.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SweepShardsTest {
    /**
     * 4 seeds and 4 workers: every seed trains alone on its worker in both layouts, so the comparison
     * holds byte for byte on any BLAS kernel (with more seeds per worker it needs a kernel whose rows of
     * a product do not depend on the other rows, see RowIndependenceTest).
     */
    static final String EXPERIMENT = SweepRunTest.EXPERIMENT.replace("seeds: [1, 2]", "seeds: [1, 2, 3, 4]")
            .replace("workers: 2", "workers: 4");
    static final List<String> CANDIDATES = List.of("00-gain-0.5", "01-gain-2");
    /** Columns that measure this process's time, not what was computed. */
    static final List<String> TIMES = List.of("train_seconds", "seconds");

    @TempDir
    static Path tmp;
    static Path sweepFile;
    static Path whole;
    static Path sharded;

    @BeforeAll
    static void sweepTwice() throws IOException {
        assertTrue(EXPERIMENT.contains("seeds: [1, 2, 3, 4]") && EXPERIMENT.contains("workers: 4"), EXPERIMENT);
        Files.writeString(tmp.resolve("tiny.yaml"), EXPERIMENT);
        sweepFile = tmp.resolve("gains.yaml");
        Files.writeString(sweepFile, SweepRunTest.SWEEP);
        whole = tmp.resolve("whole");
        sharded = tmp.resolve("sharded");
        CliRun one = CliRun.of("sweep", sweepFile.toString(), "--out", whole.toString());
        assertEquals(0, one.code(), one.err());
        CliRun two = CliRun.of("sweep", sweepFile.toString(), "--out", sharded.toString(), "--shards-per-candidate", "2");
        assertEquals(0, two.code(), two.err());
    }

    @Test
    @Order(1)
    void eachCandidateHoldsOnlyItsShardsEachARunOfItsSeeds() throws IOException {
        for (String c : CANDIDATES) {
            Path dir = sharded.resolve("candidates").resolve(c);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of("shards"), files.map(f -> f.getFileName().toString()).toList(), c);
            }
            for (int s = 0; s < 2; s++) {
                JsonNode run = Json.MAPPER.readTree(dir.resolve("shards/" + s + "/run.json").toFile());
                assertEquals("completed", run.get("status").asText(), c + " shard " + s);
                assertEquals(s == 0 ? "[1,2]" : "[3,4]", run.get("seeds").toString(), c + " shard " + s);
                assertTrue(Files.readString(dir.resolve("shards/" + s + "/config.yaml")).contains(
                        "#   --set seeds=" + (s == 0 ? "[1,2]" : "[3,4]") + "\n"), c);
            }
        }
        JsonNode sweep = Json.MAPPER.readTree(sharded.resolve("sweep.json").toFile());
        assertEquals("completed", sweep.get("status").asText());
        assertEquals(2, sweep.get("shards_per_candidate").asInt());
        JsonNode shard1 = sweep.get("candidates").get(1).get("shards").get(1);
        assertEquals("candidates/01-gain-2/shards/1", shard1.get("dir").asText());
        assertEquals("[3,4]", shard1.get("seeds").toString());
        JsonNode one = Json.MAPPER.readTree(whole.resolve("sweep.json").toFile());
        assertEquals(1, one.get("shards_per_candidate").asInt());
        assertFalse(one.get("candidates").get(0).has("shards"));
        assertEquals(one.get("candidates").get(1).get("config_hash"), sweep.get("candidates").get(1).get("config_hash"));
    }

    @Test
    @Order(2)
    void tablesEqualThoseOfOneRunPerCandidate() throws IOException {
        for (String table : List.of("sweep.csv", "sweep_summary.csv", "chaos.csv")) {
            assertEquals(withoutTimes(whole.resolve(table)), withoutTimes(sharded.resolve(table)), table);
        }
        List<String> summary = Files.readAllLines(sharded.resolve("sweep_summary.csv"));
        assertEquals(3, summary.size(), "header and 2 candidates");
        assertTrue(summary.get(0).contains("precision_median"), summary.get(0));
        List<String> perSeed = Files.readAllLines(sharded.resolve("sweep.csv"));
        assertEquals(9, perSeed.size(), "header and 2 candidates x 4 seeds");
        int seed = List.of(perSeed.get(0).split(",")).indexOf("seed");
        List<String> seeds = new ArrayList<>();
        perSeed.subList(1, 9).forEach(l -> seeds.add(l.split(",")[seed]));
        assertEquals(List.of("1", "2", "3", "4", "1", "2", "3", "4"), seeds, "seed order within each candidate");
    }

    @Test
    @Order(3)
    void everySeedsWeightsAreByteForByteThoseOfOneRunPerCandidate() throws IOException {
        int files = 0;
        for (String c : CANDIDATES) {
            for (int seed = 1; seed <= 4; seed++) {
                Path a = whole.resolve("candidates/" + c + "/seeds/seed-" + seed);
                Path b = sharded.resolve("candidates/" + c + "/shards/" + (seed - 1) / 2 + "/seeds/seed-" + seed);
                try (Stream<Path> list = Files.list(a)) {
                    for (Path f : list.toList()) {
                        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(f.getFileName())),
                                c + " seed " + seed + " " + f.getFileName());
                        files++;
                    }
                }
            }
        }
        assertTrue(files >= 2 * 4 * 4, "weight files compared: " + files);
    }

    @Test
    @Order(4)
    void anInterruptedShardAloneIsResumed() throws IOException {
        Path interrupted = sharded.resolve("candidates/01-gain-2/shards/1/run.json");
        Map<String, FileTime> before = new java.util.TreeMap<>();
        for (String other : List.of("00-gain-0.5/shards/0", "00-gain-0.5/shards/1", "01-gain-2/shards/0")) {
            before.put(other, Files.getLastModifiedTime(sharded.resolve("candidates/" + other + "/tables/seeds.csv")));
        }
        String perSeed = withoutTimes(sharded.resolve("sweep.csv"));
        String summary = withoutTimes(sharded.resolve("sweep_summary.csv"));
        Files.writeString(interrupted, Files.readString(interrupted).replace("\"completed\"", "\"running\""));

        CliRun again = CliRun.of("sweep", sweepFile.toString(), "--out", sharded.toString(),
                "--shards-per-candidate", "2");
        assertEquals(0, again.code(), again.err());
        before.forEach((dir, time) -> {
            try {
                assertEquals(time, Files.getLastModifiedTime(sharded.resolve("candidates/" + dir + "/tables/seeds.csv")),
                        dir + " is finished and not retrained");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(again.err().contains("[sweep] candidate 2/2 gain-2: resuming 2 seeds in "
                + sharded.resolve("candidates/01-gain-2/shards/1")), again.err());
        assertEquals(1, again.err().split("\\[sweep\\] candidate [0-9]/2 [^:]*: (training|resuming)", -1).length - 1,
                "one shard trains:\n" + again.err());
        JsonNode run = Json.MAPPER.readTree(interrupted.toFile());
        assertEquals("completed", run.get("status").asText());
        assertEquals(8, run.get("resumed_from_update").asInt(), "2 epochs of 24 / 6 updates");
        JsonNode sweep = Json.MAPPER.readTree(sharded.resolve("sweep.json").toFile());
        assertEquals("skipped", sweep.get("candidates").get(0).get("action").asText());
        assertEquals("resumed", sweep.get("candidates").get(1).get("action").asText());
        assertEquals(perSeed, withoutTimes(sharded.resolve("sweep.csv")));
        assertEquals(summary, withoutTimes(sharded.resolve("sweep_summary.csv")));
    }

    @Test
    @Order(5)
    void aShardCountOutsideOneToTheSeedsIsAOneLineError() {
        for (String k : List.of("0", "5")) {
            Path out = tmp.resolve("bad-" + k);
            CliRun r = CliRun.of("sweep", sweepFile.toString(), "--out", out.toString(), "--shards-per-candidate", k);
            assertEquals(2, r.code(), r.err());
            assertEquals("error: --shards-per-candidate " + k + ": must be between 1 and the experiment's 4 seeds\n",
                    r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    @Test
    @Order(6)
    void anotherShardCountIntoTheSameFolderIsRefusedNamingBoth() throws IOException {
        Map<String, Integer> wholeFiles = Trees.snapshot(whole);
        CliRun two = CliRun.of("sweep", sweepFile.toString(), "--out", whole.toString(), "--shards-per-candidate", "2",
                "--dry-run");
        assertEquals(2, two.code(), two.err());
        assertEquals("error: " + whole + " holds a sweep run with --shards-per-candidate 1, this one asks for 2; use the "
                + "same value or another --out\n", two.err());
        CliRun three = CliRun.of("sweep", sweepFile.toString(), "--out", sharded.toString(), "--shards-per-candidate",
                "3");
        assertEquals(2, three.code(), three.err());
        assertEquals("error: " + sharded + " holds a sweep run with --shards-per-candidate 2, this one asks for 3; use "
                + "the same value or another --out\n", three.err());
        assertEquals(wholeFiles, Trees.snapshot(whole), "nothing written");

        // without sweep.json (a Slurm sweep before its merge): the candidate folders tell
        Path copy = tmp.resolve("copy");
        Trees.copy(sharded, copy);
        Files.delete(copy.resolve("sweep.json"));
        CliRun one = CliRun.of("sweep", sweepFile.toString(), "--out", copy.toString(), "--dry-run");
        assertEquals(2, one.code(), one.err());
        assertEquals("error: " + copy.resolve("candidates/00-gain-0.5") + " holds a sweep run with --shards-per-candidate "
                + "at least 2 (it holds shards/1), this one asks for 1; use the same value or another --out\n", one.err());
        Files.delete(whole.resolve("sweep.json"));
        CliRun onWhole = CliRun.of("sweep", sweepFile.toString(), "--out", whole.toString(), "--shards-per-candidate",
                "2", "--dry-run");
        assertEquals("error: " + whole.resolve("candidates/00-gain-0.5") + " holds a sweep run with "
                + "--shards-per-candidate 1, this one asks for 2; use the same value or another --out\n", onWhole.err());
    }

    /** A CSV file's text without the columns of {@link #TIMES}. */
    static String withoutTimes(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).split(",", -1));
        StringBuilder s = new StringBuilder();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            assertEquals(header.size(), cells.length, csv + ": " + line);
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < cells.length; i++) {
                if (!TIMES.contains(header.get(i))) {
                    kept.add(cells[i]);
                }
            }
            s.append(String.join(",", kept)).append('\n');
        }
        return s.toString();
    }
}
