package io.edgesec.manifest.internal.json;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON parser that keeps exact positions and JSON pointers for every value.
 *
 * <p>{@link #strict} accepts RFC 8259 only (used for the manifest file). {@link #lenient} accepts
 * what Newtonsoft.Json's {@code JsonTextReader} accepts and the IoT Edge agent therefore deploys:
 * unquoted member names, single-quoted strings, {@code //} and {@code /* *}{@code /} comments,
 * trailing commas and raw control characters inside strings. Every such liberty is recorded in
 * {@link #leniencies()} so that the analyzer can report non-strict text.
 */
public final class JsonParser {
    /** A place where lenient parsing accepted something strict JSON does not. */
    public record Leniency(String kind, int offset) {
    }

    private static final int MAX_DEPTH = 256;
    private final String text;
    private final boolean lenient;
    private final List<Leniency> leniencies = new ArrayList<>();
    private int pos;
    private int depth;

    private JsonParser(String text, boolean lenient) {
        this.text = text;
        this.lenient = lenient;
    }

    /** Parses strict JSON; pointers start at {@code ""}. */
    public static JsonNode strict(String text) throws JsonSyntaxException {
        return new JsonParser(text, false).parseDocument();
    }

    /** Parses with Newtonsoft's liberties; see {@link #leniencies()} of the returned parser. */
    public static JsonParser lenient(String text) {
        return new JsonParser(text, true);
    }

    /** Parses the whole text as one value. */
    public JsonNode parseDocument() throws JsonSyntaxException {
        pos = 0;
        skipWs();
        if (pos >= text.length()) {
            throw error("empty document");
        }
        JsonNode v = value("");
        skipWs();
        if (pos < text.length()) {
            throw error("unexpected text after the JSON value");
        }
        return v;
    }

    /** @return the liberties taken so far (lenient mode only) */
    public List<Leniency> leniencies() {
        return leniencies;
    }

    private JsonSyntaxException error(String message) {
        return new JsonSyntaxException(message, Math.min(pos, text.length()));
    }

    private void lenientOrFail(String kind, String strictMessage) throws JsonSyntaxException {
        if (!lenient) {
            throw error(strictMessage);
        }
        leniencies.add(new Leniency(kind, pos));
    }

    private void skipWs() throws JsonSyntaxException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\uFEFF' && pos == 0) {
                pos++;
            } else if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                lenientOrFail("comment", "comments are not allowed in JSON");
                if (text.charAt(pos + 1) == '/') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    int close = text.indexOf("*/", pos + 2);
                    if (close < 0) {
                        throw error("unterminated comment");
                    }
                    pos = close + 2;
                }
            } else {
                return;
            }
        }
    }

    private char peek() throws JsonSyntaxException {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private JsonNode value(String pointer) throws JsonSyntaxException {
        char c = peek();
        switch (c) {
            case '{':
                return object(pointer);
            case '[':
                return array(pointer);
            case '"':
                return stringValue(pointer, '"');
            case '\'':
                lenientOrFail("single-quoted string", "strings must use double quotes");
                return stringValue(pointer, '\'');
            case 't':
                return literal(pointer, "true", JsonNode.Kind.BOOLEAN, Boolean.TRUE);
            case 'f':
                return literal(pointer, "false", JsonNode.Kind.BOOLEAN, Boolean.FALSE);
            case 'n':
                return literal(pointer, "null", JsonNode.Kind.NULL, null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number(pointer);
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private static String printable(char c) {
        return c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private JsonNode literal(String pointer, String word, JsonNode.Kind kind, Object value) throws JsonSyntaxException {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token, expected " + word);
        }
        int start = pos;
        pos += word.length();
        return new JScalar(text, start, pos, pointer, kind, value);
    }

    private void enter() throws JsonSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH);
        }
    }

    private JsonNode object(String pointer) throws JsonSyntaxException {
        enter();
        int start = pos++;
        List<JObject.Member> members = new ArrayList<>();
        skipWs();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JObject(text, start, pos, pointer, members);
        }
        while (true) {
            skipWs();
            char c = peek();
            int nameStart = pos;
            String name;
            if (c == '"') {
                name = rawString('"');
            } else if (c == '\'') {
                lenientOrFail("single-quoted member name", "member names must be in double quotes");
                name = rawString('\'');
            } else if (c == '}' && !members.isEmpty()) {
                lenientOrFail("trailing comma", "a trailing comma is not allowed in an object");
                pos++;
                depth--;
                return new JObject(text, start, pos, pointer, members);
            } else if (isNameChar(c)) {
                lenientOrFail("unquoted member name", "expected a member name in double quotes");
                while (pos < text.length() && isNameChar(text.charAt(pos))) {
                    pos++;
                }
                name = text.substring(nameStart, pos);
            } else {
                throw error(lenient ? "expected a member name" : "expected a member name in double quotes");
            }
            int nameEnd = pos;
            skipWs();
            if (peek() != ':') {
                throw error("expected ':' after member name \"" + name + "\"");
            }
            pos++;
            skipWs();
            JsonNode v = value(JsonPointer.append(pointer, name));
            v.memberNameStart = nameStart;
            members.add(new JObject.Member(name, nameStart, nameEnd, v));
            skipWs();
            c = peek();
            if (c == ',') {
                pos++;
            } else if (c == '}') {
                pos++;
                depth--;
                return new JObject(text, start, pos, pointer, members);
            } else {
                throw error("expected ',' or '}' after member \"" + name + "\"");
            }
        }
    }

    /** Newtonsoft's unquoted property names: letters, digits, '_' and '$'. */
    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private JsonNode array(String pointer) throws JsonSyntaxException {
        enter();
        int start = pos++;
        List<JsonNode> items = new ArrayList<>();
        skipWs();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JArray(text, start, pos, pointer, items);
        }
        while (true) {
            skipWs();
            if (peek() == ']' && !items.isEmpty()) {
                lenientOrFail("trailing comma", "a trailing comma is not allowed in an array");
                pos++;
                depth--;
                return new JArray(text, start, pos, pointer, items);
            }
            items.add(value(JsonPointer.append(pointer, items.size())));
            skipWs();
            char c = peek();
            if (c == ',') {
                pos++;
            } else if (c == ']') {
                pos++;
                depth--;
                return new JArray(text, start, pos, pointer, items);
            } else {
                throw error("expected ',' or ']' in array");
            }
        }
    }

    private JsonNode stringValue(String pointer, char quote) throws JsonSyntaxException {
        int start = pos;
        String s = rawString(quote);
        return new JScalar(text, start, pos, pointer, JsonNode.Kind.STRING, s);
    }

    private String rawString(char quote) throws JsonSyntaxException {
        int open = pos;
        pos++;
        StringBuilder sb = null;
        int chunkStart = pos;
        while (true) {
            if (pos >= text.length()) {
                pos = open;
                throw error("unterminated string");
            }
            char c = text.charAt(pos);
            if (c == quote) {
                String s = sb == null ? text.substring(chunkStart, pos) : sb.append(text, chunkStart, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                lenientOrFail("control character in string", "control character " + printable(c) + " in string");
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(text, chunkStart, pos);
                pos++;
                char e = peek();
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\'' -> {
                        if (!lenient) {
                            throw error("bad escape '\\''");
                        }
                        sb.append('\'');
                    }
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
                            int d = Character.digit(text.charAt(pos + i), 16);
                            if (d < 0) {
                                pos += i;
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
                chunkStart = pos;
            } else {
                pos++;
            }
        }
    }

    private JsonNode number(String pointer) throws JsonSyntaxException {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        int intStart = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == intStart) {
            throw error("bad number");
        }
        if (!lenient && text.charAt(intStart) == '0' && pos - intStart > 1) {
            pos = intStart;
            throw error("leading zeros are not allowed in a number");
        }
        boolean integral = true;
        if (pos < text.length() && text.charAt(pos) == '.') {
            integral = false;
            pos++;
            int f = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == f) {
                throw error("bad number: digits expected after '.'");
            }
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            int e = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == e) {
                throw error("bad number: digits expected in exponent");
            }
        }
        String num = text.substring(start, pos);
        Object value;
        try {
            value = integral && num.length() < 19 ? (Object) Long.parseLong(num) : (Object) Double.parseDouble(num);
        } catch (NumberFormatException ex) {
            throw error("bad number '" + num + "'");
        }
        return new JScalar(text, start, pos, pointer, JsonNode.Kind.NUMBER, value);
    }
}
