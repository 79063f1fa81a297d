package org.rnnmemory.chaos;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class ChaosTableTest {

    @TempDir
    Path dir;

    static ChaosResult result(double gain, long seed, double lambda, double delta0, double pr) {
        return new ChaosResult(gain, seed, 100, 0.1, 50, 400, new double[] {lambda, lambda - 0.1}, 0.01, 0.001,
                true, delta0, delta0 / 2, pr, 80, 0.5, RateTrace.empty());
    }

    static final List<ChaosResult> RESULTS = List.of(
            result(3.0, 1, 0.20, 5.0, 4.0), result(3.0, 2, 0.22, 5.4, 6.0),
            result(0.5, 1, -0.5, 0.0, Double.NaN), result(0.5, 2, -0.52, 0.0, Double.NaN));

    @Test
    void tableHasOneRowPerGainAndSeedAndTheDeclaredColumnsAfterARoundTrip() throws Exception {
        Table t = ChaosTable.of(RESULTS);
        ChaosTable.write(t, dir.resolve("chaos.csv"));
        assertEquals(String.join(",", ChaosTable.COLUMNS), Files.readAllLines(dir.resolve("chaos.csv")).get(0));
        Table back = ChaosTable.read(dir.resolve("chaos.csv"));
        assertEquals(4, back.rowCount());
        assertEquals(ChaosTable.COLUMNS, back.columnNames());
        for (int c = 0; c < ChaosTable.TYPES.length; c++) {
            assertEquals(ChaosTable.TYPES[c], back.column(c).type(), back.column(c).name());
        }
        assertEquals(ColumnType.LONG, back.column("network_seed").type());
        assertArrayEquals(new double[] {3.0, 3.0, 0.5, 0.5}, back.doubleColumn("gain").asDoubleArray(), 0.0);
        assertEquals(0.22, back.doubleColumn("lambda_max").getDouble(1), 0.0);
        assertEquals(0.06, back.doubleColumn("dimensionality_over_n").getDouble(1), 1e-15);
        assertTrue(back.doubleColumn("dimensionality").isMissing(2), "NaN is written as an empty cell");
        assertEquals(2L, back.longColumn("network_seed").get(3));
        assertTrue(back.booleanColumn("lambda_converged").get(0));
    }

    @Test
    void summaryByGainHasMeanSdAndCountSortedByGain() {
        Table s = ChaosTable.summaryByGain(ChaosTable.of(RESULTS));
        assertArrayEquals(new double[] {0.5, 3.0}, s.doubleColumn("gain").asDoubleArray(), 0.0);
        assertArrayEquals(new double[] {-0.51, 0.21}, ChaosTable.summaryColumn(s, "mean", "lambda_max"), 1e-12);
        assertEquals(Math.sqrt(2) * 0.01, ChaosTable.summaryColumn(s, "sd", "lambda_max")[1], 1e-12);
        assertEquals(5.2, ChaosTable.summaryColumn(s, "mean", "delta0")[1], 1e-12);
        assertEquals(0.05, ChaosTable.summaryColumn(s, "mean", "dimensionality_over_n")[1], 1e-12);
        assertArrayEquals(new double[] {0, 2}, ChaosTable.summaryColumn(s, "count", "dimensionality_over_n"), 0.0);
    }

    @Test
    void spectrumTableIsLongForm() {
        Table t = ChaosTable.spectrum(RESULTS);
        assertEquals(8, t.rowCount());
        assertEquals(List.of("gain", "network_seed", "index", "exponent_per_tau"), t.columnNames());
        assertEquals(2, t.intColumn("index").get(1));
        assertEquals(0.1, t.doubleColumn("exponent_per_tau").getDouble(1), 1e-15);
    }

    @Test
    void reportShowsMeansAndTheTheoryPerGain() {
        String text = ChaosReport.text(RESULTS);
        assertTrue(text.contains("0.2100 ± 0.0141"), text);
        assertTrue(text.contains("0.2355"), "DMFT value at g = 3: " + text);
        assertTrue(text.contains("-0.5000*"), "g - 1 below the transition: " + text);
        assertTrue(text.contains("5.446"), text);
        assertEquals(2 + 2 + 2, text.lines().count(), text);
    }

    @Test
    void jsonHasSnakeCaseKeysAndNullForNaN() {
        var o = RESULTS.get(2).toJson();
        assertEquals(-0.5, o.get("lambda_max").asDouble(), 0.0);
        assertTrue(o.get("dimensionality").isNull());
        assertEquals(2, o.get("lyapunov_spectrum").size());
        assertEquals(40.0, o.get("duration_tau").asDouble(), 1e-12);
    }
}
