package org.rnnmemory.cli;

/** A tiny experiment (N = 12, dt 10 ms, 1 s trials, 3 seeds x 3 epochs) that trains in seconds, for end-to-end tests. */
public final class TinyExperiment {
    public static final String YAML = """
            name: tiny
            seeds: {from: 1, to: 3}
            network: {hidden_size: 12, tau_ms: 100, dt_ms: 10, gain: 1.5, network_seed: 1}
            task: {trial_ms: 1000, onset_ms: 300, onset_jitter_ms: 100, duration_ms: 50,
                   duration_jitter_ms: 20, cost_onset_ms: 600, trials: 24}
            training: {epochs: 3, batch_size: 6, learning_rate: 0.01, workers: 2}
            evaluation: {onset_ms: 300, durations_ms: [30, 50, 80]}
            """;

    private TinyExperiment() {}
}
