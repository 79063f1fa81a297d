package org.rnnmemory.sweep;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.sweep.CandidateOutcome.Action;

/**
 * Arbiter {@link TaskCreator} of a sweep: the task of a candidate trains its experiment (every seed)
 * with {@link ExperimentRunner#run} into {@code CANDIDATES_DIR/<k>-<description>/}, continues an
 * interrupted run there with {@code --resume} semantics, or skips a completed one. A sharded
 * candidate ({@link SweepPlan#shards(SweepCandidate)}) does so for each shard in turn, so only its
 * unfinished shards train. Its result is scored by the configured {@link ScoreFunction} on the list
 * of its run directories and carries a
 * {@link CandidateInfo}; a task that throws returns a result with status {@code Failed}. The outcome
 * of every task is kept, by candidate index ({@link #outcomes()}).
 */
final class CandidateTasks implements TaskCreator {
    private final SweepPlan plan;
    private final PrintStream log;
    private final boolean checkResources;
    private final Map<Integer, CandidateOutcome> outcomes = new TreeMap<>();

    /** @param checkResources whether each candidate's run checks its memory and disk first */
    CandidateTasks(SweepPlan plan, PrintStream log, boolean checkResources) {
        this.plan = plan;
        this.log = log;
        this.checkResources = checkResources;
    }

    /** Outcomes so far, by candidate index. */
    synchronized Map<Integer, CandidateOutcome> outcomes() {
        return Map.copyOf(outcomes);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider,
                                               ScoreFunction scoreFunction, List<StatusListener> statusListeners,
                                               IOptimizationRunner runner) {
        return () -> execute(candidate, scoreFunction);
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource,
                                               Properties dataSourceProperties, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> execute(candidate, scoreFunction);
    }

    private OptimizationResult execute(Candidate<?> candidate, ScoreFunction scoreFunction) {
        long start = System.currentTimeMillis();
        SweepCandidate c = SweepCandidates.of(candidate);
        Path dir = plan.runDir(c);
        try {
            Action action = runOrSkip(c);
            double score = scoreFunction.score(plan.runDirs(c), (DataProvider) null, candidate.getDataParameters());
            long end = System.currentTimeMillis();
            record(new CandidateOutcome(c, dir, action, score, (end - start) / 1000.0, null));
            log.printf(Locale.ROOT, "[sweep] candidate %d/%d %s: %s, median precision %.6f (%.1f s)%n",
                    c.index() + 1, plan.count(), c.description(), action.label(), score, (end - start) / 1000.0);
            CandidateInfo info = new CandidateInfo(c.index(), CandidateStatus.Complete, score, start, start, end,
                    candidate.getFlatParameters(), null);
            return new OptimizationResult(candidate, score, c.index(), dir, info, null);
        } catch (RuntimeException e) {
            long end = System.currentTimeMillis();
            record(new CandidateOutcome(c, dir, Action.FAILED, Double.NaN, (end - start) / 1000.0, e));
            log.printf(Locale.ROOT, "[sweep] candidate %d/%d %s: failed: %s%n", c.index() + 1, plan.count(),
                    c.description(), e.getMessage());
            CandidateInfo info = new CandidateInfo(c.index(), CandidateStatus.Failed, null, start, start, end,
                    candidate.getFlatParameters(), stackTrace(e));
            return new OptimizationResult(candidate, null, c.index(), dir, info, null);
        }
    }

    /** Runs the candidate's unfinished shards one after another; skipped when all are finished. */
    private Action runOrSkip(SweepCandidate c) {
        List<CandidateShard> shards = plan.shards(c);
        int fresh = 0;
        int finished = 0;
        for (CandidateShard s : shards) {
            CandidateState state = CandidateState.of(s.dir(), s.experiment().configHash());
            if (state == CandidateState.FINISHED) {
                finished++;
                continue;
            }
            fresh += state == CandidateState.NEW ? 1 : 0;
            log.printf(Locale.ROOT, "[sweep] candidate %d/%d %s: %s %d seeds in %s%n", c.index() + 1, plan.count(),
                    c.description(), state == CandidateState.NEW ? "training" : "resuming", s.seeds().size(), s.dir());
            ExperimentRunner.run(s.experiment(), plan.configText(s), s.dir(), state == CandidateState.INTERRUPTED,
                    new ExperimentRunner.Options(plan.sweepFile() + " (candidate " + c.index() + ", " + c.description()
                            + s.suffix() + ")", checkResources, false));
        }
        return finished == shards.size() ? Action.SKIPPED : fresh == shards.size() ? Action.TRAINED : Action.RESUMED;
    }

    private synchronized void record(CandidateOutcome o) {
        outcomes.put(o.candidate().index(), o);
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
