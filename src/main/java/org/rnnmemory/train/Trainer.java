package org.rnnmemory.train;

import static org.rnnmemory.io.DoubleArrays.allFinite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.rnnmemory.model.Initializer;
import org.rnnmemory.model.Rngs;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;
import org.rnnmemory.task.TrialSet;

/**
 * Trains every seed of a plan side by side: the active seeds are split among the workers, each
 * worker stacks its seeds on the batch axis and runs one exact BPTT pass per update, then each seed
 * takes its own Adam step. Every random stream derives from the seed and a purpose only, so a seed's
 * numbers do not depend on which other seeds share the run or how they are split among workers.
 */
public final class Trainer implements AutoCloseable {
    /** Receives progress and history; called on the training thread. */
    public interface Listener {
        default void onUpdate(int update, int total, List<CurvePoint> points) {}

        /** Called after every completed epoch (e.g. to write a checkpoint). */
        default void onEpoch(int epoch, Trainer trainer) {}

        /**
         * Polled before every update and while one is computed: when true, training stops and the
         * update in progress is abandoned, leaving the state of the last completed update.
         */
        default boolean stopRequested() {
            return false;
        }
    }

    /** How often a computing update polls {@link Listener#stopRequested()} (ms). */
    private static final long POLL_MS = 50;

    private final TrainPlan plan;
    private final INDArray g;
    private final List<SeedState> states;
    private final List<CurvePoint> history;
    private final List<TrialSet> trialSets = new ArrayList<>();
    private final List<Trial> dataset;
    private final BpttEngine[] engines;
    private final ExecutorService pool;
    /** Gradient computations abandoned by a stop, possibly still running on the engines. */
    private final List<Future<Gradients>> abandoned = new ArrayList<>();
    private int nextUpdate;
    private long lastRowSteps;
    private int lastRows;

