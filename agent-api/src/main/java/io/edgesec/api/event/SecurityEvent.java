package io.edgesec.api.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the security message schema. Immutable, nested payload values included (they
 * are copied at build); its JSON form is computed on first use and cached, because the
 * aggregator needs its exact UTF-8 size and the journal and the transport its bytes. Not before:
 * an event that aggregation folds into a hit count is never serialized at all. It is written with
 * Jackson's {@code JsonGenerator} straight to UTF-8; the text is decoded from those bytes only if
 * someone asks for it.
 *
 * <p>Timestamps: {@code TimestampUTC} ends in {@code Z}; {@code TimestampLocal} carries the real
 * local offset (the Azure C agent wrote local time with a wrong {@code Z}).
 */
@SuppressWarnings("deprecation")
public final class SecurityEvent implements io.edgesec.api.json.JsonSerializable {
    public static final String PAYLOAD_SCHEMA_VERSION = "1.0";

    private final String id;
    private final String name;
    private final EventType eventType;
    private final EventCategory category;
    private final String payloadSchemaVersion;
    private final Instant timestamp;
    private final List<Map<String, Object>> payload;
    private final Priority priorityHint;
    /** The JSON as UTF-8, written on first use (or the bytes of the text {@link #parse} kept). */
    private volatile byte[] utf8;
    /** The JSON as text, decoded from {@link #utf8} on first use (or the text {@link #parse} kept). */
    private volatile String json;

    private SecurityEvent(Builder b) {
        this.id = b.id != null ? b.id : EventIds.next();
        this.name = Objects.requireNonNull(b.name, "name");
        this.eventType = b.eventType;
        this.category = b.category;
        this.payloadSchemaVersion = b.payloadSchemaVersion;
        this.timestamp = b.timestamp != null ? b.timestamp : Instant.now();
        this.payload = Collections.unmodifiableList(b.payload);
        this.priorityHint = b.priorityHint;
        if (category == EventCategory.TRIGGERED && payload.isEmpty()) {
            throw new IllegalArgumentException("a Triggered event needs at least one payload item: " + name);
        }
        // Builder.payload has checked every value: one with no JSON form failed there, in the
        // collector that built it, not later in the aggregator's sender thread.
    }

    /**
     * Reads an event back from its {@link #toJson()} text (a disk spool, a replayed file). The
     * text is kept as the event's JSON, byte for byte, so its size does not change.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static SecurityEvent parse(String json) {
        Object read;
        try {
            read = EventJsonReader.read(json);
        } catch (IllegalArgumentException x) {
            throw new IllegalArgumentException("not an event: " + x.getMessage(), x);
        }
        if (!(read instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("not an event: not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) object;
        SecurityEvent e = EventFields.builder(m).build();
        e.json = json;
        return e;
    }

    /** Starts an event of the given {@code Name}; type Security, category Triggered unless set. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder initialised with this event's values, with a new id unless one is set */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.eventType = eventType;
        b.category = category;
        b.payloadSchemaVersion = payloadSchemaVersion;
        b.timestamp = timestamp;
        b.payload.addAll(payload);
        b.priorityHint = priorityHint;
        return b;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public EventType eventType() {
        return eventType;
    }

    public EventCategory category() {
        return category;
    }

