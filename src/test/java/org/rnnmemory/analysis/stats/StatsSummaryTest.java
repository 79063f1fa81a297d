package org.rnnmemory.analysis.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsSummaryTest {

    /**
     * Anscombe (1973): mean of x 9.0, variance of x 11.0, mean of y 7.50 for every set.
     * R's {@code summary(anscombe)}: y1 median 7.580, min 4.260, max 10.840; x4 median 8, max 19.
     */
    @Test
    void reproducesAnscombesSummaries() {
        Summary x = Summary.of(Anscombe.X123);
        assertEquals(11, x.n());
        assertEquals(9.0, x.mean(), 1e-14);
        assertEquals(Math.sqrt(11.0), x.sd(), 1e-14);
        assertEquals(9.0, x.median(), 0.0);
        for (double[] y : Anscombe.Y) {
            assertEquals(7.50, Summary.of(y).mean(), 5e-3);
        }
        Summary y1 = Summary.of(Anscombe.Y1);
        assertEquals(7.58, y1.median(), 0.0);
        assertEquals(4.26, y1.min(), 0.0);
        assertEquals(10.84, y1.max(), 0.0);
        Summary x4 = Summary.of(Anscombe.X4);
        assertEquals(8.0, x4.median(), 0.0);
        assertEquals(19.0, x4.max(), 0.0);
    }

    @Test
    void evenCountMedianAveragesTheMiddlePairAndNanIsDropped() {
        Summary s = Summary.of(new double[] {4, Double.NaN, 1, 3, 2});
        assertEquals(4, s.n());
        assertEquals(2.5, s.median(), 0.0);
        assertEquals(2.5, s.mean(), 0.0);
        assertEquals(Math.sqrt(5.0 / 3.0), s.sd(), 1e-15);
        assertEquals(1.0, s.min(), 0.0);
        assertEquals(4.0, s.max(), 0.0);
    }

    @Test
    void tooFewValuesGiveNan() {
        Summary one = Summary.of(new double[] {3.5});
        assertEquals(1, one.n());
        assertEquals(3.5, one.mean(), 0.0);
        assertTrue(Double.isNaN(one.sd()));
        Summary none = Summary.of(new double[] {Double.NaN});
        assertEquals(0, none.n());
        assertTrue(Double.isNaN(none.mean()) && Double.isNaN(none.median()));
    }

    @Test
    void columnsAreTheCsvNames() {
        assertEquals(List.of("n", "mean", "sd", "median", "min", "max"),
                List.copyOf(Summary.of(new double[] {1, 2}).columns().keySet()));
    }
}
