package org.rnnmemory.dynamics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Simulator;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/**
 * The noise-free trials of one network that the mechanism analysis needs, simulated as one batch in
 * float64 with {@link Simulator}: onset at the evaluation onset, h = 0 at the start, one trial per
 * pulse duration (the fitting durations of the optimal readout together with the test durations).
 * From h = 0 without input the state stays exactly 0, so simulation starts at the onset.
 *
 * <p>Over each trial's evaluation window (steps with y > 0: the memory period from the cost onset to
 * the end of the trial) it keeps the readout statistics ({@link WindowStats}), the speed
 * {@code |F(h_t)| / tau = |h_{t+1} - h_t| / dt} at every step but the last (input is off there, 1/s),
 * the distance between the trajectories of neighbouring fitting durations every
 * {@code separationStepMs}, and states of the test-duration trajectories: {@code samples} evenly
 * spaced ones (starting points of the fixed-point search) and one every {@code figureStepMs}.
 *
 * @param durationsMs simulated durations, ascending
 * @param stats readout statistics per duration (same order)
 * @param speeds speed per duration and window step (all but the last), 1/s
 * @param speedTimesMs time of each speed sample, ms from pulse onset
 * @param pairSeparationRates per neighbouring pair of fitting durations, the least-squares slope of
 *        ln |h_a(t) - h_b(t)| against time over the window, 1/s
 * @param samples sampled states of the test trajectories, [test duration][sample][N]
 * @param figureStates states of the test trajectories every figureStepMs, [test duration][time][N]
 * @param figureTimesMs time of each figure state, ms from pulse onset
 */
