package io.edgesec.manifest.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTreesTest {
    @Test
    void strictParsesWithPositionsAndPointers() throws Exception {
        String text = "{\n  \"a\": {\"b/c\": [1, \"x~y\"]}\n}";
        JObject root = JsonTrees.strict(text).asObject();
        JsonNode x = root.getObject("a").getArray("b/c").get(1);
        assertEquals("/a/b~1c/1", x.pointer());
        assertEquals("x~y", x.asString());
        LineMap lm = new LineMap(text);
        assertEquals(2, lm.line(x.start()));
        assertEquals(text.indexOf("\"x~y\"") - text.indexOf('\n'), lm.column(x.start()));
        assertEquals(text.indexOf("\"b/c\""), root.getObject("a").get("b/c").regionStart());
    }

    @Test
    void everyValueSpansExactlyItsSourceText() throws Exception {
        String text = "{\"s\": \"a\\\"b\", \"n\": -1.5e3, \"i\": 42, \"t\": true, \"f\": false, \"z\": null,"
                + " \"o\": {\"k\": []}, \"a\": [ 1 , \"x\" ], \"e\\u0041\": 0}";
        JObject root = JsonTrees.strict(text).asObject();
        List<String> raws = root.members().stream().map(m -> m.value().raw()).toList();
        assertEquals(List.of("\"a\\\"b\"", "-1.5e3", "42", "true", "false", "null", "{\"k\": []}", "[ 1 , \"x\" ]", "0"), raws);
        assertEquals(text, root.raw());
        JObject.Member escaped = root.member("eA");
        assertEquals("\"e\\u0041\"", text.substring(escaped.nameStart(), escaped.nameEnd()));
        assertEquals(" 12", " 12 ".substring(0, JsonTrees.strict(" 12 ").end()));
        assertEquals(1, JsonTrees.strict(" 12 ").start());
    }

    @Test
    void numbersAreLongsUpTo18DigitsElseDoubles() throws Exception {
        JArray a = JsonTrees.strict("[7, -123456789012345678, 1234567890123456789, 1.0, 2e3]").asArray();
        assertEquals(7L, ((JScalar) a.get(0)).value());
        assertEquals(-123456789012345678.0, ((JScalar) a.get(1)).value()); // 19 characters with the sign
        assertEquals(1234567890123456789.0, ((JScalar) a.get(2)).value());
        assertEquals(1.0, ((JScalar) a.get(3)).value());
        assertEquals(2000.0, ((JScalar) a.get(4)).value());
    }

    @Test
    void aByteOrderMarkIsSkippedAndOffsetsStayInTheText() throws Exception {
        String text = "\uFEFF{\"a\": 1}";
        JObject root = JsonTrees.strict(text).asObject();
        assertEquals(1, root.start());
        assertEquals("1", root.get("a").raw());
    }

    @Test
    void strictRejectsNewtonsoftLiberties() {
        for (String bad : List.of("{a:1}", "{'a':1}", "{\"a\":'x'}", "{\"a\":1,}", "[1,]", "{\"a\":1} // c", "{\"a\":01}", "{\"a\":\"b\\'c\"}")) {
            assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict(bad), bad);
        }
    }

    @Test
    void strictErrorOffsetPointsAtTheProblem() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict("{\n  \"a\": 1\n  [\"x\"]\n}"));
        LineMap lm = new LineMap("{\n  \"a\": 1\n  [\"x\"]\n}");
        assertEquals(3, lm.line(e.offset()));
        assertEquals(3, lm.column(e.offset()));
    }

    @Test
    void oneDocumentOnly() {
        assertEquals(3, assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict("{} {}")).offset());
        JsonSyntaxException empty = assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict("  "));
        assertEquals("empty document", empty.reason());
    }

    @Test
    void anUnterminatedStringIsShownWhereItStarts() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict("{\"a\": \"abc"));
        assertEquals(6, e.offset());
    }

    @Test
    void jacksonsMessagesNameNoSource() {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict("{\"a\": [1, 2}"));
        assertEquals(11, e.offset());
        assertTrue(e.reason().contains("Array starting at line 1, column 7") && !e.reason().contains("Source"), e.reason());
    }

    /** Each liberty alone: the strict parse fails where the lenient one names it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{a:1}                | unquoted member name         | 1",
        "{'a':1}              | single-quoted member name    | 1",
        "{\"a\":'x'}          | single-quoted string         | 5",
        "{\"a\":1,}           | trailing comma               | 7",
        "[1,]                 | trailing comma               | 3",
        "{\"a\":1} // c       | comment                      | 8",
        "{\"a\":1 /* c */}    | comment                      | 7",
        "{\"a\":\"x\ty\"}     | control character in string  | 7",
        "{\"a\u0001\":1}      | control character in string  | 3",
    })
    void eachLeniencyIsNamedWhereTheStrictParseFails(String text, String kind, int offset) throws Exception {
        JsonSyntaxException strictError = assertThrows(JsonSyntaxException.class, () -> JsonTrees.strict(text));
        assertEquals(offset, strictError.offset(), strictError.reason());
        List<Leniency> found = new ArrayList<>();
        JsonNode root = JsonTrees.lenient(text, found);
        assertEquals(List.of(new Leniency(kind, offset)), found);
        assertEquals(1, root.isArray() ? root.asArray().size() : root.asObject().members().size());
    }

    @Test
    void lenientNamesEveryLibertyInTextOrder() throws Exception {
        String text = "{HostConfig:{'Privileged': true, /* c */ \"NetworkMode\":'host',},// x\n \"Env\":[1,2,]}";
        List<Leniency> found = new ArrayList<>();
        JObject root = JsonTrees.lenient(text, found).asObject();
        assertEquals(Boolean.TRUE, ((JScalar) root.getObject("hostconfig").get("privileged")).value());
        assertEquals("host", root.getObject("HostConfig").getString("NetworkMode"));
        assertEquals(2, root.getArray("Env").size());
        assertEquals(List.of(
                new Leniency("unquoted member name", 1),
                new Leniency("single-quoted member name", text.indexOf("'Privileged'")),
                new Leniency("comment", text.indexOf("/* c */")),
                new Leniency("single-quoted string", text.indexOf("'host'")),
                new Leniency("trailing comma", text.indexOf(",}") + 1),
                new Leniency("comment", text.indexOf("// x")),
                new Leniency("trailing comma", text.indexOf(",]") + 1)), found);
        JObject.Member unquoted = root.member("HostConfig");
        assertEquals("HostConfig", text.substring(unquoted.nameStart(), unquoted.nameEnd()));
        assertEquals("'host'", root.getObject("HostConfig").get("NetworkMode").raw());
    }

    @Test
    void strictTextIsNamedNothing() throws Exception {
        List<Leniency> found = new ArrayList<>();
        JsonTrees.lenient("{\"a\": [1, \"/* not a comment */\"]}", found);
        assertEquals(List.of(), found);
    }

    @Test
    void leadingZerosAndEscapedApostrophesAreAcceptedUnnamedAsBefore() throws Exception {
        List<Leniency> found = new ArrayList<>();
        JObject o = JsonTrees.lenient("{\"a\": 007, \"b\": \"it\\'s\"}", found).asObject();
        assertEquals(7L, ((JScalar) o.get("a")).value());
        assertEquals("007", o.get("a").raw());
        assertEquals("it's", o.getString("b"));
        assertEquals(List.of(), found);
    }

    @Test
    void unquotedNamesAreNewtonsoftsLettersDigitsUnderscoreAndDollar() throws Exception {
        assertEquals(1, JsonTrees.lenient("{$a_1:1}", new ArrayList<>()).asObject().members().size());
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.lenient("{a-b:1}", new ArrayList<>()));
        assertEquals(2, e.offset());
        assertEquals("expected ':' after member name \"a\"", e.reason());
    }

    @Test
    void lenientStillRejectsGarbageAndKeepsWhatItNamedBefore() {
        List<Leniency> found = new ArrayList<>();
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonTrees.lenient("{a: [1, 2} /* c */", found));
        assertEquals(9, e.offset());
        assertEquals(List.of(new Leniency("unquoted member name", 1)), found);
    }

    @Test
    void memberLookupIsCaseInsensitiveAndLastDuplicateWins() throws Exception {
        JObject o = JsonTrees.strict("{\"Privileged\": true, \"privileged\": false, \"X\": 1}").asObject();
        assertEquals(Boolean.FALSE, ((JScalar) o.get("PRIVILEGED")).value());
        assertEquals(1, o.duplicateGroups().size());
        assertEquals(2, o.duplicateGroups().get(0).size());
        assertEquals(2, o.effectiveMembers().size());
        assertNull(o.get("missing"));
    }

    @Test
    void stringOffsetsAccountForEscapes() throws Exception {
        String text = "{\"s\": \"a\\\"b\\u0041c\"}";
        JScalar s = (JScalar) JsonTrees.strict(text).asObject().get("s");
        assertEquals("a\"bAc", s.asString());
        assertEquals(text.indexOf('a'), s.sourceOffsetOf(0));
        assertEquals(text.indexOf("\\\""), s.sourceOffsetOf(1));
        assertEquals(text.indexOf("\\u0041"), s.sourceOffsetOf(3));
        assertEquals(text.indexOf('c'), s.sourceOffsetOf(4));
    }
}
