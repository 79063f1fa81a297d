package org.rnnmemory.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.analysis.stats.Summary;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.run.RunDirectory;
import org.rnnmemory.run.RunTables;
import tech.tablesaw.api.Table;

/**
 * Reads a run directory's {@code tables/seeds.csv} with the column types of its schema, or a sharded
 * candidate's as one table (its shards' tables one after another, in seed order).
 */
final class SeedTables {
    private SeedTables() {}

    /** {@code RUN_DIR/tables/seeds.csv}. */
    static Path file(Path runDir) {
        return RunDirectory.of(runDir).seedsCsv();
    }

    /** The table, typed by {@link RunTables#schema} (durations taken from its {@code loss_<d>} columns). */
    static Table read(Path runDir) {
        Path f = file(runDir);
        List<String> labels = new ArrayList<>();
        try {
            if (!Files.isRegularFile(f)) {
                throw new InputFileException(f, "table not found");
            }
            String header = Files.readAllLines(f).get(0);
            for (String c : header.split(",")) {
                if (c.startsWith("loss_")) {
                    labels.add(c.substring("loss_".length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
        return RunDirectory.of(runDir).seedsTable(labels);
    }

    /**
     * The seeds tables of {@code runDirs} concatenated in that order (a candidate's shards, in the order
     * of its seeds); every table must have the same columns.
     *
     * @throws InputFileException naming the first table whose columns differ from the first one's
     */
    static Table read(List<Path> runDirs) {
        Table all = read(runDirs.get(0));
        for (Path d : runDirs.subList(1, runDirs.size())) {
            Table t = read(d);
            if (!t.columnNames().equals(all.columnNames())) {
                throw new InputFileException(file(d), "columns " + t.columnNames() + " differ from those of "
                        + file(runDirs.get(0)) + " " + all.columnNames());
            }
            all.append(t);
        }
        return all;
    }

    /** Median of the finite precisions in a seeds table (NaN when there are none). */
    static double medianPrecision(Table seeds) {
        return Summary.of(seeds.doubleColumn("precision").asDoubleArray()).median();
    }
}
