package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;

class ReportNumbersTest {

    @Test
    void fourSignificantDigitsWithTrailingZeros() {
        assertEquals("0.5000", Numbers.format(0.5));
        assertEquals("20.00", Numbers.format(20.0));
        assertEquals("-0.8164", Numbers.format(-0.8164205163448395));
        assertEquals("0.002170", Numbers.format(0.0021696288730788152));
        assertEquals("12350", Numbers.format(12345.6));
        assertEquals("123500", Numbers.format(123456.7));
        assertEquals("10.00", Numbers.format(9.99951));
        assertEquals("1.062", Numbers.format(1.0625), "exact half rounds to even");
        assertEquals("0.1235", Numbers.format(0.12345), "0.12345 is slightly above the half in binary");
    }

    @Test
    void scientificBelowOneThousandthAndFromOneMillion() {
        assertEquals("1.208e-04", Numbers.format(0.00012080783076877434));
        assertEquals("0.001000", Numbers.format(0.00099996));
        assertEquals("1.000e+06", Numbers.format(999999.5));
        assertEquals("-2.500e-12", Numbers.format(-2.5e-12));
        assertEquals("6.022e+23", Numbers.format(6.02214076e23));
    }

    @Test
    void specialValues() {
        assertEquals("0", Numbers.format(0.0));
        assertEquals("0", Numbers.format(-0.0));
        assertEquals("NA", Numbers.format(Double.NaN));
        assertEquals("Inf", Numbers.format(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", Numbers.format(Double.NEGATIVE_INFINITY));
        assertEquals("9007199254740993", Numbers.format(9_007_199_254_740_993L));
    }

    /** Parsing the text back gives the value to within half a unit in the fourth digit. */
    @Test
    void formattedValueIsTheRoundedValue() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (rng.nextBoolean() ? 1 : -1) * Math.pow(10, rng.nextDouble(-8, 9));
            String s = Numbers.format(x);
            double back = Double.parseDouble(s);
            double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(back))) - 3);
            assertTrue(Math.abs(back - x) <= 0.5 * unit * (1 + 1e-9), x + " -> " + s);
            String digits = s.replaceAll("e.*", "").replace("-", "").replace(".", "").replaceFirst("^0+", "");
            if (s.matches("-?[0-9]+")) { // integer form (1e3 <= |x| < 1e6): places beyond four are zeros
                assertTrue(digits.length() >= 4 && digits.substring(4).matches("0*"), x + " -> " + s);
            } else {
                assertEquals(4, digits.length(), x + " -> " + s);
            }
        }
    }

    @Test
    void cellsByColumnType() {
        DoubleColumn d = DoubleColumn.create("d", new double[] {0.25, Double.NaN});
        IntColumn n = IntColumn.create("n", new int[] {20});
        n.appendMissing();
        LongColumn seed = LongColumn.create("seed", new long[] {9_007_199_254_740_993L});
        StringColumn s = StringColumn.create("s", new String[] {"exact"});
        assertEquals("0.2500", Numbers.cell(d, 0));
        assertEquals("NA", Numbers.cell(d, 1));
        assertEquals("20", Numbers.cell(n, 0));
        assertEquals("NA", Numbers.cell(n, 1));
        assertEquals("9007199254740993", Numbers.cell(seed, 0));
        assertEquals("exact", Numbers.cell(s, 0));
        assertTrue(Numbers.isNumeric(d) && Numbers.isNumeric(n) && !Numbers.isNumeric(s));
    }

    @Test
    void pValuesHaveTwoSignificantDigitsAndAFloor() {
        assertEquals("p < 0.001", Numbers.pValue(0.000999));
        assertEquals("p < 0.001", Numbers.pValue(1.45e-11));
        assertEquals("p = 0.0010", Numbers.pValue(0.001));
        assertEquals("p = 0.014", Numbers.pValue(0.01407));
        assertEquals("p = 0.40", Numbers.pValue(0.3952));
        assertEquals("p = 0.82", Numbers.pValue(0.8243));
        assertEquals("p = 1.0", Numbers.pValue(1.0));
        assertEquals("p = NA", Numbers.pValue(Double.NaN));
    }

    @Test
    void coefficientsHaveTwoDecimals() {
        assertEquals("-0.81", Numbers.coefficient(-0.8133));
        assertEquals("0.09", Numbers.coefficient(0.09426));
        assertEquals("1.00", Numbers.coefficient(1.0));
        assertEquals("0.00", Numbers.coefficient(-0.001));
        assertEquals("NA", Numbers.coefficient(Double.NaN));
    }
}
