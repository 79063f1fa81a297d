package org.rnnmemory.analysis.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The run labels on the category axis of the strip plot, and the linear axes' number pattern. */
class CompareFiguresTest {
    private static final List<ComparedRun> RUNS = IntStream.rangeClosed(1, 4)
            .mapToObj(i -> new ComparedRun("S" + i, null, null, null)).toList();

    /** Labels of the ticks XChart generates for a step: from min - min % step - step to below max + 2 step. */
    private static List<String> ticks(double step) {
        double min = 0.5;
        double max = RUNS.size() + 0.5;
        double first = min - (min % step) - step;
        return IntStream.range(0, (int) Math.ceil((max + 2 * step - first) / step))
                .mapToObj(i -> ComparisonFigures.tickLabel(RUNS, first + i * step)).toList();
    }

    @Test
    void onlyUnitStepsGiveDistinctTickLabelsAndTheyNameTheRuns() {
        List<String> unit = ticks(1.0);
        assertEquals(unit.size(), new HashSet<>(unit).size(), unit.toString());
        assertEquals(List.of("S1", "S2", "S3", "S4"), unit.subList(2, 6));
        for (double step : new double[] {0.1, 0.2, 0.5}) {
            List<String> t = ticks(step);
            assertNotEquals(t.size(), Set.copyOf(t).size(), "step " + step);
        }
        assertNotEquals(ComparisonFigures.tickLabel(RUNS, 0.5), ComparisonFigures.tickLabel(RUNS, 4.5),
                "equal end labels make XChart draw no ticks");
        assertEquals("", ComparisonFigures.tickLabel(RUNS, 2.5));
    }

    @Test
    void decimalPatternKeepsTheLeadingZeroAndEnoughDecimals() {
        assertEquals("0.###", ComparisonFigures.decimalPattern(0.01, 0.16));
        assertEquals("0.##", ComparisonFigures.decimalPattern(1.0, 1.9));
        assertEquals("0", ComparisonFigures.decimalPattern(0, 200));
        assertEquals("0.###", ComparisonFigures.decimalPattern(2.0, 2.0));
    }
}
