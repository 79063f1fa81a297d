package org.rnnmemory.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnnmemory.config.ExperimentSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The wording of the correlation family follows which Holm-adjusted tests pass. */
class FindingsTest {

    private static final String[] METRICS = {"weight_correlation", "mech_optimal_precision", "integ_rmse_outside"};

    /** A correlations table with the given Holm-adjusted Pearson and Spearman p per metric of {@link #METRICS}. */
    private static String family(double[] holm, double[] spearmanHolm) {
        int n = METRICS.length;
        double[] r = {-0.05, 0.69, 0.75};
        Table t = Table.create(AnalysisTables.CORRELATIONS, StringColumn.create("metric", METRICS),
                DoubleColumn.create("pearson_r", r), DoubleColumn.create("pearson_p", new double[] {0.8, 0.001, 0.0001}),
                DoubleColumn.create("spearman_rho", r), DoubleColumn.create("spearman_p", new double[n]),
                DoubleColumn.create("r_ci_low", new double[n]), DoubleColumn.create("r_ci_high", new double[n]),
                DoubleColumn.create("holm_p", holm), DoubleColumn.create("spearman_holm_p", spearmanHolm));
        AnalysisOutputs a = new AnalysisOutputs(Path.of("."), ExperimentSpec.SYSTEM_A,
                Map.of(AnalysisTables.CORRELATIONS, t), null);
        return new Findings(a).correlationFamily();
    }

    @Test
    void structuralPearsonWithoutSpearmanSaysTheCorrelationRestsOnFewSeeds() {
        String s = family(new double[] {1, 0.03, 0.006}, new double[] {1, 1, 0.005});
        assertTrue(s.contains("Structural metrics among them: `mech_optimal_precision` r = 0.6900, Holm p = 0.030"), s);
        assertTrue(s.contains("precision, 2 have a Holm-adjusted Pearson p below 0.05"), s);
        assertTrue(s.contains("finds no structural predictor, so the Pearson correlation rests on a few seeds"), s);
        assertFalse(s.contains("either"), s);
    }

    @Test
    void noStructuralPredictorByEitherTest() {
        String s = family(new double[] {1, 0.2, 0.006}, new double[] {1, 1, 0.005});
        assertTrue(s.contains("no structural metric predicts precision"), s);
        assertTrue(s.contains("finds no structural predictor either"), s);
    }

    @Test
    void structuralSpearmanIsListed() {
        String s = family(new double[] {1, 0.2, 0.006}, new double[] {1, 0.01, 0.005});
        assertTrue(s.contains("structural metrics do pass: `mech_optimal_precision` rho = 0.6900, Holm p = 0.010"), s);
        assertTrue(s.contains("precision, 1 has a Holm-adjusted Pearson p below 0.05"), s);
    }
}
