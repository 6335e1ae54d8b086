package io.edgesec.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import io.edgesec.json.core.AgentEscapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes plain values (maps, collections, arrays, strings, numbers, booleans, null) as compact
 * JSON with Jackson's {@link JsonGenerator}. The text is what size accounting measures (the
 * reported-properties budget, a twin document's size), so nothing is pretty-printed, and it is
 * the same text the agent wrote before Jackson and writes events in: {@link AgentEscapes} (control
 * characters, U+2028/U+2029 and a lone surrogate {@code \}{@code u}-escaped in lower case), an
 * integral double below 1e15 written without a fraction.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new AgentEscapes()).build();

    private JsonText() {
    }

    /**
     * @return the compact JSON text of {@code value}
     * @throws IllegalArgumentException for a value that has no JSON form (names its class)
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString();
    }

    /** Appends the compact JSON text of {@code value} to {@code out}. */
    public static void write(Object value, StringBuilder out) {
        try (JsonGenerator g = generator(out)) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string cannot fail", e);
        }
    }

    /** @return a generator that appends the agent's compact JSON text to {@code out}; close it when done */
    public static JsonGenerator generator(StringBuilder out) throws IOException {
        return FACTORY.createGenerator(new TextOut(out));
    }

    /** Writes {@code value} as the generator's next value. */
    public static void write(Object value, JsonGenerator g) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
            writeString(value.toString(), g);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(((Number) value).doubleValue(), g);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            g.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            g.writeNumber(n.toString()); // BigInteger, BigDecimal, AtomicLong ...: their own text
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(item, g);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] array) {
            write(java.util.Arrays.asList(array), g);
        } else {
            throw new IllegalArgumentException("JSON has no form for a " + value.getClass().getName());
        }
    }

    /**
     * A double as the agent has always written it: integral values below 1e15 without a
     * fraction (a count read back as a double stays {@code 3}, not {@code 3.0}).
     */
    public static void writeDouble(double d, JsonGenerator g) throws IOException {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no form for " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            g.writeNumber((long) d);
        } else {
            g.writeNumber(d);
        }
    }

    /**
     * A string value. A lone surrogate (from a decoded audit argument, say) has no UTF-8 form:
     * it is escaped, so the text stays valid JSON and its UTF-8 size is what was counted. Jackson
     * escapes characters one at a time and cannot tell a lone surrogate from half a pair, so the
     * rare string that has one is quoted by {@link AgentEscapes#quoted} and written raw.
     */
    public static void writeString(String s, JsonGenerator g) throws IOException {
        if (AgentEscapes.loneSurrogate(s, 0) < 0) {
            g.writeString(s);
        } else {
            g.writeRawValue(AgentEscapes.quoted(s));
        }
    }
}
