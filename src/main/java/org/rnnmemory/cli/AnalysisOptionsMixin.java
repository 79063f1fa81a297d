package org.rnnmemory.cli;

import org.rnnmemory.analysis.AnalysisOptions;
import org.rnnmemory.io.UserInputException;
import picocli.CommandLine.Option;

/** The options of {@code rnnmem analyze}, shared with {@code rnnmem report}. */
public final class AnalysisOptionsMixin {
    private static final AnalysisOptions D = AnalysisOptions.DEFAULT;

    @Option(names = "--durations", paramLabel = "FROM:TO:STEP", defaultValue = "20:400:20",
            description = "Dense pulse durations in ms, added to the test durations (default ${DEFAULT-VALUE}).")
    String durations;

    @Option(names = "--trajectory-step-ms", paramLabel = "MS", defaultValue = "20",
            description = "Time between rows of tables/trajectories.csv (default ${DEFAULT-VALUE}).")
    int trajectoryStepMs;

    @Option(names = "--resamples", defaultValue = "10000",
            description = "Bootstrap resamples per interval, at least 10000 (default ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--bootstrap-seed", defaultValue = "1",
            description = "Seed of the bootstrap resampling (default ${DEFAULT-VALUE}).")
    long bootstrapSeed;

    @Option(names = "--workers", description = "Seeds simulated in parallel (default: min(2, cores)).")
    Integer workers;

    /** The validated options. */
    AnalysisOptions toOptions() {
        String[] p = durations.split(":");
        if (p.length != 3) {
            throw new UserInputException("--durations must be FROM:TO:STEP in ms, found '" + durations + "'");
        }
        try {
            return new AnalysisOptions(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()),
                    Integer.parseInt(p[2].strip()), trajectoryStepMs, D.separationStepMs(), resamples, bootstrapSeed,
                    workers == null ? D.workers() : workers);
        } catch (NumberFormatException e) {
            throw new UserInputException("--durations must be FROM:TO:STEP in whole ms, found '" + durations + "'");
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}
