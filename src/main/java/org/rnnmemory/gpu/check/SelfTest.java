package org.rnnmemory.gpu.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnnmemory.gpu.Cuda;
import org.rnnmemory.gpu.CudaAdjoint;
import org.rnnmemory.gpu.CudaInfo;
import org.rnnmemory.gpu.CudaUnavailableException;

/**
 * The GPU engine's device check, runnable on a Java runtime with {@code java.base} only: gradients
 * against the float64 and float32 reference adjoints ({@link ReferenceAdjoint}) on small networks and
 * on one full-size System A update (N = 500, 20 seeds x 32, 7000 steps; seeds 1 and 20 of the stack
 * checked), a few Adam updates of a 3-seed run tracking the float32 reference's losses, and seconds
 * per full-size update against the cuBLAS GEMM floor measured in the same run. Prints one JSON object
 * on stdout, progress on stderr.
 *
 * <p>Tolerances. Gradients and losses: with err(x) = |x - x64| / |x64| (L2 over all seeds), the GPU
 * passes when err(gpu) <= max(4 err(cpu32), 1e-6), where cpu32 is the float32 reference: the GPU may
 * be up to four times as far from float64 as a float32 computation in another summation order is.
 * Tracking: every update's loss of every seed within 1e-3 relative of the float32 reference's (both
 * follow their own Adam trajectories, so float differences compound over the updates).
 *
 * <p>Exit code 0 when every check passes, 1 when one fails, 2 when there is no usable GPU (one-line
 * error on stderr).
 */
public final class SelfTest {
    static final double GRADIENT_FACTOR = 4;
    static final double GRADIENT_FLOOR = 1e-6;
    static final double TRACKING_TOLERANCE = 1e-3;
    /** The measured PyTorch CUDA-graph time per System A update on an H200, and the target factor. */
    static final double REFERENCE_SECONDS = 0.437;
    static final double TARGET_FACTOR = 1.5;

    /**
     * Sizes of the full-size part.
     *
     * @param n hidden units
     * @param seeds seeds stacked in the gradient check and the timing
     * @param rowsPerSeed batch size per seed
     * @param task trial timing
     * @param trackingSeeds seeds of the tracking run
     */
    record Scale(int n, int seeds, int rowsPerSeed, CheckData.Task task, int trackingSeeds) {
        /** System A: N = 500, 20 seeds x 32, 7000 steps; a 3-seed tracking run. */
        static final Scale SYSTEM_A = new Scale(500, 20, 32, CheckData.Task.SYSTEM_A, 3);
        /** The same code paths at a size a CPU stand-in for the GPU can run in seconds. */
        static final Scale TINY = new Scale(24, 4, 3, new CheckData.Task(900, 400, 100, 40, 20, 600, 0.1), 3);
    }

    private final int threads = Runtime.getRuntime().availableProcessors();
    private final List<String> failures = new ArrayList<>();
    private final Scale scale;

    private SelfTest(Scale scale) {
        this.scale = scale;
    }

