package org.rnnmemory.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs a notebook with Jupyter ({@code jupyter nbconvert --to notebook --execute}) in its own
 * folder, so that its outputs come from its cells, and replaces the file with the executed
 * notebook atomically. When Jupyter, its Python 3 kernel or a Python package the notebook imports
 * is missing, or the notebook fails or exceeds the time limit, the file is left as it was
 * (unexecuted) and the outcome says why in one line.
 *
 * <p>The {@code jupyter} executable is looked up on the {@code PATH}; the system property
 * {@value #JUPYTER_PROPERTY} names another one.
 */
public final class NotebookExecution {
    /** System property naming the {@code jupyter} executable (default: {@code jupyter} on the PATH). */
    public static final String JUPYTER_PROPERTY = "rnnmem.jupyter";
    /** Default wall-time limit of one execution. */
    public static final Duration DEFAULT_LIMIT = Duration.ofMinutes(5);
    /** What to install when Jupyter is missing (Debian and Ubuntu package names). */
    public static final String INSTALL_HINT = "apt-get install jupyter-nbconvert python3-ipykernel python3-pandas "
            + "python3-matplotlib python3-scipy";

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Pattern NO_MODULE = Pattern.compile("No module named '([^']+)'");

    private NotebookExecution() {}

    /** How an execution ended. */
    public enum Status {
        /** The notebook ran without error; the file now holds its outputs. */
        EXECUTED,
        /** Jupyter, its Python 3 kernel or a Python package is missing; the file is unexecuted. */
        UNAVAILABLE,
        /** A cell raised an error or the time limit passed; the file is unexecuted. */
        FAILED
    }

    /**
     * The outcome of one execution.
     *
     * @param notebook the notebook file
     * @param status how it ended
     * @param detail why, for {@link Status#UNAVAILABLE} and {@link Status#FAILED}; empty otherwise
     * @param seconds wall time of the execution
     */
    public record Outcome(Path notebook, Status status, String detail, double seconds) {
        public boolean executed() {
            return status == Status.EXECUTED;
        }

        /** One line for the terminal, e.g. "executed analysis.ipynb with Jupyter in 6.2 s". */
        public String line() {
            String name = notebook.getFileName().toString();
            return switch (status) {
                case EXECUTED -> String.format(Locale.ROOT, "executed %s with Jupyter in %.1f s", name, seconds);
                case UNAVAILABLE -> name + " written unexecuted: " + detail;
                case FAILED -> "warning: " + name + " written unexecuted, running it failed: " + detail;
            };
        }
    }

    /** Executes with the {@link #DEFAULT_LIMIT}. */
    public static Outcome execute(Path notebook) {
        return execute(notebook, DEFAULT_LIMIT);
    }

    /** Executes the notebook in its folder within {@code limit}. */
    public static Outcome execute(Path notebook, Duration limit) {
        long start = System.nanoTime();
        Path file = notebook.toAbsolutePath().normalize();
        Path dir = file.getParent();
        String executedName = "." + file.getFileName().toString().replaceAll("\\.ipynb$", "") + ".executed.ipynb";
        Path executed = dir.resolve(executedName);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("rnnmem-jupyter");
            Path log = scratch.resolve("nbconvert.log");
            List<String> cmd = new ArrayList<>(List.of(System.getProperty(JUPYTER_PROPERTY, "jupyter"), "nbconvert",
                    "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=" + Notebook.KERNEL,
                    "--ExecutePreprocessor.timeout=" + Math.max(1, limit.toSeconds()), "--output", executedName,
                    file.getFileName().toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("JUPYTER_RUNTIME_DIR", scratch.resolve("runtime").toString());
            pb.environment().put("JUPYTER_PLATFORM_DIRS", "1");
            pb.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return outcome(file, Status.UNAVAILABLE, "Jupyter not found (" + INSTALL_HINT + ")", start);
            }
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return outcome(file, Status.FAILED, "no result within " + limit.toSeconds() + " s", start);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0 || !Files.isRegularFile(executed)) {
                return diagnose(file, out, start);
            }
            Files.move(executed, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return outcome(file, Status.EXECUTED, "", start);
        } catch (IOException e) {
            return outcome(file, Status.FAILED, e.getMessage(), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(file, Status.FAILED, "interrupted", start);
        } finally {
            deleteQuietly(executed);
            if (scratch != null) {
                deleteTree(scratch);
            }
        }
    }

    /** Why nbconvert failed, from its output. */
    static Outcome diagnose(Path file, String out, long start) {
        if (out.contains("jupyter-nbconvert") && out.contains("not found")) {
            return outcome(file, Status.UNAVAILABLE, "Jupyter's nbconvert not found (" + INSTALL_HINT + ")", start);
        }
        if (out.contains("No such kernel named " + Notebook.KERNEL)) {
            return outcome(file, Status.UNAVAILABLE, "Jupyter has no python3 kernel (apt-get install "
                    + "python3-ipykernel)", start);
        }
        Matcher m = NO_MODULE.matcher(out);
        if (m.find()) {
            return outcome(file, Status.UNAVAILABLE, "Python module " + m.group(1) + " not found (" + INSTALL_HINT
                    + ")", start);
        }
        return outcome(file, Status.FAILED, lastError(out), start);
    }

    /** The most telling line of nbconvert's output: the last "SomethingError: ..." line, else the last line. */
    static String lastError(String out) {
        String last = "";
        String error = null;
        for (String line : out.split("\\R")) {
            String s = ANSI.matcher(line).replaceAll("").strip();
            if (s.isEmpty()) {
                continue;
            }
            last = s;
            if (s.matches("^[A-Za-z_.]*(Error|Exception|Timeout)\\b.*")) {
                error = s;
            }
        }
        String pick = error != null ? error : last;
        return pick.length() > 300 ? pick.substring(0, 300) + " ..." : pick;
    }

    private static Outcome outcome(Path file, Status status, String detail, long start) {
        return new Outcome(file, status, detail, (System.nanoTime() - start) / 1e9);
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            // a stale temporary file is harmless; the next execution replaces it
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(NotebookExecution::deleteQuietly);
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
