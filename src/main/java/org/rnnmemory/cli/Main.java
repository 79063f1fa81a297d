package org.rnnmemory.cli;

import java.io.PrintWriter;
import org.rnnmemory.io.InputFileException;
import org.rnnmemory.io.RefusedException;
import org.rnnmemory.io.ResourceFailures;
import org.rnnmemory.io.RunFailedException;
import org.rnnmemory.io.RunInterruptedException;
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
@Command(name = "rnnmem", mixinStandardHelpOptions = true, version = "rnn-memory 0.1.0",
        description = "Train, evaluate and analyse continuous-time RNNs on an integration-and-memory task.",
        subcommands = {RunCommand.class, EvaluateCommand.class, BenchCommand.class, DatasetCommand.class,
                AnalyzeCommand.class, ReportCommand.class, CompareCommand.class, ChaosCommand.class,
                SweepCommand.class, SubmitCommand.class, StatusCommand.class})
public final class Main implements Runnable {

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
        System.exit(execute(args));
    }

    /** Runs the CLI and returns its exit code (used by tests). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
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
            if (ex instanceof InputFileException || ex instanceof UserInputException || ex instanceof RefusedException) {
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
