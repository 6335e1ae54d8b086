package io.edgesec.aggregator.internal.queue;

import io.edgesec.aggregator.internal.journal.DropCounts;
import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.SecurityEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The High, Low and Operational queues under one byte budget ({@code maxLocalCacheSizeInBytes}).
 *
 * <p>Policy when the budget is reached (the Azure C agent dropped the newest event, the C#
 * agent the oldest of the same queue; neither protected High from Low): the oldest Low event
 * goes first, then the oldest High event, and a Low event is never allowed to push out a High
 * one. Operational events have their own tenth of the budget. Every event that is refused or
 * evicted is counted as dropped on its queue; nothing leaves silently.
 *
 * <p>Events handed to the transport are "in flight": still counted against the budget and
 * never evicted, and put back at the head of their queue if the send fails.
 */
public final class EventQueues {
    /** Per event: its JSON plus the comma that separates it from the next one in a message. */
    public static int cost(SecurityEvent e) {
        return e.utf8Size() + 1;
    }

    private final Map<QueueKind, ArrayDeque<SecurityEvent>> queues = new EnumMap<>(QueueKind.class);
    private final Map<QueueKind, ArrayDeque<SecurityEvent>> inFlight = new EnumMap<>(QueueKind.class);
    private final long[] bytes = new long[QueueKind.values().length];
    private final long[] inFlightBytes = new long[QueueKind.values().length];
    private final long[] collected = new long[QueueKind.values().length];
    private final long[] dropped = new long[QueueKind.values().length];
    /** Per collector: events its quota refused, since the last report. */
    private final Map<String, Long> quotaDropped = new java.util.LinkedHashMap<>();
    /** Per event observer (detector): events its hand-over refused, since the last report. */
    private final Map<String, Long> observerDropped = new java.util.LinkedHashMap<>();
    private long budget;
    private long operationalBudget;
    /** Where accepted and removed events are journaled; null: memory only. */
    private Spool spool;
    private int maxEventBytes;
    /** Run once, by the first High event queued (the sender's first message need not wait a period). */
    private Runnable onFirstHigh;

    public EventQueues(long budget, int maxEventBytes) {
        for (QueueKind k : QueueKind.values()) {
            queues.put(k, new ArrayDeque<>());
            inFlight.put(k, new ArrayDeque<>());
        }
        resize(budget, maxEventBytes);
    }

    /**
     * {@code r} runs once, when the next High event is queued (at once if one is already):
     * under this queue's lock, so it must only signal.
     */
    public synchronized void onFirstHigh(Runnable r) {
        if (!queues.get(QueueKind.HIGH).isEmpty()) {
            r.run();
        } else {
            onFirstHigh = r;
        }
    }

    public synchronized void spool(Spool s) {
        this.spool = s;
    }

    /** Every event held, queued or in flight, in queue order (for compacting the journal). */
    public synchronized List<EventJournal.Entry> snapshot() {
        List<EventJournal.Entry> out = new ArrayList<>();
        for (QueueKind k : QueueKind.values()) {
            inFlight.get(k).forEach(e -> out.add(new EventJournal.Entry(k, e)));
            queues.get(k).forEach(e -> out.add(new EventJournal.Entry(k, e)));
        }
        return out;
    }

    /** Applies a new budget; evicts (and counts) what no longer fits. */
    public synchronized void resize(long newBudget, int newMaxEventBytes) {
        this.budget = newBudget;
        this.operationalBudget = Math.max(newBudget / 10, 1);
        this.maxEventBytes = newMaxEventBytes;
        // Events that no longer fit in a message would block their queue's head for ever.
        for (QueueKind k : QueueKind.values()) {
            for (java.util.Iterator<SecurityEvent> it = queues.get(k).iterator(); it.hasNext();) {
                SecurityEvent e = it.next();
                if (cost(e) > newMaxEventBytes) {
                    it.remove();
                    if (spool != null) {
                        spool.evicted(k, e);
                    }
                    bytes[k.ordinal()] -= cost(e);
                    dropped[k.ordinal()]++;
                }
            }
        }
        while (bytes[QueueKind.OPERATIONAL.ordinal()] > operationalBudget && evictOldest(QueueKind.OPERATIONAL)) {
            // keep evicting
        }
        while (mainBytes() > budget - operationalBudget && (evictOldest(QueueKind.LOW) || evictOldest(QueueKind.HIGH))) {
            // keep evicting
        }
    }

