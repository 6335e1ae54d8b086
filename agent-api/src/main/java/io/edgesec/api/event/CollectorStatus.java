package io.edgesec.api.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A collector's report about itself: its source lost or back, records it could not read, rules
 * it could not install. An Operational {@code CollectorStatus} event that the aggregator sends as
 * the schema's Diagnostic event, with the severity the collector gives (not guessed from the
 * wording of its status), on the Operational queue.
 *
 * @since 1.1
 */
public final class CollectorStatus {
    public static final String COLLECTOR = "Collector";
    public static final String STATUS = "Status";
    public static final String SEVERITY = "Severity";
    public static final String MESSAGE = "Message";

    private CollectorStatus() {
    }

    /**
     * @param collector the collector's name, e.g. {@code docker-events}
     * @param status    a short machine-readable word, e.g. {@code SourceUnavailable}
     * @param message   what happened and what it means, for a human
     */
    public static SecurityEvent of(String collector, String status, Severity severity, String message) {
        return of(collector, status, severity, message, Map.of(), null);
    }

    /**
     * @param details more fields (the source concerned, counters); they travel in the Diagnostic
     *                event's ExtraDetails
     * @param time    when it happened, or null for now
     */
    public static SecurityEvent of(String collector, String status, Severity severity, String message,
            Map<String, ?> details, Instant time) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(COLLECTOR, Objects.requireNonNull(collector, "collector"));
        p.put(STATUS, Objects.requireNonNull(status, "status"));
        p.put(SEVERITY, severity.wireName());
        p.put(MESSAGE, Objects.requireNonNull(message, "message"));
        details.forEach((k, v) -> p.putIfAbsent(k, v));
        return SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .category(EventCategory.TRIGGERED).timestamp(time).payload(p).build();
    }
}
