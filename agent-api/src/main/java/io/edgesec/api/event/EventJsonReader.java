package io.edgesec.api.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads an event's JSON text back into plain values, with Jackson's streaming parser. */
final class EventJsonReader {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            // errors name line and column, never echo the text read
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private EventJsonReader() {
    }

    /**
     * Reads one strict JSON value spanning {@code text} into {@code LinkedHashMap} (member order
     * kept), {@code ArrayList}, {@code String}, {@code Long} (an integer beyond a long:
     * {@code Double}), {@code Double}, {@code Boolean} and {@code null}: an event's text read back
     * ({@link SecurityEvent#parse}).
     *
     * @throws IllegalArgumentException naming line and column of what is wrong
     */
    static Object read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = readValue(p);
            if (p.nextToken() != null) {
                throw problem(p, "unexpected text after the JSON value");
            }
            return value;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new IllegalArgumentException((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string cannot fail", e);
        }
    }

    /** The value whose first token is the current one; leaves the parser on its last token. */
    private static Object readValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    map.put(name, readValue(p));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                if (p.getNumberType() == JsonParser.NumberType.INT || p.getNumberType() == JsonParser.NumberType.LONG) {
                    return p.getLongValue();
                }
                return finite(p);
            case VALUE_NUMBER_FLOAT:
                return finite(p);
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw problem(p, "unexpected " + p.currentToken());
        }
    }

    private static Double finite(JsonParser p) throws IOException {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
            throw problem(p, "number out of range");
        }
        return d;
    }

    private static IllegalArgumentException problem(JsonParser p, String message) {
        JsonLocation at = p.currentTokenLocation();
        return new IllegalArgumentException("line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message);
    }
}
