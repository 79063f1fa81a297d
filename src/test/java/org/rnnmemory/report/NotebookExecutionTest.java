package org.rnnmemory.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running notebooks with Jupyter: when it cannot run, the notebook is left unexecuted and one line
 * says why. (A notebook that runs gets its cells' outputs: {@link ReportBuilderTest}.)
 */
class NotebookExecutionTest {
    @TempDir
    Path dir;

    private Path notebook(String code) {
        Path nb = dir.resolve("analysis.ipynb");
        new Notebook("t").markdown("# t").code(code).write(nb);
        return nb;
    }

    @Test
    void withoutJupyterTheNotebookStaysUnexecutedAndTheLineSaysWhatToInstall() throws IOException {
        Path nb = notebook("print(6 * 7)");
        byte[] before = Files.readAllBytes(nb);
        String old = System.getProperty(NotebookExecution.JUPYTER_PROPERTY);
        System.setProperty(NotebookExecution.JUPYTER_PROPERTY, dir.resolve("no-such-jupyter").toString());
        try {
            NotebookExecution.Outcome o = NotebookExecution.execute(nb);
            assertEquals(NotebookExecution.Status.UNAVAILABLE, o.status());
            assertEquals("analysis.ipynb written unexecuted: Jupyter not found (apt-get install jupyter-nbconvert "
                    + "python3-ipykernel python3-pandas python3-matplotlib python3-scipy)", o.line());
        } finally {
            if (old == null) {
                System.clearProperty(NotebookExecution.JUPYTER_PROPERTY);
            } else {
                System.setProperty(NotebookExecution.JUPYTER_PROPERTY, old);
            }
        }
        assertArrayEquals(before, Files.readAllBytes(nb));
    }

    @Test
    void aFailingCellLeavesTheNotebookUnexecutedAndNamesTheError() throws IOException {
        Jupyter.assume();
        Path nb = notebook("raise ValueError('recomputed numbers differ')");
        byte[] before = Files.readAllBytes(nb);
        NotebookExecution.Outcome o = NotebookExecution.execute(nb);
        assertEquals(NotebookExecution.Status.FAILED, o.status());
        assertEquals("warning: analysis.ipynb written unexecuted, running it failed: ValueError: recomputed numbers "
                + "differ", o.line());
        assertArrayEquals(before, Files.readAllBytes(nb));
        assertOnlyTheNotebookLeft();
    }

    @Test
    void aNotebookPastTheTimeLimitIsStopped() throws IOException {
        Jupyter.assume();
        Path nb = notebook("import time\ntime.sleep(60)");
        byte[] before = Files.readAllBytes(nb);
        NotebookExecution.Outcome o = NotebookExecution.execute(nb, Duration.ofSeconds(1));
        assertEquals(NotebookExecution.Status.FAILED, o.status());
        assertEquals("no result within 1 s", o.detail());
        assertTrue(o.seconds() < 20, "stopped, not waited for: " + o.seconds() + " s");
        assertArrayEquals(before, Files.readAllBytes(nb));
    }

    @Test
    void nbconvertOutputIsReadForWhatIsMissing() {
        Path nb = dir.resolve("analysis.ipynb");
        assertEquals("Python module pandas not found (" + NotebookExecution.INSTALL_HINT + ")", NotebookExecution
                .diagnose(nb, "Traceback ...\nModuleNotFoundError: No module named 'pandas'\n", System.nanoTime())
                .detail());
        assertEquals(NotebookExecution.Status.UNAVAILABLE, NotebookExecution.diagnose(nb,
                "jupyter_client.kernelspec.NoSuchKernel: No such kernel named python3", System.nanoTime()).status());
        assertEquals(NotebookExecution.Status.UNAVAILABLE, NotebookExecution.diagnose(nb,
                "Jupyter command `jupyter-nbconvert` not found.", System.nanoTime()).status());
        assertEquals("AssertionError: recomputed numbers that differ from the tables: analysis/1/precision",
                NotebookExecution.lastError("[NbConvertApp] Converting\nTraceback\nAssertionError: recomputed numbers "
                        + "that differ from the tables: analysis/1/precision\n\n"));
    }

    private void assertOnlyTheNotebookLeft() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(java.util.List.of("analysis.ipynb"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
