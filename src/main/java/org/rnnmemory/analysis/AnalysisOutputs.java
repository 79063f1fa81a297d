package org.rnnmemory.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.TableSchema;
import org.rnnmemory.run.RunDirectory;
import tech.tablesaw.api.Table;

/**
 * The files {@code rnnmem analyze} wrote into a run directory, read back with their declared
 * column types.
 *
 * @param runDir the run directory that holds the analysis
 * @param spec the experiment, with the analysed seeds
 * @param tables every analysis table by name ({@link AnalysisTables#ALL}, and
 *     {@link AnalysisTables#PUBLISHED_MODEL}, empty when the analysis has none)
 * @param info the contents of {@code tables/analysis.json}
 */
public record AnalysisOutputs(Path runDir, ExperimentSpec spec, Map<String, Table> tables, JsonNode info) {

    /** Whether every table and the info file exist. */
    public static boolean present(Path runDir) {
        Path t = RunDirectory.of(runDir).tables();
        return Files.isRegularFile(t.resolve(Analyzer.INFO)) && Files.isRegularFile(t.resolve(Analyzer.SCHEMA))
                && AnalysisTables.ALL.stream().allMatch(n -> Files.isRegularFile(t.resolve(n + ".csv")));
    }

    /** Reads the analysis of a run directory. */
    public static AnalysisOutputs read(Path runDir) {
        Path t = RunDirectory.of(runDir).tables();
        JsonNode info;
        try {
            info = Json.MAPPER.readTree(t.resolve(Analyzer.INFO).toFile());
        } catch (IOException e) {
            throw new InputFileException(t.resolve(Analyzer.INFO), "cannot read: " + e.getMessage());
        }
        List<Integer> seeds = new ArrayList<>();
        info.get("seeds").forEach(s -> seeds.add(s.asInt()));
        ExperimentSpec spec = RunDirectory.of(runDir).spec().withSeeds(seeds);
        TableSchema schema = AnalysisTables.schema(metrics(t),
                info.path("published_reference").asText());
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : AnalysisTables.ALL) {
            tables.put(name, schema.readCsv(name, t.resolve(name + ".csv")));
        }
        Path model = t.resolve(AnalysisTables.PUBLISHED_MODEL + ".csv");
        tables.put(AnalysisTables.PUBLISHED_MODEL, Files.isRegularFile(model)
                ? schema.readCsv(AnalysisTables.PUBLISHED_MODEL, model) : PublishedModel.empty());
        return new AnalysisOutputs(runDir, spec, tables, info);
    }

    /** The metric columns of analysis.csv (all but seed and status), each one the catalogue declares. */
    private static List<String> metrics(Path tables) {
        Path f = tables.resolve(AnalysisTables.ANALYSIS + ".csv");
        String header;
        try (var lines = Files.lines(f)) {
            header = lines.findFirst().orElse("");
        } catch (IOException e) {
            throw new InputFileException(f, "cannot read: " + e.getMessage());
        }
        List<String> out = new ArrayList<>();
        for (String c : header.split(",")) {
            if (c.equals("seed") || c.equals("status") || MechanismMetrics.NAMES.contains(c)) {
                continue;
            }
            if (!MetricCatalog.known(c)) {
                throw new InputFileException(f, "column '" + c + "' is no metric of this version of rnnmem; run "
                        + "'rnnmem analyze' again");
            }
            out.add(c);
        }
        return out;
    }

    public Table table(String name) {
        return tables.get(name);
    }

    /** A value of a "label column + value columns" table: the row whose first column equals {@code label}. */
    public double value(String table, String label, String column) {
        Table t = tables.get(table);
        for (int r = 0; r < t.rowCount(); r++) {
            if (t.column(0).getString(r).equals(label)) {
                return t.numberColumn(column).getDouble(r);
            }
        }
        throw new IllegalArgumentException(table + " has no row '" + label + "'");
    }

    /** A figure's PNG under the run directory. */
    public Path figure(String name) {
        return RunDirectory.of(runDir).figures().resolve(name + ".png");
    }
}
