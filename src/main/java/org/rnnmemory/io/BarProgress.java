package org.rnnmemory.io;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** {@link Progress} as a terminal progress bar with rate and ETA (me.tongfei progressbar). */
final class BarProgress implements Progress {
    private final ProgressBar bar;
    private boolean closed;

    BarProgress(String task, long total, String unit) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be >= 0, found " + total);
        }
        bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setUnit(unit == null || unit.isEmpty() ? "" : " " + unit, 1)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK)
                .setUpdateIntervalMillis(500)
                .showSpeed()
                .build();
    }

    @Override
    public void step(long n, String extraMessage) {
        if (n < 0) {
            throw new IllegalArgumentException("step must be >= 0, found " + n);
        }
        if (extraMessage != null) {
            setExtra(extraMessage);
        }
        bar.stepBy(n);
    }

    @Override
    public void setExtra(String extraMessage) {
        // the renderer puts the message right after the rate, without a separator
        bar.setExtraMessage(extraMessage == null || extraMessage.isBlank() ? "" : " " + extraMessage.strip());
    }

    @Override
    public long current() {
        return bar.getCurrent();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            bar.close();
        }
    }
}
