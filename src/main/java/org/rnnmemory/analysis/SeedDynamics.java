package org.rnnmemory.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.rnnmemory.eval.EvalProtocol;
import org.rnnmemory.eval.Evaluator;
import org.rnnmemory.eval.Pca;
import org.rnnmemory.model.CtrnnWeights;
import org.rnnmemory.model.Simulator;
import org.rnnmemory.task.TaskSpec;
import org.rnnmemory.task.Trial;
import org.rnnmemory.task.TrialGenerator;

/**
 * What one trained network does with a pulse, measured on noise-free trials (h = 0 at the start,
 * onset and trial length from the evaluation protocol, one trial per analysed duration, all
 * durations simulated as one batch in float64). The memory period is the evaluation window
 * (steps with y > 0, from {@code cost_onset_ms} to the end of the trial).
 *
 * @param seed model seed
 * @param durationsMs analysed pulse durations, ascending, ms
 * @param plateau mean output over the evaluation window, per duration
 * @param driftPerSecond least-squares slope of the output over the evaluation window, per duration, 1/s
 * @param metrics the per-seed trajectory metrics ({@link #METRICS} order)
 * @param trajectoryTimesMs times of the trajectory samples (ms from trial start), from the onset on
 * @param trajectories projections on the top three memory-period PCs, [duration][time][pc]
 * @param silent the silent state r = 0 projected on the same PCs
 * @param inputDirection I / |I| projected on the PCs
 * @param readoutDirection w / |w| projected on the PCs
 * @param memoryEigenvalues eigenvalues of the memory-period covariance, descending
 * @param readoutCumulative cumulative fraction of |w|^2 in memory-period PCs 1..k
 * @param pairs separation of every pair of trajectories
 * @param outputTimesMs times of the output samples, ms from trial start
 * @param outputs output per test duration (protocol order) at those times
 */
