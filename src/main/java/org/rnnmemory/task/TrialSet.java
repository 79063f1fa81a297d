package org.rnnmemory.task;

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

    /** The training set a generator draws ({@code spec.trials()} trials), stored as onsets and durations. */
    static TrialSet generated(TaskSpec spec, TrialGenerator generator) {
        int n = spec.trials();
        int[] onset = new int[n];
        int[] duration = new int[n];
        for (int i = 0; i < n; i++) {
            Trial t = generator.next();
            onset[i] = t.isCatch() ? -1 : t.onset();
            duration[i] = t.isCatch() ? -1 : t.duration();
        }
        return new TrialSet() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Trial get(int i) {
                return onset[i] < 0 ? TrialGenerator.catchTrial(spec) : TrialGenerator.trial(spec, onset[i], duration[i]);
            }
        };
    }
}
