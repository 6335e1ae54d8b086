package io.edgesec.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.edgesec.json.core.PlainValues;
import java.io.IOException;
import java.util.Map;

/**
 * Reads a strict JSON (RFC 8259) document with Jackson's streaming parser into plain values:
 * {@code LinkedHashMap} (member order kept; a repeated name: the last wins), {@code ArrayList},
 * {@code String}, {@code Long} (an integer beyond a long: {@code Double}), {@code Double},
 * {@code Boolean} and {@code null} ({@link PlainValues}, as agent-api reads an event back).
 * Every document is bounded by its {@link JsonLimits}.
 * No databind: these documents are walked as maps by code that checks each value's type.
 */
public final class JsonDocuments {
    private static final JsonDocuments DOCUMENTS = new JsonDocuments(JsonLimits.DOCUMENTS);

    private final JsonFactory factory;
    private final int maxDepth;

    public JsonDocuments(JsonLimits limits) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(limits.constraints())
                // errors name line and column, never echo the (possibly hostile) document
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.maxDepth = limits.maxDepth();
    }

    /** @return a reader with the {@link JsonLimits#DOCUMENTS} limits */
    public static JsonDocuments documents() {
        return DOCUMENTS;
    }

    /** Reads a JSON object with the {@link JsonLimits#DOCUMENTS} limits; anything else is an error. */
    public static Map<String, Object> object(String text) throws JsonDocumentException {
        return DOCUMENTS.readObject(text);
    }

    /** Reads one JSON value that must span the whole text (white space around it allowed). */
    public Object read(String text) throws JsonDocumentException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() == null) {
                throw error(p, "unexpected end of input");
            }
            Object value = PlainValues.read(p, maxDepth);
            end(p, "unexpected text after the JSON value");
            return value;
        } catch (JsonProcessingException e) {
            throw translated(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail: " + e, e);
        }
    }

    /** Reads a JSON object; anything else is an error. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> readObject(String text) throws JsonDocumentException {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error(p, "expected a JSON object");
            }
            Object value = PlainValues.read(p, maxDepth);
            end(p, "unexpected text after the JSON object");
            return (Map<String, Object>) value;
        } catch (JsonProcessingException e) {
            throw translated(e);
        } catch (IOException e) {
            throw new IllegalStateException("reading a string cannot fail: " + e, e);
        }
    }

    private static void end(JsonParser p, String message) throws IOException, JsonDocumentException {
        if (p.nextToken() != null) {
            throw error(p, message);
        }
    }

    private static JsonDocumentException error(JsonParser p, String message) {
        JsonLocation at = p.currentTokenLocation();
        return new JsonDocumentException(message, Math.max(at.getLineNr(), 1), Math.max(at.getColumnNr(), 1));
    }

    /** Jackson's (or PlainValues') message, without the location Jackson appends (that is in ours). */
    private static JsonDocumentException translated(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage();
        int nl = message == null ? -1 : message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl);
        }
        int line = at == null ? 1 : Math.max(at.getLineNr(), 1);
        int column = at == null ? 1 : Math.max(at.getColumnNr(), 1);
        return new JsonDocumentException(String.valueOf(message), line, column);
    }
}
