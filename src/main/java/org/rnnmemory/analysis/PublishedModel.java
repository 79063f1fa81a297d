package org.rnnmemory.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.analysis.stats.Correlation;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.AtomicFiles;
import org.rnnmemory.io.Npy;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.WeightsIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Model seed 1 of a System A ensemble against the published System A model 1, whose trained input and
 * readout weights ship as resources ({@value #INPUT_RESOURCE}, {@value #READOUT_RESOURCE}: the
 * reference implementation's {@code sys_A1}). The comparison is made only when the experiment is
 * System A with the reference's own initial networks ({@link Findings#differencesFromSystemA} is
 * empty): then both models start from the same network and differ only in their training trials,
 * which the reference did not seed. Otherwise the table has no row.
 *
 * <p>One row: Pearson r of the trained I with the published I and of the trained w with the
 * published w (over the N units), and precision and cos(I, w) of both models (published values from
 * {@link PublishedReference}).
 */
final class PublishedModel {
    /** The model seed of the published weights. */
    static final int SEED = 1;
    static final String INPUT_RESOURCE = "/reference/sys_A1/I.npy";
    static final String READOUT_RESOURCE = "/reference/sys_A1/w.npy";
    /**
     * The folder under {@code tables/} where an analysis with a row puts the published I.npy and w.npy, so
     * that its notebook can recompute the correlations.
     */
    static final String FOLDER = "published_model_1";

    private PublishedModel() {}

    /**
     * Writes the published I.npy and w.npy, byte for byte, into {@code tables/}{@value #FOLDER} when
     * {@code table} has a row; otherwise removes that folder's files, so that no stale copy remains.
     */
    static void writeWeights(Table table, Path tables) {
        Path dir = tables.resolve(FOLDER);
        for (String name : List.of(INPUT_RESOURCE, READOUT_RESOURCE)) {
            Path file = dir.resolve(Path.of(name).getFileName().toString());
            if (table.rowCount() > 0) {
                byte[] bytes = bytes(name);
                AtomicFiles.write(file, out -> out.write(bytes));
            } else {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    /** The published model's trained weights: {@code [0]} is I, {@code [1]} is w, as double vectors. */
    static double[][] publishedWeights() {
        return new double[][] {resource(INPUT_RESOURCE), resource(READOUT_RESOURCE)};
    }

    private static double[] resource(String name) {
        return Npy.read(name, bytes(name), DataType.DOUBLE).data().asDouble();
    }

    private static byte[] bytes(String name) {
        try (InputStream in = PublishedModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The comparison table ({@link AnalysisTables#PUBLISHED_MODEL}): one row when {@code spec} is System A
     * and model seed {@value #SEED} was analysed (its row of {@code analysis} has a finite precision), else
     * none.
     *
     * @param seedDir the seed's weights folder, read only when the row is made
     */
    static Table table(ExperimentSpec spec, Table analysis, Path seedDir, PublishedReference ref) {
        Table t = empty();
        OptionalInt row = analysedRow(analysis);
        if (!Findings.differencesFromSystemA(spec).isEmpty() || row.isEmpty() || seedDir == null) {
            return t;
        }
        CtrnnWeights trained = WeightsIO.load(seedDir, DataType.DOUBLE);
        double[][] published = publishedWeights();
        add(t, trained.I().data().asDouble(), trained.w().data().asDouble(), published,
                analysis.doubleColumn("precision").getDouble(row.getAsInt()),
                analysis.doubleColumn("weight_correlation").getDouble(row.getAsInt()), ref);
        return t;
    }

    /** Adds the row of a trained I and w with their precision and cos(I, w). */
    static void add(Table t, double[] input, double[] readout, double[][] published, double precision,
                    double weightCorrelation, PublishedReference ref) {
        if (input.length != published[0].length || readout.length != published[1].length) {
            throw new IllegalArgumentException("the published model has N = " + published[0].length
                    + "; this one has N = " + input.length);
        }
        int i = publishedIndex(ref);
        t.intColumn("seed").append(SEED);
        t.doubleColumn("input_r").append(Correlation.pearson(input, published[0]).r());
        t.doubleColumn("readout_r").append(Correlation.pearson(readout, published[1]).r());
        t.doubleColumn("precision").append(precision);
        t.doubleColumn("published_precision").append(ref.column("precision")[i]);
        t.doubleColumn("weight_correlation").append(weightCorrelation);
        t.doubleColumn("published_weight_correlation").append(ref.column("weight_correlation")[i]);
    }

    static Table empty() {
        return Table.create(AnalysisTables.PUBLISHED_MODEL, IntColumn.create("seed"), DoubleColumn.create("input_r"),
                DoubleColumn.create("readout_r"), DoubleColumn.create("precision"),
                DoubleColumn.create("published_precision"), DoubleColumn.create("weight_correlation"),
                DoubleColumn.create("published_weight_correlation"));
    }

    private static OptionalInt analysedRow(Table analysis) {
        IntColumn seeds = analysis.intColumn("seed");
        for (int r = 0; r < analysis.rowCount(); r++) {
            if (seeds.get(r) == SEED && Double.isFinite(analysis.doubleColumn("precision").getDouble(r))) {
                return OptionalInt.of(r);
            }
        }
        return OptionalInt.empty();
    }

    private static int publishedIndex(PublishedReference ref) {
        double[] seeds = ref.column("seed");
        for (int i = 0; i < seeds.length; i++) {
            if (seeds[i] == SEED) {
                return i;
            }
        }
        throw new IllegalStateException(PublishedReference.RESOURCE + " has no model " + SEED);
    }
}
