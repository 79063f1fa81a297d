package org.rnnmemory.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.rnnmemory.cli.CliRun;
import org.rnnmemory.cli.TinyExperiment;
import org.rnnmemory.config.ExperimentLoader;
import org.rnnmemory.config.ExperimentSpec;
import org.rnnmemory.io.Npy;
import org.rnnmemory.run.ExperimentRunner;
import org.rnnmemory.run.RunDirectory;

/**
 * A stop in the middle of an epoch (as a signal causes) leaves the state of the last completed update;
 * its checkpoint resumes to the weights and curves of an uninterrupted run, bit for bit.
 */
class MidEpochResumeTest {

    @Test
    void aCheckpointInTheMiddleOfAnEpochResumesToTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path experiment = tmp.resolve("tiny.yaml");
        Files.writeString(experiment, TinyExperiment.YAML);
        Path straight = tmp.resolve("straight");
        CliRun a = CliRun.of("run", experiment.toString(), "--out", straight.toString());
        assertEquals(0, a.code(), a.err());

        ExperimentSpec spec = ExperimentLoader.load(experiment, List.of());
        TrainPlan plan = ExperimentRunner.plan(spec);
        Path resumed = tmp.resolve("resumed");
        Files.createDirectories(resumed);
        Files.writeString(resumed.resolve(RunDirectory.RESOLVED), spec.toResolvedYaml());
        int stopAfter = plan.updatesPerEpoch() + 2;
        try (Trainer t = new Trainer(plan, null, null)) {
            int[] done = {0};
            boolean finished = t.train(new Trainer.Listener() {
                @Override
                public void onUpdate(int update, int total, List<CurvePoint> points) {
                    done[0]++;
                }

                @Override
                public boolean stopRequested() {
                    return done[0] >= stopAfter;
                }
            });
            assertFalse(finished);
            assertEquals(stopAfter, t.nextUpdate());
            Checkpoint.write(resumed.resolve(RunDirectory.CHECKPOINT), spec.configHash(), t, plan.learningRate());
        }
        CliRun b = CliRun.of("run", experiment.toString(), "--out", resumed.toString(), "--resume");
        assertEquals(0, b.code(), b.err());
        for (int s : spec.seeds()) {
            for (String f : List.of("I.npy", "w.npy")) {
                assertArrayEquals(Npy.read(straight.resolve("seeds/seed-" + s).resolve(f), DataType.FLOAT).data().asFloat(),
                        Npy.read(resumed.resolve("seeds/seed-" + s).resolve(f), DataType.FLOAT).data().asFloat(),
                        "seed " + s + " " + f);
            }
        }
        assertEquals(Files.readString(straight.resolve("tables/curves.csv")).lines()
                .map(RunDirectoryTest::dropSeconds).toList(), Files.readString(resumed.resolve("tables/curves.csv"))
                .lines().map(RunDirectoryTest::dropSeconds).toList());
    }
}
