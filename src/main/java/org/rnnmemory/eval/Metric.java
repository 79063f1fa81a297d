package org.rnnmemory.eval;

import java.util.Objects;

/**
 * One per-seed metric as tables, figures and reports present it. The SPEC section 4 metrics are
 * declared in {@link SpecMetrics}, the others next to the code that computes them (see
 * {@code org.rnnmemory.analysis.MetricCatalog}, which holds them all).
 *
 * @param name column name in {@code seeds.csv} / {@code analysis.csv}
 * @param kind family: one of the constants below ({@code performance}, {@code weights}, ...)
 * @param unit physical unit ({@code "ms"}, {@code "1/s"}, ...); {@code "1"} when dimensionless
 * @param label short human name for axis titles and table headers, without the unit; with the
 *     unit at most {@value #MAX_AXIS_LABEL} characters, so that an axis title fits a panel a third of
 *     a page wide
 * @param description full meaning, for schemas and captions
 */
public record Metric(String name, String kind, String unit, String label, String description) {
    /** Precision and its per-duration parts. */
    public static final String PERFORMANCE = "performance";
    /** Weight correlation cos(I, w). */
    public static final String WEIGHTS = "weights";
    /** SPEC section 4 PCA alignment. */
    public static final String PCA = "pca";
    /** The legacy participation ratios (ill-defined, SPEC section 4). */
    public static final String LEGACY = "legacy";
    /** Readout geometry in the memory period. */
    public static final String READOUT = "readout";
    /** Separation of memory-period trajectories. */
    public static final String TRAJECTORY = "trajectory";
    /** Integration curve and plateau drift, computed from the network output like precision. */
    public static final String OUTPUT = "output";
    /** Kind of the mechanism metrics (optimal readout, fixed and slow points, linearisation). */
    public static final String MECHANISM = "mechanism";

    /** Longest axis title (label and unit), in characters. */
    public static final int MAX_AXIS_LABEL = 30;

    public Metric {
        for (String[] f : new String[][] {{"name", name}, {"kind", kind}, {"unit", unit}, {"label", label},
            {"description", description}}) {
            if (f[1] == null || f[1].isBlank()) {
                throw new IllegalArgumentException("metric " + name + ": " + f[0] + " must not be blank");
            }
        }
        String axis = unit.equals("1") ? label : label + " (" + prettyUnit(unit) + ")";
        if (axis.length() > MAX_AXIS_LABEL) {
            throw new IllegalArgumentException("metric " + name + ": label and unit must have at most "
                    + MAX_AXIS_LABEL + " characters, found " + axis.length() + " ('" + axis + "')");
        }
    }

    /** Whether the metric has no unit. */
    public boolean dimensionless() {
        return unit.equals("1");
    }

    /** Axis title: the label, followed by the unit in parentheses unless dimensionless ("drift (1/s)"). */
    public String axisLabel() {
        return dimensionless() ? label : label + " (" + prettyUnit(unit) + ")";
    }

    /** A unit as printed on figures: exponents as superscripts ("rate^2" becomes "rate²"). */
    public static String prettyUnit(String unit) {
        return Objects.requireNonNull(unit).replace("^2", "²").replace("^3", "³");
    }
}
