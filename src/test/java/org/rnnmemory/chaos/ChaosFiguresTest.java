package org.rnnmemory.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.rnnmemory.plot.FigureSize;

class ChaosFiguresTest {

    @TempDir
    Path dir;

    @Test
    void writesTheFourFiguresAsPngAndSvgWithTheReferenceSeries() throws Exception {
        ChaosSettings s = new ChaosSettings(60, 0.1, 10, 30, 10, 1, 5, 0.1, 20, 3);
        List<ChaosResult> results = new ChaosStudy(List.of(0.5, 1.5, 2.0, 3.0, 4.0), List.of(1L, 2L), s, 1)
                .run(r -> {});
        List<Path> files = ChaosFigures.write(results, dir);
        assertEquals(8, files.size());
        for (String name : List.of("rate_traces", "lambda_vs_gain", "dimensionality_vs_gain", "delta0_vs_gain")) {
            assertTrue(Files.size(dir.resolve(name + ".svg")) > 1000, name);
            BufferedImage img = ImageIO.read(dir.resolve(name + ".png").toFile());
            assertEquals(name.equals("rate_traces") ? FigureSize.DOUBLE_COLUMN_STRIP.widthPx(300)
                    : FigureSize.COLUMN_TALL.widthPx(300), img.getWidth(), name);
        }
        BufferedImage traces = ImageIO.read(dir.resolve("rate_traces.png").toFile());
        assertEquals(4 * FigureSize.DOUBLE_COLUMN_STRIP.heightPx(300), traces.getHeight(), 1.0,
                "four of the five gains, stacked");

        var summary = ChaosTable.summaryByGain(ChaosTable.of(results));
        XYChart lambda = ChaosFigures.lambda(results, summary, "N = 60");
        assertTrue(lambda.getSeriesMap().containsKey(MeanFieldReference.SOURCE));
        assertEquals(4, lambda.getSeriesMap().get(MeanFieldReference.SOURCE).getXData().length);
        assertTrue(lambda.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("g − 1")),
                "linear-stability line below g = 1: " + lambda.getSeriesMap().keySet());
        assertEquals("gain g", lambda.getXAxisTitle());
        assertTrue(lambda.getYAxisTitle().contains("(1/τ)"), lambda.getYAxisTitle());
        XYChart dim = ChaosFigures.dimensionality(results, summary, "N = 60");
        assertTrue(dim.getStyler().isYAxisLogarithmic());
    }

    @Test
    void spreadPicksEndsAndEvenlySpacedMiddles() {
        assertEquals(List.of(1, 3, 5, 7), ChaosFigures.spread(List.of(1, 2, 3, 4, 5, 6, 7), 4));
        assertEquals(List.of(1, 2), ChaosFigures.spread(List.of(1, 2), 4));
    }
}
