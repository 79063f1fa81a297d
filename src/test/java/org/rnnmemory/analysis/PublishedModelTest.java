package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Seed 1 of a System A ensemble against the published model 1 ({@link PublishedModel}). */
class PublishedModelTest {
    private static final Path REF = Path.of("src/test/resources/reference/sys_A1");
    private static final PublishedReference PUBLISHED = PublishedReference.load();

    @TempDir
    Path tmp;

    /** The shipped weights are those of the published model 1: its cos(I, w) is the published one (6 digits). */
    @Test
    void theShippedWeightsHaveThePublishedWeightCorrelation() {
        double[][] w = PublishedModel.publishedWeights();
        assertEquals(500, w[0].length);
        assertEquals(500, w[1].length);
        assertEquals(1.0, PUBLISHED.column("seed")[0]);
        assertEquals(PUBLISHED.column("weight_correlation")[0], ReadoutGeometry.cos(w[0], w[1]), 5e-7);
    }

    @Test
    void aRowGivesPearsonRWithThePublishedWeights() {
        double[][] pub = PublishedModel.publishedWeights();
        double[] affine = new double[500];
        double[] flipped = new double[500];
        for (int i = 0; i < 500; i++) {
            affine[i] = 2 * pub[0][i] + 3;
            flipped[i] = -0.5 * pub[1][i];
        }
        Table t = PublishedModel.empty();
        PublishedModel.add(t, affine, flipped, pub, 0.02, 0.87, PUBLISHED);
        assertEquals(1, t.rowCount());
        assertEquals(1, t.intColumn("seed").get(0));
        assertEquals(1.0, t.doubleColumn("input_r").get(0), 1e-12);
        assertEquals(-1.0, t.doubleColumn("readout_r").get(0), 1e-12);
        assertEquals(0.02, t.doubleColumn("precision").get(0));
        assertEquals(PUBLISHED.column("precision")[0], t.doubleColumn("published_precision").get(0));
        assertEquals(0.87, t.doubleColumn("weight_correlation").get(0));
        assertEquals(PUBLISHED.column("weight_correlation")[0],
                t.doubleColumn("published_weight_correlation").get(0));
        assertThrows(IllegalArgumentException.class,
                () -> PublishedModel.add(PublishedModel.empty(), new double[3], new double[3], pub, 0, 0, PUBLISHED));
    }

    private static Table analysis(int seed, double precision) {
        Table t = Table.create(AnalysisTables.ANALYSIS, IntColumn.create("seed"), StringColumn.create("status"),
                DoubleColumn.create("precision"), DoubleColumn.create("weight_correlation"));
        t.intColumn("seed").append(seed);
        t.stringColumn("status").append("completed");
        t.doubleColumn("precision").append(precision);
        t.doubleColumn("weight_correlation").append(0.88);
        return t;
    }

    /** The published weights in a seed folder, as a run writes them. */
    private Path publishedAsSeedDir() throws Exception {
        Path dir = tmp.resolve("seed-1");
        Files.createDirectories(dir);
        for (String f : List.of("G.npy", "I.npy", "w.npy", "h0.npy")) {
            Files.copy(REF.resolve(f), dir.resolve(f));
        }
        return dir;
    }

    @Test
    void systemAWithTheReferenceDrawsComparesSeedOne() throws Exception {
        ExperimentSpec spec = ExperimentLoader.load(Path.of("experiments/system-a.yaml"), List.of("seeds=[1,2]"));
        Table t = PublishedModel.table(spec, analysis(1, 0.0175), publishedAsSeedDir(), PUBLISHED);
        assertEquals(1, t.rowCount());
        assertEquals(1.0, t.doubleColumn("input_r").get(0), 1e-12);
        assertEquals(1.0, t.doubleColumn("readout_r").get(0), 1e-12);
        assertEquals(0.0175, t.doubleColumn("precision").get(0));
    }

    @Test
    void thePublishedWeightsLieBesideATableWithItsRowOnly() throws Exception {
        ExperimentSpec spec = ExperimentLoader.load(Path.of("experiments/system-a.yaml"), List.of());
        Path tables = tmp.resolve("tables");
        PublishedModel.writeWeights(PublishedModel.table(spec, analysis(1, 0.02), publishedAsSeedDir(), PUBLISHED),
                tables);
        for (String f : List.of("I.npy", "w.npy")) {
            assertEquals(-1L, Files.mismatch(REF.resolve(f), tables.resolve(PublishedModel.FOLDER).resolve(f)), f);
        }
        PublishedModel.writeWeights(PublishedModel.empty(), tables);
        assertEquals(0, Files.list(tables.resolve(PublishedModel.FOLDER)).count());
    }

    @Test
    void anotherSetUpOrNoSeedOneGivesNoRow() throws Exception {
        Path dir = publishedAsSeedDir();
        ExperimentSpec native_ = ExperimentLoader.load(Path.of("experiments/system-a-native.yaml"), List.of());
        assertEquals(0, PublishedModel.table(native_, analysis(1, 0.02), dir, PUBLISHED).rowCount());
        ExperimentSpec a = ExperimentLoader.load(Path.of("experiments/system-a.yaml"), List.of());
        assertEquals(0, PublishedModel.table(a, analysis(2, 0.02), dir, PUBLISHED).rowCount());
        assertEquals(0, PublishedModel.table(a, analysis(1, Double.NaN), dir, PUBLISHED).rowCount());
        ExperimentSpec float64 = ExperimentLoader.load(Path.of("experiments/system-a.yaml"),
                List.of("training.dtype=float64"));
        assertEquals(0, PublishedModel.table(float64, analysis(1, 0.02), dir, PUBLISHED).rowCount());
    }
}
