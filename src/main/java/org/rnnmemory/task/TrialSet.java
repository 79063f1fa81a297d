package org.rnnmemory.task;

import java.util.ArrayList;
import java.util.List;

/** An indexed set of trials. Generated sets keep only each trial's hidden variables and build arrays on demand. */
public interface TrialSet {
    int size();

    Trial get(int index);

    /** A set backed by materialised trials (e.g. read from a dataset). */
    static TrialSet of(List<Trial> trials) {
        List<Trial> copy = List.copyOf(trials);
        return new TrialSet() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Trial get(int index) {
                return copy.get(index);
            }
        };
    }

    /** The training set a generator draws ({@code spec.trials()} trials), stored as each trial's parameters. */
    static TrialSet generated(TaskSpec spec, TrialGenerator generator) {
        IntegrationMemoryTask task = new IntegrationMemoryTask(spec);
        List<IntegrationMemoryTask.Params> params = new ArrayList<>(spec.trials());
        for (int i = 0; i < spec.trials(); i++) {
            params.add(generator.nextParams());
        }
        return of(task, params);
    }

    /** A set of a task's trials kept as their parameters; each trial's arrays are built when it is read. */
    static <P> TrialSet of(Task<P> task, List<P> params) {
        List<P> copy = List.copyOf(params);
        return new TrialSet() {
            @Override
            public int size() {
                return copy.size();
            }

            @Override
            public Trial get(int i) {
                return task.trial(copy.get(i));
            }
        };
    }
}
