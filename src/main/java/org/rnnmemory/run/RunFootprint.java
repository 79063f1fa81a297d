package org.rnnmemory.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.rnnmemory.config.Engine;
import org.rnnmemory.config.WeightInit;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.io.MemoryNeed;
import org.rnnmemory.train.AdjointEngine;
import org.rnnmemory.train.TrainPlan;
import org.rnnmemory.train.Trainer;
import org.rnnmemory.model.Precision;

/**
 * The memory and disk a run needs, estimated from the arrays its phases allocate (N units, S seeds,
 * batch B, W workers, R = S B rows, value width w of the training dtype, T trial steps):
 * <ul>
 *   <li>setup: G drawn as a Java {@code double[]} (8 N^2 heap), copied into ND4J (8 N^2 native) and
 *       converted to the training dtype (w N^2); the training sets (an onset and a duration per trial
 *       and seed); a {@code pcs} initialisation adds one evaluation's PCA;</li>
 *   <li>training: G (w N^2), and per worker the engine's storage as the engine itself computes it
 *       ({@link AdjointEngine#nativeBytes}: (g G)^T, stored rates within {@code training.rate_memory_gib},
 *       errors, chunk starts, buffers; the SameDiff engine is estimated from one chunk graph), plus
 *       each worker's batch (8 T + 8 N bytes per row) and the history;</li>
 *   <li>evaluation (engines released): G, the weights being saved ({@code .npy} bytes built on the
 *       heap), and min(W, S) evaluations at once ({@link Evaluator#footprint}).</li>
 * </ul>
 * Disk: the checkpoint twice (old and new during its atomic replacement), every seed's weights
 * (G.npy is w N^2 bytes per seed), the tables and the small files.
 *
 * @param phases memory of each phase at its peak
 * @param diskBytes bytes the run directory's files take
 * @param diskLargest the largest of them, for messages
 */
public record RunFootprint(List<MemoryNeed> phases, long diskBytes, String diskLargest) {

    /** Bytes of one row of tables/curves.csv (seed, update, epoch and four numbers), generously. */
    static final int CURVE_ROW_BYTES = 120;

    /** The estimate for a plan. */
    public static RunFootprint of(TrainPlan plan) {
        List<MemoryNeed> phases = List.of(setup(plan), training(plan), evaluation(plan));
        Map<String, Double> disk = disk(plan);
        String largest = disk.entrySet().stream().max(Comparator.comparingDouble(Map.Entry::getValue))
                .map(Map.Entry::getKey).orElse("nothing");
        double total = disk.values().stream().mapToDouble(Double::doubleValue).sum();
        return new RunFootprint(phases, MemoryNeed.clamp(total), largest);
    }

    private static String hidden(TrainPlan plan) {
        return "network.hidden_size = " + plan.params().hiddenSize();
    }

    private static double width(TrainPlan plan) {
        return plan.dtype().width();
    }

    private static MemoryNeed setup(TrainPlan plan) {
        double nn = (double) plan.params().hiddenSize() * plan.params().hiddenSize();
        MemoryNeed.Builder b = MemoryNeed.of("drawing G")
                .add("G drawn in double precision (" + hidden(plan) + ")", 1, 8 * nn, 8 * nn + width(plan) * nn)
                .add(trainingSets(plan), 1, trainingSetBytes(plan), 0);
        if (plan.initInput() instanceof WeightInit.Pcs || plan.initReadout() instanceof WeightInit.Pcs) {
            MemoryNeed.Part e = Evaluator.footprint(plan.params().hiddenSize(), plan.evalProtocol());
            b.add("the PCA of a pcs initialisation", 1, e.heapBytes(), e.nativeBytes());
        }
        return b.build();
    }

