package io.edgesec.json.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainValuesTest {
    private static final JsonFactory FACTORY = new JsonFactory();

    @Test
    void readsPlainValuesInOrder() throws IOException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", 1L);
        expected.put("a", Arrays.asList("x", 2.5, true, false, null, 1.0e19));
        expected.put("o", Map.of());
        assertEquals(expected, read("{\"b\":1,\"a\":[\"x\",2.5,true,false,null,10000000000000000000],\"o\":{}}", 5));
        assertEquals(2L, read("{\"k\":1,\"k\":2}", 5) instanceof Map<?, ?> m ? m.get("k") : null);
    }

    @Test
    void problemsAreAtTheTokenTheyConcern() {
        JsonParseException deep = assertThrows(JsonParseException.class, () -> read("[[{}]]", 2));
        assertEquals("nesting deeper than 2", deep.getOriginalMessage());
        assertEquals(3, deep.getLocation().getColumnNr());
        JsonParseException huge = assertThrows(JsonParseException.class, () -> read("[1e999]", 5));
        assertEquals("bad number '1e999': out of range", huge.getOriginalMessage());
        assertEquals(2, huge.getLocation().getColumnNr());
    }

    private static Object read(String text, int maxDepth) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return PlainValues.read(p, maxDepth);
        }
    }
}
