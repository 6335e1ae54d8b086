package io.edgesec.aggregator.internal.journal;

import io.edgesec.aggregator.internal.queue.QueueKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops not yet reported in a queued DroppedEventsStatistics event: per queue, and per
 * collector for those its quota refused. What a crash would otherwise forget.
 */
public final class DropCounts {
    public final long[] dropped = new long[QueueKind.values().length];
    /** Quota drops by queue and collector: key {@code ordinal + "\n" + collector}. */
    private final Map<String, Long> quota = new LinkedHashMap<>();
    /** Events each observer's hand-over refused, by observer name. */
    public final Map<String, Long> observer = new LinkedHashMap<>();

    void add(QueueKind kind, long n, String collector) {
        dropped[kind.ordinal()] += n;
        if (collector != null && !collector.isEmpty()) {
            quota.merge(kind.ordinal() + "\n" + collector, n, Long::sum);
        }
    }

    void addAll(DropCounts o) {
        for (QueueKind k : QueueKind.values()) {
            dropped[k.ordinal()] += o.dropped[k.ordinal()];
        }
        o.quota.forEach((key, n) -> quota.merge(key, n, Long::sum));
        o.observer.forEach((key, n) -> observer.merge(key, n, Long::sum));
    }

    /** @return quota drops per collector, all queues together */
    public Map<String, Long> quotaByCollector() {
        Map<String, Long> out = new LinkedHashMap<>();
        quota.forEach((key, n) -> out.merge(key.substring(key.indexOf('\n') + 1), n, Long::sum));
        return out;
    }

    /** D records that replay to exactly these counts. */
    List<byte[]> records() {
        List<byte[]> out = new ArrayList<>();
        long[] rest = dropped.clone();
        quota.forEach((key, n) -> {
            int nl = key.indexOf('\n');
            QueueKind k = QueueKind.values()[Integer.parseInt(key.substring(0, nl))];
            out.add(JournalRecords.droppedRecord(k, n, key.substring(nl + 1)));
            rest[k.ordinal()] -= n;
        });
        for (QueueKind k : QueueKind.values()) {
            if (rest[k.ordinal()] > 0) {
                out.add(JournalRecords.droppedRecord(k, rest[k.ordinal()], ""));
            }
        }
        observer.forEach((name, n) -> out.add(JournalRecords.observerRecord(name, n)));
        return out;
    }
}
