package org.rnnmemory.eval;

import java.util.List;
import org.rnnmemory.task.SystemA;
import org.rnnmemory.task.TaskSpec;

/**
 * The evaluation protocol of SPEC section 4, in steps. Noise-free trials from h = 0.
 *
 * @param task the task whose targets, strength and trial length the precision trials use
 * @param onset onset of the precision trials, steps
 * @param durations test durations, steps
 * @param durationLabels the test durations as named in tables and JSON (ms)
 * @param spontaneousSteps length of the spontaneous run (h = 0.1 everywhere, no input)
 * @param spontaneousFrom first step of the spontaneous covariance window
 * @param memoryOnset pulse onset of the memory-period runs
 * @param memorySteps length of the memory-period runs
 * @param memoryFrom first step of the memory-period covariance window
 */
public record EvalProtocol(TaskSpec task, int onset, int[] durations, List<String> durationLabels,
                           int spontaneousSteps, int spontaneousFrom, int memoryOnset, int memorySteps,
                           int memoryFrom) {

    /** Initial value of every unit in the spontaneous run. */
    public static final double SPONTANEOUS_H0 = SystemA.SPONTANEOUS_H0;

    /** SPEC section 4 with dt = 1 ms. */
    public static final EvalProtocol SYSTEM_A = systemA(SystemA.DT_MS);

    public EvalProtocol {
        if (durations.length == 0 || durations.length != durationLabels.size()) {
            throw new IllegalArgumentException("evaluation.durations_ms must name at least one duration");
        }
        for (int d : durations) {
            if (d < 0 || onset + d >= task.trialSteps()) {
                throw new IllegalArgumentException("evaluation pulse at onset " + onset + " with duration " + d
                        + " steps does not fit in the trial (" + task.trialSteps() + " steps)");
            }
            if (memoryOnset + d >= memorySteps) {
                throw new IllegalArgumentException("memory-period pulse of " + d + " steps does not fit in "
                        + memorySteps + " steps");
            }
        }
        if (spontaneousFrom < 0 || spontaneousSteps - spontaneousFrom < 2 || memorySteps - memoryFrom < 2) {
            throw new IllegalArgumentException("covariance windows need at least two steps");
        }
    }

    /**
     * System A's protocol and task ({@link SystemA#task(double)}) for a time step of {@code dtMs}:
     * onset 3000 ms, durations 50, 150 and 300 ms.
     */
    public static EvalProtocol systemA(double dtMs) {
        return of(SystemA.task(dtMs), dtMs, SystemA.EVAL_ONSET_MS, SystemA.evalDurationsMs());
    }

    /**
     * The SPEC protocol for a time step of {@code dtMs}: onsets and durations given in ms, the fixed
     * protocol lengths ({@link SystemA}: 10000/5000 ms spontaneous, 10/4010/1510 ms memory period)
     * converted to steps.
     */
    public static EvalProtocol of(TaskSpec task, double dtMs, int onsetMs, int[] durationsMs) {
        int[] steps = new int[durationsMs.length];
        String[] labels = new String[durationsMs.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = (int) Math.round(durationsMs[i] / dtMs);
            labels[i] = Integer.toString(durationsMs[i]);
        }
        return new EvalProtocol(task, (int) Math.round(onsetMs / dtMs), steps, List.of(labels),
                (int) Math.round(SystemA.SPONTANEOUS_MS / dtMs), (int) Math.round(SystemA.SPONTANEOUS_FROM_MS / dtMs),
                Math.max(1, (int) Math.round(SystemA.MEMORY_ONSET_MS / dtMs)),
                (int) Math.round(SystemA.MEMORY_MS / dtMs), (int) Math.round(SystemA.MEMORY_FROM_MS / dtMs));
    }
}
