package org.rnnmemory.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.config.SeedShards;
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
 * @param shardsPerCandidate K: each candidate's seeds run as K contiguous shards, each its own run
 *     directory ({@link CandidateShard}); 1 runs every seed in the candidate's directory
 */
public record SweepPlan(Path sweepFile, String name, SweepSpec spec, Path dir, List<SweepCandidate> candidates,
                        List<ExperimentSpec> experiments, String experimentText, int shardsPerCandidate) {

    /** Sub-folder of the output folder that holds the candidates' run directories. */
    public static final String CANDIDATES = "candidates";
    /** The command-line option that sets {@link #shardsPerCandidate()}. */
    public static final String SHARDS_OPTION = "--shards-per-candidate";

    public SweepPlan {
        if (shardsPerCandidate < 1) {
            throw new IllegalArgumentException("shardsPerCandidate must be >= 1, found " + shardsPerCandidate);
        }
        candidates = List.copyOf(candidates);
        experiments = List.copyOf(experiments);
        if (candidates.size() != experiments.size()) {
            throw new IllegalArgumentException("one experiment per candidate expected");
        }
    }

    /** {@link #of(Path, SweepSpec, Path, int)} with one shard per candidate. */
    public static SweepPlan of(Path sweepFile, SweepSpec spec, Path dir) {
        return of(sweepFile, spec, dir, 1);
    }

    /**
     * Resolves every candidate of {@code spec} and splits its seeds into {@code shardsPerCandidate}
     * shards; checks that the folder holds no sweep run with another number of shards
     * ({@link ShardLayout}) and that each run directory that already exists holds a run of the same
     * configuration.
     *
     * @throws org.rnnmemory.io.RefusedException naming {@value #SHARDS_OPTION} when a candidate has fewer
     *     seeds than shards or K < 1, or naming the folder and both K values
     */
    public static SweepPlan of(Path sweepFile, SweepSpec spec, Path dir, int shardsPerCandidate) {
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
        for (ExperimentSpec e : experiments) {
            SeedShards.split(e.seeds(), shardsPerCandidate, SHARDS_OPTION);
        }
        SweepPlan plan = new SweepPlan(sweepFile, nameOf(sweepFile), spec, dir, candidates, experiments, text,
                shardsPerCandidate);
        ShardLayout.require(plan);
        for (CandidateShard s : plan.shards()) {
            CandidateState.of(s.dir(), s.experiment().configHash());
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

    /**
     * {@code DIR/candidates/<k>-<description>}: the candidate's run directory, or with K > 1 shards the
     * folder of its shards ({@link #shards(SweepCandidate)}).
     */
    public Path runDir(SweepCandidate c) {
        return dir.resolve(CANDIDATES).resolve(c.dirName(count()));
    }

    /** Whether each candidate runs as more than one shard. */
    public boolean sharded() {
        return shardsPerCandidate > 1;
    }

    /**
     * The run directories of a candidate, in the order of its seeds: its own directory, or with K > 1
     * {@code runDir(c)/shards/0} to {@code shards/<K-1>}, shard s with the s-th contiguous part of the
     * candidate's seeds ({@link SeedShards}).
     */
    public List<CandidateShard> shards(SweepCandidate c) {
        ExperimentSpec e = experiment(c);
        if (!sharded()) {
            return List.of(new CandidateShard(c, 0, 1, runDir(c), e, c.overrides()));
        }
        List<List<Integer>> parts = SeedShards.split(e.seeds(), shardsPerCandidate, SHARDS_OPTION);
        List<CandidateShard> out = new ArrayList<>();
        for (int s = 0; s < parts.size(); s++) {
            List<String> overrides = new ArrayList<>(c.overrides());
            overrides.add("seeds=" + parts.get(s).stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")));
            out.add(new CandidateShard(c, s, shardsPerCandidate,
                    runDir(c).resolve(CandidateShard.SHARDS).resolve(String.valueOf(s)), e.withSeeds(parts.get(s)),
                    overrides));
        }
        return out;
    }

    /** Every shard of every candidate, candidate by candidate: shard s of candidate k at position k K + s. */
    public List<CandidateShard> shards() {
        List<CandidateShard> out = new ArrayList<>();
        for (SweepCandidate c : candidates) {
            out.addAll(shards(c));
        }
        return out;
    }

    /** The run directories that hold a candidate's seeds, in seed order. */
    public List<Path> runDirs(SweepCandidate c) {
        return shards(c).stream().map(CandidateShard::dir).toList();
    }

    public ExperimentSpec experiment(SweepCandidate c) {
        return experiments.get(c.index());
    }

    /** Text written to the candidate's {@code config.yaml}: the experiment file, headed by the overrides. */
    public String configText(SweepCandidate c) {
        return configText(c, c.overrides());
    }

    /** Text written to a shard's {@code config.yaml}: the experiment file, headed by the shard's overrides. */
    public String configText(CandidateShard s) {
        return configText(s.candidate(), s.overrides());
    }

    private String configText(SweepCandidate c, List<String> overrides) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Sweep ").append(name).append(", candidate ").append(c.index()).append(": ")
                .append(spec.experiment()).append(" with\n");
        for (String o : overrides) {
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
