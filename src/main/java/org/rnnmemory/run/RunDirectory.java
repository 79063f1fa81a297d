package org.rnnmemory.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.RunLock;
import org.rnnmemory.train.Checkpoint;
import tech.tablesaw.api.Table;

/**
 * The on-disk layout of a run directory, the one place every command asks for it:
 *
 * <pre>
 * RUN_DIR/config.yaml            the experiment file as given
 * RUN_DIR/config.resolved.yaml   every key, with overrides and defaults applied (marks a run directory)
 * RUN_DIR/run.json               provenance and status ({@link RunRecord})
 * RUN_DIR/checkpoint.bin         training state after the last completed epoch
 * RUN_DIR/tables/seeds.csv       one row per seed ({@link RunTables})
 * RUN_DIR/tables/curves.csv      one row per seed and update
 * RUN_DIR/tables/schema.json     type, unit and meaning of every column
 * RUN_DIR/seeds/seed-N/          G.npy, I.npy, w.npy, h0.npy, model.json of model seed N
 * RUN_DIR/figures/               figures of the analysis (PNG and SVG)
 * RUN_DIR/report/                the report of the analysis
 * RUN_DIR/.lock                  held by the process that writes the directory ({@link RunLock})
 * </pre>
 *
 * @param dir the run directory (need not exist: a run about to start)
 */
public record RunDirectory(Path dir) {
    public static final String CONFIG = "config.yaml";
    public static final String RESOLVED = "config.resolved.yaml";
    public static final String RUN_JSON = "run.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    public static final String TABLES = "tables";
    public static final String SCHEMA = "schema.json";
    public static final String SEEDS = "seeds";
    public static final String FIGURES = "figures";
    public static final String REPORT = "report";
    /** The per-seed table, relative to the run directory. */
    public static final String SEEDS_CSV = TABLES + "/" + RunTables.SEEDS + ".csv";
    /** The per-update table, relative to the run directory. */
    public static final String CURVES_CSV = TABLES + "/" + RunTables.CURVES + ".csv";
    /** A model seed's folder name, {@code seed-N}. */
    private static final Pattern SEED_FOLDER = Pattern.compile("seed-(\\d+)");

    public RunDirectory {
        if (dir == null) {
            throw new IllegalArgumentException("dir must not be null");
        }
    }

    /** The layout rooted at {@code dir}; nothing is checked. */
    public static RunDirectory of(Path dir) {
        return new RunDirectory(dir);
    }

    /** Whether {@code dir} holds a run: its {@code config.resolved.yaml} exists. */
    public static boolean isRunDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(RESOLVED));
    }

    /**
     * An existing run directory.
     *
     * @throws InputFileException naming {@code dir} if it does not exist or holds no {@code config.resolved.yaml}
     */
    public static RunDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputFileException(dir, "not a run directory (not found)");
        }
        if (!isRunDirectory(dir)) {
            throw new InputFileException(dir, "not a run directory: no " + RESOLVED);
        }
        return new RunDirectory(dir);
    }

    /**
     * The run directory that holds a model seed's folder {@code RUN_DIR/seeds/seed-N}, when
     * {@code folder} is one and its run directory holds a run.
     */
    public static Optional<RunDirectory> ofSeedFolder(Path folder) {
        Path abs = folder.toAbsolutePath().normalize();
        Path seeds = abs.getParent();
        Path run = seeds == null ? null : seeds.getParent();
        return run != null && isRunDirectory(run) ? Optional.of(new RunDirectory(run)) : Optional.empty();
    }

    /** The model seed N of a folder named {@code seed-N}, when it is so named. */
    public static OptionalInt seedOf(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        Matcher m = SEED_FOLDER.matcher(name == null ? "" : name.toString());
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /**
     * {@code run.json} read back.
     *
     * @throws org.rnnmemory.io.InputFileException naming {@code run.json} if it is missing or not JSON
     */
    public RunRecord record() {
        return RunRecord.read(runJson());
    }

    /** Whether this directory holds a run. */
    public boolean exists() {
        return isRunDirectory(dir);
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path resolved() {
        return dir.resolve(RESOLVED);
    }

    public Path runJson() {
        return dir.resolve(RUN_JSON);
    }

    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    /**
     * The update a resumed run would continue from, as {@code checkpoint.bin} records it; empty when
     * there is no checkpoint.
     *
     * @throws RuntimeException the checkpoint reader's error when the file is not a readable checkpoint
     */
    public OptionalInt checkpointNextUpdate() {
        Path file = checkpoint();
        return Files.isRegularFile(file) ? OptionalInt.of(Checkpoint.read(file, 1.0).nextUpdate()) : OptionalInt.empty();
    }

    public Path lock() {
        return dir.resolve(RunLock.FILE);
    }

    public Path tables() {
        return dir.resolve(TABLES);
    }

    /** {@code tables/NAME.csv}. */
    public Path table(String name) {
        return tables().resolve(name + ".csv");
    }

    public Path seedsCsv() {
        return dir.resolve(SEEDS_CSV);
    }

    public Path curvesCsv() {
        return dir.resolve(CURVES_CSV);
    }

    /** {@code tables/schema.json}. */
    public Path schema() {
        return tables().resolve(SCHEMA);
    }

    /** The folder of every seed's weights, {@code seeds/}. */
    public Path seedsFolder() {
        return dir.resolve(SEEDS);
    }

    /** Model seed {@code seed}'s weights folder, {@code seeds/seed-N}. */
    public Path seed(int seed) {
        return seedsFolder().resolve("seed-" + seed);
    }

    public Path figures() {
        return dir.resolve(FIGURES);
    }

    /** The report folder inside the run directory. */
    public Path report() {
        return dir.resolve(REPORT);
    }

    /**
     * The experiment as the run resolved it.
     *
     * @throws InputFileException naming {@code config.resolved.yaml} if it is missing, or the
     *     loader's error if it is malformed
     */
    public ExperimentSpec spec() {
        if (!isRunDirectory(dir)) {
            throw new InputFileException(resolved(), "not found: " + dir + " is not a run directory");
        }
        return ExperimentLoader.load(resolved(), List.of());
    }

    /**
     * {@code tables/seeds.csv} read with its declared column types.
     *
     * @param durationLabels the evaluation's duration labels (ms), which name its {@code loss_<ms>} columns
     * @throws InputFileException naming the file if it is missing or does not follow its schema
     */
    public Table seedsTable(List<String> durationLabels) {
        return RunTables.schema(durationLabels).readCsv(RunTables.SEEDS, seedsCsv());
    }

    /** {@code tables/curves.csv} read with its declared column types. */
    public Table curvesTable(List<String> durationLabels) {
        return RunTables.schema(durationLabels).readCsv(RunTables.CURVES, curvesCsv());
    }
}
