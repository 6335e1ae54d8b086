package io.edgesec.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.edgesec.api.event.SecurityEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    /**
     * The agent's text of {@code value} as agent-api writes it inside an event's payload (which
     * agent-api's own tests hold byte for byte to the hand-written writer the agent had before
     * Jackson): the reference JsonText must match.
     */
    private static String asEventWritesIt(Object value) {
        String json = SecurityEvent.builder("X").payload(Map.of("v", value)).build().toJson();
        String start = "\"Payload\":[{\"v\":";
        return json.substring(json.indexOf(start) + start.length(), json.length() - "}]}".length());
    }

    @Test
    void writesTheTextTheAgentWroteBefore() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("s", "quote \" backslash \\ slash / nl \n cr \r tab \t bs \b ff \f nul \u0000 us \u001f del \u007f");
        doc.put("seps", "\u2028\u2029");
        doc.put("emoji", "a\uD83D\uDE00b");
        doc.put("lone", "x\uD800y\uDC00z\uD800");
        doc.put("numbers", List.of(1, -2L, (short) 3, (byte) 4, 1.5, 3.0, 1e15, 1e20, 0.1f, -0.0,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"), new AtomicLong(7)));
        doc.put("flags", new Object[] {true, false, null});
        doc.put("nested", Map.of("k", List.of(Map.of())));
        doc.put("enum", Thread.State.NEW);
        doc.put("c", 'c');
        assertEquals(asEventWritesIt(doc), JsonText.write(doc));
    }

    @Test
    void randomStringsAreWrittenAsBeforeAndTheirUtf8SizeIsExact() {
        Random r = new Random(13);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = r.nextInt(20); j > 0; j--) {
                sb.append((char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0x10000)));
            }
            String s = sb.toString();
            String ours = JsonText.write(List.of(s));
            assertEquals(asEventWritesIt(List.of(s)), ours);
            // every character survives UTF-8: nothing is replaced by '?'
            assertEquals(ours, new String(ours.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        }
    }

    @Test
    void valuesWithNoJsonFormAreRefusedByName() {
        assertEquals("JSON has no form for NaN",
                assertThrows(IllegalArgumentException.class, () -> JsonText.write(List.of(Double.NaN))).getMessage());
        assertEquals("JSON has no form for a java.lang.Object",
                assertThrows(IllegalArgumentException.class, () -> JsonText.write(new ArrayList<>(List.of(new Object())))).getMessage());
    }
}
