package org.rnnmemory.analysis;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.run.RunTables;
import tech.tablesaw.api.Table;

/**
 * One or more run directories of the same experiment (seeds sharded across runs or machines),
 * merged into one set of seeds. The directories' resolved configurations must agree in every key
 * but {@code seeds}, and no seed may appear twice.
 *
 * @param dirs the run directories, in the order given; analysis output goes into the first
 * @param spec the experiment, its {@code seeds} replaced by the union of the directories' seeds
 * @param seeds one row per seed from the directories' {@code tables/seeds.csv}, ascending seed
 * @param curves the directories' {@code tables/curves.csv} rows, by seed then update
 * @param seedDirs each seed's weights folder ({@code RUN_DIR/seeds/seed-N})
 */
public record RunSet(List<Path> dirs, ExperimentSpec spec, List<SeedRecord> seeds, List<CurveRecord> curves,
                     Map<Integer, Path> seedDirs) {

    /**
     * One row of seeds.csv.
     *
     * @param seed model seed
     * @param status "completed" or "diverged"
     * @param metrics every numeric column of seeds.csv but {@code seed}, by column name
     */
    public record SeedRecord(int seed, String status, Map<String, Double> metrics) {}

    /** One row of curves.csv: loss and per-parameter gradient norms before an update. */
    public record CurveRecord(int seed, int update, double loss, double gradNormInput, double gradNormReadout) {}

    public RunSet {
        dirs = List.copyOf(dirs);
        seeds = List.copyOf(seeds);
        curves = List.copyOf(curves);
        seedDirs = Map.copyOf(seedDirs);
    }

    /** The directory that receives the analysis. */
    public Path outputDir() {
        return dirs.get(0);
    }

    /** The SPEC-section-4 metric columns of seeds.csv, in table order. */
    public List<String> specMetricNames() {
        return seeds.isEmpty() ? List.of() : List.copyOf(seeds.get(0).metrics().keySet());
    }

    /**
     * Opens and merges run directories.
     *
     * @throws UserInputException if the configurations differ in a key other than {@code seeds} (the
     *     message names the keys), if a seed appears in two directories, or if no directory is given
     * @throws InputFileException if a directory lacks its resolved config or tables
     */
    public static RunSet open(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new UserInputException("name at least one run directory");
        }
        List<ExperimentSpec> specs = new ArrayList<>();
        for (Path d : dirs) {
            specs.add(loadSpec(d));
        }
        for (int i = 1; i < dirs.size(); i++) {
            List<String> diff = differingKeys(specs.get(0), specs.get(i));
            if (!diff.isEmpty()) {
                throw new UserInputException("cannot merge " + dirs.get(i) + " with " + dirs.get(0)
                        + ": their configurations differ in " + String.join(", ", diff));
            }
        }
        TreeMap<Integer, SeedRecord> seeds = new TreeMap<>();
        Map<Integer, Path> origin = new LinkedHashMap<>();
        List<CurveRecord> curves = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            Path d = dirs.get(i);
            List<String> labels = specs.get(i).evalProtocol().durationLabels();
            for (SeedRecord r : readSeeds(d, labels)) {
                Path before = origin.putIfAbsent(r.seed(), d);
                if (before != null) {
                    throw new UserInputException("seed " + r.seed() + " appears in both " + before + " and " + d
                            + "; each seed must come from one run directory");
                }
                seeds.put(r.seed(), r);
            }
            curves.addAll(readCurves(d, labels));
        }
        curves.sort((a, b) -> a.seed() != b.seed() ? Integer.compare(a.seed(), b.seed())
                : Integer.compare(a.update(), b.update()));
        Map<Integer, Path> seedDirs = new LinkedHashMap<>();
        origin.forEach((s, d) -> seedDirs.put(s, RunDirectory.of(d).seed(s)));
        ExperimentSpec merged = specs.get(0).withSeeds(new ArrayList<>(seeds.keySet()));
        return new RunSet(dirs, merged, new ArrayList<>(seeds.values()), curves, seedDirs);
    }

    /**
     * Dotted keys whose values differ between two experiments, {@code seeds} and the execution-only
     * keys ({@link ExperimentSpec#EXECUTION_KEYS}) excepted.
     */
    public static List<String> differingKeys(ExperimentSpec a, ExperimentSpec b) {
        return differingKeys(a.flatten(), b.flatten());
    }

    /** As {@link #differingKeys(ExperimentSpec, ExperimentSpec)}, for two flattened configurations. */
    static List<String> differingKeys(Map<String, Object> fa, Map<String, Object> fb) {
        List<String> keys = new ArrayList<>(fa.keySet());
        fb.keySet().stream().filter(k -> !fa.containsKey(k)).forEach(keys::add);
        List<String> diff = new ArrayList<>();
        for (String k : keys) {
            if (!"seeds".equals(k) && !ExperimentSpec.EXECUTION_KEYS.contains(k) && !Objects.equals(fa.get(k), fb.get(k))) {
                diff.add(k);
            }
        }
        return diff;
    }

    private static ExperimentSpec loadSpec(Path dir) {
        return RunDirectory.of(dir).spec();
    }

    private static List<SeedRecord> readSeeds(Path dir, List<String> labels) {
        Path file = RunDirectory.of(dir).seedsCsv();
        Table t = RunDirectory.of(dir).seedsTable(labels);
        if (t.rowCount() == 0) {
            throw new InputFileException(file, "holds no seed rows (a run writes one per seed)");
        }
        List<SeedRecord> out = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (String c : RunTables.schema(labels).columns(RunTables.SEEDS).keySet()) {
                if (isSpecMetric(c, labels)) {
                    m.put(c, t.numberColumn(c).getDouble(r));
                }
            }
            out.add(new SeedRecord(t.intColumn("seed").getInt(r), t.stringColumn("status").get(r), m));
        }
        return out;
    }

    /** Columns of seeds.csv that hold the evaluation metrics of SPEC section 4. */
    static boolean isSpecMetric(String column, List<String> labels) {
        return column.equals("precision") || column.equals("weight_correlation")
                || labels.stream().anyMatch(l -> column.equals("loss_" + l))
                || column.startsWith("input_spont_") || column.startsWith("readout_mem_");
    }

    private static List<CurveRecord> readCurves(Path dir, List<String> labels) {
        Table t = RunDirectory.of(dir).curvesTable(labels);
        List<CurveRecord> out = new ArrayList<>(t.rowCount());
        for (int r = 0; r < t.rowCount(); r++) {
            out.add(new CurveRecord(t.intColumn("seed").getInt(r), t.intColumn("update").getInt(r),
                    t.numberColumn("loss").getDouble(r), t.numberColumn("grad_norm_input").getDouble(r),
                    t.numberColumn("grad_norm_readout").getDouble(r)));
        }
        return out;
    }
}