    /**
     * @param dataset trials shared by every seed, or null to generate a training set per seed
     * @param resumed restored state, or null for a fresh start
     */
    public Trainer(TrainPlan plan, List<Trial> dataset, Checkpoint.State resumed) {
        this.plan = plan;
        this.dataset = dataset;
        int n = plan.params().hiddenSize();
        this.g = Initializer.recurrent(n, plan.networkSeed(), plan.dtype(), plan.draws());
        if (resumed != null) {
            this.states = resumed.seeds();
            this.history = new ArrayList<>(resumed.history());
            this.nextUpdate = resumed.nextUpdate();
        } else {
            this.states = new ArrayList<>();
            WeightInitializer init = WeightInitializer.of(plan, g);
            for (int seed : plan.seeds()) {
                states.add(initialState(seed, init));
            }
            this.history = new ArrayList<>();
        }
        for (SeedState s : states) {
            trialSets.add(dataset != null ? TrialSet.of(dataset)
                    : TrialSet.generated(plan.task(), new TrialGenerator(plan.task(), Rngs.of(s.seed, Rngs.Purpose.TRIALS))));
        }
        // one GPU engine serves every seed: the cuda engine stacks all seeds on one device
        int workers = plan.engine().gpu() ? 1 : Math.max(1, Math.min(plan.workers(), states.size()));
        this.engines = new BpttEngine[workers];
        for (int i = 0; i < workers; i++) {
            engines[i] = newEngine(Math.max(1, (long) (plan.rateMemoryGib() * (1L << 30) / workers)));
        }
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rnnmem-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks what a fresh trainer checks before training, without building training sets or
     * engines: draws G and every seed's initial I and w ({@code network.init}: vector files, PCs).
     *
     * @throws org.rnnmemory.config.ConfigValueException or {@link org.rnnmemory.io.InputFileException}
     *     as the constructor does
     */
    public static void checkInitialisation(TrainPlan plan) {
        INDArray g = Initializer.recurrent(plan.params().hiddenSize(), plan.networkSeed(), plan.dtype());
        WeightInitializer init = WeightInitializer.of(plan, g);
        for (int seed : plan.seeds()) {
            init.initial(seed);
        }
    }

    private BpttEngine newEngine(long rateBytes) {
        return switch (plan.engine()) {
            case ADJOINT -> new AdjointEngine(plan.params(), g, plan.trainInput(), plan.trainReadout(), plan.dtype(),
                    plan.chunkSteps(), rateBytes);
            case SAMEDIFF -> new SameDiffEngine(plan.params(), g, plan.chunkSteps(), plan.trainInput(),
                    plan.trainReadout(), plan.dtype());
            case CUDA -> new CudaEngine(plan.params(), g, plan.trainInput(), plan.trainReadout());
        };
    }

    private SeedState initialState(int seed, WeightInitializer init) {
        int n = plan.params().hiddenSize();
        DataType t = plan.dtype();
        WeightInitializer.Initial w = init.initial(seed);
        double[] in = w.input();
        double[] out = w.readout();
        double[] h0 = plan.zeroInitialState() ? null
                : Initializer.randomState(n, seed, t).castTo(DataType.DOUBLE).data().asDouble();
        return new SeedState(seed, in, out, h0, new Adam(plan.learningRate(), n), new Adam(plan.learningRate(), n));
    }

    /** Indices of the batch of one seed at one update: distinct, drawn from that seed and update only. */
    public static int[] batchIndices(int seed, int update, int trials, int batchSize) {
        SplittableRandom rng = Rngs.of(seed, "batch." + update);
        int[] idx = new int[trials];
        for (int i = 0; i < trials; i++) {
            idx[i] = i;
        }
        for (int i = 0; i < batchSize; i++) {
            int j = i + rng.nextInt(trials - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
        }
        int[] out = new int[batchSize];
        System.arraycopy(idx, 0, out, 0, batchSize);
        return out;
    }

    /**
     * Runs the remaining updates, or stops early when the listener asks to.
     *
     * @return true when every update has run, false when stopped (the state is that of the last
     *     completed update, {@link #nextUpdate()} the first one not run)
     */
    public boolean train(Listener listener) {
        int total = plan.totalUpdates();
        while (nextUpdate < total) {
            int update = nextUpdate;
            List<CurvePoint> points = listener.stopRequested() ? null : step(update, listener);
            if (points == null) {
                return false;
            }
            history.addAll(points);
            nextUpdate++;
            listener.onUpdate(update, total, points);
            if (nextUpdate % plan.updatesPerEpoch() == 0) {
                listener.onEpoch(nextUpdate / plan.updatesPerEpoch() - 1, this);
            }
        }
        for (SeedState s : states) {
            if (s.status == SeedState.Status.RUNNING) {
                s.status = SeedState.Status.COMPLETED;
            }
        }
        return true;
    }

    /** One update of every active seed, or null when a stop was requested while it was computed. */
    private List<CurvePoint> step(int update, Listener listener) {
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i).status == SeedState.Status.RUNNING) {
                active.add(i);
            }
        }
        if (active.isEmpty()) {
            return List.of();
        }
        long t0 = System.nanoTime();
        List<List<Integer>> groups = split(active, engines.length);
        List<Future<Gradients>> futures = new ArrayList<>();
        for (int w = 0; w < groups.size(); w++) {
            List<Integer> group = groups.get(w);
            BpttEngine engine = engines[w];
            futures.add(pool.submit(() -> compute(engine, group, update)));
        }
        List<CurvePoint> points = new ArrayList<>();
        double seconds = 0;
        Gradients[] results = new Gradients[groups.size()];
        for (int w = 0; w < groups.size(); w++) {
            results[w] = await(futures.get(w), update, listener);
            if (results[w] == null) {
                abandoned.addAll(futures);
                return null;
            }
        }
        seconds = (System.nanoTime() - t0) / 1e9;
        lastRowSteps = 0;
        lastRows = 0;
        for (int w = 0; w < groups.size(); w++) {
            int rows = groups.get(w).size() * plan.batchSize();
            lastRowSteps += (long) rows * results[w].simulatedSteps();
            lastRows += rows;
        }
        int epoch = update / plan.updatesPerEpoch();
        for (int w = 0; w < groups.size(); w++) {
            List<Integer> group = new ArrayList<>(groups.get(w));
            Gradients r = results[w];
            // Seeds are separated by one-hot products, where 0 * NaN = NaN, so a non-finite seed can spoil
            // the gradients of its group. Losses are computed per row and cannot: seeds with a non-finite
            // loss are marked diverged and the rest of the group is recomputed without them; then any
            // seed whose gradient is still not finite has diverged too.
            while (true) {
                List<Integer> bad = new ArrayList<>();
                for (int k = 0; k < group.size(); k++) {
                    if (!Double.isFinite(r.loss()[k])) {
                        bad.add(k);
                    }
                }
                if (bad.isEmpty()) {
                    for (int k = 0; k < group.size(); k++) {
                        if (!finite(r, k)) {
                            bad.add(k);
                        }
                    }
                    if (bad.isEmpty() || bad.size() == group.size()) {
                        break;
                    }
                }
                for (int k = bad.size() - 1; k >= 0; k--) {
                    int idx = bad.get(k);
                    SeedState s = states.get(group.get(idx));
                    points.add(apply(s, update, epoch, r.loss()[idx], r.gradInput()[idx], r.gradReadout()[idx],
                            seconds));
                    group.remove(idx);
                }
                if (group.isEmpty()) {
                    break;
                }
                r = compute(engines[w], group, update);
            }
            for (int k = 0; k < group.size(); k++) {
                SeedState s = states.get(group.get(k));
                points.add(apply(s, update, epoch, r.loss()[k], r.gradInput()[k], r.gradReadout()[k], seconds));
            }
        }
        points.sort((a, b) -> Integer.compare(a.seed(), b.seed()));
        return points;
    }

    /** The gradients of a worker, or null when a stop is requested first. */
    private static Gradients await(Future<Gradients> f, int update, Listener listener) {
        while (true) {
            if (listener.stopRequested()) {
                return null;
            }
            try {
                return f.get(POLL_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training update " + update + " interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw new IllegalStateException("training update " + update + " failed: " + c, c);
            }
        }
    }

    private CurvePoint apply(SeedState s, int update, int epoch, double loss, double[] gi, double[] gw, double seconds) {
        double ni = Gradients.norm(gi);
        double nw = Gradients.norm(gw);
        s.lastLoss = loss;
        s.trainSeconds += seconds;
        if (!Double.isFinite(loss) || !Double.isFinite(ni) || !Double.isFinite(nw)) {
            s.status = SeedState.Status.DIVERGED;
            s.divergedAt = update;
            return new CurvePoint(s.seed, update, epoch, loss, ni, nw, seconds);
        }
        boolean f32 = plan.dtype() == DataType.FLOAT;
        if (plan.trainInput()) {
            s.adamInput.step(s.input, gi, f32);
        }
        if (plan.trainReadout()) {
            s.adamReadout.step(s.readout, gw, f32);
        }
        s.updates = update + 1;
        if (!allFinite(s.input) || !allFinite(s.readout)) {
            s.status = SeedState.Status.DIVERGED;
            s.divergedAt = update;
        }
        return new CurvePoint(s.seed, update, epoch, loss, ni, nw, seconds);
    }

    private static boolean finite(Gradients r, int k) {
        return Double.isFinite(r.loss()[k]) && allFinite(r.gradInput()[k]) && allFinite(r.gradReadout()[k]);
    }

    private Gradients compute(BpttEngine engine, List<Integer> group, int update) {
        List<List<Trial>> perSeed = new ArrayList<>();
        double[][] in = new double[group.size()][];
        double[][] out = new double[group.size()][];
        double[][] h0 = plan.zeroInitialState() ? null : new double[group.size()][];
        for (int k = 0; k < group.size(); k++) {
            SeedState s = states.get(group.get(k));
            TrialSet set = trialSets.get(group.get(k));
            List<Trial> batch = new ArrayList<>();
            for (int i : batchIndices(s.seed, update, set.size(), plan.batchSize())) {
                batch.add(set.get(i));
            }
            perSeed.add(batch);
            in[k] = s.input;
            out[k] = s.readout;
            if (h0 != null) {
                h0[k] = s.initialState;
            }
        }
        return engine.compute(EnsembleBatch.of(perSeed, plan.zeroInitialState()), in, out, h0);
    }

    /** {@code items} split into at most {@code parts} contiguous groups of near-equal size (the workers' seeds). */
    public static List<List<Integer>> split(List<Integer> items, int parts) {
        int p = Math.min(parts, items.size());
        List<List<Integer>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < p; i++) {
            int size = items.size() / p + (i < items.size() % p ? 1 : 0);
            out.add(items.subList(from, from + size));
            from += size;
        }
        return out;
    }

    /** Row-weighted mean of the steps simulated in the last update. */
    public double lastSimulatedSteps() {
        return lastRows == 0 ? 0 : (double) lastRowSteps / lastRows;
    }

    /** Steps whose forward values an engine kept at a time in the last update (the largest over workers). */
    public int lastKeptSteps() {
        int m = 0;
        for (BpttEngine e : engines) {
            m = Math.max(m, e.lastKeptSteps());
        }
        return m;
    }

    /** Whether an engine recomputed forward steps in its backward pass in the last update. */
    public boolean lastRecomputed() {
        boolean any = false;
        for (BpttEngine e : engines) {
            any |= e.lastRecomputed();
        }
        return any;
    }

    /** Rows (seeds x batch) in the last update. */
    public int lastRows() {
        return lastRows;
    }

    public TrainPlan plan() {
        return plan;
    }

    public INDArray recurrent() {
        return g;
    }

    public List<SeedState> states() {
        return Collections.unmodifiableList(states);
    }

    public List<CurvePoint> history() {
        return Collections.unmodifiableList(history);
    }

    public int nextUpdate() {
        return nextUpdate;
    }

    public TrialSet trialSet(int index) {
        return trialSets.get(index);
    }

    /**
     * Frees the engines' stored forward passes (the bulk of training memory) before evaluation;
     * training cannot continue afterwards.
     */
    public void releaseEngines() {
        for (BpttEngine e : engines) {
            e.close();
        }
    }

    /**
     * Stops the workers and frees the engines' memory. Engines that may still be computing an
     * abandoned update are left to the garbage collector: freeing arrays in use would crash the
     * native code.
     */
    @Override
    public void close() {
        pool.shutdownNow();
        if (abandoned.stream().anyMatch(f -> !f.isDone())) {
            return;
        }
        for (BpttEngine e : engines) {
            e.close();
        }
    }
}