public record MemoryTrajectories(int[] durationsMs, WindowStats[] stats, double[][] speeds, double[] speedTimesMs,
                                 double[] pairSeparationRates, double[][][] samples, double[][][] figureStates,
                                 double[] figureTimesMs) {

    /** Spacing of the separation samples, ms. */
    public static final double SEPARATION_STEP_MS = 10;
    /** Spacing of the figure states, ms. */
    public static final double FIGURE_STEP_MS = 20;

    /**
     * Simulates the trials.
     *
     * @param weights the network (any data type; simulated in float64)
     * @param protocol evaluation protocol (task, onset, test durations in steps)
     * @param fitMs fitting durations of the optimal readout, ms
     * @param testMs the protocol's test durations, ms, protocol order
     * @param samplesPerTest starting states kept per test trajectory
     */
    public static MemoryTrajectories simulate(CtrnnWeights weights, EvalProtocol protocol, int[] fitMs, int[] testMs,
                                              int samplesPerTest) {
        CtrnnWeights w = weights.castTo(DataType.DOUBLE);
        double dt = w.params().dtMs();
        TaskSpec task = protocol.task();
        TreeSet<Integer> all = new TreeSet<>();
        Arrays.stream(fitMs).forEach(all::add);
        Arrays.stream(testMs).forEach(all::add);
        int[] durations = all.stream().mapToInt(Integer::intValue).toArray();
        int onset = protocol.onset();
        int end = task.trialSteps();
        float[][] u = new float[durations.length][];
        double[] targets = new double[durations.length];
        for (int k = 0; k < durations.length; k++) {
            Trial trial = TrialGenerator.trial(task, onset, (int) Math.round(durations[k] / dt));
            u[k] = Arrays.copyOfRange(trial.u(), onset, end);
            targets[k] = trial.y()[end - 1];
        }
        Collector c = new Collector(w, durations, fitMs, testMs, task.costOnset() - onset, end - onset, dt,
                samplesPerTest);
        new Simulator(w).observe(u, Nd4j.zeros(DataType.DOUBLE, durations.length, w.n()), c);
        return c.result(targets, onset * dt);
    }

    /** Index of a duration in {@link #durationsMs()}. */
    public int indexOf(int ms) {
        for (int k = 0; k < durationsMs.length; k++) {
            if (durationsMs[k] == ms) {
                return k;
            }
        }
        throw new IllegalArgumentException("duration " + ms + " ms was not simulated");
    }

    /** Readout statistics of one duration. */
    public WindowStats stats(int ms) {
        return stats[indexOf(ms)];
    }

    /**
     * The per-step observer that accumulates everything while the batch runs. It copies h and r out
     * of ND4J once per step and works on plain arrays; the Gram matrices are updated every
     * {@value #CHUNK} steps with one [CHUNK, N]^T x [CHUNK, N] product per duration.
     */
    private static final class Collector implements Simulator.StepObserver {
        private static final int CHUNK = 250;
        private final int n;
        private final int[] durations;
        private final boolean[] fit;
        private final int[] testRows;
        private final int from;
        private final int to;
        private final double speedScale;
        private final int sepStride;
        private final int figStride;
        private final int[] sampleSteps;
        private final double dt;
        private final double[][] chunk;
        private final INDArray[] gram;
        private final double[][] sum;
        private final int chunkRows;
        private int filled;
        private double[] previous;
        private final double[][] speeds;
        private final double[][] logDistances;
        private final double[] sepTimes;
        private int sepCount;
        private final double[][][] samples;
        private final double[][][] figure;

        Collector(CtrnnWeights w, int[] durations, int[] fitMs, int[] testMs, int from, int to, double dt,
                  int samplesPerTest) {
            this.n = w.n();
            this.durations = durations;
            this.from = from;
            this.to = to;
            this.dt = dt;
            this.speedScale = 1000.0 / dt;
            this.fit = new boolean[durations.length];
            for (int k = 0; k < durations.length; k++) {
                int d = durations[k];
                fit[k] = Arrays.stream(fitMs).anyMatch(x -> x == d);
            }
            this.testRows = new int[testMs.length];
            for (int j = 0; j < testMs.length; j++) {
                testRows[j] = Arrays.binarySearch(durations, testMs[j]);
            }
            int window = to - from;
            this.sepStride = Math.max(1, (int) Math.round(SEPARATION_STEP_MS / dt));
            this.figStride = Math.max(1, (int) Math.round(FIGURE_STEP_MS / dt));
            this.sampleSteps = new int[samplesPerTest];
            for (int k = 0; k < samplesPerTest; k++) {
                sampleSteps[k] = from + (int) Math.floor((k + 0.5) * window / samplesPerTest);
            }
            int b = durations.length;
            chunkRows = Math.min(CHUNK, window);
            chunk = new double[b][chunkRows * n];
            gram = new INDArray[b];
            sum = new double[b][n];
            for (int k = 0; k < b; k++) {
                gram[k] = Nd4j.zeros(DataType.DOUBLE, n, n);
            }
            speeds = new double[b][Math.max(0, window - 1)];
            int sepSamples = (window + sepStride - 1) / sepStride;
            logDistances = new double[Math.max(0, b - 1)][sepSamples];
            sepTimes = new double[sepSamples];
            samples = new double[testMs.length][samplesPerTest][];
            figure = new double[testMs.length][(window + figStride - 1) / figStride][];
        }

        @Override
        public void after(int t, INDArray hNd, INDArray rNd) {
            if (t < from - 1) {
                return;
            }
            double[] h = hNd.data().asDouble();
            if (t >= from) {
                double[] r = rNd.data().asDouble();
                for (int k = 0; k < durations.length; k++) {
                    System.arraycopy(r, k * n, chunk[k], filled * n, n);
                    for (int i = 0; i < n; i++) {
                        sum[k][i] += r[k * n + i];
                    }
                }
                filled++;
                if (filled == chunkRows || t == to - 1) {
                    flush();
                }
                if (t > from) {
                    for (int k = 0; k < durations.length; k++) {
                        speeds[k][t - 1 - from] = distance(h, k, previous, k) * speedScale;
                    }
                }
                keepStates(t, h);
            }
            previous = h;
        }

        /** |a[row ka] - b[row kb]| for rows of length n. */
        private double distance(double[] a, int ka, double[] b, int kb) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                double d = a[ka * n + i] - b[kb * n + i];
                s += d * d;
            }
            return Math.sqrt(s);
        }

        private void keepStates(int t, double[] h) {
            int rel = t - from;
            if (rel % sepStride == 0) {
                for (int k = 0; k + 1 < durations.length; k++) {
                    double d = distance(h, k, h, k + 1);
                    logDistances[k][sepCount] = d > 0 ? Math.log(d) : Double.NaN;
                }
                sepTimes[sepCount++] = rel * dt;
            }
            for (int j = 0; j < testRows.length; j++) {
                int row = testRows[j] * n;
                for (int s = 0; s < sampleSteps.length; s++) {
                    if (sampleSteps[s] == t) {
                        samples[j][s] = Arrays.copyOfRange(h, row, row + n);
                    }
                }
                if (rel % figStride == 0) {
                    figure[j][rel / figStride] = Arrays.copyOfRange(h, row, row + n);
                }
            }
        }

        private void flush() {
            for (int k = 0; k < durations.length; k++) {
                INDArray rows = Nd4j.create(Arrays.copyOf(chunk[k], filled * n), new long[] {filled, n}, 'c');
                Nd4j.gemm(rows, rows, gram[k], true, false, 1.0, 1.0);
            }
            filled = 0;
        }

        MemoryTrajectories result(double[] targets, double onsetMs) {
            int b = durations.length;
            WindowStats[] stats = new WindowStats[b];
            for (int k = 0; k < b; k++) {
                stats[k] = new WindowStats(durations[k], gram[k].dup('c').data().asDouble(), sum[k].clone(), to - from,
                        targets[k]);
            }
            double[] speedTimes = new double[Math.max(0, to - from - 1)];
            for (int i = 0; i < speedTimes.length; i++) {
                speedTimes[i] = (from + i) * dt;
            }
            int pairs = 0;
            for (int k = 0; k + 1 < b; k++) {
                if (fit[k] && fit[k + 1]) {
                    pairs++;
                }
            }
            double[] rates = new double[pairs];
            int p = 0;
            for (int k = 0; k + 1 < b; k++) {
                if (fit[k] && fit[k + 1]) {
                    rates[p++] = slopePerSecond(sepTimes, logDistances[k], sepCount);
                }
            }
            double[] figTimes = new double[figure.length == 0 ? 0 : figure[0].length];
            for (int i = 0; i < figTimes.length; i++) {
                figTimes[i] = (from + i * figStride) * dt;
            }
            return new MemoryTrajectories(durations, stats, speeds, speedTimes, rates, samples, figure, figTimes);
        }
    }

    /** Least-squares slope of y against t (ms) over the first {@code count} finite samples, per second. */
    static double slopePerSecond(double[] tMs, double[] y, int count) {
        double st = 0;
        double sy = 0;
        int m = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isFinite(y[i])) {
                st += tMs[i];
                sy += y[i];
                m++;
            }
        }
        if (m < 2) {
            return Double.NaN;
        }
        double mt = st / m;
        double my = sy / m;
        double num = 0;
        double den = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isFinite(y[i])) {
                num += (tMs[i] - mt) * (y[i] - my);
                den += (tMs[i] - mt) * (tMs[i] - mt);
            }
        }
        return num / den * 1000.0;
    }

    /** Mean speed per test duration over the window, 1/s, keyed by duration (ms). */
    public Map<Integer, Double> meanSpeedByDuration(int[] testMs) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int d : testMs) {
            out.put(d, Arrays.stream(speeds[indexOf(d)]).average().orElse(Double.NaN));
        }
        return out;
    }
}