    /**
     * Runs the device check. Arguments: {@code --quick} (the small gradient checks only) or {@code --tiny}
     * (every part at a small size, for a CPU stand-in of the GPU libraries in tests).
     */
    public static void main(String[] args) {
        boolean quick = List.of(args).contains("--quick");
        boolean tiny = List.of(args).contains("--tiny");
        Cuda cuda;
        try {
            cuda = Cuda.open();
        } catch (CudaUnavailableException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        SelfTest t = new SelfTest(tiny ? Scale.TINY : Scale.SYSTEM_A);
        Map<String, Object> out = t.run(cuda, quick);
        System.out.println(Json.write(out));
        System.exit(t.failures.isEmpty() ? 0 : 1);
    }

    private Map<String, Object> run(Cuda cuda, boolean quick) {
        long t0 = System.nanoTime();
        Map<String, Object> out = new LinkedHashMap<>();
        CudaInfo info = cuda.info();
        out.put("cuda", info.toMap());
        out.put("java", System.getProperty("java.version"));
        out.put("cpu_threads", threads);
        List<Object> checks = new ArrayList<>();
        CheckData.Task small = new CheckData.Task(900, 400, 50, 40, 20, 600, 0.1);
        guarded(checks, "small, zero h0", () -> gradients(cuda, "small: N 40, 2 seeds x 3, 900 steps, zero h0", 40, 2,
                3, small, false, new int[] {0, 1}, 11));
        CheckData.Task shortTask = new CheckData.Task(300, 100, 50, 20, 10, 200, 0.0);
        guarded(checks, "small, random h0", () -> gradients(cuda, "small: N 40, 2 seeds x 3, 300 steps, random h0", 40,
                2, 3, shortTask, true, new int[] {0, 1}, 12));
        if (!quick) {
            Scale f = scale;
            guarded(checks, "full", () -> gradients(cuda, String.format(Locale.ROOT, "full: N %d, %d seeds x %d, %d "
                    + "steps (seeds 1 and %d checked)", f.n(), f.seeds(), f.rowsPerSeed(), f.task().steps(), f.seeds()),
                    f.n(), f.seeds(), f.rowsPerSeed(), f.task(), false, new int[] {0, f.seeds() - 1}, 13));
            List<Object> one = new ArrayList<>();
            guarded(one, "timing", () -> timing(cuda));
            out.put("timing", one.get(0));
            one.clear();
            guarded(one, "tracking", () -> tracking(cuda, 4));
            out.put("tracking", one.get(0));
        }
        out.put("checks", checks);
        out.put("failures", failures);
        out.put("pass", failures.isEmpty());
        out.put("wall_seconds", (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /**
     * Runs one part; a failure (an exception) is recorded as that part's result and as a failed check, so
     * that one run reports every part.
     */
    private void guarded(List<Object> into, String name, java.util.function.Supplier<Map<String, Object>> part) {
        try {
            into.add(part.get());
        } catch (RuntimeException e) {
            log(name + " failed: " + e);
            e.printStackTrace();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", name);
            o.put("error", String.valueOf(e));
            o.put("pass", false);
            failures.add(name + ": " + e);
            into.add(o);
        }
    }

    /** One update on the GPU against both references, for the seeds {@code checked} of the stack. */
    private Map<String, Object> gradients(Cuda cuda, String name, int n, int seeds, int rowsPerSeed,
                                          CheckData.Task task, boolean randomH0, int[] checked, long seed) {
        log("gradients: " + name);
        float[][] gG = CheckData.recurrent(n, 1.5, seed);
        double[][] in = CheckData.gaussian(seeds, n, 1.0, seed + 1);
        double[][] w = CheckData.gaussian(seeds, n, 1.0 / Math.sqrt(n), seed + 2);
        double[][] h0 = randomH0 ? CheckData.gaussian(seeds, n, 1.0, seed + 3) : null;
        CheckData.Batch batch = CheckData.batch(seeds, rowsPerSeed, task, seed + 4);
        int start = randomH0 ? 0 : batch.start();
        double alpha = 0.01;
        CudaAdjoint.Result gpu;
        long t0 = System.nanoTime();
        try (CudaAdjoint engine = new CudaAdjoint(cuda.executor(), CheckData.transposed(gG), n, alpha, true, true,
                CudaAdjoint.SEGMENT_STEPS)) {
            gpu = engine.compute(seeds, rowsPerSeed, batch.u(), batch.y(), batch.rowWeight(), start, in, w, h0);
        }
        double gpuSeconds = (System.nanoTime() - t0) / 1e9;
        CheckData.Batch sub = batch.seeds(checked);
        double[][] subIn = pick(in, checked);
        double[][] subW = pick(w, checked);
        double[][] subH0 = h0 == null ? null : pick(h0, checked);
        t0 = System.nanoTime();
        CudaAdjoint.Result r64 = new ReferenceAdjoint(gG, alpha, true, true, false).compute(sub.seeds(),
                rowsPerSeed, sub.u(), sub.y(), sub.rowWeight(), start, subIn, subW, subH0, threads);
        CudaAdjoint.Result r32 = new ReferenceAdjoint(gG, alpha, true, true, true).compute(sub.seeds(),
                rowsPerSeed, sub.u(), sub.y(), sub.rowWeight(), start, subIn, subW, subH0, threads);
        double refSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", name);
        o.put("start", start);
        o.put("gpu_seconds_first_update", gpuSeconds);
        o.put("reference_seconds", refSeconds);
        boolean pass = true;
        for (String part : List.of("loss", "grad_input", "grad_readout")) {
            double[] g = flat(part, gpu, checked);
            double[] c64 = flat(part, r64, null);
            double[] c32 = flat(part, r32, null);
            double eg = relative(g, c64);
            double e32 = relative(c32, c64);
            double tol = Math.max(GRADIENT_FACTOR * e32, GRADIENT_FLOOR);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("norm_float64", norm(c64));
            p.put("rel_err_gpu", eg);
            p.put("rel_err_cpu_float32", e32);
            p.put("tolerance", tol);
            p.put("pass", eg <= tol);
            o.put(part, p);
            pass &= eg <= tol;
        }
        o.put("pass", pass);
        if (!pass) {
            failures.add(name);
        }
        log(String.format(Locale.ROOT, "  gpu %.3f s, references %.1f s, pass %s", gpuSeconds, refSeconds, pass));
        return o;
    }

    /**
     * Seconds per full-size update against the GEMM floor: from step 0 (all 7000 steps, as the PyTorch
     * measurement) and from the batch's first input (as training runs), each after a capturing update.
     */
    private Map<String, Object> timing(Cuda cuda) {
        int n = scale.n();
        int seeds = scale.seeds();
        int b = scale.rowsPerSeed();
        log("timing: N " + n + ", " + seeds + " seeds x " + b + ", " + scale.task().steps() + " steps");
        float[][] gG = CheckData.recurrent(n, 1.5, 21);
        double[][] in = CheckData.gaussian(seeds, n, 1.0, 22);
        double[][] w = CheckData.gaussian(seeds, n, 1.0 / Math.sqrt(n), 23);
        CheckData.Batch batch = CheckData.batch(seeds, b, scale.task(), 24);
        double[] gemm = cuda.gemmSeconds(seeds * b, n, 200);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("gemm_shape", "[" + seeds * b + ", " + n + "] x [" + n + ", " + n + "]");
        o.put("gemm_forward_seconds", gemm[0]);
        o.put("gemm_backward_seconds", gemm[1]);
        try (CudaAdjoint engine = new CudaAdjoint(cuda.executor(), CheckData.transposed(gG), n, 0.01, true, true,
                CudaAdjoint.SEGMENT_STEPS)) {
            for (int start : new int[] {0, batch.start()}) {
                Map<String, Object> t = new LinkedHashMap<>();
                long t0 = System.nanoTime();
                CudaAdjoint.Result first = engine.compute(seeds, b, batch.u(), batch.y(), batch.rowWeight(), start, in,
                        w, null);
                t.put("first_update_seconds_with_capture", (System.nanoTime() - t0) / 1e9);
                int reps = 3;
                double best = Double.MAX_VALUE;
                double sum = 0;
                for (int i = 0; i < reps; i++) {
                    long t1 = System.nanoTime();
                    engine.compute(seeds, b, batch.u(), batch.y(), batch.rowWeight(), start, in, w, null);
                    double s = (System.nanoTime() - t1) / 1e9;
                    best = Math.min(best, s);
                    sum += s;
                }
                int steps = first.simulatedSteps();
                double floor = steps * (gemm[0] + gemm[1]);
                double mean = sum / reps;
                t.put("steps_simulated", steps);
                t.put("updates_timed", reps);
                t.put("seconds_per_update", mean);
                t.put("seconds_per_update_min", best);
                t.put("floor_seconds_per_update", floor);
                t.put("ratio_to_floor", mean / floor);
                o.put(start == 0 ? "from_step_0" : "from_first_input", t);
                log(String.format(Locale.ROOT, "  start %d: %.3f s per update (%d steps), floor %.3f s", start, mean,
                        steps, floor));
                if (start == 0) {
                    o.put("target_seconds_per_update", REFERENCE_SECONDS * TARGET_FACTOR);
                    o.put("meets_target", mean <= REFERENCE_SECONDS * TARGET_FACTOR);
                }
            }
        }
        return o;
    }

    /** Adam updates of a 3-seed run on the GPU and with the float32 reference, losses compared per update. */
    private Map<String, Object> tracking(Cuda cuda, int updates) {
        int n = scale.n();
        int seeds = scale.trackingSeeds();
        int b = scale.rowsPerSeed();
        log("tracking: " + seeds + " seeds x " + b + ", N " + n + ", " + updates + " updates");
        double lr = 0.001;
        double alpha = 0.01;
        float[][] gG = CheckData.recurrent(n, 1.5, 31);
        double[][] inGpu = CheckData.gaussian(seeds, n, 1.0, 32);
        double[][] wGpu = CheckData.gaussian(seeds, n, 1.0 / Math.sqrt(n), 33);
        double[][] inRef = copy(inGpu);
        double[][] wRef = copy(wGpu);
        Adam[] adamGpu = new Adam[2 * seeds];
        Adam[] adamRef = new Adam[2 * seeds];
        for (int i = 0; i < adamGpu.length; i++) {
            adamGpu[i] = new Adam(lr, n);
            adamRef[i] = new Adam(lr, n);
        }
        ReferenceAdjoint ref = new ReferenceAdjoint(gG, alpha, true, true, true);
        List<Object> rows = new ArrayList<>();
        double worst = 0;
        try (CudaAdjoint engine = new CudaAdjoint(cuda.executor(), CheckData.transposed(gG), n, alpha, true, true,
                CudaAdjoint.SEGMENT_STEPS)) {
            for (int u = 0; u < updates; u++) {
                CheckData.Batch batch = CheckData.batch(seeds, b, scale.task(), 40 + u);
                CudaAdjoint.Result g = engine.compute(seeds, b, batch.u(), batch.y(), batch.rowWeight(), batch.start(),
                        inGpu, wGpu, null);
                CudaAdjoint.Result c = ref.compute(seeds, b, batch.u(), batch.y(), batch.rowWeight(), batch.start(),
                        inRef, wRef, null, threads);
                for (int s = 0; s < seeds; s++) {
                    // equal losses (also both 0, a batch of catch trials fitted exactly) differ by 0; NaN fails
                    double rel = g.loss()[s] == c.loss()[s] ? 0
                            : Math.abs(g.loss()[s] - c.loss()[s]) / Math.abs(c.loss()[s]);
                    worst = Math.max(worst, rel);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("update", u);
                    row.put("seed", s);
                    row.put("loss_gpu", g.loss()[s]);
                    row.put("loss_cpu_float32", c.loss()[s]);
                    row.put("rel_diff", rel);
                    rows.add(row);
                    adamGpu[2 * s].step(inGpu[s], g.gradInput()[s]);
                    adamGpu[2 * s + 1].step(wGpu[s], g.gradReadout()[s]);
                    adamRef[2 * s].step(inRef[s], c.gradInput()[s]);
                    adamRef[2 * s + 1].step(wRef[s], c.gradReadout()[s]);
                }
                log(String.format(Locale.ROOT, "  update %d: worst relative loss difference so far %.2e", u, worst));
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("updates", updates);
        o.put("losses", rows);
        o.put("max_rel_diff", worst);
        o.put("tolerance", TRACKING_TOLERANCE);
        o.put("pass", worst <= TRACKING_TOLERANCE);
        if (!(worst <= TRACKING_TOLERANCE)) {
            failures.add("tracking");
        }
        return o;
    }

    private static double[] flat(String part, CudaAdjoint.Result r, int[] pick) {
        int[] seeds = pick;
        if (seeds == null) {
            seeds = new int[r.loss().length];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = i;
            }
        }
        List<Double> v = new ArrayList<>();
        for (int s : seeds) {
            switch (part) {
                case "loss" -> v.add(r.loss()[s]);
                case "grad_input" -> {
                    for (double x : r.gradInput()[s]) {
                        v.add(x);
                    }
                }
                default -> {
                    for (double x : r.gradReadout()[s]) {
                        v.add(x);
                    }
                }
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double relative(double[] x, double[] ref) {
        double d = 0;
        double r = 0;
        for (int i = 0; i < x.length; i++) {
            d += (x[i] - ref[i]) * (x[i] - ref[i]);
            r += ref[i] * ref[i];
        }
        return r == 0 ? Math.sqrt(d) : Math.sqrt(d / r);
    }

    private static double norm(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double[][] pick(double[][] v, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = v[rows[i]];
        }
        return out;
    }

    private static double[][] copy(double[][] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i].clone();
        }
        return out;
    }

    private static final long START = System.nanoTime();

    private static void log(String s) {
        System.err.printf(Locale.ROOT, "[gpu-check %6.1f s] %s%n", (System.nanoTime() - START) / 1e9, s);
    }

    /** Adam as the trainer applies it to float32 models (parameters rounded to float after each step). */
    static final class Adam {
        private final double lr;
        private final double[] m;
        private final double[] v;
        private int t;

        Adam(double lr, int n) {
            this.lr = lr;
            this.m = new double[n];
            this.v = new double[n];
        }

        void step(double[] p, double[] g) {
            t++;
            double c1 = 1 - Math.pow(0.9, t);
            double c2 = 1 - Math.pow(0.999, t);
            for (int i = 0; i < p.length; i++) {
                m[i] = 0.9 * m[i] + (1 - 0.9) * g[i];
                v[i] = 0.999 * v[i] + (1 - 0.999) * g[i] * g[i];
                p[i] = (float) (p[i] - lr * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
            }
        }
    }
}
