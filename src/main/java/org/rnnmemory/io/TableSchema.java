package org.rnnmemory.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.io.csv.CsvWriteOptions;

/**
 * Column descriptions (type, unit, meaning) for the CSV tables a run writes, and atomic CSV I/O.
 * Every table's columns are declared here once; {@code schema.json} is generated from it.
 */
public final class TableSchema {
    /**
     * One column.
     *
     * @param type "int", "double" or "string"
     * @param unit physical unit or "1" for dimensionless
     * @param description meaning
     */
    public record Column(String type, String unit, String description) {}

    private final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();

    public TableSchema add(String table, String column, String type, String unit, String description) {
        tables.computeIfAbsent(table, k -> new LinkedHashMap<>()).put(column, new Column(type, unit, description));
        return this;
    }

    public Map<String, Column> columns(String table) {
        return tables.getOrDefault(table, Map.of());
    }

    public ObjectNode toJson() {
        ObjectNode root = Json.object();
        tables.forEach((t, cols) -> {
            ObjectNode tn = root.putObject(t);
            cols.forEach((c, col) -> {
                ObjectNode cn = tn.putObject(c);
                cn.put("type", col.type());
                cn.put("unit", col.unit());
                cn.put("description", col.description());
            });
        });
        return root;
    }

    /** Writes a table as CSV atomically. */
    public static void writeCsv(Table table, Path file) {
        AtomicFiles.writeVia(file, tmp -> table.write().csv(CsvWriteOptions.builder(tmp.toFile()).build()));
    }

    /** Reads a CSV table with the declared column types (unknown columns: inferred). */
    public Table readCsv(String table, Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new InputFileException(file, "table not found");
        }
        Map<String, Column> cols = columns(table);
        try {
            return Table.read().csv(CsvReadOptions.builder(file.toFile()).columnTypesPartial(name -> {
                Column c = cols.get(name);
                if (c == null) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(switch (c.type()) {
                    case "int" -> ColumnType.INTEGER;
                    case "string" -> ColumnType.STRING;
                    default -> ColumnType.DOUBLE;
                });
            }).build());
        } catch (RuntimeException e) {
            throw new InputFileException(file, "cannot read table: " + e.getMessage(), e);
        }
    }
}
