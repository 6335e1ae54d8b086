package io.edgesec.api.json;

import java.util.Collection;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and null as compact JSON. Output is exactly
 * what the message size accounting measures, so nothing is pretty-printed.
 */
public final class JsonWriter {

    private JsonWriter() {
    }

    /** @return the compact JSON text of {@code value} */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString();
    }

    /**
     * Appends the JSON text of {@code value}.
     *
     * @throws IllegalArgumentException for a value that has no JSON form (names its class)
     */
    public static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence || value instanceof Character || value instanceof Enum) {
            writeString(value.toString(), out);
        } else if (value instanceof Boolean) {
            out.append(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("JSON has no form for " + d);
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d);
            } else {
                out.append(d);
            }
        } else if (value instanceof Number) {
            out.append(value.toString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof Object[] array) {
            write(java.util.Arrays.asList(array), out);
        } else if (value instanceof JsonSerializable js) {
            js.writeJson(out);
        } else {
            throw new IllegalArgumentException("JSON has no form for a " + value.getClass().getName());
        }
    }

    /** Appends {@code s} as a quoted JSON string, escaping control characters and quotes. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                switch (c) {
                    case '\n' -> escape = "\\n";
                    case '\r' -> escape = "\\r";
                    case '\t' -> escape = "\\t";
                    default -> escape = String.format("\\u%04x", (int) c);
                }
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate (e.g. from a decoded audit argument) is not valid UTF-8;
                // escape it so the line stays valid JSON and the bytes round-trip.
                boolean paired = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1));
                if (paired) {
                    i++;
                    continue;
                }
                escape = String.format("\\u%04x", (int) c);
            }
            if (escape != null) {
                out.append(s, start, i).append(escape);
                start = i + 1;
            }
        }
        out.append(s, start, n).append('"');
    }
}
