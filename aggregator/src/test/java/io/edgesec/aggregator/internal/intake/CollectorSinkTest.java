package io.edgesec.aggregator.internal.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorSinkTest {

    @Test
    void tokenBucketBurstThenRate() {
        long t = 1_000_000_000L;
        TokenBucket b = new TokenBucket(10, 3, t);
        assertTrue(b.tryTake(t));
        assertTrue(b.tryTake(t));
        assertTrue(b.tryTake(t));
        assertFalse(b.tryTake(t), "burst used up");
        assertFalse(b.tryTake(t + 99_000_000L), "0.99 of a token after 99 ms at 10/s");
        assertTrue(b.tryTake(t + 100_000_000L), "one token after 100 ms");
        assertFalse(b.tryTake(t + 100_000_000L));
        // a long pause refills to the burst, not beyond
        long later = t + 3_600_000_000_000L;
        for (int i = 0; i < 3; i++) {
            assertTrue(b.tryTake(later));
        }
        assertFalse(b.tryTake(later));
    }

    @Test
    void aNewQuotaAppliesFromNowKeepingTokensUpToTheNewBurst() {
        long t = 5_000_000_000L;
        TokenBucket b = new TokenBucket(1, 2, t);
        assertTrue(b.tryTake(t));
        assertTrue(b.tryTake(t));
        assertFalse(b.tryTake(t));
        b.configure(1000, 500, t);
        assertFalse(b.tryTake(t), "no tokens were earned yet");
        long later = t + 100_000_000L; // 100 ms at 1000/s
        int taken = 0;
        while (b.tryTake(later)) {
            taken++;
        }
        assertTrue(taken >= 99 && taken <= 101, "about 100 at the new rate: " + taken);
        b.configure(1, 3, later + 10_000_000_000L); // 10 s at 1000/s would be 10,000: capped at the new burst
        taken = 0;
        while (b.tryTake(later + 10_000_000_000L)) {
            taken++;
        }
        assertEquals(3, taken);
    }

    @Test
    void tokenBucketSteadyRate() {
        TokenBucket b = new TokenBucket(1000, 1, 0);
        int accepted = 0;
        for (long ms = 0; ms < 10_000; ms++) {
            for (int i = 0; i < 5; i++) { // 5000/s offered
                if (b.tryTake(ms * 1_000_000L)) {
                    accepted++;
                }
            }
        }
        assertTrue(accepted >= 9_999 && accepted <= 10_001, "about 1000/s over 10 s: " + accepted);
    }

    private static EventIntake intake(Settings s, EventQueues q, Statistics stats) {
        return new EventIntake(s, q, new EventAggregation(100), stats, List::of);
    }

    @Test
    void quotaDropsAreCountedOnTheEventsQueueAndPerCollector() {
        Settings s = TestConfig.settings("collectorRatePerSecond", 1, "collectorBurst", 5);
        EventQueues q = new EventQueues(1_000_000, 100_000);
        Statistics stats = new Statistics();
        CollectorSink sink = new CollectorSink("flood", intake(s, q, stats), s);
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            if (sink.submit(Events.listeningPorts())) { // High
                accepted++;
            }
        }
        assertTrue(accepted >= 5 && accepted <= 6, "burst of 5 (plus at most one refilled): " + accepted);
        assertEquals(20 - accepted, (long) q.quotaDrops().get("flood"));
        long[][] c = q.countersAndReset();
        assertEquals(20, c[QueueKind.HIGH.ordinal()][0]);
        assertEquals(20 - accepted, c[QueueKind.HIGH.ordinal()][1]);
        assertEquals(java.util.Map.of(), q.quotaDrops(), "reset with the queue counters");
        // a second collector has its own quota
        CollectorSink other = new CollectorSink("quiet", intake(s, q, stats), s);
        assertTrue(other.submit(Events.listeningPorts()));
    }

    @Test
    void closedSinkRefusesAndCounts() {
        Settings s = TestConfig.settings();
        EventQueues q = new EventQueues(1_000_000, 100_000);
        Statistics stats = new Statistics();
        CollectorSink sink = new CollectorSink("c", intake(s, q, stats), s);
        assertTrue(sink.submit(Events.listeningPorts()));
        sink.close();
        assertFalse(sink.submit(Events.listeningPorts()));
        assertEquals(1, q.size(QueueKind.HIGH));
        assertEquals(1, q.countersAndReset()[QueueKind.HIGH.ordinal()][1]);
        assertFalse(sink.submit(null));
    }

    @Test
    void offKindsAreNotDropsAndHeldAggregatesAreAccepted() {
        Settings s = TestConfig.settings("eventPriorityLogin", "Off");
        EventQueues q = new EventQueues(1_000_000, 100_000);
        Statistics stats = new Statistics();
        CollectorSink sink = new CollectorSink("c", intake(s, q, stats), s);
        SecurityEvent login = SecurityEvent.builder("Login").payload(Events.map("a", 1)).build();
        assertFalse(sink.submit(login));
        assertEquals(0, q.droppedSinceReset());
        assertEquals(1, stats.disabledEvents.get());
        assertTrue(sink.submit(Events.processCreate("x")), "held for aggregation counts as accepted");
        assertTrue(q.isEmpty());
    }

    @Test
    void collectorStatusGoesToTheOperationalQueueAsDiagnostic() {
        Settings s = TestConfig.settings();
        EventQueues q = new EventQueues(1_000_000, 100_000);
        CollectorSink sink = new CollectorSink("c", intake(s, q, new Statistics()), s);
        assertTrue(sink.submit(Events.collectorStatus("c", "ParseError", "bad row")));
        EventQueues.Batch b = q.take(QueueKind.HIGH, 100_000);
        assertEquals(1, b.events.size());
        assertEquals("Diagnostic", b.events.get(0).name());
        assertEquals(QueueKind.OPERATIONAL, b.kinds.get(0));
    }

    @Test
    void enrichersApplyToSecurityEventsAndAFailingOneIsSkippedAndReported() {
        Settings s = TestConfig.settings("aggregationEnabledProcessCreate", false);
        EventQueues q = new EventQueues(1_000_000, 100_000);
        io.edgesec.api.collector.EventEnricher tag = e -> e.toBuilder().clearPayload()
                .payload(Events.map("Executable", "/x", "CommandLine", "enriched", "UserId", "0", "ProcessId", 1,
                        "ParentProcessId", 0)).build();
        io.edgesec.api.collector.EventEnricher broken = e -> {
            throw new IllegalStateException("boom");
        };
        EventIntake in = new EventIntake(s, q, new EventAggregation(100), new Statistics(), () -> List.of(broken, tag, broken));
        assertTrue(in.accept(Events.processCreate("plain")));
        EventQueues.Batch b = q.take(QueueKind.LOW, 100_000);
        // Operational report first (one, rate-limited), then the enriched event
        assertEquals(List.of("Diagnostic", "ProcessCreate"), b.events.stream().map(SecurityEvent::name).toList());
        assertEquals("enriched", b.events.get(1).payload().get(0).get("CommandLine"));
    }
    @Test
    void submitAllQueuesInOrderCountsItsQuotaDropsAndIsJournaledWhenItReturns(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Settings s = TestConfig.settings("collectorRatePerSecond", 1, "collectorBurst", 40,
                "aggregationEnabledProcessCreate", false);
        EventQueues q = new EventQueues(10_000_000, 100_000);
        Statistics stats = new Statistics();
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        java.nio.file.Path spoolDir = dir.resolve("spool");
        EventJournal journal = EventJournal.open(spoolDir, r);
        Spool spool = new Spool(journal, msg -> { throw new AssertionError(msg); });
        q.spool(spool);
        EventIntake in = intake(s, q, stats);
        in.spool(spool);
        CollectorSink sink = new CollectorSink("audit", in, s);
        List<SecurityEvent> events = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            events.add(Events.processCreate("cmd " + i));
        }
        int queued = sink.submitAll(events);
        assertTrue(queued >= 40 && queued <= 41, "the burst of 40 (plus at most one refilled): " + queued);
        assertEquals(50 - queued, (long) q.quotaDrops().get("audit"));
        long[][] c = q.countersAndReset();
        assertEquals(50, c[QueueKind.LOW.ordinal()][0]);
        assertEquals(50 - queued, c[QueueKind.LOW.ordinal()][1]);
        EventQueues.Batch b = q.take(QueueKind.LOW, 10_000_000);
        assertEquals(events.subList(0, queued), b.events);
        // durable when submitAll returned: a replay of the file as it is now (no close, no
        // force) finds every queued event
        EventJournal.Recovery[] seen = new EventJournal.Recovery[1];
        java.nio.file.Path copy = java.nio.file.Files.createDirectories(dir.resolve("copy"));
        try (var files = java.nio.file.Files.list(spoolDir)) {
            for (java.nio.file.Path f : files.filter(f -> f.getFileName().toString().startsWith("journal-")).toList()) {
                java.nio.file.Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        EventJournal.open(copy, seen).close();
        assertEquals(queued, seen[0].live().size());
        journal.close();
    }
}
