package org.rnnmemory.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnmemory.cli.UserInputException;
import org.rnnmemory.io.Json;
import org.rnnmemory.io.RunStatus;
import org.rnnmemory.train.ExperimentRunner;

/**
 * The state of a candidate's run directory: {@link #NEW} (no run yet), {@link #INTERRUPTED} (a run of
 * this configuration that did not complete) or {@link #FINISHED} ({@code run.json} status
 * {@code completed}). A directory holding a run of another configuration is an error.
 */
enum CandidateState {
    NEW, INTERRUPTED, FINISHED;

    /**
     * Inspects {@code dir}.
     *
     * @param configHash the candidate experiment's {@code configHash()}
     * @throws UserInputException if {@code dir} holds a run of another configuration
     */
    static CandidateState of(Path dir, String configHash) {
        Path runJson = dir.resolve("run.json");
        if (!Files.isRegularFile(runJson)) {
            return Files.isRegularFile(dir.resolve(ExperimentRunner.RESOLVED)) ? INTERRUPTED : NEW;
        }
        JsonNode run;
        try {
            run = Json.MAPPER.readTree(runJson.toFile());
        } catch (IOException e) {
            throw new UserInputException(runJson + ": not readable as JSON (" + e.getMessage()
                    + "); remove the candidate directory to retrain it");
        }
        String hash = run.path("config_hash").asText("");
        if (!hash.equals(configHash)) {
            throw new UserInputException(dir + " holds a run of another configuration (config hash '" + hash
                    + "', this candidate's is '" + configHash + "'); use another --out or remove that directory");
        }
        return RunStatus.COMPLETED.is(run.path("status").asText()) ? FINISHED : INTERRUPTED;
    }
}
