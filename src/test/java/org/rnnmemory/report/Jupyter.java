package org.rnnmemory.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether this machine can run the project's notebooks: Jupyter's nbconvert with the python3 kernel
 * and the packages the notebooks import. Found out once per JVM by running a notebook that imports
 * them with {@link NotebookExecution}.
 */
public final class Jupyter {
    /** The message of a skipped notebook test. */
    public static final String MISSING = "Jupyter cannot run notebooks here, so this test does not run: "
            + NotebookExecution.INSTALL_HINT + " (CI installs them through .ci/run)";

    private static Boolean installed;
    private static String why = "";

    private Jupyter() {}

    /** Whether notebooks run here. */
    public static synchronized boolean installed() {
        if (installed == null) {
            try {
                Path dir = Files.createTempDirectory("rnnmem-jupyter-probe");
                Path nb = dir.resolve("probe.ipynb");
                new Notebook("probe").code("import numpy, pandas, matplotlib.pyplot, scipy.stats\nprint('ok')").write(nb);
                NotebookExecution.Outcome o = NotebookExecution.execute(nb);
                installed = o.executed();
                why = o.line();
                Files.deleteIfExists(nb);
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return installed;
    }

    /** Skips the calling test, with {@link #MISSING} as the reason, when notebooks do not run here. */
    public static void assume() {
        Assumptions.assumeTrue(installed(), () -> MISSING + "; the probe notebook said: " + why);
    }
}
