package org.rnnmemory.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rnnmemory.gpu.CudaUnavailableException;
import org.rnnmemory.io.BlasKernel;
import org.rnnmemory.io.InputFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command-line entry point of rnn-memory. */
@Command(name = "rnnmem", mixinStandardHelpOptions = true, version = "rnn-memory 0.1.0",
        description = "Train, evaluate and analyse continuous-time RNNs on an integration-and-memory task.",
        subcommands = {RunCommand.class, EvaluateCommand.class, BenchCommand.class, DatasetCommand.class,
                AnalyzeCommand.class, ReportCommand.class, CompareCommand.class, ChaosCommand.class, InitCommand.class,
                SweepCommand.class})
public final class Main implements Runnable {

    /** Exit code for bad input (files, configuration). */
    public static final int BAD_INPUT = 2;

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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof InputFileException || ex instanceof UserInputException
                    || ex instanceof CudaUnavailableException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
