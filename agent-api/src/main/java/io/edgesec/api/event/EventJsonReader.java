package io.edgesec.api.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.edgesec.json.core.PlainValues;
import java.io.IOException;
import java.io.UncheckedIOException;

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
     * {@code Double}), {@code Double}, {@code Boolean} and {@code null} ({@link PlainValues}): an
     * event's text read back ({@link SecurityEvent#parse}). Nesting is bounded by Jackson's own
     * default constraint only.
     *
     * @throws IllegalArgumentException naming line and column of what is wrong
     */
    static Object read(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value");
            }
            Object value = PlainValues.read(p, Integer.MAX_VALUE);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new IllegalArgumentException("line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": unexpected text after the JSON value");
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
}
