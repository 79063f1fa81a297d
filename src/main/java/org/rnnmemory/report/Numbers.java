package org.rnnmemory.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.columns.Column;

/**
 * The one place where numbers become text, for tables and for prose.
 *
 * <p>Floating-point values are rounded (half-even, from their exact binary value) to
 * {@value #SIGNIFICANT_DIGITS} significant digits, trailing zeros kept: {@code 0.5 -> "0.5000"},
 * {@code 0.0021696 -> "0.002170"}, {@code 12345.6 -> "12350"}. Values whose rounded magnitude is
 * below 1e-3 or at least 1e6 use scientific notation with a two-digit exponent:
 * {@code 0.00012081 -> "1.208e-04"}. Zero is {@code "0"}, NaN (and a missing table value) is
 * {@value #MISSING}, infinities are {@code "Inf"} and {@code "-Inf"}. Integers are written in full.
 */
public final class Numbers {
    /** Significant digits of formatted floating-point values. */
    public static final int SIGNIFICANT_DIGITS = 4;
    /** Text for NaN and missing values. */
    public static final String MISSING = "NA";

    private static final MathContext CONTEXT = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private Numbers() {}

    /** Formats a floating-point value. */
    public static String format(double x) {
        if (Double.isNaN(x)) {
            return MISSING;
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Inf" : "-Inf";
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(x).round(CONTEXT);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -3 && exponent < 6) {
            return rounded.setScale(Math.max(0, SIGNIFICANT_DIGITS - 1 - exponent), RoundingMode.UNNECESSARY)
                    .toPlainString();
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).setScale(SIGNIFICANT_DIGITS - 1, RoundingMode.UNNECESSARY);
        return mantissa.toPlainString() + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
    }

    /** Smallest p-value written as a number; smaller ones are written "p < 0.001". */
    public static final double P_FLOOR = 0.001;

    /**
     * A p-value as it is quoted in figures and prose: {@code "p < 0.001"} below {@link #P_FLOOR},
     * otherwise two significant digits ({@code 0.01407 -> "p = 0.014"}, {@code 0.8243 -> "p = 0.82"},
     * {@code 0.3952 -> "p = 0.40"}, {@code 1 -> "p = 1.0"}); {@code "p = NA"} for NaN.
     */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "p = " + MISSING;
        }
        if (p < P_FLOOR) {
            return "p < " + BigDecimal.valueOf(P_FLOOR).toPlainString();
        }
        return "p = " + String.format(Locale.ROOT, "%.2g", p);
    }

    /**
     * A correlation coefficient as quoted in figures and prose: two decimals, half-even from its
     * exact value ({@code -0.8133 -> "-0.81"}, {@code 0.09426 -> "0.09"}, {@code 1 -> "1.00"});
     * {@value #MISSING} for NaN.
     */
    public static String coefficient(double r) {
        if (Double.isNaN(r)) {
            return MISSING;
        }
        return new BigDecimal(r).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Formats an integer in full. */
    public static String format(long x) {
        return Long.toString(x);
    }

    /** Whether cells of this column are numbers (right-aligned in tables). */
    public static boolean isNumeric(Column<?> column) {
        return column instanceof NumericColumn<?>;
    }

    /**
     * One table cell: integer columns in full, other numeric columns with {@link #format(double)},
     * missing numbers as {@value #MISSING}, anything else as Tablesaw prints it.
     */
    public static String cell(Column<?> column, int row) {
        if (!isNumeric(column)) {
            return column.getString(row);
        }
        if (column.isMissing(row)) {
            return MISSING;
        }
        if (column instanceof LongColumn c) {
            return format(c.getLong(row));
        }
        if (column instanceof IntColumn c) {
            return format(c.getInt(row));
        }
        if (column instanceof ShortColumn c) {
            return format(c.getShort(row));
        }
        return format(((NumericColumn<?>) column).getDouble(row));
    }
}
