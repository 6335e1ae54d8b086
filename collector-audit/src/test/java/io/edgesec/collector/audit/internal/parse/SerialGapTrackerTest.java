package io.edgesec.collector.audit.internal.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SerialGapTrackerTest {
    @Test
    void gapsCountOnlyWhatNeverArrives() {
        SerialGapTracker t = new SerialGapTracker();
        for (long s : new long[] {10, 11, 14, 12, 15}) {
            t.observe(null, s);
        }
        assertEquals(0, t.lost());
        assertEquals(1, t.pending(), "13 may still come");
        t.finish();
        assertEquals(1, t.lost());
    }

    @Test
    void missingSerialsBecomeLostOutsideTheReorderWindow() {
        SerialGapTracker t = new SerialGapTracker();
        t.observe(null, 1);
        t.observe(null, 3);
        t.observe(null, 4 + SerialGapTracker.REORDER_WINDOW); // 1028
        assertEquals(1, t.lost(), "2 is out of the window now");
        assertEquals(SerialGapTracker.REORDER_WINDOW, t.pending(), "4..1027 may still come");
        t.observe(null, 3000); // a jump larger than the window counts at once
        assertEquals(2996, t.lost(), "every serial between 1 and 3000 but 3 and 1028");
        assertEquals(0, t.pending());
    }

    @Test
    void rolloverIsNotLossAndRebootIsNotLoss() {
        SerialGapTracker t = new SerialGapTracker();
        t.observe(null, 4294967294L);
        t.observe(null, 4294967295L);
        t.observe(null, 0);
        t.observe(null, 1);
        assertEquals(0, t.lost());
        assertEquals(1, t.rollovers());
        t.observe(null, 900_000);
        assertEquals(900_000 - 2, t.lost());
        t.observe(null, 5); // reboot: the counter starts again
        t.observe(null, 6);
        assertEquals(900_000 - 2, t.lost());
        assertEquals(1, t.resets());
    }

    @Test
    void nodesAreCountedSeparately() {
        SerialGapTracker t = new SerialGapTracker();
        t.observe("a", 1);
        t.observe("b", 100);
        t.observe("a", 2);
        t.observe("b", 101);
        t.finish();
        assertEquals(0, t.lost());
    }
}
