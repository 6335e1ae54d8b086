package io.edgesec.api.event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Reads an event's fields back from its JSON object ({@link SecurityEvent#parse}), naming what is wrong. */
final class EventFields {
    private EventFields() {
    }

    /** @return a builder with every field of the event object {@code m} */
    @SuppressWarnings("unchecked")
    static SecurityEvent.Builder builder(Map<String, Object> m) {
        SecurityEvent.Builder b = SecurityEvent.builder(string(m, "Name"))
                .id(string(m, "Id"))
                .type(wire(EventType.values(), string(m, "EventType"), "EventType"))
                .category(wire(EventCategory.values(), string(m, "Category"), "Category"))
                .payloadSchemaVersion(string(m, "PayloadSchemaVersion"));
        try {
            b.timestamp(Instant.parse(string(m, "TimestampUTC")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("TimestampUTC: " + e.getMessage());
        }
        if (!(m.get("Payload") instanceof List<?> items)) {
            throw new IllegalArgumentException("Payload is not a list");
        }
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> p)) {
                throw new IllegalArgumentException("a Payload item is not an object");
            }
            b.payload((Map<String, Object>) p);
        }
        return b;
    }

    private static String string(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof String s)) {
            throw new IllegalArgumentException(key + " is missing or not a string");
        }
        return s;
    }

    private static <E extends Enum<E>> E wire(E[] values, String name, String key) {
        for (E v : values) {
            String w = v instanceof EventType t ? t.wireName() : ((EventCategory) v).wireName();
            if (w.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException(key + " '" + name + "' is unknown");
    }
}
