package org.rnnmemory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.rnnmemory.gpu.CudaUnavailableException;
import org.rnnmemory.io.BlasKernel;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.Provenance;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.io.ResourceFailures;
import org.rnnmemory.io.RunFailedException;
import org.rnnmemory.io.RunInterruptedException;
import org.rnnmemory.io.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Command-line entry point of rnn-memory.
 *
 * <p>Exit codes: 0 success; 1 an internal error (a bug: stack trace and a line saying so); 2 bad
 * input or a refusal (one line naming the file, key or directory; nothing written); 3 a run ran out
 * of memory or disk (one line; {@code run.json} says failed, the last checkpoint is intact); 130 and
 * 143 a run interrupted by SIGINT or SIGTERM (one line with the command that resumes it).
 */
@Command(name = "rnnmem", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Train, evaluate and analyse continuous-time RNNs on an integration-and-memory task.")
public final class Main implements Runnable {

    /** The subcommands, in the order {@code rnnmem --help} lists them. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("run", RunCommand::new);
        m.put("evaluate", EvaluateCommand::new);
        m.put("bench", BenchCommand::new);
        m.put("dataset", DatasetCommand::new);
        m.put("analyze", AnalyzeCommand::new);
        m.put("report", ReportCommand::new);
        m.put("compare", CompareCommand::new);
        m.put("chaos", ChaosCommand::new);
        m.put("sweep", SweepCommand::new);
        m.put("init", InitCommand::new);
        m.put("submit", SubmitCommand::new);
        m.put("status", StatusCommand::new);
        m.put("dynamics", DynamicsCommand::new);
        return m;
    }

    /** {@code --version}: the version and the commit the jar was built from (as run.json's "build"). */
    static final class Version implements CommandLine.IVersionProvider {
        static final String VERSION = "rnn-memory 0.1.0";

        @Override
        public String[] getVersion() {
            Provenance.Git build = Provenance.buildCommit();
            String state = build.dirty() == null ? "" : build.dirty() ? ", with uncommitted changes" : "";
            return new String[] {VERSION + " (built from commit " + build.commit() + state + ")"};
        }
    }

    /** Exit code for bad input (files, configuration) and refusals. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int BUG = 1;
    /** Exit code for a run or command that ran out of memory or disk. */
    public static final int OUT_OF_RESOURCES = RunFailedException.EXIT_CODE;

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        BlasKernel.Selection kernel = BlasKernel.select();
        if (kernel.source() == BlasKernel.Source.AUTO && computes(args)) {
            Optional<String> bad = BlasKernel.check(BlasKernel::nd4jGemm);
            if (bad.isPresent()) {
                System.exit(restartWithSaferKernel(kernel.requested(), bad.get(), args));
            }
        }
        System.exit(execute(args));
    }

    /** Whether the arguments ask for a command (not only for help or the version). */
    private static boolean computes(String[] args) {
        return args.length > 0 && !List.of("-h", "--help", "-V", "--version", "help").contains(args[0]);
    }

    /**
     * Runs this command again in a new JVM with the next kernel down, because {@code failed}
     * computed a wrong product; returns that process's exit code.
     */
    private static int restartWithSaferKernel(String failed, String why, String[] args) {
        Optional<String> next = BlasKernel.fallback(failed);
        System.err.println("warning: OpenBLAS kernel " + failed + " failed the start-up check (" + why
                + "); restarting with " + next.orElse("OpenBLAS's own choice"));
        ProcessHandle.Info info = ProcessHandle.current().info();
        List<String> command = new ArrayList<>();
        command.add(info.command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(info.arguments().orElseThrow(
                () -> new IllegalStateException("cannot read this process's arguments to restart it"))));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put(BlasKernel.FAILED_ENV, failed);
        next.ifPresentOrElse(k -> pb.environment().put(BlasKernel.ENV, k), () -> pb.environment().remove(BlasKernel.ENV));
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Runs the CLI and returns its exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        // building a subcommand's model costs milliseconds: build only the one asked for (all for usage)
        Supplier<Object> asked = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
        if (asked != null) {
            cl.addSubcommand(args[0], asked.get());
        } else {
            SUBCOMMANDS.forEach((name, s) -> cl.addSubcommand(name, s.get()));
        }
        cl.setParameterExceptionHandler((ex, arguments) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + oneLine(ex.getMessage()) + " (see '" + ex.getCommandLine().getCommandSpec()
                    .qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> report(ex, cmd.getCommand(), cmd.getErr()));
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            return report(e, null, cl.getErr());
        }
    }

    /** Reports a failure on {@code err} as the exit-code contract says and returns the exit code. */
    static int report(Throwable ex, Object command, PrintWriter err) {
        try {
            if (ex instanceof InputFileException || ex instanceof UserInputException || ex instanceof RefusedException
                    || ex instanceof CudaUnavailableException) {
                err.println("error: " + oneLine(ex.getMessage()));
                return BAD_INPUT;
            }
            if (ex instanceof RunInterruptedException ri) {
                err.println(oneLine(ri.getMessage()) + resume(command));
                return ri.exitCode();
            }
            if (ex instanceof RunFailedException) {
                err.println("error: " + oneLine(ex.getMessage()) + resume(command));
                return OUT_OF_RESOURCES;
            }
            String reason = ResourceFailures.reason(ex);
            if (reason != null) {
                err.println("error: " + reason + "; give the JVM more memory (RNNMEM_JAVA_OPTS) or free disk space");
                return OUT_OF_RESOURCES;
            }
            ex.printStackTrace(err);
            err.println("rnnmem: internal error: " + ex.getClass().getName() + ". This is a bug in rnnmem, not a "
                    + "problem with your input; please report it on the project's issue tracker with the command "
                    + "line and the trace above.");
            return BUG;
        } finally {
            err.flush();
        }
    }

    private static String resume(Object command) {
        return command instanceof Resumable r ? "; resume with: " + r.resumeCommand() : "";
    }

    /** The message on one line (line breaks become spaces). */
    static String oneLine(String message) {
        return String.valueOf(message).replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
