package org.rnnmemory.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.io.Json;

/**
 * The on-disk formats of a tiny experiment's run directory and of a tiny {@code rnnmem chaos --json}
 * study, reduced to what must not change when the code is reorganised: file lists, the header line
 * and row count of every CSV, and the sorted key paths of every JSON document (values excluded: times,
 * hosts and hashes change from run to run).
 *
 * <p>Each part is a list of lines kept in {@code src/test/resources/contract/NAME.txt}. {@link #main}
 * rewrites those files from today's code, run from the repository root:
 * {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt} then
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) org.rnnmemory.run.RunContract [WORK_DIR]}.
 */
final class RunContract {
    /** 2 seeds x 1 epoch x 2 updates of the tiny network (N = 12). */
    static final String YAML = """
            name: contract
            seeds: {from: 1, to: 2}
            network: {hidden_size: 12, tau_ms: 100, dt_ms: 10, gain: 1.5, network_seed: 1}
            task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                   duration_jitter_ms: 20, cost_onset_ms: 600, trials: 12}
            training: {epochs: 1, batch_size: 6, learning_rate: 0.01, workers: 1}
            evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
            """;

    /** Names of the parts, in the order they are kept. */
    static final List<String> PARTS = List.of("run-files", "run-tables", "run-json-keys", "chaos-stdout-keys",
            "chaos-files", "chaos-tables", "chaos-run-json-keys");

    private RunContract() {}

    /** Runs the tiny experiment and the tiny chaos study under {@code work} and returns every part. */
    static Map<String, List<String>> capture(Path work) throws IOException {
        Files.createDirectories(work);
        Path experiment = work.resolve("contract.yaml");
        Files.writeString(experiment, YAML);
        Path run = work.resolve("run");
        CliRun r = CliRun.of("run", "--no-report", experiment.toString(), "--out", run.toString());
        if (r.code() != 0) {
            throw new IllegalStateException("run failed: " + r.err());
        }
        Path chaos = work.resolve("chaos");
        CliRun c = CliRun.of("chaos", "--gains", "0.5,2", "--hidden-size", "30", "--network-seeds", "1-2",
                "--transient-tau", "5", "--duration-tau", "20", "--out", chaos.toString(), "--json");
        if (c.code() != 0) {
            throw new IllegalStateException("chaos failed: " + c.err());
        }
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("run-files", files(run));
        parts.put("run-tables", tables(run));
        parts.put("run-json-keys", keyPaths(Json.MAPPER.readTree(run.resolve("run.json").toFile())));
        parts.put("chaos-stdout-keys", keyPaths(Json.MAPPER.readTree(c.out())));
        parts.put("chaos-files", files(chaos));
        parts.put("chaos-tables", tables(chaos));
        parts.put("chaos-run-json-keys", keyPaths(Json.MAPPER.readTree(chaos.resolve("run.json").toFile())));
        return parts;
    }

    /** Every regular file under {@code dir}, relative, '/'-separated, sorted. */
    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** For every CSV under {@code dir}: "PATH | HEADER LINE | ROWS" (rows without the header). */
    static List<String> tables(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String f : files(dir)) {
            if (f.endsWith(".csv")) {
                List<String> lines = Files.readAllLines(dir.resolve(f), StandardCharsets.UTF_8);
                out.add(f + " | " + lines.get(0) + " | " + (lines.size() - 1));
            }
        }
        return out;
    }

    /**
     * The sorted, distinct key paths of a JSON document: objects as {@code a.b}, array elements as
     * {@code a[]} (the paths of all elements merged).
     */
    static List<String> keyPaths(JsonNode node) {
        TreeSet<String> out = new TreeSet<>();
        collect(node, "", out);
        return List.copyOf(out);
    }

    private static void collect(JsonNode node, String path, TreeSet<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                out.add(p);
                collect(e.getValue(), p, out);
            }
        } else if (node.isArray()) {
            for (JsonNode e : node) {
                collect(e, path + "[]", out);
            }
        }
    }

    /** The kept part {@code name}. */
    static List<String> expected(String name) {
        try {
            return Files.readAllLines(resource(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources/contract").resolve(name + ".txt");
    }

    /** Rewrites the kept parts from today's code, working in {@code args[0]} (a new temporary folder if absent). */
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("contract");
        for (Map.Entry<String, List<String>> e : capture(work).entrySet()) {
            Files.write(resource(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            System.out.println("wrote " + resource(e.getKey()) + " (" + e.getValue().size() + " lines)");
        }
    }
}