public record SeedDynamics(int seed, double[] durationsMs, double[] plateau, double[] driftPerSecond,
                           Map<String, Double> metrics, double[] trajectoryTimesMs, double[][][] trajectories,
                           double[] silent, double[] inputDirection, double[] readoutDirection,
                           double[] memoryEigenvalues, double[] readoutCumulative, List<Separation.Pair> pairs,
                           double[] outputTimesMs, double[][] outputs) {

    public static final String DRIFT = "drift_per_s";
    public static final String DRIFT_REL = "drift_rel_per_s";

    /** Names of the per-seed analysis metrics ({@link MetricCatalog#SEED_METRICS}), in column order. */
    public static final List<String> METRICS = MetricCatalog.analysisNames();

    /** Spacing of the output samples kept for figures, ms. */
    static final double OUTPUT_STEP_MS = 20;

    /** Analyses one network. */
    public static SeedDynamics compute(int seed, CtrnnWeights weights, EvalProtocol protocol, DurationPlan plan,
                                       AnalysisOptions options) {
        CtrnnWeights w = weights.castTo(DataType.DOUBLE);
        int n = w.n();
        Simulator sim = new Simulator(w);
        MemoryPeriod memory = MemoryPeriod.of(new Evaluator(protocol), sim, n, plan);
        double[] wv = w.w().data().asDouble();
        double[] iv = w.I().data().asDouble();
        PcBasis basis = PcBasis.of(memory.pca(), 3, memory.grandMean());
        Batch batch = Batch.run(sim, protocol, plan, options, basis, n);
        double[] d = Arrays.stream(plan.durationsMs()).asDoubleStream().toArray();
        List<Separation.Pair> pairs = Separation.pairs(d, batch.memoryRates());
        SeedTrials trials = new SeedTrials(plan, d, batch.plateau(), batch.drift(), pairs, memory.pca(),
                memory.meansByDuration(), wv);
        Map<String, Double> m = new LinkedHashMap<>();
        for (SeedMetric metric : MetricCatalog.SEED_METRICS) {
            m.put(metric.name(), metric.compute().applyAsDouble(trials));
        }
        return new SeedDynamics(seed, d, batch.plateau(), batch.drift(), m, batch.trajectoryTimes(),
                batch.trajectories(), basis.project(new double[n]), basis.direction(iv), basis.direction(wv),
                memory.pca().eigenvalues(), ReadoutGeometry.cumulativeFraction(memory.pca(), wv), pairs,
                batch.outputTimes(), batch.outputs());
    }

    /** Mean signed drift, and mean |drift| relative to the target level, over the test durations. */
    static Map<String, Double> drift(DurationPlan plan, double[] drift) {
        double signed = 0;
        double rel = 0;
        List<Integer> idx = plan.testIndices();
        for (int k = 0; k < idx.size(); k++) {
            double level = plan.targetPerMs() * plan.testDurationsMs()[k];
            signed += drift[idx.get(k)] / idx.size();
            rel += Math.abs(drift[idx.get(k)]) / Math.abs(level) / idx.size();
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(DRIFT, signed);
        m.put(DRIFT_REL, rel);
        return m;
    }

    /**
     * The SPEC memory-period runs: covariance PCA (averaged over the test durations) and each test
     * duration's mean rate vector, ordered by ascending duration.
     */
    record MemoryPeriod(Pca pca, double[][] meansByDuration, double[] grandMean) {
        static MemoryPeriod of(Evaluator ev, Simulator sim, int n, DurationPlan plan) {
            INDArray[] rates = ev.memoryRates(sim, n);
            double[][][] covs = new double[rates.length][][];
            double[][] means = new double[rates.length][];
            for (int k = 0; k < rates.length; k++) {
                covs[k] = Pca.covariance(rates[k], false);
                means[k] = rates[k].mean(0).toDoubleVector();
                rates[k].close();
            }
            Integer[] order = new Integer[means.length];
            for (int k = 0; k < order.length; k++) {
                order[k] = k;
            }
            int[] test = plan.testDurationsMs();
            Arrays.sort(order, (a, b) -> Integer.compare(test[a], test[b]));
            double[][] sorted = new double[means.length][];
            double[] grand = new double[n];
            for (int k = 0; k < order.length; k++) {
                sorted[k] = means[order[k]];
                for (int i = 0; i < n; i++) {
                    grand[i] += sorted[k][i] / means.length;
                }
            }
            return new MemoryPeriod(Pca.of(Pca.average(covs)), sorted, grand);
        }
    }

    /**
     * The batch of one trial per analysed duration, reduced to what the analysis keeps; {@code z} is
     * the full output per duration and step of the trial.
     */
    record Batch(double[] plateau, double[] drift, double[][][] memoryRates, double[] trajectoryTimes,
                 double[][][] trajectories, double[] outputTimes, double[][] outputs, double[][] z) {

        static Batch run(Simulator sim, EvalProtocol p, DurationPlan plan, AnalysisOptions o, PcBasis basis, int n) {
            TaskSpec task = p.task();
            int count = plan.durationsMs().length;
            int onset = p.onset();
            int end = task.trialSteps();
            int window = task.costOnset();
            float[][] u = new float[count][];
            for (int k = 0; k < count; k++) {
                Trial trial = TrialGenerator.trial(task, onset, plan.steps(plan.durationsMs()[k]));
                u[k] = Arrays.copyOfRange(trial.u(), onset, end);
            }
            // From h = 0 without input the state stays exactly 0, so the steps before the onset are skipped:
            // step j of this run is step onset + j of the trial, and z is exactly 0 before the onset.
            Simulator.Result res = sim.run(u, Nd4j.zeros(DataType.DOUBLE, count, n), 0, end - onset);
            double[][] z = new double[count][end];
            for (int k = 0; k < count; k++) {
                System.arraycopy(res.z()[k], 0, z[k], onset, end - onset);
            }
            int[] trajSteps = range(onset, end, stride(o.trajectoryStepMs(), plan.dtMs()));
            int[] sepSteps = range(window, end, stride(o.separationStepMs(), plan.dtMs()));
            double[] plateau = new double[count];
            double[] drift = new double[count];
            double[][][] mem = new double[count][][];
            double[][][] traj = new double[count][trajSteps.length][];
            for (int k = 0; k < count; k++) {
                plateau[k] = PlateauDrift.mean(z[k], window, end);
                drift[k] = PlateauDrift.perSecond(z[k], window, end, plan.dtMs());
                INDArray rec = res.rates()[k];
                for (int j = 0; j < trajSteps.length; j++) {
                    traj[k][j] = basis.project(rec.getRow(trajSteps[j] - onset).toDoubleVector());
                }
                mem[k] = new double[sepSteps.length][];
                for (int j = 0; j < sepSteps.length; j++) {
                    mem[k][j] = rec.getRow(sepSteps[j] - onset).toDoubleVector();
                }
                rec.close();
            }
            int[] outSteps = range(0, end, stride(OUTPUT_STEP_MS, plan.dtMs()));
            List<Integer> test = plan.testIndices();
            double[][] outputs = new double[test.size()][outSteps.length];
            for (int k = 0; k < test.size(); k++) {
                for (int j = 0; j < outSteps.length; j++) {
                    outputs[k][j] = z[test.get(k)][outSteps[j]];
                }
            }
            return new Batch(plateau, drift, mem, times(trajSteps, plan.dtMs()), traj, times(outSteps, plan.dtMs()),
                    outputs, z);
        }

        static int stride(double ms, double dt) {
            return Math.max(1, (int) Math.round(ms / dt));
        }

        static int[] range(int from, int to, int stride) {
            List<Integer> out = new ArrayList<>();
            for (int t = from; t < to; t += stride) {
                out.add(t);
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        static double[] times(int[] steps, double dt) {
            return Arrays.stream(steps).mapToDouble(s -> s * dt).toArray();
        }
    }
}
