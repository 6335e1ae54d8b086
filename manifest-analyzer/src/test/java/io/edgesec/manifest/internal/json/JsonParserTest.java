package io.edgesec.manifest.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class JsonParserTest {
    @Test
    void strictParsesWithPositionsAndPointers() throws Exception {
        String text = "{\n  \"a\": {\"b/c\": [1, \"x~y\"]}\n}";
        JObject root = JsonParser.strict(text).asObject();
        JsonNode x = root.getObject("a").getArray("b/c").get(1);
        assertEquals("/a/b~1c/1", x.pointer());
        assertEquals("x~y", x.asString());
        LineMap lm = new LineMap(text);
        assertEquals(2, lm.line(x.start()));
        assertEquals(text.indexOf("\"x~y\"") - text.indexOf('\n'), lm.column(x.start()));
        assertEquals(text.indexOf("\"b/c\""), root.getObject("a").get("b/c").regionStart());
    }

    @Test
    void strictRejectsNewtonsoftLiberties() {
        for (String bad : List.of("{a:1}", "{'a':1}", "{\"a\":'x'}", "{\"a\":1,}", "[1,]", "{\"a\":1} // c", "{\"a\":01}")) {
            assertThrows(JsonSyntaxException.class, () -> JsonParser.strict(bad), bad);
        }
    }

    @Test
    void strictErrorOffsetPointsAtTheProblem() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.strict("{\n  \"a\": 1\n  [\"x\"]\n}"));
        LineMap lm = new LineMap("{\n  \"a\": 1\n  [\"x\"]\n}");
        assertEquals(3, lm.line(e.offset()));
        assertEquals(3, lm.column(e.offset()));
    }

    @Test
    void lenientAcceptsWhatNewtonsoftAcceptsAndRecordsIt() throws Exception {
        JsonParser p = JsonParser.lenient("{HostConfig:{'Privileged': true, /* c */ \"NetworkMode\":'host',},// x\n \"Env\":[1,2,]}");
        JObject root = p.parseDocument().asObject();
        assertEquals(Boolean.TRUE, ((JScalar) root.getObject("hostconfig").get("privileged")).value());
        assertEquals("host", root.getObject("HostConfig").getString("NetworkMode"));
        assertEquals(2, root.getArray("Env").size());
        List<String> kinds = p.leniencies().stream().map(JsonParser.Leniency::kind).toList();
        assertTrue(kinds.containsAll(List.of("unquoted member name", "single-quoted member name", "single-quoted string", "comment", "trailing comma")), kinds.toString());
    }

    @Test
    void lenientStillRejectsGarbage() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonParser.lenient("{\"a\": [1, 2}").parseDocument());
        assertEquals(11, e.offset());
    }

    @Test
    void memberLookupIsCaseInsensitiveAndLastDuplicateWins() throws Exception {
        JObject o = JsonParser.strict("{\"Privileged\": true, \"privileged\": false, \"X\": 1}").asObject();
        assertEquals(Boolean.FALSE, ((JScalar) o.get("PRIVILEGED")).value());
        assertEquals(1, o.duplicateGroups().size());
        assertEquals(2, o.duplicateGroups().get(0).size());
        assertEquals(2, o.effectiveMembers().size());
        assertNull(o.get("missing"));
    }

    @Test
    void stringOffsetsAccountForEscapes() throws Exception {
        String text = "{\"s\": \"a\\\"b\\u0041c\"}";
        JScalar s = (JScalar) JsonParser.strict(text).asObject().get("s");
        assertEquals("a\"bAc", s.asString());
        assertEquals(text.indexOf('a'), s.sourceOffsetOf(0));
        assertEquals(text.indexOf("\\\""), s.sourceOffsetOf(1));
        assertEquals(text.indexOf("\\u0041"), s.sourceOffsetOf(3));
        assertEquals(text.indexOf('c'), s.sourceOffsetOf(4));
    }
}
