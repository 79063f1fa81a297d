package org.rnnmemory.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Progress of a long task counted in units (updates, trials, seeds).
 *
 * <p>On an interactive terminal ({@code System.console() != null} and {@code TERM} not
 * {@code dumb}) this is a progress bar with rate and ETA on stderr. Otherwise (a log file, a
 * batch job) it prints plain lines to stderr, at most one per interval and a last one on
 * {@link #close()}:
 * <pre>
 * [train] 120/750 updates (16%) loss 0.0123 elapsed 00:02:10 eta 00:11:23
 * [train] 750/750 updates (100%) loss 0.0031 elapsed 00:13:40 done
 * </pre>
 * The last line ends in {@code done} when the count reached the total and {@code stopped}
 * otherwise.
 */
public interface Progress extends AutoCloseable {
    /** Default interval between plain log lines. */
    Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    /** Starts reporting, with plain lines at most every {@link #DEFAULT_INTERVAL}. */
    static Progress start(String task, long total, String unit) {
        return start(task, total, unit, DEFAULT_INTERVAL);
    }

    /**
     * Starts reporting.
     *
     * @param task name shown in brackets
     * @param total units expected, >= 0
     * @param unit unit name, e.g. "updates"
     * @param interval minimum time between plain log lines (not used for the bar)
     */
    static Progress start(String task, long total, String unit, Duration interval) {
        if (isInteractive(System.console() != null, System.getenv("TERM"))) {
            return new BarProgress(task, total, unit);
        }
        return plain(task, total, unit, System.err, interval, System::nanoTime);
    }

    /**
     * Plain log lines to {@code out}.
     *
     * @param nanoClock monotonic time in ns, e.g. {@code System::nanoTime}; read once at start
     */
    static Progress plain(String task, long total, String unit, PrintStream out, Duration interval,
                          LongSupplier nanoClock) {
        return new PlainProgress(task, total, unit, out, interval, nanoClock);
    }

    /**
     * Counts {@code n} units done before this process started (a resumed run): they count toward the
     * total and the percentage but not toward the rate, so the ETA reflects this process's speed.
     * Call it before the first {@link #step}.
     */
    default void skip(long n) {
        step(n, null);
    }

    /** Whether to draw a progress bar: a console, and a terminal type other than {@code dumb}. */
    static boolean isInteractive(boolean hasConsole, String term) {
        return hasConsole && !"dumb".equalsIgnoreCase(term);
    }

    /**
     * Advances by {@code n} units.
     *
     * @param extraMessage replaces the text shown after the count (e.g. "loss 0.0123"); null keeps it
     */
    void step(long n, String extraMessage);

    /** Advances by {@code n} units, keeping the extra message. */
    default void step(long n) {
        step(n, null);
    }

    /** Replaces the text shown after the count; null or empty shows none. */
    void setExtra(String extraMessage);

    /** Units done so far. */
    long current();

    /** Reports the final state; later calls do nothing. */
    @Override
    void close();
}