    public String payloadSchemaVersion() {
        return payloadSchemaVersion;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** @return the payload items, unmodifiable */
    public List<Map<String, Object>> payload() {
        return payload;
    }

    public boolean isEmpty() {
        return payload.isEmpty();
    }

    /**
     * @return the priority the collector suggests for an event kind that the configuration does
     *         not name, or null
     */
    public Priority priorityHint() {
        return priorityHint;
    }

    /** @return the compact JSON of this event, as it appears inside {@code Events[]} */
    public String toJson() {
        String j = json;
        if (j == null) {
            j = new String(utf8(), StandardCharsets.UTF_8);
            json = j;
        }
        return j;
    }

    /**
     * @return the UTF-8 bytes of {@link #toJson()} (a copy: the event stays as it is), what the
     *         journal stores and a transport sends
     * @since 1.4
     */
    public byte[] toUtf8() {
        return utf8().clone();
    }

    /** @return the number of UTF-8 bytes of {@link #toJson()} */
    public int utf8Size() {
        return utf8().length;
    }

    /** The cached UTF-8 bytes, not a copy: for {@link SecurityMessage}, which only reads them. */
    byte[] utf8() {
        byte[] b = utf8;
        if (b == null) {
            String parsed = json;
            b = parsed != null ? parsed.getBytes(StandardCharsets.UTF_8) : EventJson.event(this);
            utf8 = b;
        }
        return b;
    }

    /** Counts UTF-8 bytes without allocating an encoded copy. */
    public static int utf8Length(CharSequence s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // 4 bytes for 2 chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    /** Appends {@link #toJson()} (written anew unless already cached: it does not fill the cache). */
    @Override
    public void writeJson(StringBuilder out) {
        byte[] b = utf8;
        String cached = json;
        if (cached != null) {
            out.append(cached);
        } else {
            out.append(new String(b != null ? b : EventJson.event(this), StandardCharsets.UTF_8));
        }
    }

    /** ISO-8601 UTC with millisecond precision, e.g. {@code 2026-11-28T21:26:19.123Z}. */
    public static String formatUtc(Instant t) {
        return Timestamps.utc(t);
    }

    /** ISO-8601 local time with its real offset, e.g. {@code 2026-11-28T22:26:19.123+01:00}. */
    public static String formatLocal(Instant t) {
        return Timestamps.local(t);
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Builds a {@link SecurityEvent}. */
    public static final class Builder {
        private String id;
        private final String name;
        private EventType eventType = EventType.SECURITY;
        private EventCategory category = EventCategory.TRIGGERED;
        private String payloadSchemaVersion = PAYLOAD_SCHEMA_VERSION;
        private Instant timestamp;
        private final List<Map<String, Object>> payload = new ArrayList<>(2);
        private Priority priorityHint;

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the event {@code Id} (a GUID); a new random one is used otherwise. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder type(EventType type) {
            this.eventType = Objects.requireNonNull(type);
            return this;
        }

        public Builder category(EventCategory category) {
            this.category = Objects.requireNonNull(category);
            return this;
        }

        public Builder payloadSchemaVersion(String version) {
            this.payloadSchemaVersion = Objects.requireNonNull(version);
            return this;
        }

        /** When it happened (for audit events: the audit record time). Defaults to now. */
        public Builder timestamp(Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** Adds one payload item; field names as in the Azure payload schemas; null values are omitted. */
        public Builder payload(Map<String, Object> item) {
            // a copy: the event is immutable even if the caller goes on changing its map (or a
            // list or map inside it); null values are left out (the schema has no nullable field;
            // the C# agent omitted them too)
            Map<String, Object> copy = new LinkedHashMap<>(Objects.requireNonNull(item).size() * 4 / 3 + 1);
            for (Map.Entry<String, Object> e : item.entrySet()) {
                if (e.getValue() != null) {
                    copy.put(e.getKey(), PayloadValues.frozen(e.getValue()));
                }
            }
            payload.add(Collections.unmodifiableMap(copy));
            return this;
        }

        public Builder payloads(List<? extends Map<String, Object>> items) {
            items.forEach(this::payload);
            return this;
        }

        /** Removes the payload items added so far. */
        public Builder clearPayload() {
            payload.clear();
            return this;
        }

        /** Suggests a priority for an event kind the configuration has no setting for. */
        public Builder priorityHint(Priority priority) {
            this.priorityHint = priority;
            return this;
        }

        public SecurityEvent build() {
            return new SecurityEvent(this);
        }
    }
}
