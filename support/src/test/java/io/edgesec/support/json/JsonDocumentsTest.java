package io.edgesec.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

    @Test
    void readsPlainValuesInOrder() throws Exception {
        Map<String, Object> m = JsonDocuments.object(
                "{\"b\": 1, \"a\": [true, false, null, \"x\\u0041\\n\"], \"big\": 12345678901234567890, \"f\": 1.5e2, \"b\": 2}");
        assertEquals(List.of("b", "a", "big", "f"), List.copyOf(m.keySet()));
        assertEquals(2L, m.get("b")); // the last of a repeated name wins
        assertEquals(Arrays.asList(true, false, null, "xA\n"), m.get("a"));
        assertEquals(12345678901234567890d, m.get("big"));
        assertEquals(150.0, m.get("f"));
        assertEquals(List.of(1L, "s"), JsonDocuments.documents().read(" [1, \"s\"] "));
    }

    @Test
    void errorsNameLineAndColumn() {
        JsonDocumentException e = assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{\n  \"a\" 1}"));
        assertEquals(2, e.line());
        assertTrue(e.getMessage().startsWith("line 2, column "), e.getMessage());
        assertTrue(assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("[1, 2]")).getMessage()
                .endsWith("expected a JSON object"));
        assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{} x"));
        assertTrue(assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{} {}")).getMessage()
                .endsWith("unexpected text after the JSON object"));
        assertTrue(assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{\"a\": 1e999}")).getMessage()
                .contains("out of range"));
        assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{\"a\": \"PT"));
        assertThrows(JsonDocumentException.class, () -> JsonDocuments.object("{\"a\": \"tab\there\"}"));
        assertThrows(JsonDocumentException.class, () -> JsonDocuments.object(""));
    }

    @Test
    void hostileDocumentsAreRefusedAtTheirLimits() throws Exception {
        // Jackson checks string lengths as its buffers grow: a limit is exact to a buffer's size
        JsonLimits small = new JsonLimits(3, 1000, 5, 100_000);
        JsonDocuments reader = new JsonDocuments(small);
        reader.read("[[[1]]]");
        assertTrue(assertThrows(JsonDocumentException.class, () -> reader.read("[[[[1]]]]")).getMessage()
                .endsWith("nesting deeper than 3"));
        assertTrue(assertThrows(JsonDocumentException.class,
                () -> JsonDocuments.object("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000))).getMessage()
                .contains("nesting deeper than 512"));
        reader.read("\"" + "s".repeat(1000) + "\"");
        assertThrows(JsonDocumentException.class, () -> reader.read("\"" + "s".repeat(50_000) + "\""));
        assertThrows(JsonDocumentException.class, () -> reader.read("{\"" + "s".repeat(50_000) + "\": 1}"));
        reader.read("12345");
        assertThrows(JsonDocumentException.class, () -> reader.read("123456"));
        assertThrows(JsonDocumentException.class, () -> reader.read("[" + "1,".repeat(60_000) + "1]"));
    }
}
