package io.edgesec.aggregator.internal.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventJournalTest {
    @TempDir
    Path dir;

    private static SecurityEvent event(String text) {
        return SecurityEvent.builder("ProcessCreate").payload(Map.of("CommandLine", text, "Executable", "/bin/é")).build();
    }

    private EventJournal.Recovery reopen() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        EventJournal.open(dir, r).close();
        return r[0];
    }

    private Path onlyFile() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().startsWith("journal-")).toList();
            assertEquals(1, files.size(), files.toString());
            return files.get(0);
        }
    }

    @Test
    void liveEventsComeBackInOrderWithTheirQueueAndExactBytes() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        List<SecurityEvent> events = new ArrayList<>();
        try (EventJournal j = EventJournal.open(dir, r)) {
            assertTrue(r[0].live().isEmpty());
            for (int i = 0; i < 10; i++) {
                SecurityEvent e = event("cmd " + i);
                events.add(e);
                j.added(i % 2 == 0 ? QueueKind.HIGH : QueueKind.LOW, e);
            }
            j.removed(List.of(events.get(0), events.get(3)));
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(8, rec.live().size());
        assertEquals(0, rec.damagedRecords());
        List<Integer> expected = List.of(1, 2, 4, 5, 6, 7, 8, 9);
        for (int i = 0; i < expected.size(); i++) {
            EventJournal.Entry e = rec.live().get(i);
            SecurityEvent original = events.get(expected.get(i));
            assertEquals(original.id(), e.event().id());
            assertEquals(original.toJson(), e.event().toJson());
            assertEquals(original.utf8Size(), e.event().utf8Size());
            assertEquals(expected.get(i) % 2 == 0 ? QueueKind.HIGH : QueueKind.LOW, e.kind());
        }
        // reopening compacted the journal: a third open finds the same, from one file
        assertEquals(8, reopen().live().size());
        onlyFile();
    }

    @Test
    void aTornTailIsCountedAndSkipped() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.added(QueueKind.LOW, event("a"));
            j.added(QueueKind.LOW, event("b"));
        }
        Path f = onlyFile();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            // a record header promising 500 bytes, then only 3: the process died mid-write
            ch.write(ByteBuffer.allocate(11).putInt(500).putInt(1234).put(new byte[] {'A', 1, '{'}).flip());
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(2, rec.live().size());
        assertEquals(1, rec.damagedRecords());
    }

    @Test
    void aDamagedRecordFailsItsChecksumAndEndsTheReplayOfThatFile() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.added(QueueKind.HIGH, event("first"));
            j.added(QueueKind.HIGH, event("second"));
            j.added(QueueKind.HIGH, event("third"));
        }
        Path f = onlyFile();
        byte[] bytes = Files.readAllBytes(f);
        int second = bytes.length * 2 / 3 - 10; // somewhere inside the second record's body... or third's
        bytes[second] ^= 0x5a;
        Files.write(f, bytes);
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.damagedRecords());
        assertTrue(rec.live().size() < 3 && rec.live().size() >= 1, "events before the damage survive: " + rec.live().size());
        assertEquals("first", rec.live().get(0).event().payload().get(0).get("CommandLine"));
    }

    @Test
    void aggregationStateSurvivesUntilItsWindowIsEmitted() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent a = event("held in window 1");
        SecurityEvent b = event("held in window 2");
        SecurityEvent c = SecurityEvent.builder("ConnectionCreate").payload(Map.of("RemotePort", "53")).build();
        SecurityEvent partial = event("partial aggregate");
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.aggregating(1, a);
            j.aggregating(2, b);
            j.aggregating(1, c);
            j.windowClosed("ProcessCreate", 1); // a was emitted; c (another kind, same generation) was not
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(List.of(b.id(), c.id()), rec.held().stream().map(h -> h.event().id()).toList());
        assertTrue(rec.held().stream().noneMatch(EventJournal.Held::partial));
        // until the caller closes the recovered windows, they survive another crash
        assertEquals(2, reopen().held().size());
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.windowClosed("ProcessCreate", 2);
            j.windowClosed("ConnectionCreate", 1);
            j.compact(List.of(), List.of(new EventJournal.Held(7, partial, true)));
        }
        rec = reopen();
        assertEquals(List.of(partial.id()), rec.held().stream().map(h -> h.event().id()).toList());
        assertTrue(rec.held().get(0).partial());
    }

    @Test
    void aSecondWriterIsRefusedWhileTheFirstHoldsTheSpool() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        try (EventJournal first = EventJournal.open(dir, r)) {
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> EventJournal.open(dir, r));
            assertTrue(e.getMessage().contains("in use by another agent"), e.getMessage());
            first.added(QueueKind.LOW, event("still the first writer's"));
        }
        assertEquals(1, reopen().live().size(), "free again once the first writer closed");
    }

    @Test
    void compactionKeepsOnlyLiveEvents() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent keep = event("keep");
        try (EventJournal j = EventJournal.open(dir, r)) {
            for (int i = 0; i < 200; i++) {
                SecurityEvent e = event("gone " + i);
                j.added(QueueKind.LOW, e);
                j.removed(List.of(e));
            }
            j.added(QueueKind.HIGH, keep);
            long before = j.size();
            j.compact(List.of(new EventJournal.Entry(QueueKind.HIGH, keep)), List.of());
            assertTrue(j.size() < before / 50, j.size() + " vs " + before);
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.live().size());
        assertEquals(keep.id(), rec.live().get(0).event().id());
    }
    @Test
    void aBatchIsWrittenInOneGoWhenItEndsAndSurvivesLikeSingleRecords() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        List<SecurityEvent> events = new ArrayList<>();
        try (EventJournal j = EventJournal.open(dir, r)) {
            long before = Files.size(onlyFile());
            assertTrue(j.begin());
            for (int i = 0; i < 300; i++) {
                SecurityEvent e = event("batched " + i);
                events.add(e);
                j.added(QueueKind.LOW, e);
            }
            j.aggregating(7, event("held"));
            assertEquals(before, Files.size(onlyFile()), "nothing reaches the file before the batch ends");
            assertTrue(j.size() > before, "the journal's size counts what the batch gathered");
            j.end();
            assertEquals(j.size(), Files.size(onlyFile()), "the batch was written when it ended");
            j.removed(List.of(events.get(0)));
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(299, rec.live().size());
        assertEquals(events.get(1).id(), rec.live().get(0).event().id());
        assertEquals(events.get(299).id(), rec.live().get(298).event().id());
        assertEquals(1, rec.held().size());
        assertEquals(0, rec.damagedRecords());
    }

    @Test
    void anotherThreadsRecordWritesTheGatheredOnesFirstSoTheFileKeepsTheOrderOfTheCalls() throws Exception {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent first = event("gathered by the collector's thread");
        try (EventJournal j = EventJournal.open(dir, r)) {
            assertTrue(j.begin());
            j.added(QueueKind.HIGH, first);
            // the sender thread removes it (delivered) while the batch is still open: its record
            // must not be written ahead of the add, or a replay would resurrect the event
            boolean[] otherBegan = new boolean[1];
            Throwable[] failed = new Throwable[1];
            Thread sender = new Thread(() -> {
                try {
                    otherBegan[0] = j.begin();
                    j.removed(List.of(first));
                } catch (IOException | RuntimeException e) {
                    failed[0] = e;
                }
            });
            sender.start();
            sender.join();
            assertEquals(null, failed[0]);
            assertFalse(otherBegan[0], "one batch at a time");
            assertEquals(j.size(), Files.size(onlyFile()), "the other thread's write did not wait for the batch");
            j.added(QueueKind.LOW, event("after"));
            j.end();
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.live().size(), "the removed event stays removed");
        assertEquals(QueueKind.LOW, rec.live().get(0).kind());
    }

    @Test
    void aHugeBatchIsWrittenInPartsSoItsMemoryStaysBounded() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        String big = "x".repeat(100_000);
        try (EventJournal j = EventJournal.open(dir, r)) {
            assertTrue(j.begin());
            for (int i = 0; i < 30; i++) {
                j.added(QueueKind.LOW, event(big + i));
            }
            long onDisk = Files.size(onlyFile());
            assertTrue(onDisk >= 2_000_000 && onDisk < j.size(), "written in parts of about 1 MB: " + onDisk);
            j.end();
            assertEquals(j.size(), Files.size(onlyFile()));
        }
        assertEquals(30, reopen().live().size());
    }
    @Test
    void hitsOfAHeldEventSurviveReopeningAndGoWithItsWindow() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent a = event("held");
        Instant t0 = Instant.parse("2026-11-28T10:00:00Z");
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.aggregating(3, a);
            j.hit(3, a.id(), t0.plusSeconds(5));
            j.hit(3, a.id(), t0.plusSeconds(2));
            j.hit(3, a.id(), t0.plusSeconds(9));
            j.hit(4, a.id(), t0); // another window than the event's: cannot be placed
            j.hit(3, "no-such-event", t0);
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.held().size());
        EventJournal.Held h = rec.held().get(0);
        assertEquals(a.id(), h.event().id());
        assertEquals(3, h.moreHits());
        assertEquals(t0.plusSeconds(2), h.firstHit());
        assertEquals(t0.plusSeconds(9), h.lastHit());
        assertEquals(2, rec.unreadableEvents(), "hits that name no held event are counted");
        // the reopened (rewritten) file keeps the hits in one record
        EventJournal.Held again = reopen().held().get(0);
        assertEquals(List.of(3L, t0.plusSeconds(2), t0.plusSeconds(9)), List.of(again.moreHits(), again.firstHit(), again.lastHit()));
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.windowClosed("ProcessCreate", 3);
        }
        assertEquals(List.of(), reopen().held());
    }
    @Test
    void dropCountsSurviveACrashUntilAStatisticsEventTakesThemIntoTheQueue() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent queued = event("evicted later");
        try (EventJournal j = EventJournal.open(dir, r)) {
            assertEquals(0, r[0].drops().dropped[QueueKind.LOW.ordinal()]);
            j.added(QueueKind.LOW, queued);
            j.evicted(QueueKind.LOW, queued);
            j.dropped(QueueKind.LOW, null);
            j.dropped(QueueKind.HIGH, "flood");
            j.dropped(QueueKind.HIGH, "flood");
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(List.of(), rec.live(), "the evicted event is gone");
        assertEquals(2, rec.drops().dropped[QueueKind.LOW.ordinal()]);
        assertEquals(2, rec.drops().dropped[QueueKind.HIGH.ordinal()]);
        assertEquals(java.util.Map.of("flood", 2L), rec.drops().quotaByCollector());
        // a second crash: the rewritten journal still has them
        assertEquals(2, reopen().drops().dropped[QueueKind.HIGH.ordinal()]);

        SecurityEvent stats = SecurityEvent.builder("DroppedEventsStatistics").payload(java.util.Map.of("Queue", "High")).build();
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.statisticsTaken(stats.id()); // killed before the statistics event was queued
        }
        assertEquals(2, reopen().drops().dropped[QueueKind.LOW.ordinal()], "not reported: still counted");
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.statisticsTaken(stats.id());
            j.added(QueueKind.OPERATIONAL, stats);
            j.dropped(QueueKind.LOW, null); // after the report: the next one's
        }
        rec = reopen();
        assertEquals(1, rec.drops().dropped[QueueKind.LOW.ordinal()], "reported once, not again");
        assertEquals(0, rec.drops().dropped[QueueKind.HIGH.ordinal()]);
        assertEquals(java.util.Map.of(), rec.drops().quotaByCollector());
        assertEquals(List.of(stats.id()), rec.live().stream().map(e -> e.event().id()).toList());
    }

    @Test
    void compactionKeepsDropCountsAndTheStatisticsTheyWait() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        SecurityEvent stats = SecurityEvent.builder("DroppedEventsStatistics").payload(java.util.Map.of("Queue", "Low")).build();
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.dropped(QueueKind.LOW, "audit");
            j.statisticsTaken(stats.id());
            j.dropped(QueueKind.HIGH, null);
            j.compact(List.of(), List.of());
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.drops().dropped[QueueKind.LOW.ordinal()], "the statistics event never came: counted");
        assertEquals(1, rec.drops().dropped[QueueKind.HIGH.ordinal()]);
        assertEquals(java.util.Map.of("audit", 1L), rec.drops().quotaByCollector());
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.statisticsTaken(stats.id());
            j.compact(List.of(), List.of());
            j.added(QueueKind.OPERATIONAL, stats); // queued after the compaction
        }
        rec = reopen();
        assertEquals(0, rec.drops().dropped[QueueKind.LOW.ordinal()] + rec.drops().dropped[QueueKind.HIGH.ordinal()]);
    }

    @Test
    void damagedRecordsAreCountedAsDropsThatSurviveTheNextCrash() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.added(QueueKind.LOW, event("a"));
        }
        Path f = onlyFile();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 40, 1, 2, 3, 4, 'A'})); // torn
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(1, rec.damagedRecords());
        assertEquals(1, rec.drops().dropped[QueueKind.LOW.ordinal()]);
        assertEquals(1, reopen().drops().dropped[QueueKind.LOW.ordinal()], "kept until reported");
    }

    @Test
    void observerDropsSurviveACrashAndACompactionUntilAStatisticsEventTakesThem() throws IOException {
        EventJournal.Recovery[] r = new EventJournal.Recovery[1];
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.observerDropped("detector");
            j.observerDropped("detector");
            j.observerDropped("other");
        }
        assertEquals(java.util.Map.of("detector", 2L, "other", 1L), reopen().drops().observer);
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.compact(List.of(), List.of());
        }
        EventJournal.Recovery rec = reopen();
        assertEquals(java.util.Map.of("detector", 2L, "other", 1L), rec.drops().observer, "kept by the rewrite");
        assertEquals(0, rec.drops().dropped[QueueKind.LOW.ordinal()] + rec.drops().dropped[QueueKind.HIGH.ordinal()],
                "not a queue's drop");
        SecurityEvent stats = SecurityEvent.builder("DroppedEventsStatistics").payload(java.util.Map.of("Queue", "High")).build();
        try (EventJournal j = EventJournal.open(dir, r)) {
            j.statisticsTaken(stats.id());
            j.added(QueueKind.OPERATIONAL, stats);
            j.observerDropped("detector");
        }
        assertEquals(java.util.Map.of("detector", 1L), reopen().drops().observer, "reported once, not again");
    }
}
