package io.edgesec.api.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) parser into {@code LinkedHashMap}, {@code ArrayList}, {@code String},
 * {@code Long}/{@code Double}, {@code Boolean} and {@code null}. Member order is kept. Errors
 * name the line and column, so an operator can find a bad configuration value.
 */
public final class JsonReader {
    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;
    private int depth;
    private static final int MAX_DEPTH = 512;

    private JsonReader(String text) {
        this.text = text;
    }

    /** Parses one JSON value that must span the whole text (surrounding white space allowed). */
    public static Object parse(String text) throws JsonParseException {
        JsonReader r = new JsonReader(text);
        r.skipWhitespace();
        Object v = r.readValue();
        r.skipWhitespace();
        if (r.pos < text.length()) {
            throw r.error("unexpected text after the JSON value");
        }
        return v;
    }

    /** Parses a JSON object; anything else is an error. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) throws JsonParseException {
        JsonReader r = new JsonReader(text);
        r.skipWhitespace();
        if (r.pos >= text.length() || text.charAt(r.pos) != '{') {
            throw r.error("expected a JSON object");
        }
        Object v = r.readValue();
        r.skipWhitespace();
        if (r.pos < text.length()) {
            throw r.error("unexpected text after the JSON object");
        }
        return (Map<String, Object>) v;
    }

    private JsonParseException error(String message) {
        return new JsonParseException(message, line, pos - lineStart + 1);
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private Object readValue() throws JsonParseException {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return readObject();
            case '[':
                return readArray();
            case '"':
                return readString();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private Object literal(String word, Object value) throws JsonParseException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token, expected " + word);
        }
        pos += word.length();
        return value;
    }

    private Map<String, Object> readObject() throws JsonParseException {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name in double quotes");
            }
            String key = readString();
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':' after member name \"" + key + "\"");
            }
            pos++;
            skipWhitespace();
            map.put(key, readValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                depth--;
                return map;
            } else {
                throw error("expected ',' or '}' in object");
            }
        }
    }

    private List<Object> readArray() throws JsonParseException {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(readValue());
            skipWhitespace();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                depth--;
                return list;
            } else {
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private void enter() throws JsonParseException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private char peek() throws JsonParseException {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private String readString() throws JsonParseException {
        pos++; // opening quote
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, start, pos);
                pos++;
                char e = peek();
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 >= text.length()) {
                            throw error("truncated \\u escape");
                        }
                        int cp = 0;
                        for (int i = 1; i <= 4; i++) {
                            int d = hexDigit(text.charAt(pos + i));
                            if (d < 0) {
                                throw error("bad hex digit in \\u escape");
                            }
                            cp = cp * 16 + d;
                        }
                        sb.append((char) cp);
                        pos += 4;
                    }
                    default -> throw error("bad escape '\\" + printable(e) + "'");
                }
                pos++;
                start = pos;
            } else {
                pos++;
            }
        }
    }

    private Object readNumber() throws JsonParseException {
        // RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
        int start = pos;
        int n = text.length();
        if (text.charAt(pos) == '-') {
            pos++;
        }
        if (pos >= n || !isDigit(text.charAt(pos))) {
            throw numberError(start, "a digit must follow '-'");
        }
        if (text.charAt(pos) == '0') {
            pos++;
            if (pos < n && isDigit(text.charAt(pos))) {
                throw numberError(start, "leading zeros are not allowed");
            }
        } else {
            while (pos < n && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        boolean integral = true;
        if (pos < n && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (pos >= n || !isDigit(text.charAt(pos))) {
                throw numberError(start, "a digit must follow '.'");
            }
            while (pos < n && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        if (pos < n && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < n && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= n || !isDigit(text.charAt(pos))) {
                throw numberError(start, "a digit must follow the exponent");
            }
            while (pos < n && isDigit(text.charAt(pos))) {
                pos++;
            }
        }
        String num = text.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(num);
            } catch (NumberFormatException e) {
                // beyond a long: a double, as documented
            }
        }
        double d = Double.parseDouble(num);
        if (Double.isInfinite(d)) {
            throw numberError(start, "out of range");
        }
        return d;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1; // Character.digit would also take non-ASCII digits such as U+FF10
    }

    /** An error in the number that starts at {@code start}: the column is that of its first character. */
    private JsonParseException numberError(int start, String why) {
        int end = pos;
        while (end < text.length() && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        return new JsonParseException("bad number '" + text.substring(start, end) + "': " + why, line, start - lineStart + 1);
    }
}
