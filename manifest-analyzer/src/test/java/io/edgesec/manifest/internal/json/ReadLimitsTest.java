package io.edgesec.manifest.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** Hostile input is refused with what was too large and where, in strict and lenient parses alike. */
class ReadLimitsTest {
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    @Test
    void nestingUpToTheLimitParses() throws Exception {
        assertEquals(0, JsonTrees.strict(nested(ReadLimits.MAX_NESTING_DEPTH)).start());
    }

    @Test
    void nestingDeeperIsRefusedAtTheBracketThatCrossesTheLimit() {
        String text = nested(ReadLimits.MAX_NESTING_DEPTH + 1);
        for (Parse p : new Parse[] {JsonTrees::strict, t -> JsonTrees.lenient(t, new ArrayList<>())}) {
            JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> p.parse(text));
            assertEquals(ReadLimits.MAX_NESTING_DEPTH, e.offset());
            assertTrue(e.reason().contains("nesting depth (257) exceeds the maximum allowed (256"), e.reason());
        }
    }

    @Test
    void aLongerStringIsRefusedWhereItStarts() {
        String text = "{\"a\": \"" + "x".repeat(ReadLimits.MAX_STRING_LENGTH + 1) + "\"}";
        for (Parse p : new Parse[] {JsonTrees::strict, t -> JsonTrees.lenient(t, new ArrayList<>())}) {
            JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> p.parse(text));
            assertEquals(6, e.offset());
            assertTrue(e.reason().contains("String value length (" + (ReadLimits.MAX_STRING_LENGTH + 1) + ") exceeds the maximum allowed"), e.reason());
        }
    }

    @Test
    void aStringOfTheLimitParses() throws Exception {
        String text = "[\"" + "x".repeat(ReadLimits.MAX_STRING_LENGTH) + "\"]";
        assertEquals(ReadLimits.MAX_STRING_LENGTH, JsonTrees.strict(text).asArray().get(0).asString().length());
    }

    @Test
    void aLongerDocumentIsRefusedAtTheLimit() {
        String text = "[" + " ".repeat(ReadLimits.MAX_DOCUMENT_LENGTH) + "]";
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.lenient(text, new ArrayList<>()));
        assertEquals(ReadLimits.MAX_DOCUMENT_LENGTH, e.offset());
        assertTrue(e.reason().startsWith("document length (" + text.length() + " characters) exceeds the maximum allowed"), e.reason());
    }

    @FunctionalInterface
    interface Parse {
        JsonNode parse(String text) throws JsonSyntaxException;
    }
}
