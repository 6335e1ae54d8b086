package io.edgesec.aggregator.internal.journal;

import static io.edgesec.aggregator.internal.journal.JournalRecords.ADD;
import static io.edgesec.aggregator.internal.journal.JournalRecords.AGGREGATING;
import static io.edgesec.aggregator.internal.journal.JournalRecords.DROPPED;
import static io.edgesec.aggregator.internal.journal.JournalRecords.EVICTED;
import static io.edgesec.aggregator.internal.journal.JournalRecords.HIT;
import static io.edgesec.aggregator.internal.journal.JournalRecords.OBSERVER_DROPPED;
import static io.edgesec.aggregator.internal.journal.JournalRecords.PARTIAL;
import static io.edgesec.aggregator.internal.journal.JournalRecords.REMOVE;
import static io.edgesec.aggregator.internal.journal.JournalRecords.STATISTICS;
import static io.edgesec.aggregator.internal.journal.JournalRecords.WINDOW_CLOSED;
import static io.edgesec.aggregator.internal.journal.JournalRecords.kindOf;

import io.edgesec.aggregator.internal.journal.EventJournal.Entry;
import io.edgesec.aggregator.internal.journal.EventJournal.Held;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A replay in progress: the journal files of a previous run read in order, each record applied
 * to what was live, held by aggregation or counted as dropped when the run ended. A damaged
 * record ends its file and an unreadable one is skipped, both counted, never fatal.
 */
final class JournalReplay {
    /** Hits counted by HIT records for one held event. */
    private record Hits(long count, Instant first, Instant last) {
        Hits plus(Hits o) {
            return new Hits(count + o.count, first.isBefore(o.first) ? first : o.first,
                    last.isAfter(o.last) ? last : o.last);
        }
    }

    final Map<String, Entry> live = new LinkedHashMap<>();
    final Map<String, Held> held = new LinkedHashMap<>();
    private final java.util.Set<String> partialIds = new java.util.HashSet<>();
    private final Map<String, Hits> hits = new java.util.HashMap<>();
    DropCounts drops = new DropCounts();
    /** Statistics events whose ADD has not been seen (yet): the drops they took. */
    final Map<String, DropCounts> awaitingAdd = new LinkedHashMap<>();
    long damaged;
    long unreadable;

    /** Applies the records of one file (files in the order they were written). */
    void replay(Path file) throws IOException {
        if (!JournalFiles.read(file, this::apply)) {
            damaged++;
        }
    }

    /** What aggregation held, with the hits HIT records added to raw events. */
    List<Held> heldWithHits() {
        List<Held> out = new ArrayList<>();
        for (Held h : held.values()) {
            Hits more = hits.get(h.event().id());
            out.add(more == null ? new Held(h.generation(), h.event(), partialIds.contains(h.event().id()))
                    : new Held(h.generation(), h.event(), false, more.count(), more.first(), more.last()));
        }
        return out;
    }

    private void apply(byte[] record) {
        switch (record[0]) {
            case ADD -> {
                if (record.length > 2) {
                    QueueKind kind = kindOf(record[1]);
                    SecurityEvent e = parse(record, 2);
                    if (e != null) {
                        live.putIfAbsent(e.id(), new Entry(kind, e));
                        awaitingAdd.remove(e.id());
                    }
                }
            }
            case REMOVE -> {
                String ids = new String(record, 1, record.length - 1, StandardCharsets.UTF_8);
                for (String id : ids.split("\n")) {
                    live.remove(id);
                }
            }
            case AGGREGATING, PARTIAL -> {
                if (record.length > 9) {
                    long gen = ByteBuffer.wrap(record, 1, 8).getLong();
                    SecurityEvent e = parse(record, 9);
                    if (e != null) {
                        held.putIfAbsent(e.id(), new Held(gen, e, record[0] == PARTIAL));
                        if (record[0] == PARTIAL) {
                            partialIds.add(e.id());
                        }
                    }
                }
            }
            case WINDOW_CLOSED -> {
                if (record.length > 9) {
                    long gen = ByteBuffer.wrap(record, 1, 8).getLong();
                    String name = new String(record, 9, record.length - 9, StandardCharsets.UTF_8);
                    held.values().removeIf(h -> {
                        boolean closed = h.generation() == gen && h.event().name().equals(name);
                        if (closed) {
                            hits.remove(h.event().id());
                        }
                        return closed;
                    });
                }
            }
            case EVICTED -> {
                if (record.length > 2) {
                    QueueKind kind = kindOf(record[1]);
                    for (String id : new String(record, 2, record.length - 2, StandardCharsets.UTF_8).split("\n")) {
                        live.remove(id);
                        drops.add(kind, 1, null);
                    }
                } else {
                    unreadable++;
                }
            }
            case DROPPED -> {
                if (record.length >= 10) {
                    QueueKind kind = kindOf(record[1]);
                    long n = ByteBuffer.wrap(record, 2, 8).getLong();
                    drops.add(kind, n, new String(record, 10, record.length - 10, StandardCharsets.UTF_8));
                } else {
                    unreadable++;
                }
            }
            case OBSERVER_DROPPED -> {
                if (record.length >= 9) {
                    long n = ByteBuffer.wrap(record, 1, 8).getLong();
                    drops.observer.merge(new String(record, 9, record.length - 9, StandardCharsets.UTF_8), n, Long::sum);
                } else {
                    unreadable++;
                }
            }
            case STATISTICS -> {
                awaitingAdd.put(new String(record, 1, record.length - 1, StandardCharsets.UTF_8), drops);
                drops = new DropCounts();
            }
            case HIT -> {
                if (record.length > 33) {
                    ByteBuffer b = ByteBuffer.wrap(record, 1, 32);
                    long gen = b.getLong();
                    long count = b.getLong();
                    Instant first = Instant.ofEpochMilli(b.getLong());
                    Instant last = Instant.ofEpochMilli(b.getLong());
                    String id = new String(record, 33, record.length - 33, StandardCharsets.UTF_8);
                    Held h = held.get(id);
                    if (h != null && h.generation() == gen && !partialIds.contains(id) && count > 0) {
                        hits.merge(id, new Hits(count, first, last), Hits::plus);
                    } else {
                        unreadable++; // names no event held in that window: its hits cannot be placed
                    }
                } else {
                    unreadable++;
                }
            }
            default -> unreadable++;
        }
    }

    private SecurityEvent parse(byte[] record, int offset) {
        try {
            return SecurityEvent.parse(new String(record, offset, record.length - offset, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException ex) {
            unreadable++;
            return null;
        }
    }
}
