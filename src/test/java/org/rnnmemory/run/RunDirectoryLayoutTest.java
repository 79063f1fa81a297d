package org.rnnmemory.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnmemory.io.InputFileException;

/** The layout {@link RunDirectory} names, and its one-line errors for folders that hold no run. */
class RunDirectoryLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void namesEveryFileOfTheLayout() {
        RunDirectory r = RunDirectory.of(Path.of("runs/x"));
        assertEquals(Path.of("runs/x/config.yaml"), r.config());
        assertEquals(Path.of("runs/x/config.resolved.yaml"), r.resolved());
        assertEquals(Path.of("runs/x/run.json"), r.runJson());
        assertEquals(Path.of("runs/x/checkpoint.bin"), r.checkpoint());
        assertEquals(Path.of("runs/x/.lock"), r.lock());
        assertEquals(Path.of("runs/x/tables/seeds.csv"), r.seedsCsv());
        assertEquals(Path.of("runs/x/tables/curves.csv"), r.curvesCsv());
        assertEquals(Path.of("runs/x/tables/schema.json"), r.schema());
        assertEquals(Path.of("runs/x/tables/analysis.csv"), r.table("analysis"));
        assertEquals(Path.of("runs/x/seeds/seed-7"), r.seed(7));
        assertEquals(Path.of("runs/x/figures"), r.figures());
        assertEquals(Path.of("runs/x/report"), r.report());
    }

    @Test
    void aRunDirectoryIsMarkedByItsResolvedConfig() throws Exception {
        assertFalse(RunDirectory.isRunDirectory(tmp));
        Files.writeString(tmp.resolve("config.resolved.yaml"), "name: x\n");
        assertTrue(RunDirectory.isRunDirectory(tmp));
        assertEquals(tmp, RunDirectory.open(tmp).dir());
    }

    @Test
    void openNamesTheFolderAndWhatIsMissing() {
        Path missing = tmp.resolve("nope");
        assertEquals(missing + ": not a run directory (not found)",
                assertThrows(InputFileException.class, () -> RunDirectory.open(missing)).getMessage());
        assertEquals(tmp + ": not a run directory: no config.resolved.yaml",
                assertThrows(InputFileException.class, () -> RunDirectory.open(tmp)).getMessage());
        assertEquals(tmp.resolve("config.resolved.yaml") + ": not found: " + tmp + " is not a run directory",
                assertThrows(InputFileException.class, () -> RunDirectory.of(tmp).spec()).getMessage());
    }

    @Test
    void aSeedFolderNamesItsSeedAndItsRun() throws Exception {
        Path seed = RunDirectory.of(tmp).seed(12);
        assertEquals(OptionalInt.of(12), RunDirectory.seedOf(seed));
        assertEquals(OptionalInt.empty(), RunDirectory.seedOf(tmp.resolve("weights")));
        assertEquals(Optional.empty(), RunDirectory.ofSeedFolder(seed));
        Files.writeString(tmp.resolve("config.resolved.yaml"), "name: x\n");
        assertEquals(tmp.toAbsolutePath().normalize(), RunDirectory.ofSeedFolder(seed).orElseThrow().dir());
    }

    @Test
    void aMissingCheckpointIsEmptyAndABrokenOneIsAnError() throws Exception {
        assertEquals(OptionalInt.empty(), RunDirectory.of(tmp).checkpointNextUpdate());
        Files.writeString(tmp.resolve("checkpoint.bin"), "not a checkpoint");
        assertThrows(RuntimeException.class, () -> RunDirectory.of(tmp).checkpointNextUpdate());
    }
}
