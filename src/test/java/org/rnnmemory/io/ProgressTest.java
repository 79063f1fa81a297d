package org.rnnmemory.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static final long S = 1_000_000_000L;

    /** A plain progress reporter on a fake clock that starts at an arbitrary nanoTime. */
    private static final class Fixture {
        final AtomicLong now = new AtomicLong(123_456_789_000L);
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final Progress progress;

        Fixture(long total, Duration interval) {
            progress = Progress.plain("train", total, "updates",
                    new PrintStream(bytes, true, StandardCharsets.UTF_8), interval, now::get);
        }

        void advanceSeconds(long s) {
            now.addAndGet(s * S);
        }

        List<String> lines() {
            String text = bytes.toString(StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : List.of(text.split("\n"));
        }
    }

    @Test
    void lineShowsCountPercentExtraElapsedAndEta() {
        Fixture f = new Fixture(750, Duration.ofSeconds(10));
        f.advanceSeconds(120);
        f.progress.step(120, "loss 0.0123");

        // 16% is floor(100 * 120 / 750); eta = 120 s * 630 / 120 = 630 s
        assertEquals(List.of("[train] 120/750 updates (16%) loss 0.0123 elapsed 00:02:00 eta 00:10:30"), f.lines());
    }

    @Test
    void etaIsRoundedToTheNearestSecond() {
        Fixture f = new Fixture(750, Duration.ofSeconds(10));
        f.advanceSeconds(130);
        f.progress.step(120, "loss 0.0123");

        // 130 s * 630 / 120 = 682.5 s
        assertEquals(List.of("[train] 120/750 updates (16%) loss 0.0123 elapsed 00:02:10 eta 00:11:23"), f.lines());
    }

    @Test
    void etaOfAResumedRunCountsOnlyThisProcessesUnits() {
        Fixture f = new Fixture(750, Duration.ofSeconds(10));
        f.progress.skip(400);
        f.advanceSeconds(60);
        f.progress.step(10, "loss 0.002");

        // 410 of 750 done, 10 of them in 60 s here: 340 left at 6 s each = 2040 s (not 60 * 340 / 410)
        assertEquals(List.of("[train] 410/750 updates (54%) loss 0.002 elapsed 00:01:00 eta 00:34:00"), f.lines());
    }

    @Test
    void printsAtMostOneLinePerInterval() {
        Fixture f = new Fixture(100, Duration.ofSeconds(10));
        for (int i = 0; i < 35; i++) {
            f.advanceSeconds(1);
            f.progress.step(1, "loss " + i);
        }

        List<String> lines = f.lines();
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals("[train] 10/100 updates (10%) loss 9 elapsed 00:00:10 eta 00:01:30", lines.get(0));
        assertEquals("[train] 20/100 updates (20%) loss 19 elapsed 00:00:20 eta 00:01:20", lines.get(1));
        assertEquals("[train] 30/100 updates (30%) loss 29 elapsed 00:00:30 eta 00:01:10", lines.get(2));
    }

    @Test
    void intervalIsConfigurable() {
        Fixture f = new Fixture(100, Duration.ofSeconds(3));
        for (int i = 0; i < 10; i++) {
            f.advanceSeconds(1);
            f.progress.step(1);
        }
        assertEquals(3, f.lines().size());
        assertTrue(f.lines().get(2).startsWith("[train] 9/100 updates (9%) elapsed 00:00:09 eta "), f.lines().get(2));
    }

    @Test
    void finalLineOnCloseSaysDoneWhenComplete() {
        Fixture f = new Fixture(750, Duration.ofSeconds(10));
        try (Progress p = f.progress) {
            f.advanceSeconds(5);
            p.step(700, "loss 0.5");
            f.advanceSeconds(745);
            p.step(50, "loss 0.0031");
        }

        List<String> lines = f.lines();
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals("[train] 750/750 updates (100%) loss 0.0031 elapsed 00:12:30 eta 00:00:00", lines.get(0));
        assertEquals("[train] 750/750 updates (100%) loss 0.0031 elapsed 00:12:30 done", lines.get(1));
    }

    @Test
    void finalLineSaysStoppedWhenIncompleteAndIsPrintedOnce() {
        Fixture f = new Fixture(750, Duration.ofSeconds(10));
        f.advanceSeconds(2);
        f.progress.step(3, "loss 0.9");
        f.progress.close();
        f.progress.close();

        assertEquals(List.of("[train] 3/750 updates (0%) loss 0.9 elapsed 00:00:02 stopped"), f.lines());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> f.progress.step(1));
        assertTrue(e.getMessage().contains("[train] is closed"), e.getMessage());
    }

    @Test
    void extraMessageIsKeptReplacedOrCleared() {
        Fixture f = new Fixture(4, Duration.ZERO);
        f.progress.step(1, "loss 1");
        f.progress.step(1);
        f.progress.setExtra("lr 0.001");
        f.progress.step(1);
        f.progress.setExtra(null);
        f.progress.step(1);

        List<String> lines = f.lines();
        assertEquals(4, lines.size());
        assertTrue(lines.get(0).startsWith("[train] 1/4 updates (25%) loss 1 elapsed"), lines.get(0));
        assertTrue(lines.get(1).startsWith("[train] 2/4 updates (50%) loss 1 elapsed"), lines.get(1));
        assertTrue(lines.get(2).startsWith("[train] 3/4 updates (75%) lr 0.001 elapsed"), lines.get(2));
        assertTrue(lines.get(3).startsWith("[train] 4/4 updates (100%) elapsed"), lines.get(3));
        assertEquals(4, f.progress.current());
    }

    @Test
    void etaIsUnknownBeforeAnyProgress() {
        Fixture f = new Fixture(10, Duration.ofSeconds(10));
        f.advanceSeconds(11);
        f.progress.step(0, "warming up");
        assertEquals(List.of("[train] 0/10 updates (0%) warming up elapsed 00:00:11 eta --:--:--"), f.lines());
    }

    @Test
    void hoursGrowPastTwoDigits() {
        assertEquals("00:00:00", PlainProgress.hms(0));
        assertEquals("01:01:01", PlainProgress.hms(3661));
        assertEquals("100:00:59", PlainProgress.hms(360_059));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Fixture(-1, Duration.ZERO));
        assertEquals("total must be >= 0, found -1", e.getMessage());
        Fixture f = new Fixture(10, Duration.ZERO);
        e = assertThrows(IllegalArgumentException.class, () -> f.progress.step(-2));
        assertEquals("step must be >= 0, found -2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Fixture(10, Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().startsWith("interval must be >= 0"), e.getMessage());
    }

    @Test
    void barOnlyOnAConsoleWithAUsefulTerminal() {
        assertTrue(Progress.isInteractive(true, "xterm-256color"));
        assertTrue(Progress.isInteractive(true, null));
        assertFalse(Progress.isInteractive(true, "dumb"));
        assertFalse(Progress.isInteractive(false, "xterm-256color"));
    }

    @Test
    void zeroTotalIsComplete() {
        Fixture f = new Fixture(0, Duration.ofSeconds(10));
        f.progress.close();
        assertEquals(List.of("[train] 0/0 updates (100%) elapsed 00:00:00 done"), f.lines());
    }
}
