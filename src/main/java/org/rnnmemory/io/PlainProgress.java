package org.rnnmemory.io;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/** {@link Progress} as rate-limited log lines; see there for the format. */
final class PlainProgress implements Progress {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final String task;
    private final long total;
    private final String unit;
    private final PrintStream out;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final long startNanos;
    private long lastLineNanos;
    private long current;
    /** Units done before this process ({@link #skip}); not part of the rate. */
    private long skipped;
    private String extra = "";
    private boolean closed;

    PlainProgress(String task, long total, String unit, PrintStream out, Duration interval, LongSupplier clock) {
        if (task == null || task.isBlank()) {
            throw new IllegalArgumentException("task must not be blank, found '" + task + "'");
        }
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, found " + total);
        }
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must be >= 0, found " + interval);
        }
        this.task = task;
        this.total = total;
        this.unit = unit == null ? "" : unit;
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.startNanos = clock.getAsLong();
        this.lastLineNanos = startNanos;
    }

    @Override
    public synchronized void step(long n, String extraMessage) {
        if (n < 0) {
            throw new IllegalArgumentException("step must be >= 0, found " + n);
        }
        if (closed) {
            throw new IllegalStateException("progress of [" + task + "] is closed");
        }
        current += n;
        if (extraMessage != null) {
            extra = extraMessage;
        }
        long now = clock.getAsLong();
        if (now - lastLineNanos >= intervalNanos) {
            out.println(line(now, false));
            lastLineNanos = now;
        }
    }

    @Override
    public synchronized void skip(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("skip must be >= 0, found " + n);
        }
        current += n;
        skipped += n;
    }

    @Override
    public synchronized void setExtra(String extraMessage) {
        extra = extraMessage == null ? "" : extraMessage;
    }

    @Override
    public synchronized long current() {
        return current;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            out.println(line(clock.getAsLong(), true));
            out.flush();
        }
    }

    private String line(long now, boolean last) {
        long elapsed = now - startNanos;
        StringBuilder sb = new StringBuilder();
        sb.append('[').append(task).append("] ").append(current).append('/').append(total);
        if (!unit.isEmpty()) {
            sb.append(' ').append(unit);
        }
        sb.append(" (").append(total == 0 ? 100 : current * 100 / total).append("%)");
        if (!extra.isBlank()) {
            sb.append(' ').append(extra.strip());
        }
        sb.append(" elapsed ").append(hms(elapsed / NANOS_PER_SECOND));
        if (last) {
            sb.append(current >= total ? " done" : " stopped");
        } else {
            sb.append(" eta ").append(eta(elapsed));
        }
        return sb.toString();
    }

    private String eta(long elapsedNanos) {
        if (current >= total) {
            return hms(0);
        }
        long doneHere = current - skipped;
        if (doneHere == 0) {
            return "--:--:--";
        }
        double remaining = (double) elapsedNanos / NANOS_PER_SECOND * (total - current) / doneHere;
        return hms(Math.round(remaining));
    }

    /** Seconds as HH:MM:SS; hours grow past two digits when needed. */
    static String hms(long seconds) {
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
