package org.rnnmemory.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.SweepSpec;
import org.rnnmemory.io.InputFileException;

/**
 * A loaded sweep with every candidate resolved to its experiment, before anything is written.
 * Building a plan checks every candidate's experiment and every existing candidate directory, so a
 * sweep that cannot run fails before it writes a file.
 *
 * @param sweepFile the sweep YAML file
 * @param name sweep name: the file name without {@code .yaml}/{@code .yml}
 * @param spec the sweep
 * @param dir output folder
 * @param candidates every candidate, in generation order
 * @param experiments the experiment of each candidate (same order)
 * @param experimentText the swept experiment file's text
 */
public record SweepPlan(Path sweepFile, String name, SweepSpec spec, Path dir, List<SweepCandidate> candidates,
                        List<ExperimentSpec> experiments, String experimentText) {

    /** Sub-folder of the output folder that holds the candidates' run directories. */
    public static final String CANDIDATES = "candidates";

    public SweepPlan {
        candidates = List.copyOf(candidates);
        experiments = List.copyOf(experiments);
        if (candidates.size() != experiments.size()) {
            throw new IllegalArgumentException("one experiment per candidate expected");
        }
    }

    /**
     * Resolves every candidate of {@code spec}; checks each candidate directory that already exists
     * under {@code dir} holds a run of the same configuration.
     */
    public static SweepPlan of(Path sweepFile, SweepSpec spec, Path dir) {
        List<SweepCandidate> candidates = SweepCandidates.all(spec);
        List<ExperimentSpec> experiments = new ArrayList<>();
        for (SweepCandidate c : candidates) {
            experiments.add(spec.experimentFor(c.point()));
        }
        String text;
        try {
            text = Files.readString(spec.experiment());
        } catch (IOException e) {
            throw new InputFileException(spec.experiment(), "cannot read: " + e.getMessage());
        }
        SweepPlan plan = new SweepPlan(sweepFile, nameOf(sweepFile), spec, dir, candidates, experiments, text);
        for (SweepCandidate c : candidates) {
            CandidateState.of(plan.runDir(c), plan.experiment(c).configHash());
        }
        return plan;
    }

    /** The sweep name of a file: its name without {@code .yaml} or {@code .yml}. */
    public static String nameOf(Path sweepFile) {
        String f = sweepFile.getFileName().toString();
        return f.replaceFirst("\\.ya?ml$", "");
    }

    /** The default output folder, {@code runs/sweeps/<name>}. */
    public static Path defaultDir(Path sweepFile) {
        return Path.of("runs", "sweeps", nameOf(sweepFile));
    }

    public int count() {
        return candidates.size();
    }

    /** {@code DIR/candidates/<k>-<description>}. */
    public Path runDir(SweepCandidate c) {
        return dir.resolve(CANDIDATES).resolve(c.dirName(count()));
    }

    public ExperimentSpec experiment(SweepCandidate c) {
        return experiments.get(c.index());
    }

    /** Text written to the candidate's {@code config.yaml}: the experiment file, headed by the overrides. */
    public String configText(SweepCandidate c) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep ").append(name).append(", candidate ").append(c.index()).append(": ")
                .append(spec.experiment()).append(" with\n");
        for (String o : c.overrides()) {
            sb.append("#   --set ").append(o).append('\n');
        }
        return sb.append(experimentText).toString();
    }

    /** Whether {@code network.gain} is swept (random search, or two or more grid values). */
    public boolean gainVaries() {
        List<Object> v = spec.parameters().get("network.gain");
        return v != null && (spec.search().equals("random") || v.stream().distinct().count() > 1);
    }
}
