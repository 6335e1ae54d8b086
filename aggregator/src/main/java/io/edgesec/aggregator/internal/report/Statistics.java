package io.edgesec.aggregator.internal.report;

import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters behind DroppedEventsStatistics and MessageStatistics (reset at each report, as the
 * Azure agents did). "Small" messages are those under 4 KB of UTF-8, the IoT Hub billing unit.
 */
public final class Statistics {
    public final AtomicLong messagesSent = new AtomicLong();
    public final AtomicLong messagesUnder4KB = new AtomicLong();
    public final AtomicLong totalFailed = new AtomicLong();
    public final AtomicLong eventsDelivered = new AtomicLong();
    /** Events of kinds configured Off: not collected by policy, reported but not "dropped". */
    public final AtomicLong disabledEvents = new AtomicLong();
    /** The running totals and states behind the health file and the metrics (never reset). */
    public final io.edgesec.aggregator.internal.health.AgentHealth health = new io.edgesec.aggregator.internal.health.AgentHealth();

    public void messageSent(int utf8Bytes, int events) {
        health.messageSent(utf8Bytes, events, Instant.now());
        messagesSent.incrementAndGet();
        eventsDelivered.addAndGet(events);
        if (utf8Bytes < 4096) {
            messagesUnder4KB.incrementAndGet();
        }
    }

    public SecurityEvent droppedEvents(EventQueues queues, Instant now) {
        // the id first: the journal notes which event took the counts (see JournalRecords.STATISTICS)
        String id = java.util.UUID.randomUUID().toString();
        EventQueues.Counters taken = queues.takeCounters(id);
        long[][] counters = taken.perQueue();
        SecurityEvent.Builder b = SecurityEvent.builder(EventNames.DROPPED_EVENTS_STATISTICS).id(id)
                .type(EventType.OPERATIONAL).category(EventCategory.PERIODIC).timestamp(now);
        Map<String, String> extra = new LinkedHashMap<>();
        long disabled = disabledEvents.getAndSet(0);
        if (disabled > 0) {
            extra.put("DisabledEvents", String.valueOf(disabled));
        }
        taken.quotaDrops().forEach((c, n) -> {
            if (n > 0) {
                extra.put("DroppedByQuota." + c, String.valueOf(n));
            }
        });
        taken.observerDrops().forEach((o, n) -> {
            if (n > 0) {
                extra.put("DroppedByObserver." + o, String.valueOf(n));
            }
        });
        // The schema knows only the High and Low queues: Operational counts ride in High's details.
        Map<String, String> highExtra = new LinkedHashMap<>();
        highExtra.put("OperationalCollectedEvents", String.valueOf(counters[QueueKind.OPERATIONAL.ordinal()][0]));
        highExtra.put("OperationalDroppedEvents", String.valueOf(counters[QueueKind.OPERATIONAL.ordinal()][1]));
        for (QueueKind k : new QueueKind[] {QueueKind.HIGH, QueueKind.LOW}) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Queue", k.wireName);
            p.put("CollectedEvents", counters[k.ordinal()][0]);
            p.put("DroppedEvents", counters[k.ordinal()][1]);
            if (k == QueueKind.HIGH) {
                p.put("ExtraDetails", highExtra);
            } else if (!extra.isEmpty()) {
                p.put("ExtraDetails", extra);
            }
            b.payload(p);
        }
        return b.build();
    }

    public SecurityEvent messageStatistics(Instant now) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("MessagesSent", messagesSent.getAndSet(0));
        p.put("MessagesUnder4KB", messagesUnder4KB.getAndSet(0));
        p.put("TotalFailed", totalFailed.getAndSet(0));
        return SecurityEvent.builder(EventNames.MESSAGE_STATISTICS).type(EventType.OPERATIONAL)
                .category(EventCategory.PERIODIC).timestamp(now).payload(p).build();
    }
}