    /** @return true if queued; false if dropped (counted) */
    public synchronized boolean offer(QueueKind kind, SecurityEvent e) {
        int cost = cost(e);
        int k = kind.ordinal();
        collected[k]++;
        if (cost > maxEventBytes) {
            refuse(kind, null); // could never fit in a message
            return false;
        }
        // Evict only if that makes room: an event that cannot fit even then is refused without
        // taking older events down with it.
        long free;
        long evictable;
        if (kind == QueueKind.OPERATIONAL) {
            free = operationalBudget - bytes[k];
            evictable = queuedOnly(kind);
        } else {
            free = budget - operationalBudget - mainBytes();
            evictable = queuedOnly(QueueKind.LOW) + (kind == QueueKind.HIGH ? queuedOnly(QueueKind.HIGH) : 0);
        }
        if (cost > free + evictable) {
            refuse(kind, null);
            return false;
        }
        if (kind == QueueKind.OPERATIONAL) {
            while (bytes[k] + cost > operationalBudget) {
                if (!evictOldest(kind)) {
                    refuse(kind, null);
                    return false;
                }
            }
        } else {
            long limit = budget - operationalBudget;
            while (mainBytes() + cost > limit) {
                boolean freed = evictOldest(QueueKind.LOW) || (kind == QueueKind.HIGH && evictOldest(QueueKind.HIGH));
                if (!freed) {
                    refuse(kind, null);
                    return false;
                }
            }
        }
        queues.get(kind).addLast(e);
        bytes[k] += cost;
        if (spool != null) {
            spool.added(kind, e); // before submit returns: a killed process loses nothing accepted
        }
        if (kind == QueueKind.HIGH && onFirstHigh != null) {
            Runnable r = onFirstHigh;
            onFirstHigh = null;
            r.run();
        }
        notifyAll();
        return true;
    }

    /**
     * An event for {@code kind} was refused ({@code collector}'s quota, or null): counted, and
     * journaled so a crash does not forget it.
     */
    private void refuse(QueueKind kind, String collector) {
        dropped[kind.ordinal()]++;
        if (spool != null) {
            spool.dropped(kind, collector);
        }
    }

    /** Bytes of the events waiting in a queue (not those in flight, which cannot be evicted). */
    private long queuedOnly(QueueKind kind) {
        return bytes[kind.ordinal()] - inFlightBytes[kind.ordinal()];
    }

    private long mainBytes() {
        return bytes[QueueKind.HIGH.ordinal()] + bytes[QueueKind.LOW.ordinal()];
    }

    private boolean evictOldest(QueueKind kind) {
        SecurityEvent e = queues.get(kind).pollFirst();
        if (e == null) {
            return false;
        }
        if (spool != null) {
            spool.evicted(kind, e);
        }
        bytes[kind.ordinal()] -= cost(e);
        dropped[kind.ordinal()]++;
        return true;
    }

    /**
     * Moves the events of one message into flight: Operational first, then the preferred queue,
     * then padding from the other priority (only if the preferred queue gave something), each
     * FIFO while the next event fits in {@code roomBytes}.
     *
     * @return the batch in message order; empty if there is nothing to send for this priority
     */
    public synchronized Batch take(QueueKind preferred, int roomBytes) {
        QueueKind other = preferred == QueueKind.HIGH ? QueueKind.LOW : QueueKind.HIGH;
        Batch batch = new Batch();
        int[] room = {roomBytes};
        // The message's schema family is that of its first event (see WireSchema).
        SecurityEvent first = queues.get(QueueKind.OPERATIONAL).peekFirst();
        if (first == null) {
            first = queues.get(preferred).peekFirst();
        }
        if (first == null) {
            return batch;
        }
        batch.azure = WireSchema.isAzure(first);
        fill(batch, QueueKind.OPERATIONAL, room);
        int before = batch.events.size();
        fill(batch, preferred, room);
        if (batch.events.size() > before || preferred == QueueKind.OPERATIONAL) {
            fill(batch, other, room);
        }
        return batch;
    }

    private void fill(Batch batch, QueueKind kind, int[] room) {
        ArrayDeque<SecurityEvent> q = queues.get(kind);
        while (!q.isEmpty()) {
            SecurityEvent head = q.peekFirst();
            int cost = cost(head);
            if (cost > room[0] || WireSchema.isAzure(head) != batch.azure) {
                return;
            }
            q.pollFirst();
            inFlight.get(kind).addLast(head);
            inFlightBytes[kind.ordinal()] += cost;
            batch.events.add(head);
            batch.kinds.add(kind);
            room[0] -= cost;
        }
    }

    /** The batch was delivered: release its bytes. */
    public synchronized void delivered(Batch batch) {
        if (spool != null) {
            spool.removed(batch.events);
        }
        for (int i = 0; i < batch.events.size(); i++) {
            QueueKind kind = batch.kinds.get(i);
            if (inFlight.get(kind).remove(batch.events.get(i))) {
                bytes[kind.ordinal()] -= cost(batch.events.get(i));
                inFlightBytes[kind.ordinal()] -= cost(batch.events.get(i));
            }
        }
        notifyAll();
    }