    private static MemoryNeed training(TrainPlan plan) {
        int n = plan.params().hiddenSize();
        double nn = (double) n * n;
        int steps = plan.task().trialSteps();
        // from a zero state, simulation starts at the batch's first onset, at the earliest onset - jitter
        int len = plan.zeroInitialState() ? steps - Math.max(0, plan.task().onset() - plan.task().onsetJitter())
                : steps;
        List<Integer> seeds = new ArrayList<>();
        for (int i = 0; i < plan.seeds().size(); i++) {
            seeds.add(i);
        }
        List<List<Integer>> groups = Trainer.split(seeds, Math.max(1, plan.workers()));
        long rateBytes = Math.max(1, (long) (plan.rateMemoryGib() * (1L << 30) / groups.size()));
        double engines = 0;
        double batches = 0;
        for (List<Integer> g : groups) {
            int rows = g.size() * plan.batchSize();
            engines += plan.engine() == Engine.SAMEDIFF ? sameDiffBytes(plan, len, rows)
                    : AdjointEngine.nativeBytes(len, rows, g.size(), n, plan.dtype(), plan.chunkSteps(), rateBytes);
            batches += rows * (8.0 * steps + 8.0 * n);
        }
        return MemoryNeed.of("training")
                .add("G in " + dtype(plan) + " (" + hidden(plan) + ")", 1, 0, width(plan) * nn)
                .add(groups.size() + " " + plan.engine() + " engine(s): (g G)^T, stored rates, errors and buffers for "
                        + plan.seeds().size() + " seeds x batch " + plan.batchSize() + " over " + len + " steps", 1, 0,
                        engines)
                .add("batches", 1, batches, 0)
                .add(trainingSets(plan), 1, trainingSetBytes(plan), 0)
                .add("history", 1, historyBytes(plan), 0)
                .build();
    }

    /** One SameDiff chunk graph per worker: about eight [R, N] arrays per step of a chunk, boundary states, G twice. */
    private static double sameDiffBytes(TrainPlan plan, int len, int rows) {
        int n = plan.params().hiddenSize();
        double w = width(plan);
        int k = Math.min(plan.chunkSteps(), Math.max(1, len));
        return w * (2.0 * n * n + 8.0 * k * rows * n + (Math.ceil(len / (double) k) + 1) * rows * n);
    }

    private static MemoryNeed evaluation(TrainPlan plan) {
        int n = plan.params().hiddenSize();
        double nn = (double) n * n;
        int concurrent = Math.max(1, Math.min(plan.workers(), plan.seeds().size()));
        MemoryNeed.Part e = Evaluator.footprint(n, plan.evalProtocol() != null ? plan.evalProtocol()
                : org.rnnmemory.eval.EvalProtocol.SYSTEM_A);
        return MemoryNeed.of("evaluating")
                .add("G in " + dtype(plan) + " (" + hidden(plan) + ")", 1, 0, width(plan) * nn)
                .add("saving G.npy", 1, 4 * width(plan) * nn, width(plan) * nn)
                .add(concurrent + " x " + e.what(), concurrent, e.heapBytes(), e.nativeBytes())
                .add("history", 1, historyBytes(plan), 0)
                .build();
    }

    /** Each seed's training set as the trainer keeps it: an onset and a duration per trial. */
    private static double trainingSetBytes(TrainPlan plan) {
        return 8.0 * plan.seeds().size() * plan.task().trials();
    }

    private static String trainingSets(TrainPlan plan) {
        return "training sets (" + plan.seeds().size() + " seeds x task.trials = " + plan.task().trials() + ")";
    }

    /** Curve points on the heap: about 80 bytes each (object and list slot). */
    private static double historyBytes(TrainPlan plan) {
        return 80.0 * plan.seeds().size() * plan.totalUpdates();
    }

    private static String dtype(TrainPlan plan) {
        return Precision.of(plan.dtype()).configName();
    }

    private static Map<String, Double> disk(TrainPlan plan) {
        int n = plan.params().hiddenSize();
        int s = plan.seeds().size();
        double w = width(plan);
        double seedState = 7 * (4 + 8.0 * n) + 64;
        double checkpoint = 2 * (s * seedState + 44.0 * s * plan.totalUpdates() + 64);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put(s + " x seeds/seed-N/G.npy (" + hidden(plan) + ")", s * (w * n * n + 128));
        parts.put("seeds/seed-N/{I,w,h0}.npy and model.json", s * (3 * (w * n + 128) + 256));
        parts.put(RunDirectory.CHECKPOINT + " (kept twice while it is replaced)", checkpoint);
        parts.put("tables/curves.csv", (double) CURVE_ROW_BYTES * s * plan.totalUpdates());
        parts.put("tables/seeds.csv, schema.json, configs and run.json", 600.0 * s + (64 << 10));
        return parts;
    }
}
