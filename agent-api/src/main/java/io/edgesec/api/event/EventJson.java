package io.edgesec.api.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.edgesec.json.core.AgentEscapes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes events and the message envelope as compact UTF-8 JSON with Jackson's
 * {@link JsonGenerator}, byte for byte the text the agent has always sent (the schema's field
 * order, {@link AgentEscapes}, integral doubles below 1e15 without a fraction): what the
 * aggregator counts message sizes on and the transports send.
 *
 * <p>Fast because serialization is on the aggregator's hot path (every queued event): one
 * factory, a per-thread output buffer, field names and enum values pre-encoded, UTF-8 written
 * directly (no String, no second encoding pass; the size is the array's length).
 */
final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new AgentEscapes())
            // a surrogate pair is one 4-byte UTF-8 character, as String.getBytes writes it;
            // lone surrogates never reach Jackson (writeString escapes them itself)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private static final SerializedString EVENT_TYPE = new SerializedString("EventType");
    private static final SerializedString CATEGORY = new SerializedString("Category");
    private static final SerializedString NAME = new SerializedString("Name");
    private static final SerializedString IS_EMPTY = new SerializedString("IsEmpty");
    private static final SerializedString PAYLOAD_SCHEMA_VERSION = new SerializedString("PayloadSchemaVersion");
    private static final SerializedString ID = new SerializedString("Id");
    private static final SerializedString TIMESTAMP_LOCAL = new SerializedString("TimestampLocal");
    private static final SerializedString TIMESTAMP_UTC = new SerializedString("TimestampUTC");
    private static final SerializedString PAYLOAD = new SerializedString("Payload");
    private static final SerializedString AGENT_VERSION = new SerializedString("AgentVersion");
    private static final SerializedString AGENT_ID = new SerializedString("AgentId");
    private static final SerializedString MESSAGE_SCHEMA_VERSION = new SerializedString("MessageSchemaVersion");
    private static final SerializedString EVENTS = new SerializedString("Events");
    private static final SerializedString[] EVENT_TYPES = wireNames(EventType.values());
    private static final SerializedString[] CATEGORIES = wireNames(EventCategory.values());

    /** What a message's bytes end with after its last event. */
    static final byte[] ENVELOPE_END = {']', '}'};

    /**
     * Per thread, one generator over one growable buffer, for event after event: each event is
     * one root-level value (no separator between them), flushed and copied out. A generator is
     * not reused after a failure (its state would be that of a half-written event).
     */
    private static final ThreadLocal<EventWriter> WRITER = ThreadLocal.withInitial(EventWriter::new);

    /** Payload keys that need no escaping, pre-encoded (bounded: a key may come from data). */
    private static final ConcurrentHashMap<String, SerializedString> NAMES = new ConcurrentHashMap<>();
    private static final int MAX_NAMES = 1024;

    private EventJson() {
    }

    /** @return the event's compact JSON as UTF-8 */
    static byte[] event(SecurityEvent e) {
        EventWriter w = WRITER.get();
        w.out.reset();
        boolean written = false;
        try {
            JsonGenerator g = w.generator;
            g.writeStartObject();
            g.writeFieldName(EVENT_TYPE);
            g.writeString(EVENT_TYPES[e.eventType().ordinal()]);
            g.writeFieldName(CATEGORY);
            g.writeString(CATEGORIES[e.category().ordinal()]);
            g.writeFieldName(NAME);
            writeString(e.name(), g);
            g.writeFieldName(IS_EMPTY);
            g.writeBoolean(e.isEmpty());
            g.writeFieldName(PAYLOAD_SCHEMA_VERSION);
            writeString(e.payloadSchemaVersion(), g);
            g.writeFieldName(ID);
            writeString(e.id(), g);
            g.writeFieldName(TIMESTAMP_LOCAL);
            g.writeString(Timestamps.local(e.timestamp()));
            g.writeFieldName(TIMESTAMP_UTC);
            g.writeString(Timestamps.utc(e.timestamp()));
            g.writeFieldName(PAYLOAD);
            List<Map<String, Object>> payload = e.payload();
            g.writeStartArray();
            for (int i = 0, n = payload.size(); i < n; i++) {
                writeObject(payload.get(i), g);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            written = true;
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        } finally {
            if (!written) {
                WRITER.remove();
            }
        }
        return w.out.toByteArray();
    }

    /**
     * @return the UTF-8 of a message's envelope up to its first event,
     *         {@code {"AgentVersion":…,"AgentId":…,"MessageSchemaVersion":"1.0","Events":[}; the
     *         message ends with {@link #ENVELOPE_END}
     */
    static byte[] envelopeStart(String agentVersion, String agentId) {
        Utf8Buffer out = new Utf8Buffer();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName(AGENT_VERSION);
            writeString(agentVersion, g);
            g.writeFieldName(AGENT_ID);
            writeString(agentId, g);
            g.writeFieldName(MESSAGE_SCHEMA_VERSION);
            g.writeString(SecurityMessage.SCHEMA_VERSION);
            g.writeFieldName(EVENTS);
            g.writeStartArray();
            g.flush(); // the generator closes the array and the object on close: keep only this much
            return out.toByteArray();
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        }
    }

    /** @return the compact JSON text of a value that {@link PayloadValues#frozen} accepted */
    static String value(Object v) {
        Utf8Buffer out = new Utf8Buffer();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(v, g);
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void writeObject(Map<?, ?> map, JsonGenerator g) throws IOException {
            g.writeStartObject();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            writeFieldName(String.valueOf(e.getKey()), g);
            writeValue(e.getValue(), g);
        }
        g.writeEndObject();
    }

    /** A payload value as {@link PayloadValues#frozen} left it. */
    private static void writeValue(Object v, JsonGenerator g) throws IOException {
        if (v instanceof String s) {
            writeString(s, g);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            writeObject(m, g);
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object item : c) {
                writeValue(item, g);
            }
            g.writeEndArray();
        } else if (v == null) {
            g.writeNull();
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no form for " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                g.writeNumber((long) d); // a count read back as a double stays 3, not 3.0
            } else {
                g.writeNumber(Double.toString(d));
            }
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            writeString(v.toString(), g);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString()); // BigInteger, BigDecimal: their own text
        } else if (v instanceof PayloadValues.FixedJson f) {
            g.writeRawValue(f.json());
        } else {
            throw new IllegalArgumentException("JSON has no form for a " + v.getClass().getName());
        }
    }

    /**
     * A string value. A lone surrogate (from a decoded audit argument, say) has no UTF-8 form: it
     * is written as a lower-case {@code \}{@code u} escape, so the text stays valid JSON and its
     * size is what was counted. Jackson cannot tell a lone surrogate from half a pair, so the rare
     * string that has one is escaped here.
     */
    private static void writeString(String s, JsonGenerator g) throws IOException {
        if (AgentEscapes.loneSurrogate(s, 0) < 0) {
            g.writeString(s);
        } else {
            g.writeRawValue(AgentEscapes.quoted(s));
        }
    }

    private static void writeFieldName(String s, JsonGenerator g) throws IOException {
        SerializedString known = NAMES.get(s);
        if (known != null) {
            g.writeFieldName(known);
        } else if (needsNoEscape(s)) {
            SerializedString name = new SerializedString(s);
            if (NAMES.size() < MAX_NAMES) {
                NAMES.putIfAbsent(s, name);
            }
            g.writeFieldName(name);
        } else if (AgentEscapes.loneSurrogate(s, 0) < 0) {
            g.writeFieldName(s);
        } else {
            g.writeFieldName(new EscapedName(s));
        }
    }

    /**
     * @return whether {@code s} is written as it is: then Jackson's own quoting of a
     *         {@link SerializedString} (standard escapes, not {@link AgentEscapes}) is the same
     */
    private static boolean needsNoEscape(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static SerializedString[] wireNames(Enum<?>[] values) {
        SerializedString[] names = new SerializedString[values.length];
        for (Enum<?> v : values) {
            String wire = v instanceof EventType t ? t.wireName() : ((EventCategory) v).wireName();
            names[v.ordinal()] = new SerializedString(wire);
        }
        return names;
    }

    /** A thread's generator and the buffer it writes into. */
    private static final class EventWriter {
        final Utf8Buffer out = new Utf8Buffer();
        final JsonGenerator generator;

        EventWriter() {
            try {
                generator = FACTORY.createGenerator(out);
            } catch (IOException x) {
                throw new UncheckedIOException("writing to memory cannot fail", x);
            }
            generator.setRootValueSeparator(null); // events one after the other, each copied out alone
        }
    }

    /** The generator's target: a growable array, one per thread, reused event after event. */
    private static final class Utf8Buffer extends OutputStream {
        private byte[] bytes = new byte[1024];
        private int count;

        Utf8Buffer reset() {
            count = 0;
            return this;
        }

        @Override
        public void write(int b) {
            if (count == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + len));
            }
            System.arraycopy(b, off, bytes, count, len);
            count += len;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, count);
        }
    }
}
