package org.rnnmemory.sweep;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;

/**
 * Arbiter score of a candidate: the median precision over its seeds (lower is better), read from the
 * {@code tables/seeds.csv} of the run directory passed as the model, or of every run directory of a
 * list (a sharded candidate's shards).
 */
final class MedianPrecision implements ScoreFunction {
    private static final long serialVersionUID = 1L;

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        return SeedTables.medianPrecision(SeedTables.read(runDirs(model)));
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        return SeedTables.medianPrecision(SeedTables.read(runDirs(model)));
    }

    @Override
    public boolean minimize() {
        return true;
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(Path.class, List.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(Object.class);
    }

    private static List<Path> runDirs(Object model) {
        if (model instanceof Path p) {
            return List.of(p);
        }
        if (model instanceof List<?> l && !l.isEmpty() && l.stream().allMatch(Path.class::isInstance)) {
            return l.stream().map(Path.class::cast).toList();
        }
        throw new IllegalArgumentException("expected a run directory or a list of them, found " + model);
    }
}
