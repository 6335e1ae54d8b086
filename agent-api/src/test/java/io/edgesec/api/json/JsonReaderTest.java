package io.edgesec.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReaderTest {

    private static JsonParseException fails(String text) {
        return assertThrows(JsonParseException.class, () -> JsonReader.parse(text), text);
    }

    private static void assertAt(JsonParseException e, int line, int column) {
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        assertTrue(e.getMessage().startsWith("line " + line + ", column " + column + ": "), e.getMessage());
    }

    @Test
    void parsesAllValueKindsKeepingMemberOrder() throws Exception {
        Object v = JsonReader.parse(" {\"z\": 1, \"a\": [true, false, null, \"s\", -2.5, {}], \"m\": {\"k\": []}}\n");
        Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(m.keySet()));
        assertEquals(1L, m.get("z"));
        List<?> a = assertInstanceOf(ArrayList.class, m.get("a"));
        assertEquals(Boolean.TRUE, a.get(0));
        assertEquals(Boolean.FALSE, a.get(1));
        assertNull(a.get(2));
        assertEquals("s", a.get(3));
        assertEquals(-2.5d, a.get(4));
        assertEquals(Map.of(), a.get(5));
        assertEquals(Map.of("k", List.of()), m.get("m"));
    }

    @Test
    void scalarsAtTopLevel() throws Exception {
        assertEquals("x", JsonReader.parse("\"x\""));
        assertEquals(0L, JsonReader.parse("0"));
        assertNull(JsonReader.parse(" null "));
        assertEquals(true, JsonReader.parse("\ttrue\r\n"));
    }

    @Test
    void parseObjectRejectsOtherValues() {
        JsonParseException e = assertThrows(JsonParseException.class, () -> JsonReader.parseObject("\n  [1]"));
        assertAt(e, 2, 3);
        assertTrue(e.getMessage().contains("expected a JSON object"));
        assertAt(assertThrows(JsonParseException.class, () -> JsonReader.parseObject("")), 1, 1);
        assertAt(assertThrows(JsonParseException.class, () -> JsonReader.parseObject("{} x")), 1, 4);
    }

    @Test
    void numbers() throws Exception {
        assertEquals(0L, JsonReader.parse("-0"));
        assertEquals(42L, JsonReader.parse("42"));
        assertEquals(Long.MAX_VALUE, JsonReader.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, JsonReader.parse("-9223372036854775808"));
        assertEquals(1234567890123456789L, JsonReader.parse("1234567890123456789"), "19 digits still fit a long");
        assertEquals(1e19, JsonReader.parse("10000000000000000000"), "beyond a long: a double");
        assertEquals(1.5, JsonReader.parse("1.5"));
        assertEquals(1e5, JsonReader.parse("1e5"));
        assertEquals(1e5, JsonReader.parse("1E+5"));
        assertEquals(1e-5, JsonReader.parse("1e-5"));
        assertEquals(-0.25e2, JsonReader.parse("-0.25e2"));
        assertEquals(List.of(1L, 2L), JsonReader.parse("[1,2]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-", "-a", "1.", "1.e5", ".5", "1e", "1e+", "+1", "--1",
        "Infinity", "NaN", "-Infinity", "1e999", "00"})
    void nonRfcNumbersAreRejected(String n) {
        JsonParseException e = fails(n);
        assertEquals(1, e.line());
        assertEquals(1, e.column(), e.getMessage());
    }

    @Test
    void numberErrorNamesWhereTheNumberStarts() {
        JsonParseException e = fails("{\n  \"a\": 01\n}");
        assertAt(e, 2, 8);
        assertTrue(e.getMessage().contains("01"), e.getMessage());
        assertAt(fails("[1, 2.]"), 1, 5);
    }

    @Test
    void escapes() throws Exception {
        assertEquals("\" \\ / \b \f \n \r \t", JsonReader.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\""));
        assertEquals("A\u00e9\u20ac", JsonReader.parse("\"\\u0041\\u00E9\\u20aC\""));
        assertEquals("\uD83D\uDE00", JsonReader.parse("\"\\ud83d\\ude00\""), "surrogate pair from two escapes");
        assertEquals("\uD83D\uDE00", JsonReader.parse("\"\uD83D\uDE00\""), "raw non-BMP character");
        assertEquals("\uD800", JsonReader.parse("\"\\ud800\""), "lone surrogate escape is kept as is");
        assertEquals("\u007f\u2028", JsonReader.parse("\"\u007f\u2028\""), "DEL and U+2028 need no escape");
    }

    @Test
    void badEscapes() {
        assertAt(fails("\"ab\\x\""), 1, 5);
        assertTrue(fails("\"\\x\"").getMessage().contains("bad escape"));
        assertAt(fails("\"\\u12G4\""), 1, 3);
        assertTrue(fails("\"\\u12G4\"").getMessage().contains("hex"));
        // full-width digits are digits to Character.digit, not to JSON
        assertTrue(fails("\"\\u\uFF10\uFF10\uFF14\uFF11\"").getMessage().contains("hex"));
        assertTrue(fails("\"\\u\uFF21BCD\"").getMessage().contains("hex"));
        assertTrue(fails("\"\\u004").getMessage().contains("\\u"));
        assertTrue(fails("\"\\").getMessage().contains("end of input"));
    }

    @Test
    void controlCharactersInStringsAreRejected() {
        JsonParseException e = fails("[\"a\tb\"]");
        assertAt(e, 1, 4);
        assertTrue(e.getMessage().contains("control character"));
        assertAt(fails("\"a\nb\""), 1, 3);
        assertTrue(fails("\"\u0000\"").getMessage().contains("control character"));
    }

    @Test
    void unterminatedString() {
        JsonParseException e = fails("{\"a\": \"bc");
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
        assertAt(e, 1, 10);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "0x10|1|2|after the JSON value",
        "1.2.3|1|4|after the JSON value",
        "1-2|1|2|after the JSON value",
        "[1,]|1|4|unexpected character ']'",
        "[1 2]|1|4|expected ',' or ']'",
        "{\"a\" 1}|1|6|expected ':' after member name \"a\"",
        "{\"a\":1,}|1|8|member name",
        "{a:1}|1|2|member name",
        "{'a':1}|1|2|member name",
        "{\"a\":1 \"b\":2}|1|8|expected ',' or '}'",
        "[tru]|1|2|expected true",
        "[nul]|1|2|expected null",
        "[True]|1|2|unexpected character 'T'",
        "[1] [2]|1|5|after the JSON value",
        "[|1|2|end of input",
        "{\"a\":|1|6|end of input",
        "{|1|2|end of input",
        "''|1|1|unexpected character",
        "|1|1|end of input",
    })
    void structuralErrorsNameLineColumnAndProblem(String text, int line, int column, String problem) {
        JsonParseException e = fails(text == null ? "" : text);
        assertAt(e, line, column);
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void errorPositionsAcrossLines() {
        String text = "{\n  \"a\": 1,\n  \"b\": x\n}";
        assertAt(fails(text), 3, 8);
        // \r\n line ends: the column counts from after the \n
        assertAt(fails("{\r\n\"a\":\r\n  ?}"), 3, 3);
        // a tab is one column
        assertAt(fails("\t\t@"), 1, 3);
        // error on the first character of line 5
        assertAt(fails("[\n1,\n2,\n3,\n]"), 5, 1);
    }

    @Test
    void commentsAndOtherExtensionsAreRejected() {
        assertAt(fails("{\"a\":1 // c\n}"), 1, 8);
        assertAt(fails("/* c */ 1"), 1, 1);
        assertAt(fails("\uFEFF{}"), 1, 1);
        assertAt(fails("[1]\u00a0"), 1, 4);
        assertAt(fails("{\"a\":1}\u000b"), 1, 8);
    }

    @Test
    void nestingLimitIs512() throws Exception {
        String ok = "[".repeat(512) + "]".repeat(512);
        Object v = JsonReader.parse(ok);
        for (int i = 0; i < 511; i++) {
            v = ((List<?>) v).get(0);
        }
        assertEquals(List.of(), v);
        JsonParseException e = fails("[".repeat(513) + "]".repeat(513));
        assertAt(e, 1, 513);
        assertTrue(e.getMessage().contains("nesting"), e.getMessage());
        String objects = "{\"a\":".repeat(513) + "1" + "}".repeat(513);
        assertTrue(fails(objects).getMessage().contains("nesting"));
        // depth is released when a container closes: many siblings at depth 512 are fine
        String siblings = "[".repeat(511) + "[],[],[]" + "]".repeat(511);
        JsonReader.parse(siblings);
        // very deep input does not overflow the stack
        assertTrue(fails("[".repeat(100_000)).getMessage().contains("nesting"));
    }

    @Test
    void duplicateKeysKeepTheLastValue() throws Exception {
        assertEquals(Map.of("a", 2L), JsonReader.parse("{\"a\":1,\"a\":2}"));
    }
}
