package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.AtomicFiles;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class StatsTableTest {

    @Test
    void mergesResultsIntoTypedColumnsWithTheCsvNames(@TempDir Path dir) throws IOException {
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y1 = {1.2, 1.9, 3.4, 3.9, 5.5, 5.8};
        double[] y2 = {6.1, 4.8, 4.4, 2.1, 2.3, 0.4};
        StatTable st = new StatTable("correlations", "metric");
        st.add("up", Correlation.pearson(x, y1), Correlation.spearman(x, y1), BootstrapCi.pearson(x, y1, 10_000, 1, 0.95));
        st.add("down", Correlation.pearson(x, y2), Correlation.spearman(x, y2), BootstrapCi.pearson(x, y2, 10_000, 1, 0.95));
        Table t = st.toTable();
        t.addColumns(DoubleColumn.create(Holm.COLUMN, Holm.adjust(t.doubleColumn("pearson_p").asDoubleArray())));
        assertEquals(List.of("metric", "n", "pearson_r", "pearson_p", "spearman_rho", "spearman_p", "r_ci_low",
                "r_ci_high", "ci_level", "ci_resamples", "ci_valid_resamples", "ci_seed", "holm_p"), t.columnNames());
        assertEquals(ColumnType.INTEGER, t.column("n").type());
        assertEquals(ColumnType.LONG, t.column("ci_seed").type());
        assertEquals(ColumnType.DOUBLE, t.column("pearson_r").type());
        assertEquals(Correlation.pearson(x, y2).r(), t.doubleColumn("pearson_r").get(1), 0.0);

        Path csv = dir.resolve("correlations.csv");
        AtomicFiles.writeVia(csv, tmp -> t.write().csv(tmp.toFile()));
        Table back = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).columnTypesToDetect(
                List.of(ColumnType.INTEGER, ColumnType.DOUBLE, ColumnType.STRING)));
        assertEquals(t.columnNames(), back.columnNames());
        assertEquals(t.doubleColumn("holm_p").get(0), back.numberColumn("holm_p").getDouble(0), 0.0);
        assertTrue(Files.readString(csv).startsWith("metric,n,pearson_r,pearson_p,spearman_rho,spearman_p,"));
    }

    @Test
    void mannWhitneyMethodIsAStringColumn() {
        StatTable st = new StatTable("groups", "metric");
        st.add("a", MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6}));
        Table t = st.toTable();
        assertEquals(List.of("metric", "n_x", "n_y", "mw_u", "mw_p", "mw_method", "cles", "rank_biserial_r"),
                t.columnNames());
        assertEquals("exact", t.stringColumn("mw_method").get(0));
    }

    @Test
    void conflictingSharedColumnIsRejectedNamingRowAndColumn() {
        StatTable st = new StatTable("t", "metric");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> st.add("m",
                Summary.of(new double[] {1, 2, 3}), Summary.of(new double[] {1, 2})));
        assertEquals("row 'm': column n has conflicting values 3 and 2", e.getMessage());
    }

    @Test
    void rowsWithDifferentColumnsAreRejected() {
        StatTable st = new StatTable("t", "metric");
        st.add("a", Summary.of(new double[] {1, 2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> st.add("b", Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 1, 3})));
        assertTrue(e.getMessage().startsWith("row 'b' has columns [n, pearson_r, pearson_p]"), e.getMessage());
    }
}
