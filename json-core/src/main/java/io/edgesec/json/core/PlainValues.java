package io.edgesec.json.core;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a JSON value from Jackson's streaming parser into plain values: {@code LinkedHashMap}
 * (member order kept; a repeated name: the last wins), {@code ArrayList}, {@code String},
 * {@code Long} (an integer beyond a long: {@code Double}), {@code Double}, {@code Boolean} and
 * {@code null}. One copy for agent-api (an event's text read back) and support's
 * {@code JsonDocuments} (documents from outside).
 */
public final class PlainValues {
    private PlainValues() {
    }

    /**
     * Reads the value whose first token is the parser's current one and leaves the parser on its
     * last token.
     *
     * @param maxDepth how deep objects and arrays may nest (the outermost one is depth 0)
     * @throws JsonParseException at the offending token's location: nesting deeper than
     *         {@code maxDepth}, a number beyond a double, a token that starts no value
     */
    public static Object read(JsonParser p, int maxDepth) throws IOException {
        return value(p, 0, maxDepth);
    }

    private static Object value(JsonParser p, int depth, int maxDepth) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                enter(p, depth, maxDepth);
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, value(p, depth + 1, maxDepth));
                }
                return map;
            }
            case START_ARRAY: {
                enter(p, depth, maxDepth);
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p, depth + 1, maxDepth));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return finite(p); // beyond a long: a double
            case VALUE_NUMBER_FLOAT:
                return finite(p);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw problem(p, "unexpected " + t);
        }
    }

    private static void enter(JsonParser p, int depth, int maxDepth) throws JsonParseException {
        if (depth >= maxDepth) {
            throw problem(p, "nesting deeper than " + maxDepth);
        }
    }

    private static Double finite(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
            throw problem(p, "bad number '" + p.getText() + "': out of range");
        }
        return d;
    }

    /** A problem at the start of the current token (not after it, where Jackson's own would be). */
    private static JsonParseException problem(JsonParser p, String message) {
        return new JsonParseException(p, message, p.currentTokenLocation());
    }
}
