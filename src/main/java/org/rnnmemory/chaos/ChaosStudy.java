package org.rnnmemory.chaos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The chaos analysis for every (gain, network seed) pair. Pairs are independent, so they may run
 * on up to {@value #MAX_THREADS} threads; results come back in (gain, seed) order and do not
 * depend on the number of threads.
 *
 * @param gains gains g, each >= 0
 * @param seeds network seeds, distinct
 * @param settings run settings shared by all pairs
 * @param threads worker threads, 1 or 2
 */
public record ChaosStudy(List<Double> gains, List<Long> seeds, ChaosSettings settings, int threads) {
    public static final int MAX_THREADS = 2;

    public ChaosStudy {
        if (gains.isEmpty()) {
            throw new IllegalArgumentException("gains must not be empty");
        }
        for (double g : gains) {
            if (!(g >= 0) || !Double.isFinite(g)) {
                throw new IllegalArgumentException("gains must be finite and >= 0, found " + g);
            }
        }
        if (new HashSet<>(gains).size() != gains.size()) {
            throw new IllegalArgumentException("gains must be distinct, found " + gains);
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("network_seeds must not be empty");
        }
        if (new HashSet<>(seeds).size() != seeds.size()) {
            throw new IllegalArgumentException("network_seeds must be distinct, found " + seeds);
        }
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be 1 or 2, found " + threads);
        }
        gains = List.copyOf(gains);
        seeds = List.copyOf(seeds);
    }

    /** Runs every pair; {@code done} is called (from a worker thread) as each pair finishes. */
    public List<ChaosResult> run(Consumer<ChaosResult> done) {
        List<Pair> pairs = new ArrayList<>();
        for (double g : gains) {
            for (long s : seeds) {
                pairs.add(new Pair(g, s));
            }
        }
        if (threads == 1) {
            List<ChaosResult> out = new ArrayList<>();
            for (Pair p : pairs) {
                out.add(one(p, done));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "chaos-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ChaosResult>> futures = new ArrayList<>();
            for (Pair p : pairs) {
                futures.add(pool.submit(() -> one(p, done)));
            }
            List<ChaosResult> out = new ArrayList<>();
            for (Future<ChaosResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Pair(double gain, long seed) {}

    private ChaosResult one(Pair pair, Consumer<ChaosResult> done) {
        ChaosResult r = ChaosAnalysis.run(pair.gain(), pair.seed(), settings);
        done.accept(r);
        return r;
    }
}
