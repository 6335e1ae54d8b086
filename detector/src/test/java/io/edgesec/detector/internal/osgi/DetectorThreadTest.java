package io.edgesec.detector.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.detector.internal.Ev;
import io.edgesec.detector.internal.engine.DetectionEngine;
import io.edgesec.detector.internal.engine.DetectorSettings;
import io.edgesec.detector.internal.engine.Rules;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The hand-over: never blocks, a full queue refuses (the aggregator counts it), stop judges what is queued. */
class DetectorThreadTest {

    @Test
    void aFullQueueRefusesAtOnceAndStopJudgesWhatIsQueued() {
        DetectorSettings s = DetectorSettings.defaults();
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        DetectorThread t = new DetectorThread(16, new DetectionEngine(Rules.load(s), s), alerts::addAll);
        Ev.Seq seq = new Ev.Seq();
        seq.t = java.time.Instant.now(); // live: event time is about now (the thread ticks the wall clock)
        for (int i = 0; i < 20; i++) {
            seq.run("auditctl -D");
        }
        int taken = 0;
        for (SecurityEvent e : seq.events) { // the thread is not started: nothing drains the queue
            if (t.offer(e)) {
                taken++;
            }
        }
        assertEquals(16, taken, "the queue's capacity, the rest refused without waiting");
        assertTrue(t.offer(SecurityEvent.builder("MessageStatistics").category(io.edgesec.api.event.EventCategory.PERIODIC)
                .payload(java.util.Map.of("MessagesSent", 1)).build()), "kinds no rule reads are ignored, not dropped");
        t.start();
        t.stop(30_000);
        List<SecurityEvent> totals = t.engine().finish();
        assertEquals(16L, ((Number) totals.get(0).payload().get(0).get("Count")).longValue(), "all 16 queued were judged");
        assertEquals(1, alerts.size(), "16 repeats: one alert at once (the totals follow when the window closes)");
        assertFalse(t.offer(seq.events.get(0)), "stopped: refused");
    }
}
