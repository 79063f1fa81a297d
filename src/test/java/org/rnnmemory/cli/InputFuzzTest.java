package org.rnnmemory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.io.Npy;
import org.rnnmemory.run.RunDirectory;

/**
 * Seeded fuzzing of every input a user hands the CLI: experiment YAML, sweep YAML, {@code .npy} files
 * (as a {@code network.init} vector and as network weights) and checkpoint bytes. Each case is a
 * mutation of a valid input, run in-process through {@link Main#execute}; its outcome must be success
 * (exit 0) or a one-line error naming the file (exit 2; the mutated file or one it names, such as a
 * sweep's experiment), never a stack trace or exit code 1, and no file may change. A case that fails its {@code --dry-run} is run for real too, and must fail the same
 * way, writing nothing. Mutations are drawn from one seed, so a failing case reproduces; raise the
 * counts with {@code -Drnnmem.fuzz.scale=10} for a longer search.
 */
class InputFuzzTest {
    static final long SEED = 20261130L;
    static final double SCALE = Double.parseDouble(System.getProperty("rnnmem.fuzz.scale", "1"));

    static final String EXPERIMENT = """
            name: fuzz
            seeds: {from: 1, to: 2}
            network:
              hidden_size: 12
              tau_ms: 100
              dt_ms: 10
              gain: 1.5
              network_seed: 1
              initial_state: zero
              trainable: [input, readout]
              init: {input: {vector: F.npy}, readout: random}
            task:
              trial_ms: 1000
              onset_ms: 300
              onset_jitter_ms: 100
              duration_ms: 50
              duration_jitter_ms: 20
              strength: 2.0
              slope_per_ms: 0.007
              cost_onset_ms: 600
              catch_fraction: 0.1
              trials: 24
            training: {epochs: 1, batch_size: 6, learning_rate: 0.01, engine: adjoint, chunk_steps: 25,
                       dtype: float32, workers: 1, rate_memory_gib: 0.5}
            evaluation:
              onset_ms: 300
              durations_ms: [30, 50, 80]
            """;
    static final String GRID = """
            sweep:
              experiment: fuzz.yaml
              search: grid
              parameters:
                network.gain: [0.5, 2.0]
                training.learning_rate: [0.01]
            """;
    static final String RANDOM = """
            sweep:
              experiment: fuzz.yaml
              search: random
              candidates: 3
              seed: 7
              parameters:
                training.learning_rate: {min: 1.0e-4, max: 1.0e-2, log: true}
                network.gain: [0.5, 3.0]
            """;

    static final String[] VALUES = {"0", "-1", "1", "2", "3", "7", "12", "1000", "1e9", "2147483648",
        "99999999999999999999", "2147483647", "100000000", "0.5", "-0.0", "1e-300", "1e400", ".nan", ".inf", "-.inf", "NaN", "null", "~",
        "true", "false", "yes", "''", "\"\"", "[]", "{}", "[1, 2]", "{a: 1}", "abc", "random", "zero", "memory",
        "spontaneous", "float64", "samediff", "0x1F", "0o17", "1_000", "2026-01-01", "!!str 5", "&a 1", "*a", "|",
        ">", "[input]", "{pcs: [1], of: memory}", "{vector: F.npy}", "{vector: missing.npy}", "input",
        "{from: 3, to: 1}", "[0.5, 0.5]", "{min: 1, max: 1}", "[1, 2, 3]"};
    static final String[] KEYS = {"name", "seeds", "from", "to", "network", "hidden_size", "tau_ms", "dt_ms", "gain",
        "network_seed", "initial_state", "trainable", "init", "input", "readout", "pcs", "of", "weights", "vector",
        "task", "trial_ms", "onset_ms", "onset_jitter_ms", "duration_ms", "duration_jitter_ms", "strength",
        "slope_per_ms", "cost_onset_ms", "catch_fraction", "trials", "dataset", "training", "epochs", "batch_size",
        "learning_rate", "engine", "chunk_steps", "dtype", "workers", "rate_memory_gib", "evaluation", "durations_ms",
        "gian", "hidden-size", "Seeds", "<<", "sweep", "experiment", "search", "candidates", "seed", "parameters",
        "network.gain", "training.learning_rate", "network.hidden_size", "task.trials", "min", "max", "log"};
    static final String[] TOKENS = {":", "{", "}", "[", "]", ",", "-", "#", "'", "\"", " ", "\n", "\t", "!", "&", "*",
        "|", ">", "%", "@", "`", "?", "---", "...", ": ", "- ", "\n  ", "\\", "\u00e9", "\u0000"};
    static final String[] SHAPES = {"()", "(12,)", "(12, 1)", "(1, 12)", "(3, 4)", "(12, 12)", "(-1,)", "(0,)",
        "(12,", "12", "(1e3,)", "(2147483648,)", "(12, 1, 1)", "(6, 2)", "(24,)", "(12, 0)"};
    static final String[] DESCRS = {"<f4", "<f8", ">f4", "<i4", "|u1", "<f2", "f4", "", "<c8", "<f8 ", "O"};