    /** The send failed: put the batch back at the head of its queues, in order. */
    public synchronized void returned(Batch batch) {
        for (int i = batch.events.size() - 1; i >= 0; i--) {
            QueueKind kind = batch.kinds.get(i);
            if (inFlight.get(kind).remove(batch.events.get(i))) {
                queues.get(kind).addFirst(batch.events.get(i));
                inFlightBytes[kind.ordinal()] -= cost(batch.events.get(i));
            }
        }
    }

    public synchronized int size(QueueKind kind) {
        return queues.get(kind).size();
    }

    public synchronized long queuedBytes() {
        long total = 0;
        for (QueueKind k : QueueKind.values()) {
            total += bytes[k.ordinal()];
        }
        return total;
    }

    public synchronized long queuedBytes(QueueKind kind) {
        return bytes[kind.ordinal()];
    }

    public synchronized boolean isEmpty() {
        for (ArrayDeque<SecurityEvent> q : queues.values()) {
            if (!q.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** @return per queue {collected, dropped} since the last call, and resets them */
    public synchronized long[][] countersAndReset() {
        return takeCounters(null).perQueue();
    }

    /**
     * What {@link #takeCounters} took: per queue {collected, dropped}, quota drops per collector,
     * and events each observer refused.
     */
    public record Counters(long[][] perQueue, Map<String, Long> quotaDrops, Map<String, Long> observerDrops) {
    }

    /**
     * Takes the counters since the last call and resets them, in one step with the journal's note
     * that they went into the DroppedEventsStatistics event {@code statisticsEventId} (null: none).
     */
    public synchronized Counters takeCounters(String statisticsEventId) {
        long[][] out = new long[QueueKind.values().length][2];
        for (QueueKind k : QueueKind.values()) {
            out[k.ordinal()][0] = collected[k.ordinal()];
            out[k.ordinal()][1] = dropped[k.ordinal()];
            collected[k.ordinal()] = 0;
            dropped[k.ordinal()] = 0;
        }
        Map<String, Long> quota = new java.util.LinkedHashMap<>(quotaDropped);
        quotaDropped.clear();
        Map<String, Long> observers = new java.util.LinkedHashMap<>(observerDropped);
        observerDropped.clear();
        if (spool != null && statisticsEventId != null) {
            spool.statisticsTaken(statisticsEventId);
        }
        return new Counters(out, quota, observers);
    }

    /** Counts drops a previous run journaled but never reported (they are in the journal already). */
    public synchronized void restoreCounters(DropCounts d) {
        for (QueueKind k : QueueKind.values()) {
            collected[k.ordinal()] += d.dropped[k.ordinal()];
            dropped[k.ordinal()] += d.dropped[k.ordinal()];
        }
        d.quotaByCollector().forEach((c, n) -> quotaDropped.merge(c, n, Long::sum));
        d.observer.forEach((o, n) -> observerDropped.merge(o, n, Long::sum));
    }

    /**
     * Observer {@code observer} (a detector) refused an event: counted until the next report and
     * journaled like the queues' drops, so a restart does not forget it. The event itself is not
     * a queue's drop: it went on to its queue.
     */
    public synchronized void observerDropped(String observer) {
        observerDropped.merge(observer, 1L, Long::sum);
        if (spool != null) {
            spool.observerDropped(observer);
        }
    }

    /** @return observer drops since the last report (a copy) */
    synchronized Map<String, Long> observerDrops() {
        return new java.util.LinkedHashMap<>(observerDropped);
    }

    /** @return quota drops per collector since the last report (a copy) */
    public synchronized Map<String, Long> quotaDrops() {
        return new java.util.LinkedHashMap<>(quotaDropped);
    }

    public synchronized long droppedSinceReset() {
        long d = 0;
        for (long x : observerDropped.values()) {
            d += x; // a detector's refusals are reported as soon as the queues' drops
        }
        for (long x : dropped) {
            d += x;
        }
        return d;
    }

    /** Counts an event dropped before it reached a queue (quota, priority off is not a drop). */
    public synchronized void countDropped(QueueKind kind) {
        countDropped(kind, null);
    }

    /** Counts an event that {@code collector}'s quota refused (null: no collector to name). */
    public synchronized void countDropped(QueueKind kind, String collector) {
        collected[kind.ordinal()]++;
        if (collector != null) {
            quotaDropped.merge(collector, 1L, Long::sum);
        }
        refuse(kind, collector);
    }

    /** One message's worth of events, with the queue each came from. */
    public static final class Batch {
        public final List<SecurityEvent> events = new ArrayList<>();
        public final List<QueueKind> kinds = new ArrayList<>();
        public boolean azure;

        public boolean isEmpty() {
            return events.isEmpty();
        }
    }
}
