package io.edgesec.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    private static String str(String s) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.writeString(s, sb);
        return sb.toString();
    }

    @Test
    void compactOutputKeepsOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", List.of(true, false));
        m.put("n", null);
        m.put("o", Map.of());
        m.put("arr", new Object[] {"x", 2L});
        assertEquals("{\"z\":1,\"a\":[true,false],\"n\":null,\"o\":{},\"arr\":[\"x\",2]}", JsonWriter.write(m));
        assertEquals("[]", JsonWriter.write(List.of()));
        assertEquals("null", JsonWriter.write(null));
    }

    @Test
    void numbers() {
        assertEquals("1", JsonWriter.write(1.0));
        assertEquals("-3", JsonWriter.write(-3.0f));
        assertEquals("0", JsonWriter.write(-0.0));
        assertEquals("1.5", JsonWriter.write(1.5));
        assertEquals("9223372036854775807", JsonWriter.write(Long.MAX_VALUE));
        assertEquals("12345678901234567890", JsonWriter.write(new BigInteger("12345678901234567890")));
        assertEquals("0.1", JsonWriter.write(new BigDecimal("0.1")));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Float.NEGATIVE_INFINITY));
    }

    @Test
    void largeAndTinyDoublesAreValidJsonNumbers() throws Exception {
        for (double d : new double[] {1e20, -1e300, 1e-7, 123456789.123, Double.MIN_VALUE, Double.MAX_VALUE, 1e15, 0.1}) {
            String json = JsonWriter.write(d);
            assertEquals(d, ((Number) JsonReader.parse(json)).doubleValue(), json);
        }
    }

    @Test
    void valuesWithoutJsonFormAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of("k", new Object())));
        assertTrue(e.getMessage().contains("java.lang.Object"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new int[] {1}));
    }

    @Test
    void jsonSerializableWritesItself() {
        JsonSerializable js = out -> out.append("{\"x\":1}");
        assertEquals("[{\"x\":1}]", JsonWriter.write(List.of(js)));
    }

    @Test
    void escaping() {
        assertEquals("\"a\\\"b\\\\c/d\"", str("a\"b\\c/d"));
        assertEquals("\"\\n\\r\\t\"", str("\n\r\t"));
        assertEquals("\"\\u0000\\u0001\\u0008\\u000c\\u001f\"", str("\u0000\u0001\b\f\u001f"));
        assertEquals("\" \u007f\"", str(" \u007f"), "DEL needs no escape");
        assertEquals("\"\\u2028\\u2029\"", str("\u2028\u2029"), "line/paragraph separators escaped for JavaScript");
        assertEquals("\"\u00e9\u20ac\uD83D\uDE00\"", str("\u00e9\u20ac\uD83D\uDE00"), "non-ASCII written as is");
        assertEquals("\"k\"", JsonWriter.write('k'));
        assertEquals("\"SECONDS\"", JsonWriter.write(java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void everyControlCharacterIsEscaped() {
        for (char c = 0; c < 0x20; c++) {
            String out = str(String.valueOf(c));
            for (int i = 0; i < out.length(); i++) {
                assertTrue(out.charAt(i) >= 0x20, "raw control char in " + out);
            }
        }
    }

    @Test
    void loneSurrogatesAreEscapedSoTheUtf8IsValid() throws Exception {
        assertEquals("\"a\\ud800b\"", str("a\ud800b"));
        assertEquals("\"\\udc00\"", str("\udc00"));
        assertEquals("\"\\ud800\"", str("\ud800"), "high surrogate at the end");
        assertEquals("\"\\udc00\uD83D\uDE00\\ud83d\"", str("\udc00\uD83D\uDE00\ud83d"));
        assertEquals("\"\\ude00\\ud83d\"", str("\ude00\ud83d"), "reversed pair is two lone surrogates");
        String s = "x\ud800\ud800\udc00y";
        String json = str(s);
        assertEquals("\"x\\ud800\ud800\udc00y\"", json);
        // the output encodes to UTF-8 and back without loss, and parses back to the input
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        assertEquals(json, new String(utf8, StandardCharsets.UTF_8));
        assertEquals(s, JsonReader.parse(json));
    }

    @Test
    void roundTripWithReader() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "tab\there \"q\" \\ \u0000 \u001f \u2028 \ud800 \uD83D\uDE00 \u00e9");
        m.put("l", Long.MIN_VALUE);
        m.put("d", -1.25e-3);
        m.put("b", true);
        m.put("n", null);
        m.put("nested", List.of(Map.of("k", List.of()), "x"));
        m.put("weird \"key\"\n", 1L);
        String json = JsonWriter.write(m);
        assertFalse(json.contains("\n"), "compact, one line");
        assertEquals(m, JsonReader.parse(json));
        assertEquals(json, JsonWriter.write(JsonReader.parse(json)));
    }

    @Test
    void randomStringsRoundTrip() throws Exception {
        Random r = new Random(42);
        for (int n = 0; n < 2000; n++) {
            char[] cs = new char[r.nextInt(20)];
            for (int i = 0; i < cs.length; i++) {
                switch (r.nextInt(4)) {
                    case 0 -> cs[i] = (char) r.nextInt(0x80);
                    case 1 -> cs[i] = (char) (0xD800 + r.nextInt(0x800)); // surrogates, paired or not
                    case 2 -> cs[i] = (char) r.nextInt(0x20);
                    default -> cs[i] = (char) r.nextInt(0x10000);
                }
            }
            String s = new String(cs);
            String json = JsonWriter.write(List.of(s));
            assertEquals(List.of(s), JsonReader.parse(json), Arrays.toString(s.chars().toArray()));
            // no unpaired surrogate survives in the output
            assertEquals(json, new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void appendsToTheGivenBuilder() {
        StringBuilder sb = new StringBuilder("x=");
        JsonWriter.write(new ArrayList<>(List.of(1, "a")), sb);
        assertEquals("x=[1,\"a\"]", sb.toString());
    }
}
