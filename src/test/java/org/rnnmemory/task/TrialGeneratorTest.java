package org.rnnmemory.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The task of SPEC section 2: reproducibility, sampled frequencies and exact windows. */
class TrialGeneratorTest {
    static final TaskSpec A = TaskSpec.SYSTEM_A;

    @Test
    void sameSeedSameTrials() {
        List<Trial> a = new TrialGenerator(A, new SplittableRandom(42)).trainingSet();
        List<Trial> b = new TrialGenerator(A, new SplittableRandom(42)).trainingSet();
        assertEquals(500, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).u(), b.get(i).u());
            assertArrayEquals(a.get(i).y(), b.get(i).y());
            assertEquals(a.get(i).onset(), b.get(i).onset());
        }
        List<Trial> c = new TrialGenerator(A, new SplittableRandom(43)).trainingSet();
        boolean differ = false;
        for (int i = 0; i < a.size(); i++) {
            differ |= a.get(i).onset() != c.get(i).onset();
        }
        assertTrue(differ, "another seed gives other trials");
    }

    /** 20000 draws: catch frequency within 4.5 binomial sd; onset/duration cover exactly their ranges. */
    @Test
    void frequenciesAndRanges() {
        TrialGenerator gen = new TrialGenerator(A.withTrialSteps(7000), new SplittableRandom(7));
        int n = 20000;
        int catches = 0;
        int minOn = Integer.MAX_VALUE;
        int maxOn = Integer.MIN_VALUE;
        int minDur = Integer.MAX_VALUE;
        int maxDur = Integer.MIN_VALUE;
        double meanOn = 0;
        int regular = 0;
        for (int i = 0; i < n; i++) {
            Trial t = gen.next();
            if (t.isCatch()) {
                catches++;
                continue;
            }
            regular++;
            minOn = Math.min(minOn, t.onset());
            maxOn = Math.max(maxOn, t.onset());
            minDur = Math.min(minDur, t.duration());
            maxDur = Math.max(maxDur, t.duration());
            meanOn += t.onset();
        }
        double sd = Math.sqrt(n * 0.1 * 0.9);
        assertEquals(0.1 * n, catches, 4.5 * sd, "catch trials");
        assertEquals(2000, minOn);
        assertEquals(3999, maxOn);
        assertEquals(50, minDur);
        assertEquals(249, maxDur);
        // uniform integers on [2000, 4000): mean 2999.5, sd 577.4
        assertEquals(2999.5, meanOn / regular, 4.5 * 577.4 / Math.sqrt(regular));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 1.0})
    void catchFractionZeroAndOne(double p) {
        TaskSpec spec = new TaskSpec(7000, 3000, 1000, 150, 100, 2.0, 0.007, 4500, p, 500);
        long catches = new TrialGenerator(spec, new SplittableRandom(1)).trainingSet().stream()
                .filter(Trial::isCatch).count();
        assertEquals((long) (p * 500), catches);
    }

    @Test
    void windowsAreExactlyTheSpecWindows() {
        Trial t = TrialGenerator.trial(A, 3100, 120);
        for (int s = 0; s < 7000; s++) {
            assertEquals(s >= 3100 && s <= 3220 ? 2.0f : 0f, t.u()[s], "u at " + s);
            float want = s < 3100 ? 0f : s < 4500 ? -1f : (float) (0.007 * 120);
            assertEquals(want, t.y()[s], "y at " + s);
            assertEquals(s < 3100 || s >= 4500, t.trainMask(s), "train mask at " + s);
            assertEquals(s >= 4500, t.evalMask(s), "eval mask at " + s);
        }
        assertEquals(121, count(t.u()), "dur + 1 input steps");
        assertEquals(3100, t.firstInputStep());
        assertEquals(3100 + 2500, t.trainMaskCount());
    }

    @Test
    void catchTrialHasNoInputAndZeroTarget() {
        Trial t = TrialGenerator.catchTrial(A);
        assertEquals(0, count(t.u()));
        for (float v : t.y()) {
            assertEquals(0f, v);
        }
        assertEquals(7000, t.trainMaskCount());
        assertEquals(7000, t.firstInputStep());
    }

    @Test
    void invalidTaskNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TaskSpec(7000, 3000, 1000, 150, 100, 2.0, 0.007, 4500, 1.5, 500));
        assertTrue(e.getMessage().contains("catch_fraction"), e.getMessage());
    }

    static int count(float[] u) {
        int c = 0;
        for (float v : u) {
            if (v != 0f) {
                c++;
            }
        }
        return c;
    }
}
