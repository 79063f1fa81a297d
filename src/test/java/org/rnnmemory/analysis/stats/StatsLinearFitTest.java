package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsLinearFitTest {

    /**
     * Anscombe (1973), the statistics shared by all four sets: regression line y = 3 + 0.5 x,
     * estimated standard error of the slope 0.118, multiple R^2 0.667, sum of squares of
     * x - mean(x) 110. The published figures are rounded summaries of values that differ slightly
     * between sets, so the tolerances are those of the rounding plus that spread. Per set,
     * R's {@code anova(lm(y_i ~ x_i))} (from {@code example(anscombe)}) gives the regression and
     * residual sums of squares, hence R^2 = SSreg / (SSreg + SSres) and
     * se = sqrt(MSres / 110), to the printed precision.
     */
    @Test
    void reproducesAnscombesRegression() {
        double[] ssReg = {27.510, 27.500, 27.470, 27.490};
        double[] ssRes = {13.763, 13.776, 13.756, 13.742};
        double[] msRes = {1.5292, 1.5307, 1.5285, 1.5269};
        for (int set = 0; set < 4; set++) {
            LinearFit f = LinearFit.of(Anscombe.X[set], Anscombe.Y[set]);
            String label = "set " + (set + 1);
            assertEquals(11, f.n());
            assertEquals(0.500, f.slope(), 5e-4, label);
            assertEquals(3.00, f.intercept(), 5e-3, label);
            assertEquals(0.118, f.slopeSe(), 5e-4, label);
            assertEquals(0.667, f.rSquared(), 1e-3, label);
            assertEquals(ssReg[set] / (ssReg[set] + ssRes[set]), f.rSquared(), 2e-5, label);
            assertEquals(Math.sqrt(msRes[set] / 110.0), f.slopeSe(), 1e-5, label);
        }
    }

    @Test
    void rSquaredIsTheSquareOfPearsonR() {
        double[] x = {0.3, 1.7, 2.2, 3.9, 4.1, 5.6, 7.0};
        double[] y = {1.1, 0.4, 2.9, 2.2, 5.0, 4.4, 6.1};
        double r = Correlation.pearson(x, y).r();
        assertEquals(r * r, LinearFit.of(x, y).rSquared(), 1e-14);
    }

    @Test
    void exactLineHasZeroStandardErrorAndNanPairsAreDropped() {
        LinearFit f = LinearFit.of(new double[] {0, 1, Double.NaN, 3, 4}, new double[] {1, 3, 100, 7, 9});
        assertEquals(4, f.n());
        assertEquals(2.0, f.slope(), 1e-14);
        assertEquals(1.0, f.intercept(), 1e-14);
        assertEquals(1.0, f.rSquared(), 1e-14);
        assertEquals(0.0, f.slopeSe(), 1e-7);
    }

    @Test
    void constantXGivesNan() {
        LinearFit f = LinearFit.of(new double[] {2, 2, 2}, new double[] {1, 2, 3});
        assertEquals(3, f.n());
        assertTrue(Double.isNaN(f.slope()) && Double.isNaN(f.slopeSe()));
    }
}
