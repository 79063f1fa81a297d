package org.rnnmemory.io;

import java.util.LinkedHashMap;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT (Ctrl-C) and SIGTERM turned into a request to stop that a long task polls at its safe
 * points, instead of the JVM's default (run the shutdown hooks and exit at once).
 *
 * <p>While installed, the first signal is recorded and {@link #requested()} becomes true; the task
 * stops at its next safe point, records its state and exits with {@link #exitCode()} (130 for SIGINT,
 * 143 for SIGTERM). A second signal, if the first has not been honoured yet, gets the JVM's default
 * behaviour, so a task that does not reach a safe point can still be stopped. {@link #close()}
 * restores the previous handlers. Installations nest (a sweep's candidate runs); only the outermost
 * one installs and restores handlers. Where the JVM does not allow handlers (e.g. {@code -Xrs}),
 * signals keep their default behaviour and {@link #requested()} stays false.
 */
public final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"INT", "TERM"};
    private static final Object LOCK = new Object();
    private static int depth;
    private static Map<String, SignalHandler> previous = new LinkedHashMap<>();
    private static volatile Signal received;

    private boolean closed;

    private StopSignals() {}

    /** Installs the handlers (or joins the installation already in place). */
    public static StopSignals install() {
        synchronized (LOCK) {
            if (depth++ == 0) {
                received = null;
                previous = new LinkedHashMap<>();
                for (String name : NAMES) {
                    try {
                        previous.put(name, Signal.handle(new Signal(name), StopSignals::handle));
                    } catch (IllegalArgumentException e) {
                        // signal not available or reserved by the JVM: it keeps its default behaviour
                    }
                }
            }
            return new StopSignals();
        }
    }

    private static void handle(Signal s) {
        SignalHandler fallback;
        synchronized (LOCK) {
            if (received == null) {
                received = s;
                return;
            }
            fallback = previous.get(s.getName());
        }
        if (fallback != null && fallback != SignalHandler.SIG_IGN && fallback != SignalHandler.SIG_DFL) {
            fallback.handle(s);
        } else {
            Runtime.getRuntime().exit(128 + s.getNumber());
        }
    }

    /** Whether a signal asked the task to stop. */
    public boolean requested() {
        return received != null;
    }

    /** The signal's name, e.g. "SIGINT", or null when none was received. */
    public String signal() {
        Signal s = received;
        return s == null ? null : "SIG" + s.getName();
    }

    /** 128 + the signal number (130 for SIGINT, 143 for SIGTERM), as a shell reports a process it killed. */
    public int exitCode() {
        Signal s = received;
        return s == null ? 0 : 128 + s.getNumber();
    }

    /** The exception that reports a stop on the received signal. */
    public RunInterruptedException interrupted(String message) {
        return new RunInterruptedException(signal(), exitCode(), message);
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            if (--depth == 0) {
                previous.forEach((name, h) -> Signal.handle(new Signal(name), h));
                previous = new LinkedHashMap<>();
            }
        }
    }
}
