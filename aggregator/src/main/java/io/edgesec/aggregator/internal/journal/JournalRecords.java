package io.edgesec.aggregator.internal.journal;

import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;

/**
 * The journal's records, {@code [type][body]}: their types and how each is encoded
 * ({@link JournalFiles} frames them, {@link JournalReplay} reads them back).
 */
final class JournalRecords {
    static final byte ADD = 'A';
    static final byte REMOVE = 'R';
    /** An event held by aggregation, in window generation G. */
    static final byte AGGREGATING = 'G';
    /** A partial aggregate (hit count so far) of generation G, written by compaction. */
    static final byte PARTIAL = 'P';
    /** Aggregation window G of an event kind was emitted into the queues. */
    static final byte WINDOW_CLOSED = 'W';
    /**
     * More hits (count, first and last time) of an event held by aggregation in generation G,
     * named by the id of its AGGREGATING record: a repeat costs a few bytes, not its JSON.
     */
    static final byte HIT = 'H';
    /** Events that left a queue undelivered (evicted for room): removed, and counted as dropped. */
    static final byte EVICTED = 'E';
    /** Events refused before they reached a queue (no room, too large, a collector's quota). */
    static final byte DROPPED = 'D';
    /**
     * The drop counts so far went into the DroppedEventsStatistics event with this id; they count
     * again after a crash only if that event's ADD never made it into the journal.
     */
    static final byte STATISTICS = 'S';
    /**
     * Events an event observer (a detector) refused: {@code [n][observer name]}. Not a queue's
     * drop (the event itself was queued), but counted and reported like one, so kept like one.
     */
    static final byte OBSERVER_DROPPED = 'O';

    private JournalRecords() {
    }

    /** The queue a record names (an unknown one, from a newer version, read as the last). */
    static QueueKind kindOf(byte ordinal) {
        return QueueKind.values()[Math.min(ordinal, QueueKind.values().length - 1)];
    }

    static byte[] addRecord(QueueKind kind, SecurityEvent e) {
        byte[] json = e.toUtf8();
        byte[] record = new byte[json.length + 2];
        record[0] = ADD;
        record[1] = (byte) kind.ordinal();
        System.arraycopy(json, 0, record, 2, json.length);
        return record;
    }

    static byte[] removeRecord(Collection<SecurityEvent> events) {
        StringBuilder ids = new StringBuilder(events.size() * 37);
        for (SecurityEvent e : events) {
            if (ids.length() > 0) {
                ids.append('\n');
            }
            ids.append(e.id());
        }
        byte[] idBytes = ids.toString().getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[idBytes.length + 1];
        record[0] = REMOVE;
        System.arraycopy(idBytes, 0, record, 1, idBytes.length);
        return record;
    }

    static byte[] heldRecord(byte type, long generation, SecurityEvent e) {
        byte[] json = e.toUtf8();
        return ByteBuffer.allocate(9 + json.length).put(type).putLong(generation).put(json).array();
    }

    static byte[] hitRecord(long generation, String id, long count, Instant first, Instant last) {
        byte[] idBytes = id.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(33 + idBytes.length).put(HIT).putLong(generation).putLong(count)
                .putLong(first.toEpochMilli()).putLong(last.toEpochMilli()).put(idBytes).array();
    }

    static byte[] windowClosedRecord(String name, long generation) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(9 + n.length).put(WINDOW_CLOSED).putLong(generation).put(n);
        return b.array();
    }

    static byte[] evictedRecord(QueueKind kind, SecurityEvent e) {
        byte[] id = e.id().getBytes(StandardCharsets.UTF_8);
        byte[] record = new byte[id.length + 2];
        record[0] = EVICTED;
        record[1] = (byte) kind.ordinal();
        System.arraycopy(id, 0, record, 2, id.length);
        return record;
    }

    static byte[] droppedRecord(QueueKind kind, long n, String collector) {
        byte[] c = collector.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + c.length).put(DROPPED).put((byte) kind.ordinal()).putLong(n).put(c).array();
    }

    static byte[] observerRecord(String observer, long n) {
        byte[] name = observer.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(9 + name.length).put(OBSERVER_DROPPED).putLong(n).put(name).array();
    }

    static byte[] statisticsRecord(String eventId) {
        byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + id.length).put(STATISTICS).put(id).array();
    }
}
