package org.rnnmemory.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sizes and offsets of the device buffers for S seeds x B rows x N units x T steps. */
class DeviceLayoutTest {

    @Test
    void systemASizesFollowFromTheShapes() {
        DeviceLayout l = DeviceLayout.of(20, 32, 500, 7000);
        long r = 640;
        assertEquals(640, l.rows());
        assertEquals(4 * r * 7000, l.buffer("u").bytes());
        assertEquals(4 * r * 7000, l.buffer("y").bytes());
        assertEquals(8 * r, l.buffer("rowWeight").bytes());
        assertEquals(4L * 20 * 500, l.buffer("aI").bytes());
        assertEquals(8L * 20 * 500, l.buffer("gradReadout").bytes());
        assertEquals(8L * 20, l.buffer("loss").bytes());
        assertEquals(8 * r * 500, l.buffer("gwRow").bytes());
        assertEquals(4 * r * 500, l.buffer("gh1").bytes());
        assertEquals(4L * 500 * 500, l.buffer("gGt").bytes());
        assertEquals(4L * 7001 * 640 * 500, l.buffer("rates").bytes());
        assertEquals(8_961_280_000L, l.buffer("rates").bytes());
        // everything but the rates: u, y, errors (3 x 17.92 MB) and a few [R, N] and [S, N] buffers
        long small = l.totalBytes() - l.buffer("rates").bytes();
        assertTrue(small > 3 * 4 * r * 7000 && small < 3 * 4 * r * 7000 + 16_000_000L, "other buffers: " + small);
        assertTrue(l.totalBytes() / Math.pow(2, 30) < 8.4 + 0.1, "about 8.4 GiB in all: " + l.totalBytes());
    }

    @Test
    void buffersAreAlignedInOrderAndDisjoint() {
        for (DeviceLayout l : List.of(DeviceLayout.of(20, 32, 500, 7000), DeviceLayout.of(3, 5, 7, 11),
                DeviceLayout.of(1, 1, 1, 1))) {
            List<DeviceLayout.Buffer> bs = new ArrayList<>(l.buffers().values());
            assertEquals(List.of("u", "y", "rowWeight", "aI", "w", "h0", "gradInput", "gradReadout", "loss", "lossRow",
                    "gwRow", "pulse", "gh0", "gh1", "h", "errors", "gGt", "rates"), new ArrayList<>(l.buffers().keySet()));
            assertEquals(0, bs.get(0).offset());
            for (int i = 0; i < bs.size(); i++) {
                assertEquals(0, bs.get(i).offset() % DeviceLayout.ALIGN, bs.get(i).name());
                assertTrue(bs.get(i).bytes() > 0);
                if (i > 0) {
                    long gap = bs.get(i).offset() - bs.get(i - 1).end();
                    assertTrue(gap >= 0 && gap < DeviceLayout.ALIGN, bs.get(i).name() + " gap " + gap);
                }
            }
            assertEquals(0, l.totalBytes() % DeviceLayout.ALIGN);
            assertTrue(l.totalBytes() >= bs.get(bs.size() - 1).end());
        }
    }

    @Test
    void theCopiedAndZeroedBlocksAreContiguous() {
        DeviceLayout l = DeviceLayout.of(3, 5, 7, 11);
        assertEquals(l.buffer("h0").end(), l.inputBytes());
        assertEquals(l.offset("gradInput"), l.outputs().offset());
        assertEquals(l.buffer("loss").end(), l.outputs().end());
        assertEquals(l.offset("lossRow"), l.accumulators().offset());
        assertEquals(l.buffer("gh1").end(), l.accumulators().end());
    }

    @Test
    void perStepAddressesStepThroughTheirBuffers() {
        DeviceLayout l = DeviceLayout.of(3, 5, 7, 11);
        long step = 4L * 15 * 7;
        assertEquals(l.offset("rates"), l.rate(0));
        assertEquals(l.offset("rates") + 11 * step, l.rate(11));
        assertEquals(l.buffer("rates").end(), l.rate(11) + step);
        assertEquals(l.offset("errors") + 10 * 4L * 15, l.error(10));
        assertThrows(IndexOutOfBoundsException.class, () -> l.rate(12));
        assertThrows(IndexOutOfBoundsException.class, () -> l.error(11));
    }

    @Test
    void theAdjointAlternatesBetweenTwoBuffersFromTheLastStep() {
        DeviceLayout l = DeviceLayout.of(2, 2, 4, 5);
        long g0 = l.offset("gh0");
        long g1 = l.offset("gh1");
        // the last step reads the zeroed gh0 and writes gh1; each step reads what the later one wrote
        assertEquals(g0, l.adjointIn(4));
        assertEquals(g1, l.adjointOut(4));
        for (int k = 0; k < 4; k++) {
            assertEquals(l.adjointOut(k + 1), l.adjointIn(k));
            assertTrue(l.adjointIn(k) != l.adjointOut(k));
        }
    }

    @Test
    void badShapesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceLayout.of(1, 0, 5, 5));
        assertEquals("seeds, rows per seed, units and steps must be >= 1, found 1, 0, 5, 5", e.getMessage());
    }
}
