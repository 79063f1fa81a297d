package org.rnnmemory.cli;

import java.io.PrintWriter;
import org.rnnmemory.io.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point of rnn-memory. */
@Command(name = "rnnmem", mixinStandardHelpOptions = true, version = "rnn-memory 0.1.0",
        description = "Train, evaluate and analyse continuous-time RNNs on an integration-and-memory task.",
        subcommands = {RunCommand.class, EvaluateCommand.class, BenchCommand.class, DatasetCommand.class,
                AnalyzeCommand.class, ReportCommand.class, CompareCommand.class, ChaosCommand.class,
                SweepCommand.class, DynamicsCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input (files, configuration). */
    public static final int BAD_INPUT = 2;

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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof InputFileException || ex instanceof UserInputException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
