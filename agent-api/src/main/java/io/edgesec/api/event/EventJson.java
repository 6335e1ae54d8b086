package io.edgesec.api.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes events and the message envelope as compact UTF-8 JSON with Jackson's
 * {@link JsonGenerator}, byte for byte the text the agent has always sent (the schema's field
 * order, {@link JsonEscapes}, integral doubles below 1e15 without a fraction): what the
 * aggregator counts message sizes on and the transports send.
 *
 * <p>Fast because serialization is on the aggregator's hot path (every queued event): one
 * factory, a per-thread output buffer, field names and enum values pre-encoded, UTF-8 written
 * directly (no String, no second encoding pass; the size is the array's length).
 */
final class EventJson {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new JsonEscapes())
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

    private static final ThreadLocal<Utf8Buffer> BUFFER = ThreadLocal.withInitial(Utf8Buffer::new);

    private EventJson() {
    }

    /** @return the event's compact JSON as UTF-8 */
    static byte[] event(SecurityEvent e) {
        Utf8Buffer out = BUFFER.get().reset();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
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
        } catch (IOException x) {
            throw new UncheckedIOException("writing to memory cannot fail", x);
        }
        return out.toByteArray();
    }

    /**
     * @return the UTF-8 of a message's envelope up to its first event,
     *         {@code {"AgentVersion":…,"AgentId":…,"MessageSchemaVersion":"1.0","Events":[}; the
     *         message ends with {@link #ENVELOPE_END}
     */
    static byte[] envelopeStart(String agentVersion, String agentId) {
        Utf8Buffer out = BUFFER.get().reset();
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
            byte[] start = out.toByteArray();
            out.reset();
            return start;
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
        if (loneSurrogate(s) < 0) {
            g.writeString(s);
        } else {
            g.writeRawValue(JsonEscapes.quoted(s));
        }
    }

    private static void writeFieldName(String s, JsonGenerator g) throws IOException {
        if (loneSurrogate(s) < 0) {
            g.writeFieldName(s);
        } else {
            g.writeFieldName(new EscapedName(s));
        }
    }

    /** @return the index of the first unpaired surrogate in {@code s}, or -1 */
    static int loneSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static SerializedString[] wireNames(Enum<?>[] values) {
        SerializedString[] names = new SerializedString[values.length];
        for (Enum<?> v : values) {
            String wire = v instanceof EventType t ? t.wireName() : ((EventCategory) v).wireName();
            names[v.ordinal()] = new SerializedString(wire);
        }
        return names;
    }

    /**
     * A field name with a lone surrogate, escaped here: Jackson writes its quoted form as it is.
     * (Payload keys are the collectors' constants; this is for the odd one built from data.)
     */
    private static final class EscapedName implements SerializableString {
        private final String name;
        private final String quoted;
        private final byte[] quotedUtf8;

        EscapedName(String name) {
            this.name = name;
            String q = JsonEscapes.quoted(name);
            this.quoted = q.substring(1, q.length() - 1);
            this.quotedUtf8 = quoted.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String getValue() {
            return name;
        }

        @Override
        public int charLength() {
            return name.length();
        }

        @Override
        public char[] asQuotedChars() {
            return quoted.toCharArray();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            return name.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] asQuotedUTF8() {
            return quotedUtf8.clone();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            return put(quotedUtf8, buffer, offset);
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            char[] chars = quoted.toCharArray();
            if (offset + chars.length > buffer.length) {
                return -1;
            }
            System.arraycopy(chars, 0, buffer, offset, chars.length);
            return chars.length;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            return put(asUnquotedUTF8(), buffer, offset);
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + name.length() > buffer.length) {
                return -1;
            }
            name.getChars(0, name.length(), buffer, offset);
            return name.length();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) throws IOException {
            out.write(quotedUtf8);
            return quotedUtf8.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            byte[] b = asUnquotedUTF8();
            out.write(b);
            return b.length;
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            return put(quotedUtf8, buffer);
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            return put(asUnquotedUTF8(), buffer);
        }

        private static int put(byte[] bytes, byte[] buffer, int offset) {
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        private static int put(byte[] bytes, ByteBuffer buffer) {
            if (bytes.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
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
