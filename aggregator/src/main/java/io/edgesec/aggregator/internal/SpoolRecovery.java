package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Puts back what the journal of a previous run held: queued events into their queues, raw
 * events held by aggregation into aggregation again, partial aggregates (and raw events with
 * repeats journaled after them) into the queues as aggregates. Damaged or unreadable records
 * are counted as dropped, never silently skipped.
 */
final class SpoolRecovery {
    private SpoolRecovery() {
    }

    /**
     * Wires {@code sp} into the queues, aggregation and intake and restores {@code r} through them.
     *
     * @return the Operational report of what was recovered, if anything was
     */
    static Optional<SecurityEvent> restore(EventJournal.Recovery r, Spool sp, Settings s, EventQueues queues,
            EventAggregation aggregation, EventIntake intake) {
        for (EventJournal.Entry e : r.live()) {
            queues.offer(e.kind(), e.event()); // already in the new journal file
        }
        queues.restoreCounters(r.drops()); // drops never reported, damaged records included
        queues.spool(sp);
        aggregation.spool(sp);
        intake.spool(sp);
        Set<String> windows = new LinkedHashSet<>();
        long rawHits = 0;
        // one write for all of it: a kill in between cannot leave both the recovered events and
        // the windows they came from in the journal (which would count them twice)
        try (Spool.Batch batch = sp.batch()) {
            for (EventJournal.Held h : r.held()) {
                windows.add(h.generation() + "\n" + h.event().name());
                if (h.partial()) {
                    intake.offer(s, h.event());
                } else if (h.moreHits() > 0) {
                    // a raw event and its repeats: sent as the aggregate they had become so far
                    Instant t = h.event().timestamp();
                    Instant first = t.isBefore(h.firstHit()) ? t : h.firstHit();
                    Instant last = t.isAfter(h.lastHit()) ? t : h.lastHit();
                    rawHits += 1 + h.moreHits();
                    intake.offer(s, aggregation.aggregateOf(h.event(), 1 + h.moreHits(), first, last));
                } else {
                    rawHits++;
                    intake.accept(h.event());
                }
            }
            for (String w : windows) {
                int nl = w.indexOf('\n');
                sp.windowClosed(w.substring(nl + 1), Long.parseLong(w.substring(0, nl)));
            }
        }
        if (r.live().isEmpty() && r.held().isEmpty() && r.damagedRecords() == 0 && r.unreadableEvents() == 0) {
            return Optional.empty();
        }
        boolean skipped = r.damagedRecords() + r.unreadableEvents() > 0;
        return Optional.of(OperationalEvents.collectorStatus("spool", skipped ? "Warning" : "Recovered",
                skipped ? Severity.WARNING : Severity.INFORMATION,
                "recovered " + r.live().size() + " queued events and " + r.held().size() + " held by aggregation ("
                        + rawHits + " raw hits); skipped " + r.damagedRecords() + " damaged records and "
                        + r.unreadableEvents() + " unreadable events", Instant.now()));
    }
}
