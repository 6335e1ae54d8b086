package io.edgesec.aggregator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.intake.CollectorSink;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.intake.Observers;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hits held by aggregation are journaled (the first of each payload in full, its repeats as a
 * few bytes naming it) and come back after a crash with the same totals.
 */
class SpoolRecoveryTest {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    /** An aggregator's intake, aggregation and queues over the journal in {@link #dir}. */
    private final class Agent implements AutoCloseable {
        final Settings settings = TestConfig.settings();
        final EventQueues queues = new EventQueues(10_000_000, 200_000);
        final EventAggregation aggregation = new EventAggregation(1000);
        final Observers observers = new Observers();
        final EventIntake intake = new EventIntake(settings, queues, aggregation, new Statistics(), List::of, observers::list);
        final EventJournal journal;
        final Spool spool;
        final SecurityEvent report;

        Agent() throws IOException {
            EventJournal.Recovery[] r = new EventJournal.Recovery[1];
            journal = EventJournal.open(dir, r);
            spool = new Spool(journal, msg -> {
                throw new AssertionError(msg);
            });
            report = SpoolRecovery.restore(r[0], spool, settings, queues, aggregation, intake).orElse(null);
        }

        void compact() {
            synchronized (aggregation) {
                synchronized (queues) {
                    spool.compact(queues.snapshot(), aggregation.partials());
                    aggregation.journalRewritten();
                }
            }
        }

        /** Every aggregated hit, queued now or after a flush of aggregation: command line to hit count. */
        Map<String, Long> hitsByCommand() {
            queues.take(QueueKind.LOW, 10); // nothing fits: leaves the queues as they are
            aggregation.flushAll().forEach(e -> intake.offer(settings, e));
            Map<String, Long> out = new TreeMap<>();
            for (QueueKind k : QueueKind.values()) {
                EventQueues.Batch b = queues.take(k, 10_000_000);
                for (SecurityEvent e : b.events) {
                    if (EventNames.PROCESS_CREATE.equals(e.name())) {
                        Map<?, ?> extra = (Map<?, ?>) e.payload().get(0).get("ExtraDetails");
                        out.merge((String) e.payload().get(0).get("CommandLine"),
                                Long.parseLong((String) extra.get("HitCount")), Long::sum);
                    }
                }
            }
            return out;
        }

        /** Ends without emitting the held windows or closing the journal, as a SIGKILL would. */
        @Override
        public void close() throws IOException {
            journal.close(); // releases the lock; writes nothing that was not written already
        }
    }

