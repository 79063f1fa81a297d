package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnnmemory.eval.Metric;
import org.rnnmemory.eval.SpecMetrics;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.plot.HouseStyle;
import org.rnnmemory.run.RunTables;

/** The metric catalogue: one entry per table column, shared by the tables' schemas and the figures' axes. */
class MetricCatalogTest {
    private static final List<String> DURATIONS = List.of("50", "150", "300");
    /** Widest axis title, in points, that a panel a third of a page wide (7/3 in) shows whole. */
    private static final double THIRD_PANEL_TITLE_PT = 132;

    private static List<String> allColumns() {
        List<String> all = new ArrayList<>(SpecMetrics.all(DURATIONS).stream().map(Metric::name).toList());
        all.addAll(SeedDynamics.METRICS);
        return all;
    }

    @Test
    void everyMetricTheAnalysisWritesHasOneCatalogueEntry() {
        assertTrue(MetricCatalog.analysisNames().containsAll(SeedDynamics.METRICS));
        assertEquals(MetricCatalog.analysisNames().size(), Set.copyOf(MetricCatalog.analysisNames()).size());
        for (String m : allColumns()) {
            assertEquals(m, MetricCatalog.get(m).name());
        }
        assertEquals("MSE, 999 ms pulse", MetricCatalog.get("loss_999").label());
        assertEquals("unknown metric 'nope'",
                assertThrows(IllegalArgumentException.class, () -> MetricCatalog.get("nope")).getMessage());
    }

    @Test
    void theAnalysisComputesExactlyTheDeclaredSeedMetricsInTheirOrder() {
        List<String> declared = MetricCatalog.SEED_METRICS.stream().map(SeedMetric::name).toList();
        assertEquals(declared, SeedDynamics.METRICS);
        assertEquals(declared, MetricCatalog.analysisNames());
        for (SeedMetric m : MetricCatalog.SEED_METRICS) {
            assertEquals(m.metric(), MetricCatalog.get(m.name()), m.name());
        }
    }

    @Test
    void kindsAreTheDocumentedOnes() {
        Set<String> kinds = Set.of(Metric.PERFORMANCE, Metric.WEIGHTS, Metric.PCA, Metric.LEGACY, Metric.READOUT,
                Metric.TRAJECTORY, Metric.OUTPUT);
        for (String m : allColumns()) {
            assertTrue(kinds.contains(MetricCatalog.kind(m)), m);
        }
        assertEquals(Metric.LEGACY, MetricCatalog.kind("readout_mem_legacy_pr"));
        assertEquals(Metric.OUTPUT, MetricCatalog.kind(SeedDynamics.DRIFT));
    }

    @Test
    void tablesSchemasTakeUnitsAndMeaningsFromTheCatalogue() {
        TableSchema analysis = AnalysisTables.schema(allColumns(), "source");
        TableSchema seeds = RunTables.schema(DURATIONS);
        for (String m : allColumns()) {
            Metric x = MetricCatalog.get(m);
            assertEquals(x.unit(), analysis.columns(AnalysisTables.ANALYSIS).get(m).unit(), m);
            assertEquals(x.description() + " [" + x.kind() + "]",
                    analysis.columns(AnalysisTables.ANALYSIS).get(m).description(), m);
            if (!SeedDynamics.METRICS.contains(m)) {
                assertEquals(x.unit(), seeds.columns(RunTables.SEEDS).get(m).unit(), m);
                assertEquals(x.description(), seeds.columns(RunTables.SEEDS).get(m).description(), m);
            }
        }
    }

    @Test
    void axisTitlesCarryTheUnitAndFitAThirdOfAPageWidePanel() {
        assertEquals("plateau drift (1/s)", MetricCatalog.axisLabel(SeedDynamics.DRIFT));
        assertEquals("memory eigenvalue λ1 (rate²)", MetricCatalog.axisLabel("readout_mem_eig1"));
        assertEquals("precision (MSE)", MetricCatalog.axisLabel("precision"));
        Font font = new Font(HouseStyle.FONT, Font.PLAIN, 1).deriveFont(HouseStyle.AXIS_TITLE_PT);
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (String m : allColumns()) {
            String title = MetricCatalog.axisLabel(m);
            double width = font.getStringBounds(title, frc).getWidth();
            assertTrue(width <= THIRD_PANEL_TITLE_PT, "'" + title + "' is " + width + " pt wide");
        }
    }

    @Test
    void aLabelTooLongForAnAxisIsRefused() {
        assertEquals("metric x: label and unit must have at most 30 characters, found 34 "
                + "('a label that runs on and on (1/ms)')",
                assertThrows(IllegalArgumentException.class,
                        () -> new Metric("x", Metric.PCA, "1/ms", "a label that runs on and on", "d")).getMessage());
    }
}
