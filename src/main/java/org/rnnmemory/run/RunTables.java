package org.rnnmemory.run;

import java.util.List;
import java.util.Map;
import org.rnnmemory.eval.EvaluationResult;
import org.rnnmemory.eval.Metric;
import org.rnnmemory.eval.SpecMetrics;
import org.rnnmemory.io.TableSchema;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.rnnmemory.train.CurvePoint;

/** The tables of a run directory: {@code tables/seeds.csv} and {@code tables/curves.csv}, and their schema. */
public final class RunTables {
    public static final String SEEDS = "seeds";
    public static final String CURVES = "curves";

    private RunTables() {}

    /** One row of seeds.csv: a seed's training outcome and its evaluation (null when not evaluated). */
    public record SeedRow(int seed, String status, int divergedAt, double finalTrainLoss, int updates,
                          double trainSeconds, EvaluationResult evaluation) {}

    /**
     * The schema of both tables, given the evaluation's duration labels (ms). The evaluation metrics
     * and their units come from {@link SpecMetrics}.
     */
    public static TableSchema schema(List<String> durationLabels) {
        TableSchema s = new TableSchema();
        s.add(SEEDS, "seed", "int", "1", "model seed");
        s.add(SEEDS, "status", "string", "1", "completed | diverged");
        s.add(SEEDS, "diverged_at", "int", "update", "update at which the loss or weights became NaN/Inf, -1 if never");
        for (Metric m : SpecMetrics.performance(durationLabels)) {
            s.add(SEEDS, m.name(), "double", m.unit(), m.description());
        }
        s.add(SEEDS, "final_train_loss", "double", "1", "training loss of the last update's batch");
        s.add(SEEDS, "updates", "int", "update", "Adam updates applied");
        s.add(SEEDS, "train_seconds", "double", "s", "wall time of the updates (shared by seeds trained together)");
        for (Metric m : SpecMetrics.alignment()) {
            s.add(SEEDS, m.name(), "double", m.unit(), m.description());
        }
        s.add(CURVES, "seed", "int", "1", "model seed");
        s.add(CURVES, "update", "int", "update", "update index, from 0");
        s.add(CURVES, "epoch", "int", "epoch", "epoch index, from 0");
        s.add(CURVES, "loss", "double", "1", "training loss of the batch before the update");
        s.add(CURVES, "grad_norm_input", "double", "1", "L2 norm of dL/dI (0 if I is not trained)");
        s.add(CURVES, "grad_norm_readout", "double", "1", "L2 norm of dL/dw (0 if w is not trained)");
        s.add(CURVES, "seconds", "double", "s", "wall time of the update");
        return s;
    }

    public static Table seeds(List<SeedRow> rows, List<String> durationLabels) {
        TableSchema schema = schema(durationLabels);
        Table t = Table.create(SEEDS);
        for (Map.Entry<String, TableSchema.Column> c : schema.columns(SEEDS).entrySet()) {
            t.addColumns(switch (c.getValue().type()) {
                case "int" -> IntColumn.create(c.getKey());
                case "string" -> StringColumn.create(c.getKey());
                default -> DoubleColumn.create(c.getKey());
            });
        }
        for (SeedRow r : rows) {
            Map<String, Double> m = r.evaluation() == null ? Map.of() : r.evaluation().flatMetrics();
            for (String name : schema.columns(SEEDS).keySet()) {
                switch (name) {
                    case "seed" -> t.intColumn(name).append(r.seed());
                    case "status" -> t.stringColumn(name).append(r.status());
                    case "diverged_at" -> t.intColumn(name).append(r.divergedAt());
                    case "final_train_loss" -> t.doubleColumn(name).append(r.finalTrainLoss());
                    case "updates" -> t.intColumn(name).append(r.updates());
                    case "train_seconds" -> t.doubleColumn(name).append(r.trainSeconds());
                    default -> t.doubleColumn(name).append(m.getOrDefault(name, Double.NaN));
                }
            }
        }
        return t;
    }

    public static Table curves(List<CurvePoint> points) {
        IntColumn seed = IntColumn.create("seed");
        IntColumn update = IntColumn.create("update");
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn loss = DoubleColumn.create("loss");
        DoubleColumn gi = DoubleColumn.create("grad_norm_input");
        DoubleColumn gw = DoubleColumn.create("grad_norm_readout");
        DoubleColumn sec = DoubleColumn.create("seconds");
        for (CurvePoint p : points) {
            seed.append(p.seed());
            update.append(p.update());
            epoch.append(p.epoch());
            loss.append(p.loss());
            gi.append(p.gradNormInput());
            gw.append(p.gradNormReadout());
            sec.append(p.seconds());
        }
        return Table.create(CURVES, seed, update, epoch, loss, gi, gw, sec);
    }
}
