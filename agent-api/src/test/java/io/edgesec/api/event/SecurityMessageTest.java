package io.edgesec.api.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SecurityMessageTest {
    private static final String AGENT = "b97faf0a-0f57-471f-9dab-46a8e1764946";

    private static SecurityEvent event(String text) {
        return SecurityEvent.builder("ProcessCreate").payload(Map.of("CommandLine", text)).build();
    }

    @Test
    void envelopeFieldsInSchemaOrder() throws Exception {
        SecurityMessage m = new SecurityMessage("0.1.0", AGENT, List.of(event("a")), Priority.HIGH);
        Map<?, ?> parsed = (Map<?, ?>) EventJsonReader.read(m.toJson());
        assertEquals(List.of("AgentVersion", "AgentId", "MessageSchemaVersion", "Events"), new ArrayList<>(parsed.keySet()));
        assertEquals("0.1.0", parsed.get("AgentVersion"));
        assertEquals(AGENT, parsed.get("AgentId"));
        assertEquals("1.0", parsed.get("MessageSchemaVersion"));
        assertEquals(1, ((List<?>) parsed.get("Events")).size());
        assertEquals(Priority.HIGH, m.priority());
    }

    @Test
    void sizeIsOverheadPlusEventsPlusCommas() {
        Random r = new Random(7);
        String[] alphabet = {"a", "\u00e9", "\u20ac", "\uD83D\uDE00", "\"", "\n", "\u0001", "\ud800"};
        for (int n = 1; n <= 30; n++) {
            List<SecurityEvent> events = new ArrayList<>();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(40); k > 0; k--) {
                    sb.append(alphabet[r.nextInt(alphabet.length)]);
                }
                SecurityEvent e = event(sb.toString());
                events.add(e);
                sum += e.utf8Size();
            }
            String version = n % 2 == 0 ? "1.0.0" : "v\u00e9r\"s";
            SecurityMessage m = new SecurityMessage(version, AGENT, events, Priority.LOW);
            long expected = SecurityMessage.envelopeOverhead(version, AGENT) + sum + (n - 1);
            assertEquals(expected, m.toJson().getBytes(StandardCharsets.UTF_8).length);
            assertArrayEquals(m.toJson().getBytes(StandardCharsets.UTF_8), m.toUtf8());
        }
    }

    @Test
    void overheadIsTheEmptyEnvelope() {
        assertEquals(("{\"AgentVersion\":\"1\",\"AgentId\":\"" + AGENT + "\",\"MessageSchemaVersion\":\"1.0\",\"Events\":[]}").length(),
                SecurityMessage.envelopeOverhead("1", AGENT));
    }

    @Test
    void needsAtLeastOneEvent() {
        assertThrows(IllegalArgumentException.class, () -> new SecurityMessage("1", AGENT, List.of(), Priority.HIGH));
        assertThrows(NullPointerException.class, () -> new SecurityMessage(null, AGENT, List.of(event("a")), Priority.HIGH));
    }

    @Test
    void eventsAreCopied() {
        List<SecurityEvent> list = new ArrayList<>(List.of(event("a")));
        SecurityMessage m = new SecurityMessage("1", AGENT, list, Priority.HIGH);
        list.add(event("b"));
        assertEquals(1, m.events().size());
    }
}