    @TempDir
    static Path root;
    @TempDir
    static Path scratch;
    static Path cases;
    static Path run;
    static Path weights;

    /** Outcomes by family: [successes, refusals]. */
    static final Map<String, int[]> TALLY = new TreeMap<>();
    static final List<String> PROBLEMS = new ArrayList<>();
    /** Distinct refusal lines by family (paths replaced by DIR), written to {@code rnnmem.fuzz.catalog} when set. */
    static final Map<String, java.util.Set<String>> CATALOG = new TreeMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        cases = root.resolve("cases");
        Files.createDirectories(cases);
        Files.writeString(cases.resolve("fuzz.yaml"), EXPERIMENT);
        Npy.write(cases.resolve("F.npy"), Nd4j.createFromArray(vector(12, 1)));
        run = root.resolve("run");
        CliRun o = CliRun.of("run", cases.resolve("fuzz.yaml").toString(), "--out", run.toString());
        assertEquals(0, o.code(), o.err());
        weights = cases.resolve("weights");
        Files.createDirectories(weights);
        for (String f : List.of("G.npy", "I.npy", "w.npy", "h0.npy", "model.json")) {
            Files.copy(run.resolve("seeds/seed-1").resolve(f), weights.resolve(f));
        }
    }

    static double[] vector(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    /** Cases of a family: its base count times the scale, or none when {@code rnnmem.fuzz.only} names another. */
    static int count(String family, int base) {
        String only = System.getProperty("rnnmem.fuzz.only", "");
        if (!only.isEmpty() && !only.equals(family)) {
            return 0;
        }
        return (int) Math.max(1, Math.round(base * SCALE));
    }

    /** One family of inputs: its own seeded generator, so its k-th case does not depend on the others. */
    interface Family {
        void run(int k, SplittableRandom rng) throws Exception;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyMutatedInputSucceedsOrIsOneLineNamingTheFile() throws Exception {
        long start = System.nanoTime();
        long budget = (long) (Double.parseDouble(System.getProperty("rnnmem.fuzz.seconds", "60")) * 1e9);
        Path yaml = cases.resolve("case.yaml");
        Path sweep = cases.resolve("case-sweep.yaml");
        Path fuzzYaml = cases.resolve("fuzz.yaml");
        byte[] vectorBytes = Files.readAllBytes(cases.resolve("F.npy"));
        Path ckpt = run.resolve(RunDirectory.CHECKPOINT);
        byte[] checkpoint = Files.readAllBytes(ckpt);
        String[] files = {"G.npy", "I.npy", "w.npy", "h0.npy"};
        int[] resumed = {0};
        Map<String, Family> families = new java.util.LinkedHashMap<>();
        families.put("experiment", (k, rng) -> {
            String text = mutateText(EXPERIMENT, rng);
            Files.write(yaml, bytes(text, rng));
            check("experiment", k, text, "case.yaml", true, "run", yaml.toString(), "--out", out(k), "--dry-run");
        });
        families.put("sweep", (k, rng) -> {
            String text = mutateText(k % 2 == 0 ? GRID : RANDOM, rng);
            Files.write(sweep, bytes(text, rng));
            check("sweep", k, text, "case-sweep.yaml", true, "sweep", sweep.toString(), "--out", out(k), "--dry-run");
        });
        families.put("npy-vector", (k, rng) -> {
            byte[] b = mutateNpy(vectorBytes, rng);
            Files.write(cases.resolve("F.npy"), b);
            check("npy-vector", k, Arrays.toString(b), "F.npy", true, "run", fuzzYaml.toString(), "--out", out(k),
                    "--dry-run");
            Files.write(cases.resolve("F.npy"), vectorBytes);
        });
        families.put("npy-weights", (k, rng) -> {
            String f = files[k % files.length];
            byte[] original = Files.readAllBytes(weights.resolve(f));
            byte[] b = mutateNpy(original, rng);
            Files.write(weights.resolve(f), b);
            check("npy-weights", k, f + " " + Arrays.toString(b), f, false, "evaluate", "--weights", weights.toString(),
                    "--config", fuzzYaml.toString(), "--json");
            Files.write(weights.resolve(f), original);
        });
        families.put("checkpoint", (k, rng) -> {
            Files.write(ckpt, mutateCheckpoint(checkpoint, rng));
            boolean ok = check("checkpoint", k, "", RunDirectory.CHECKPOINT, true, "run", fuzzYaml.toString(),
                    "--out", run.toString(), "--resume", "--dry-run");
            if (ok && resumed[0] < 3) {
                // a checkpoint that passes every check must also resume
                resumed[0]++;
                Path copy = scratch.resolve("resumed-" + k);
                Trees.copy(run, copy);
                CliRun r = CliRun.of("run", fuzzYaml.toString(), "--out", copy.toString(), "--resume");
                if (r.code() != 0) {
                    PROBLEMS.add("checkpoint #" + k + ": passed --dry-run but the resume ended " + r.code() + ": "
                            + r.err());
                }
            }
            Files.write(ckpt, checkpoint);
        });
        // cases per round of the schedule: the families interleave, so that a time limit cuts each equally
        Map<String, Integer> perRound = Map.of("experiment", 8, "sweep", 3, "npy-vector", 4, "npy-weights", 1,
                "checkpoint", 4);
        Map<String, SplittableRandom> rngs = new TreeMap<>();
        Map<String, Integer> done = new TreeMap<>();
        families.keySet().forEach(f -> {
            rngs.put(f, new SplittableRandom(SEED + f.hashCode()));
            done.put(f, 0);
        });
        int rounds = (int) Math.round(100 * SCALE);
        int round = 0;
        for (; round < rounds && System.nanoTime() - start < budget; round++) {
            for (Map.Entry<String, Family> e : families.entrySet()) {
                String f = e.getKey();
                for (int i = 0; i < perRound.get(f) && done.get(f) < count(f, 100 * perRound.get(f)); i++) {
                    e.getValue().run(done.get(f), rngs.get(f));
                    done.merge(f, 1, Integer::sum);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        StringBuilder tally = new StringBuilder();
        TALLY.forEach((family, t) -> tally.append(String.format("%s %d ok / %d refused; ", family, t[0], t[1])));
        System.err.printf("[fuzz] %d of %d rounds in %.1f s: %s%n", round, rounds, seconds, tally);
        String catalog = System.getProperty("rnnmem.fuzz.catalog", "");
        if (!catalog.isEmpty()) {
            StringBuilder c = new StringBuilder();
            CATALOG.forEach((family, lines) -> lines.forEach(l -> c.append(family).append('\t').append(l).append('\n')));
            Files.writeString(Path.of(catalog), c + "\n" + String.join("\n\n", PROBLEMS));
        }
        assertTrue(PROBLEMS.isEmpty(), PROBLEMS.size() + " problems, first ones:\n"
                + String.join("\n", PROBLEMS.subList(0, Math.min(20, PROBLEMS.size()))));
        assertTrue(round >= Math.min(rounds, 10), "fewer than 10 rounds of cases ran in the time allowed");
        if (round >= 50 && System.getProperty("rnnmem.fuzz.only", "").isEmpty()) {
            for (int[] t : TALLY.values()) {
                assertTrue(t[0] > 0 && t[1] > 0, "each family should see both outcomes: " + tally);
            }
        }
    }

    /** The files a case may read: the inputs and the trained run (its outputs go to {@link #out}). */
    static Map<String, Integer> snapshot() {
        Map<String, Integer> m = new TreeMap<>();
        Trees.snapshot(cases).forEach((k, v) -> m.put("cases/" + k, v));
        Trees.snapshot(run).forEach((k, v) -> m.put("run/" + k, v));
        return m;
    }

    static String out(int k) {
        return root.resolve("out-" + k).toString();
    }

    /**
     * Runs one case and records any breach of the contract.
     *
     * @param realToo on a refusal, run the command without --dry-run too
     * @return whether the case succeeded
     */
    static boolean check(String family, int k, String input, String fileName, boolean realToo, String... args) {
        Map<String, Integer> before = snapshot();
        CliRun o = CliRun.of(args);
        int[] t = TALLY.computeIfAbsent(family, f -> new int[2]);
        String what = family + " #" + k + " (" + String.join(" ", args) + ")";
        if (o.code() == 0) {
            t[0]++;
        } else {
            t[1]++;
            verifyRefusal(what, o, fileName, input);
            CATALOG.computeIfAbsent(family, f -> new java.util.TreeSet<>())
                    .add(o.err().strip().replace(root.toString(), "DIR"));
        }
        if (!before.equals(snapshot()) || Files.exists(Path.of(out(k)))) {
            PROBLEMS.add(what + ": files changed: " + diff(before, snapshot()) + " input: " + input);
        }
        if (o.code() != 0 && realToo) {
            List<String> real = new ArrayList<>(List.of(args));
            real.remove("--dry-run");
            CliRun r = CliRun.of(real.toArray(String[]::new));
            if (r.code() != o.code() || !r.err().equals(o.err())) {
                PROBLEMS.add(what + ": the real command ended " + r.code() + " '" + r.err().strip()
                        + "' where --dry-run ended " + o.code() + " '" + o.err().strip() + "'");
            }
            if (!before.equals(snapshot()) || Files.exists(Path.of(out(k)))) {
                PROBLEMS.add(what + ": the real command changed files: " + diff(before, snapshot()));
            }
        }
        return o.code() == 0;
    }

    static void verifyRefusal(String what, CliRun o, String fileName, String input) {
        List<String> lines = o.err().strip().lines().toList();
        if (o.code() != 2) {
            PROBLEMS.add(what + ": exit " + o.code() + ": " + o.err() + " input: " + input);
        } else if (lines.size() != 1 || !lines.get(0).startsWith("error: ")) {
            PROBLEMS.add(what + ": not one error line: " + o.err() + " input: " + input);
        } else if (!lines.get(0).contains(fileName) && !lines.get(0).startsWith("error: " + cases + "/")) {
            // the mutated file, or a file it names (a sweep's experiment, an initialisation vector, a dataset)
            PROBLEMS.add(what + ": does not name " + fileName + ": " + lines.get(0) + " input: " + input);
        }
        if (o.err().contains("\tat ") || o.err().contains("Exception")) {
            PROBLEMS.add(what + ": stack trace or exception name: " + o.err());
        }
    }

    static String diff(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> d = new ArrayList<>();
        b.forEach((k, v) -> {
            if (!v.equals(a.get(k))) {
                d.add((a.containsKey(k) ? "changed " : "new ") + k);
            }
        });
        a.keySet().stream().filter(k -> !b.containsKey(k)).forEach(k -> d.add("removed " + k));
        return d.toString();
    }

    /** The text as UTF-8, sometimes with an invalid byte inserted. */
    static byte[] bytes(String text, SplittableRandom rng) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        if (rng.nextInt(20) == 0 && b.length > 0) {
            b = b.clone();
            b[rng.nextInt(b.length)] = (byte) (0x80 + rng.nextInt(0x80));
        }
        return b;
    }

    // ---- mutations ----

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?");
    private static final Pattern KEY = Pattern.compile("([A-Za-z_.<-]+)(?=\\s*:)");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]+");

    static String mutateText(String text, SplittableRandom rng) {
        String s = text;
        int n = 1 + rng.nextInt(3);
        for (int i = 0; i < n; i++) {
            s = mutateOnce(s, rng);
        }
        return s;
    }

    static String mutateOnce(String s, SplittableRandom rng) {
        if (s.isEmpty()) {
            return pick(VALUES, rng);
        }
        List<String> lines = new ArrayList<>(Arrays.asList(s.split("\n", -1)));
        int p = rng.nextInt(s.length());
        switch (rng.nextInt(11)) {
            case 0 -> {
                int end = Math.min(s.length(), p + 1 + rng.nextInt(10));
                return s.substring(0, p) + s.substring(end);
            }
            case 1 -> {
                return s.substring(0, p) + pick(TOKENS, rng) + s.substring(p);
            }
            case 2 -> {
                return replaceMatch(s, NUMBER, pick(VALUES, rng), rng);
            }
            case 3 -> {
                return replaceMatch(s, KEY, pick(KEYS, rng), rng);
            }
            case 4 -> {
                int l = rng.nextInt(lines.size());
                lines.add(l, lines.get(l));
            }
            case 5 -> lines.remove(rng.nextInt(lines.size()));
            case 6 -> {
                int a = rng.nextInt(lines.size());
                int b = rng.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
            }
            case 7 -> {
                int l = rng.nextInt(lines.size());
                String line = lines.get(l);
                lines.set(l, rng.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
            }
            case 8 -> {
                return s.substring(0, p);
            }
            case 9 -> {
                return replaceMatch(s, WORD, pick(VALUES, rng), rng);
            }
            default -> {
                int l = rng.nextInt(lines.size());
                lines.set(l, lines.get(l) + " " + pick(KEYS, rng) + ": " + pick(VALUES, rng));
            }
        }
        return String.join("\n", lines);
    }

    static String replaceMatch(String s, Pattern p, String replacement, SplittableRandom rng) {
        Matcher m = p.matcher(s);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return s;
        }
        int[] span = spans.get(rng.nextInt(spans.size()));
        return s.substring(0, span[0]) + replacement + s.substring(span[1]);
    }

    static String pick(String[] values, SplittableRandom rng) {
        return values[rng.nextInt(values.length)];
    }

    /** A .npy file with its header or data changed. */
    static byte[] mutateNpy(byte[] valid, SplittableRandom rng) {
        int headerLen = (valid[8] & 0xff) | ((valid[9] & 0xff) << 8);
        String header = new String(valid, 10, headerLen, StandardCharsets.ISO_8859_1);
        byte[] data = Arrays.copyOfRange(valid, 10 + headerLen, valid.length);
        switch (rng.nextInt(9)) {
            case 0 -> {
                byte[] b = valid.clone();
                int i = rng.nextInt(Math.min(b.length, 10 + headerLen));
                b[i] ^= (byte) (1 << rng.nextInt(8));
                return b;
            }
            case 1 -> {
                return withHeader(header.replaceFirst("'shape': \\([^)]*\\)", "'shape': " + pick(SHAPES, rng)), data);
            }
            case 2 -> {
                return withHeader(header.replaceFirst("'descr': '[^']*'", "'descr': '" + pick(DESCRS, rng) + "'"), data);
            }
            case 3 -> {
                return withHeader(header.replace("False", pick(new String[] {"True", "0", "None", "false", ""}, rng)),
                        data);
            }
            case 4 -> {
                return Arrays.copyOf(valid, rng.nextInt(valid.length));
            }
            case 5 -> {
                byte[] extra = new byte[1 + rng.nextInt(16)];
                rng.nextBytes(extra);
                byte[] b = Arrays.copyOf(valid, valid.length + extra.length);
                System.arraycopy(extra, 0, b, valid.length, extra.length);
                return b;
            }
            case 6 -> {
                byte[] b = valid.clone();
                b[6] = (byte) rng.nextInt(5);
                if (rng.nextBoolean()) {
                    b[8] = (byte) rng.nextInt(256);
                    b[9] = (byte) rng.nextInt(256);
                }
                return b;
            }
            case 7 -> {
                byte[] b = valid.clone();
                boolean f8 = header.contains("<f8");
                int width = f8 ? 8 : 4;
                int count = data.length / width;
                if (count == 0) {
                    return b;
                }
                int at = 10 + headerLen + width * rng.nextInt(count);
                ByteBuffer bb = ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                double v = pickDouble(rng);
                if (f8) {
                    bb.putDouble(at, v);
                } else {
                    bb.putFloat(at, (float) v);
                }
                return b;
            }
            default -> {
                return withHeader(mutateText(header.strip(), rng), data);
            }
        }
    }

    static double pickDouble(SplittableRandom rng) {
        double[] v = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0, -0.0, 1e300, -1e-300, 3e38, 1};
        return v[rng.nextInt(v.length)];
    }

    /** A version 1.0 .npy file with this header text (padded as NumPy pads it) and data. */
    static byte[] withHeader(String dict, byte[] data) {
        String h = dict.strip();
        h = h + " ".repeat((64 - (10 + h.length() + 1) % 64) % 64) + "\n";
        byte[] hb = h.getBytes(StandardCharsets.ISO_8859_1);
        if (hb.length > 0xffff) {
            hb = Arrays.copyOf(hb, 0xffff);
        }
        byte[] out = new byte[10 + hb.length + data.length];
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (hb.length & 0xff), (byte) (hb.length >> 8)};
        System.arraycopy(magic, 0, out, 0, 10);
        System.arraycopy(hb, 0, out, 10, hb.length);
        System.arraycopy(data, 0, out, 10 + hb.length, data.length);
        return out;
    }

    /** Checkpoint bytes changed at random; half of the time the trailing CRC-32 is recomputed to match. */
    static byte[] mutateCheckpoint(byte[] valid, SplittableRandom rng) {
        byte[] body = Arrays.copyOf(valid, valid.length - 4);
        switch (rng.nextInt(6)) {
            case 0 -> {
                int i = rng.nextInt(body.length);
                body[i] ^= (byte) (1 << rng.nextInt(8));
            }
            case 1 -> {
                int i = rng.nextInt(body.length);
                body[i] = (byte) rng.nextInt(256);
            }
            case 2 -> body = Arrays.copyOf(body, rng.nextInt(body.length));
            case 3 -> {
                int from = rng.nextInt(body.length);
                int len = Math.min(body.length - from, 1 + rng.nextInt(16));
                byte[] b = new byte[body.length - len];
                System.arraycopy(body, 0, b, 0, from);
                System.arraycopy(body, from + len, b, from, body.length - from - len);
                body = b;
            }
            case 4 -> {
                // an int field somewhere (counts, lengths, updates) set to a telling value
                int i = rng.nextInt(Math.max(1, body.length - 4));
                int[] values = {-1, 0, 1, 2, 3, 12, 1 << 30, Integer.MAX_VALUE, Integer.MIN_VALUE};
                ByteBuffer.wrap(body).putInt(i, values[rng.nextInt(values.length)]);
            }
            default -> {
                // a double somewhere set to NaN, an infinity or a huge value
                int i = rng.nextInt(Math.max(1, body.length - 8));
                ByteBuffer.wrap(body).putDouble(i, pickDouble(rng));
            }
        }
        byte[] out = Arrays.copyOf(body, body.length + 4);
        if (rng.nextBoolean()) {
            CRC32 crc = new CRC32();
            crc.update(body);
            ByteBuffer.wrap(out).putInt(body.length, (int) crc.getValue());
        } else {
            System.arraycopy(valid, valid.length - 4, out, body.length, 4);
        }
        return out;
    }
}
