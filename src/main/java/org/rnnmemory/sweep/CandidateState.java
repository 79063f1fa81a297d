package org.rnnmemory.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.UserInputException;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.run.RunDirectory;

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
        Path runJson = RunDirectory.of(dir).runJson();
        if (!Files.isRegularFile(runJson)) {
            return RunDirectory.isRunDirectory(dir) ? INTERRUPTED : NEW;
        }
        Provenance.Recorded run;
        try {
            run = Provenance.read(runJson);
        } catch (InputFileException e) {
            throw new UserInputException(e.getMessage() + "; remove the candidate directory to retrain it");
        }
        String hash = run.configHash() == null ? "" : run.configHash();
        if (!hash.equals(configHash)) {
            throw new UserInputException(dir + " holds a run of another configuration (config hash '" + hash
                    + "', this candidate's is '" + configHash + "'); use another --out or remove that directory");
        }
        return run.completed() ? FINISHED : INTERRUPTED;
    }
}
