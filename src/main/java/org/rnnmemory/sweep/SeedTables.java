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

/** Reads a run directory's {@code tables/seeds.csv} with the column types of its schema. */
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

    /** Median of the finite precisions in a seeds table (NaN when there are none). */
    static double medianPrecision(Table seeds) {
        return Summary.of(seeds.doubleColumn("precision").asDoubleArray()).median();
    }
}
