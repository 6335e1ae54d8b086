package io.edgesec.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * Writes plain values (maps, collections, arrays, strings, numbers, booleans, null) as compact
 * JSON with Jackson's {@link JsonGenerator}. The text is what size accounting measures (the
 * reported-properties budget, a twin document's size), so nothing is pretty-printed, and it is
 * the same text the agent wrote before Jackson: control characters, U+2028/U+2029 and a lone
 * surrogate are {@code \}{@code u}-escaped in lower case, an integral double below 1e15 is written
 * without a fraction.
 */
public final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new Escapes()).build();

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
     * rare string that has one is written in pieces around it.
     */
    public static void writeString(String s, JsonGenerator g) throws IOException {
        int lone = loneSurrogate(s, 0);
        if (lone < 0) {
            g.writeString(s);
            return;
        }
        StringBuilder raw = new StringBuilder(s.length() + 16).append('"');
        int start = 0;
        while (lone >= 0) {
            appendEscaped(s.substring(start, lone), raw);
            raw.append(String.format("\\u%04x", (int) s.charAt(lone)));
            start = lone + 1;
            lone = loneSurrogate(s, start);
        }
        appendEscaped(s.substring(start), raw);
        g.writeRawValue(raw.append('"').toString());
    }

    private static void appendEscaped(String piece, StringBuilder out) throws IOException {
        String quoted = write(piece);
        out.append(quoted, 1, quoted.length() - 1);
    }

    /** @return the index of the first unpaired surrogate at or after {@code from}, or -1 */
    static int loneSurrogate(String s, int from) {
        int n = s.length();
        for (int i = from; i < n; i++) {
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

    /** The agent's escapes: lower-case {@code \}{@code u00xx} for controls, and U+2028/U+2029. */
    private static final class Escapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();
        private final SerializableString[] controls = new SerializableString[0x20];
        private final SerializableString lineSeparator = new SerializedString("\\u2028");
        private final SerializableString paragraphSeparator = new SerializedString("\\u2029");

        Escapes() {
            for (int c = 0; c < 0x20; c++) {
                if (c != '\n' && c != '\r' && c != '\t') {
                    ascii[c] = ESCAPE_CUSTOM; // Jackson's own would be \b, \f and upper-case hex
                    controls[c] = new SerializedString(String.format("\\u%04x", c));
                }
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            if (ch < 0x20) {
                return controls[ch];
            }
            if (ch == 0x2028) {
                return lineSeparator;
            }
            return ch == 0x2029 ? paragraphSeparator : null;
        }
    }
}