    private long journalBytes() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            long total = 0;
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith("journal-")).toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    @Test
    void repeatsAreJournaledAsFewBytesAndComeBackAsOneAggregateWithTheirCount() throws IOException {
        long firstEventBytes;
        try (Agent a = new Agent()) {
            long empty = journalBytes();
            SecurityEvent first = Events.processCreate("sleep 1", 100, 1, T0);
            a.intake.accept(first);
            firstEventBytes = journalBytes() - empty;
            assertTrue(firstEventBytes > first.utf8Size(), "the first is journaled in full");
            for (int i = 1; i < 500; i++) {
                a.intake.accept(Events.processCreate("sleep 1", 100 + i, 1, T0.plusMillis(i)));
            }
            for (int i = 0; i < 7; i++) {
                a.intake.accept(Events.processCreate("sleep 2", 1000 + i, 1, T0.plusSeconds(1)));
            }
            long perRepeat = (journalBytes() - empty - 2 * firstEventBytes) / (499 + 6);
            assertTrue(perRepeat < 100, "a repeat costs " + perRepeat + " bytes of journal, its event "
                    + first.utf8Size());
        }
        try (Agent b = new Agent()) {
            assertTrue(b.report != null && b.report.toJson().contains("507 raw hits"), String.valueOf(b.report));
            assertEquals(Map.of("sleep 1", 500L, "sleep 2", 7L), b.hitsByCommand());
        }
        try (Agent c = new Agent()) {
            // still queued (never delivered): back once more, as queued aggregates, not counted twice
            assertEquals(Map.of("sleep 1", 500L, "sleep 2", 7L), c.hitsByCommand());
        }
    }

    @Test
    void aCrashRightAfterRecoveryCountsNothingTwice() throws IOException {
        try (Agent a = new Agent()) {
            for (int i = 0; i < 50; i++) {
                a.intake.accept(Events.processCreate("sleep 1", 100 + i, 1, T0.plusMillis(i)));
            }
        }
        try (Agent b = new Agent()) {
            // recovered into the queues, then killed before anything was sent
            assertTrue(b.report != null);
        }
        try (Agent c = new Agent()) {
            assertEquals(Map.of("sleep 1", 50L), c.hitsByCommand());
        }
    }

    @Test
    void afterACompactionTheNextRepeatIsJournaledInFullAndTotalsStayExact() throws IOException {
        try (Agent a = new Agent()) {
            for (int i = 0; i < 10; i++) {
                a.intake.accept(Events.processCreate("sleep 1", 100 + i, 1, T0.plusMillis(i)));
            }
            a.compact(); // the raw first event is gone from the journal: a partial aggregate replaces it
            for (int i = 10; i < 25; i++) {
                a.intake.accept(Events.processCreate("sleep 1", 100 + i, 1, T0.plusMillis(i)));
            }
        }
        try (Agent b = new Agent()) {
            assertEquals(0, b.report.toJson().contains("unreadable") ? countSkipped(b.report) : 0,
                    "no repeat points at an event that compaction removed: " + b.report.toJson());
            assertEquals(Map.of("sleep 1", 25L), b.hitsByCommand());
        }
    }

    /** Damaged records plus unreadable events named in a recovery report. */
    private static long countSkipped(SecurityEvent report) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("skipped (\\d+) damaged records and (\\d+) unreadable events").matcher(report.toJson());
        assertTrue(m.find(), report.toJson());
        return Long.parseLong(m.group(1)) + Long.parseLong(m.group(2));
    }
    @Test
    void dropsCountedBeforeACrashAreInTheNextDroppedEventsStatistics() throws IOException {
        Statistics stats = new Statistics();
        try (Agent a = new Agent()) {
            CollectorSink flood = new CollectorSink("flood", a.intake, TestConfig.settings("collectorRatePerSecond", 1,
                    "collectorBurst", 2));
            for (int i = 0; i < 7; i++) {
                flood.submit(Events.listeningPorts()); // High: 2 queued, 5 refused by the quota
            }
            // reported once: those five are in a queued statistics event and must not count again
            a.intake.offer(a.settings, stats.droppedEvents(a.queues, T0));
            for (int i = 0; i < 3; i++) {
                flood.submit(Events.listeningPorts()); // 3 more refused, never reported
            }
        }
        try (Agent b = new Agent()) {
            SecurityEvent d = stats.droppedEvents(b.queues, T0);
            Map<String, Object> high = d.payload().get(0);
            assertEquals("High", high.get("Queue"));
            assertEquals(3L, ((Number) high.get("DroppedEvents")).longValue(), d.toJson());
            assertTrue(((Number) high.get("CollectedEvents")).longValue() >= 3, d.toJson());
            assertEquals("3", ((Map<?, ?>) d.payload().get(1).get("ExtraDetails")).get("DroppedByQuota.flood"), d.toJson());
        }
    }

    /** A detector's refusals are drops like the queues': journaled, reported once, not forgotten by a crash. */
    @Test
    void observerDropsCountedBeforeACrashAreInTheNextDroppedEventsStatistics() throws IOException {
        Statistics stats = new Statistics();
        try (Agent a = new Agent()) {
            a.observers.add(1, "detector", e -> false); // its hand-over is full
            for (int i = 0; i < 4; i++) {
                assertTrue(a.intake.accept(Events.listeningPorts()), "the event itself goes on");
            }
            assertEquals(4, a.queues.droppedSinceReset(), "reported at the next high-frequency tick, like other drops");
            a.intake.offer(a.settings, stats.droppedEvents(a.queues, T0)); // those four are reported
            for (int i = 0; i < 3; i++) {
                a.intake.accept(Events.listeningPorts()); // three more, never reported
            }
            a.compact(); // a rewrite of the journal keeps them
            a.intake.accept(Events.listeningPorts()); // and one after it
        }
        try (Agent b = new Agent()) {
            SecurityEvent d = stats.droppedEvents(b.queues, T0);
            assertEquals("4", ((Map<?, ?>) d.payload().get(1).get("ExtraDetails")).get("DroppedByObserver.detector"), d.toJson());
            assertEquals(0L, ((Number) d.payload().get(0).get("DroppedEvents")).longValue(), "no queue dropped anything: " + d.toJson());
            assertEquals(0L, ((Number) d.payload().get(1).get("DroppedEvents")).longValue(), d.toJson());
            SecurityEvent again = stats.droppedEvents(b.queues, T0);
            assertEquals(null, again.payload().get(1).get("ExtraDetails"), "counted once: " + again.toJson());
        }
    }
}
