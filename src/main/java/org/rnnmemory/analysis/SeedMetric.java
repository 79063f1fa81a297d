package org.rnnmemory.analysis;

import java.util.function.ToDoubleFunction;
import org.rnnmemory.eval.Metric;

/**
 * A per-seed metric of {@code tables/analysis.csv} beyond SPEC section 4: its declaration (name, kind,
 * unit, label, meaning; what tables, schema, figure axes and reports read) and how it is computed from
 * the seed's analysed trials. Declared in {@link MetricCatalog#SEED_METRICS}; adding a metric is one
 * more entry there and, when no existing quantity of {@link SeedTrials} serves, one method there.
 *
 * @param metric the declaration
 * @param compute the value for one seed (NaN when undefined)
 */
public record SeedMetric(Metric metric, ToDoubleFunction<SeedTrials> compute) {

    /** The column name. */
    public String name() {
        return metric.name();
    }
}
