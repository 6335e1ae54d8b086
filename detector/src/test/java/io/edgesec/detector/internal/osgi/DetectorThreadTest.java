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

    @Test
    void aThreadThatBuildsItsEngineJudgesTheEventsOfferedWhileItWaited() throws Exception {
        DetectorSettings s = DetectorSettings.defaults();
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch firstMessage = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        DetectorThread t = new DetectorThread(65_536, () -> {
            try {
                firstMessage.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            built.incrementAndGet();
            return new DetectionEngine(Rules.load(s), s);
        }, alerts::addAll);
        t.start();
        Ev.Seq seq = new Ev.Seq();
        seq.t = java.time.Instant.now();
        seq.run("auditctl -D");
        for (SecurityEvent e : seq.events) {
            assertTrue(t.offer(e), "taken while the engine is not built yet");
        }
        Thread.sleep(200);
        assertEquals(0, built.get());
        assertTrue(alerts.isEmpty(), "nothing judged before the engine is there");
        assertEquals(seq.events.size(), t.queued(), "queued, not dropped");
        firstMessage.countDown();
        await("the event offered before the engine was built raises its alert", () -> !alerts.isEmpty());
        assertEquals(1, built.get());
        assertEquals("IOTA-003", alerts.get(0).payload().get(0).get("AlertId"));
        t.stop(30_000);
    }

    private static void await(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 60_000_000_000L;
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aRangeWindowThatEndsWithNoFurtherEventRaisesOnTheTickThenTheThreadSleepsUntilTheNextEvent() throws Exception {
        DetectorSettings s = new DetectorSettings(java.util.Map.of("failedLoginRange", "0-1", "rangeWindow", "PT2S"));
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        DetectorThread t = new DetectorThread(64, engine, alerts::addAll);
        t.start();
        try {
            Ev.Seq seq = new Ev.Seq();
            seq.t = java.time.Instant.now();
            for (int i = 0; i < 3; i++) {
                seq.login("/usr/bin/su", "USER_AUTH", "u" + i, null, "pts/0", false);
                seq.t = java.time.Instant.now();
            }
            seq.events.forEach(t::offer);
            // no further event: only the tick can close the window
            await("IOTA-C-FailedLoginRange", () -> alerts.stream().anyMatch(a -> "IOTA-C-FailedLoginRange".equals(a.payload().get(0).get("AlertId"))));
            assertTrue(String.valueOf(alerts.get(alerts.size() - 1).payload().get(0).get("Description")).startsWith("3 failed logins"),
                    alerts.toString());
            // the window judged, nothing counted since (and no minimum): nothing left for a tick
            await("the thread waiting without a timeout", () -> t.state() == Thread.State.WAITING);
            long ticks = engine.ticks();
            t.offer(seq.login("/usr/bin/su", "USER_AUTH", "u9", null, "pts/0", false).events.get(3));
            await("the event judged and the thread asleep again", () -> engine.ticks() > ticks && t.state() == Thread.State.WAITING);
        } finally {
            t.stop(30_000);
        }
    }

    @Test
    void anIdleDetectorDoesNoTickWorkAfterItsFirstLook() throws Exception {
        DetectorSettings s = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        DetectorThread t = new DetectorThread(16, engine, a -> { });
        t.start();
        try {
            // WAITING (not TIMED_WAITING): parked in take(), it cannot wake until an event comes
            await("the thread waiting without a timeout", () -> t.state() == Thread.State.WAITING);
            assertEquals(1, engine.ticks(), "one tick to look at the (restored) state, none after");
            java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
            t.change(changed::countDown);
            assertTrue(changed.await(60, java.util.concurrent.TimeUnit.SECONDS), "a configuration change wakes it");
        } finally {
            t.stop(30_000);
        }
        await("stopped", () -> t.state() == Thread.State.TERMINATED);
    }

    @Test
    void theThreadLingersBeforeJudgedEventsOnlyAndAChangeEndsALinger() throws Exception {
        DetectorSettings s = DetectorSettings.defaults();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        DetectorThread t = new DetectorThread(65_536, engine, a -> { });
        t.start();
        try {
            await("the thread waiting without a timeout", () -> t.state() == Thread.State.WAITING);
            for (int i = 0; i < 3; i++) {
                java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
                t.change(changed::countDown);
                assertTrue(changed.await(60, java.util.concurrent.TimeUnit.SECONDS), "a configuration change wakes it");
            }
            assertEquals(0, t.lingered(), "a batch of nothing but wake-ups lets nothing gather");
            Ev.Seq seq = new Ev.Seq();
            seq.t = java.time.Instant.now();
            seq.run("ls -l");
            assertTrue(t.offer(seq.events.get(0)));
            await("a linger for the event's batch", () -> t.lingered() == 1);
            java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
            t.change(changed::countDown); // unparks the lingering thread
            assertTrue(changed.await(60, java.util.concurrent.TimeUnit.SECONDS), "a change during a linger is run");
            assertEquals(1, t.lingered());
        } finally {
            t.stop(30_000);
        }
        await("stopped", () -> t.state() == Thread.State.TERMINATED);
    }

    @Test
    void aFullBatchEndsALingerAtOnce() throws Exception {
        DetectorSettings s = DetectorSettings.defaults();
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        // a linger far longer than the wait below: only the full batch can end it in time
        DetectorThread t = new DetectorThread(65_536, engine, alerts::addAll, 3_600_000_000_000L);
        t.start();
        try {
            Ev.Seq seq = new Ev.Seq();
            seq.t = java.time.Instant.now();
            seq.run("ls -l");
            assertTrue(t.offer(seq.events.get(0)));
            await("a linger for the event's batch", () -> t.lingered() == 1);
            Ev.Seq more = new Ev.Seq();
            more.t = java.time.Instant.now();
            for (int i = 0; i < DetectorThread.BATCH - 2; i++) {
                more.run("ls -l");
            }
            more.run("auditctl -D"); // the batch's last event raises an alert
            more.events.forEach(e -> assertTrue(t.offer(e)));
            await("the batch judged during the linger", () -> !alerts.isEmpty());
            assertEquals(1, t.lingered());
            await("then waiting for the next event", () -> t.state() == Thread.State.TIMED_WAITING
                    || t.state() == Thread.State.WAITING);
            Ev.Seq next = new Ev.Seq();
            next.t = java.time.Instant.now();
            next.run("ls -l");
            assertTrue(t.offer(next.events.get(0)));
            await("the next event's linger", () -> t.lingered() == 2);
        } finally {
            t.stop(30_000);
        }
        await("stopped", () -> t.state() == Thread.State.TERMINATED);
    }

    @Test
    void anIncidentsRepeatsAreReportedWhenItsFoldWindowEndsWithNoFurtherEvent() throws Exception {
        DetectorSettings s = new DetectorSettings(java.util.Map.of("suppressionWindow", "PT2S"));
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        DetectorThread t = new DetectorThread(64, engine, alerts::addAll);
        t.start();
        try {
            Ev.Seq seq = new Ev.Seq();
            seq.t = java.time.Instant.now();
            seq.run("auditctl -D");
            seq.t = java.time.Instant.now();
            seq.run("auditctl -D");
            seq.events.forEach(t::offer);
            await("the totals of the incident", () -> alerts.stream()
                    .anyMatch(a -> ((Number) a.payload().get(0).get("Count")).longValue() == 2));
            assertEquals(2, alerts.size(), "the first hit at once, the totals when the window closed: " + alerts);
            await("the thread waiting without a timeout", () -> t.state() == Thread.State.WAITING);
        } finally {
            t.stop(30_000);
        }
    }

    @Test
    void aPacedThreadWakesJustAfterTheNextBurstIsDue() {
        long ms = 1_000_000L;
        long margin = DetectorThread.PACE_MARGIN_NANOS;
        // bursts 200 ms apart (the audit log's reads), the last began 5 ms ago: wake 195 ms + the margin from now
        assertEquals(195 * ms + margin, DetectorThread.pauseUntilNextBurst(1_000 * ms, 995 * ms, 795 * ms));
        // no period known yet: the longest
        assertEquals(DetectorThread.PACE_MAX_NANOS + margin - 5 * ms,
                DetectorThread.pauseUntilNextBurst(1_000 * ms, 995 * ms, DetectorThread.NO_TIME));
        // bursts too close together (a trickle) or too far apart: the period within its bounds
        assertEquals(DetectorThread.PACE_MIN_NANOS + margin, DetectorThread.pauseUntilNextBurst(1_000 * ms, 1_000 * ms, 990 * ms));
        assertEquals(DetectorThread.PACE_MAX_NANOS + margin, DetectorThread.pauseUntilNextBurst(1_000 * ms, 1_000 * ms, 0));
        // a burst's start long past (no stamp since, as in a flood): one period from now
        assertEquals(200 * ms + margin, DetectorThread.pauseUntilNextBurst(10_000 * ms, 1_000 * ms, 800 * ms));
        // the next burst due already (and late): no sleep, the thread waits on the queue for it
        assertTrue(DetectorThread.pauseUntilNextBurst(1_230 * ms, 1_000 * ms, 800 * ms) <= 0);
    }

    @Test
    void whileEventsFlowTheThreadIsNotWokenByEachOfferAndJudgesWhatCameAtItsPacedWakeUp() throws Exception {
        DetectorSettings s = DetectorSettings.defaults();
        List<SecurityEvent> alerts = new CopyOnWriteArrayList<>();
        DetectionEngine engine = new DetectionEngine(Rules.load(s), s);
        DetectorThread t = new DetectorThread(65_536, engine, alerts::addAll);
        t.start();
        try {
            Ev.Seq seq = new Ev.Seq();
            seq.t = java.time.Instant.now();
            seq.run("auditctl -D");
            assertTrue(t.offer(seq.events.get(0)));
            await("the first batch judged (its alert sent), then a paced sleep", () -> alerts.size() == 1
                    && t.state() == Thread.State.TIMED_WAITING);
            long before = t.lingered();
            Ev.Seq more = new Ev.Seq();
            more.t = java.time.Instant.now();
            more.run("ls -l").run("auditctl -e 0");
            more.events.forEach(e -> assertTrue(t.offer(e)));
            await("the events judged at the paced wake-up", () -> alerts.size() == 2);
            assertEquals(before + 1, t.lingered(), "gathered once, by the pace: no linger of its own");
            await("then waiting on the queue again, without a timeout, when nothing more comes",
                    () -> t.state() == Thread.State.WAITING);
        } finally {
            t.stop(30_000);
        }
        await("stopped", () -> t.state() == Thread.State.TERMINATED);
    }
}
