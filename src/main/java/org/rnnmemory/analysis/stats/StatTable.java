package org.rnnmemory.analysis.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Collects labelled results into a table whose columns are the results' {@link StatResult#columns()}.
 * Each row is a label (e.g. a metric name) followed by the columns of one or more results merged
 * left to right; a column that appears in several parts (such as {@code n}) must have the same
 * value in each. Every row must produce the same columns, with the same value types, as the first.
 *
 * <pre>{@code
 * StatTable t = new StatTable("correlations", "metric");
 * t.add("precision", Correlation.pearson(x, y), Correlation.spearman(x, y));
 * Table table = t.toTable(); // metric, n, pearson_r, pearson_p, spearman_rho, spearman_p
 * }</pre>
 */
public final class StatTable {
    private final String tableName;
    private final String labelColumn;
    private final List<String> labels = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    /**
     * @param tableName name of the Tablesaw table
     * @param labelColumn name of the first (string) column holding the row labels
     */
    public StatTable(String tableName, String labelColumn) {
        this.tableName = Objects.requireNonNull(tableName, "tableName must not be null");
        this.labelColumn = Objects.requireNonNull(labelColumn, "labelColumn must not be null");
    }

    /** Adds one row: the label and the merged columns of {@code parts}. */
    public StatTable add(String label, StatResult... parts) {
        Objects.requireNonNull(label, "label must not be null");
        Map<String, Object> row = new LinkedHashMap<>();
        for (StatResult part : parts) {
            for (Map.Entry<String, Object> e : part.columns().entrySet()) {
                Object old = row.putIfAbsent(e.getKey(), e.getValue());
                if (old != null && !old.equals(e.getValue())) {
                    throw new IllegalArgumentException("row '" + label + "': column " + e.getKey()
                            + " has conflicting values " + old + " and " + e.getValue());
                }
            }
        }
        if (row.containsKey(labelColumn)) {
            throw new IllegalArgumentException("row '" + label + "': a result has a column named like the label column "
                    + labelColumn);
        }
        checkSameShape(label, row);
        labels.add(label);
        rows.add(row);
        return this;
    }

    private void checkSameShape(String label, Map<String, Object> row) {
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> first = rows.get(0);
        if (!new ArrayList<>(first.keySet()).equals(new ArrayList<>(row.keySet()))) {
            throw new IllegalArgumentException("row '" + label + "' has columns " + row.keySet()
                    + " but the first row has " + first.keySet());
        }
        for (String k : first.keySet()) {
            if (first.get(k).getClass() != row.get(k).getClass()) {
                throw new IllegalArgumentException("row '" + label + "': column " + k + " is "
                        + row.get(k).getClass().getSimpleName() + " but the first row's is "
                        + first.get(k).getClass().getSimpleName());
            }
        }
    }

    /** The table: a string label column, then one typed column per result column. */
    public Table toTable() {
        Table t = Table.create(tableName);
        t.addColumns(StringColumn.create(labelColumn, labels));
        if (rows.isEmpty()) {
            return t;
        }
        for (Map.Entry<String, Object> e : rows.get(0).entrySet()) {
            t.addColumns(column(e.getKey(), e.getValue()));
        }
        return t;
    }

    private Column<?> column(String name, Object sample) {
        if (sample instanceof Integer) {
            IntColumn c = IntColumn.create(name);
            rows.forEach(r -> c.append((Integer) r.get(name)));
            return c;
        }
        if (sample instanceof Long) {
            LongColumn c = LongColumn.create(name);
            rows.forEach(r -> c.append((Long) r.get(name)));
            return c;
        }
        if (sample instanceof Double) {
            DoubleColumn c = DoubleColumn.create(name);
            rows.forEach(r -> c.append((Double) r.get(name)));
            return c;
        }
        if (sample instanceof String) {
            StringColumn c = StringColumn.create(name);
            rows.forEach(r -> c.append((String) r.get(name)));
            return c;
        }
        throw new IllegalArgumentException("column " + name + ": unsupported value type "
                + sample.getClass().getName());
    }
}
