package io.edgesec.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RestoresDefaultTimeZone.class)
class SecurityEventTest {
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
    private static Map<String, Object> item(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void fieldNamesAndOrderAreThoseOfTheAzureEnvelope() throws Exception {
        Instant t = Instant.parse("2026-03-01T10:20:30.456Z");
        SecurityEvent e = SecurityEvent.builder("ProcessCreate").id("21a2db0b-44fe-42e9-9cff-bbb2d8fdf874").timestamp(t)
                .payload(item("Executable", "/bin/ls", "ProcessId", 12)).build();
        Map<?, ?> parsed = (Map<?, ?>) EventJsonReader.read(e.toJson());
        assertEquals(List.of("EventType", "Category", "Name", "IsEmpty", "PayloadSchemaVersion", "Id", "TimestampLocal",
                "TimestampUTC", "Payload"), new ArrayList<>(parsed.keySet()));
        assertEquals("Security", parsed.get("EventType"));
        assertEquals("Triggered", parsed.get("Category"));
        assertEquals("ProcessCreate", parsed.get("Name"));
        assertEquals(false, parsed.get("IsEmpty"));
        assertEquals("1.0", parsed.get("PayloadSchemaVersion"));
        assertEquals("21a2db0b-44fe-42e9-9cff-bbb2d8fdf874", parsed.get("Id"));
        assertEquals("2026-03-01T10:20:30.456Z", parsed.get("TimestampUTC"));
        assertEquals(List.of(Map.of("Executable", "/bin/ls", "ProcessId", 12L)), parsed.get("Payload"));
        assertTrue(e.toJson().startsWith("{\"EventType\":\"Security\",\"Category\":\"Triggered\",\"Name\":\"ProcessCreate\","
                + "\"IsEmpty\":false,\"PayloadSchemaVersion\":\"1.0\",\"Id\":\"21a2db0b-44fe-42e9-9cff-bbb2d8fdf874\","
                + "\"TimestampLocal\":\""), e.toJson());
        assertTrue(e.toJson().endsWith("\"TimestampUTC\":\"2026-03-01T10:20:30.456Z\",\"Payload\":[{\"Executable\":\"/bin/ls\",\"ProcessId\":12}]}"));
    }

    @Test
    void wireNamesOfTypeAndCategory() throws Exception {
        SecurityEvent p = SecurityEvent.builder("DroppedEventsStatistics").type(EventType.OPERATIONAL)
                .category(EventCategory.PERIODIC).build();
        Map<?, ?> m = (Map<?, ?>) EventJsonReader.read(p.toJson());
        assertEquals("Operational", m.get("EventType"));
        assertEquals("Periodic", m.get("Category"));
        assertEquals(true, m.get("IsEmpty"));
        assertEquals(List.of(), m.get("Payload"));
        SecurityEvent d = SecurityEvent.builder("Diagnostic").type(EventType.DIAGNOSTIC).payload(item("Message", "m")).build();
        assertEquals("Diagnostic", ((Map<?, ?>) EventJsonReader.read(d.toJson())).get("EventType"));
        SecurityEvent a = SecurityEvent.builder("ProcessCreate").category(EventCategory.AGGREGATED).payload(item("a", "b")).build();
        assertEquals("Aggregated", ((Map<?, ?>) EventJsonReader.read(a.toJson())).get("Category"));
    }

    @Test
    void defaultsAreSecurityTriggeredNewGuidNow() {
        Instant before = Instant.now();
        SecurityEvent e = SecurityEvent.builder("Login").payload(item("a", 1)).build();
        assertEquals(EventType.SECURITY, e.eventType());
        assertEquals(EventCategory.TRIGGERED, e.category());
        assertEquals("1.0", e.payloadSchemaVersion());
        assertEquals(e.id(), UUID.fromString(e.id()).toString());
        assertFalse(e.timestamp().isBefore(before));
        assertNotEquals(e.id(), SecurityEvent.builder("Login").payload(item("a", 1)).build().id());
    }

    @Test
    void triggeredWithoutPayloadIsRejected() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> SecurityEvent.builder("Login").build());
        assertTrue(ex.getMessage().contains("Login"));
        assertThrows(IllegalArgumentException.class,
                () -> SecurityEvent.builder("Login").payload(item("a", 1)).clearPayload().build());
        assertThrows(NullPointerException.class, () -> SecurityEvent.builder(null).payload(item("a", 1)).build());
        // Periodic may be empty
        assertTrue(SecurityEvent.builder("ListeningPorts").category(EventCategory.PERIODIC).build().isEmpty());
    }

    @Test
    void payloadValueWithoutJsonFormFailsAtBuild() {
        assertThrows(IllegalArgumentException.class,
                () -> SecurityEvent.builder("X").payload(item("When", Instant.EPOCH)).build());
    }

    @Test
    void utf8SizeIsTheRealByteCount() {
        String[] samples = {"ascii", "caf\u00e9", "\u20ac uro", "\uD83D\uDE00 emoji", "\u4e2d\u6587", "lone \ud800 high",
            "lone \udc00 low", "ctl \u0001 \n", "quote \" back \\", "\u2028", "mixed \u00e9\u20ac\uD83D\uDE00\ud800"};
        for (String s : samples) {
            SecurityEvent e = SecurityEvent.builder("N\u00e4me").payload(item("CommandLine", s, "\u00fc", s)).build();
            assertEquals(e.toJson().getBytes(StandardCharsets.UTF_8).length, e.utf8Size(), s);
            assertEquals(e.toJson().getBytes(StandardCharsets.UTF_8).length, SecurityEvent.utf8Length(e.toJson()), s);
        }
        assertEquals(4, SecurityEvent.utf8Length("\uD83D\uDE00"));
        assertEquals(3, SecurityEvent.utf8Length("\u20ac"));
        assertEquals(2, SecurityEvent.utf8Length("\u00e9"));
        assertEquals(1, SecurityEvent.utf8Length("\u007f"));
        assertEquals(2, SecurityEvent.utf8Length("\u0080"));
        assertEquals(2, SecurityEvent.utf8Length("\u07ff"));
        assertEquals(3, SecurityEvent.utf8Length("\u0800"));
    }

    @Test
    void jsonIsStableAndCached() {
        SecurityEvent e = SecurityEvent.builder("X").payload(item("a", "b")).build();
        assertSame(e.toJson(), e.toJson());
        StringBuilder sb = new StringBuilder();
        e.writeJson(sb);
        assertEquals(e.toJson(), sb.toString());
        assertEquals(e.toJson(), e.toString());
    }

    @Test
    void theEventIsImmutableEvenIfTheCallerChangesItsMap() {
        Map<String, Object> m = item("a", "1");
        SecurityEvent e = SecurityEvent.builder("X").payload(m).build();
        String json = e.toJson();
        m.put("a", "2");
        m.put("b", "3");
        assertEquals(Map.of("a", "1"), e.payload().get(0));
        assertEquals(json, e.toJson());
        assertThrows(UnsupportedOperationException.class, () -> e.payload().get(0).put("c", 1));
        assertThrows(UnsupportedOperationException.class, () -> e.payload().clear());
    }

    @Test
    void payloadOrderIsKept() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : new String[] {"z", "y", "a", "m"}) {
            m.put(k, k);
        }
        SecurityEvent e = SecurityEvent.builder("X").payload(m).payload(item("second", true)).build();
        List<?> p = (List<?>) ((Map<?, ?>) EventJsonReader.read(e.toJson())).get("Payload");
        assertEquals(List.of("z", "y", "a", "m"), new ArrayList<>(((Map<?, ?>) p.get(0)).keySet()));
        assertEquals(2, p.size());
    }

    @Test
    void idIsAJsonString() throws Exception {
        SecurityEvent e = SecurityEvent.builder("X").id("a\"b").payload(item("a", 1)).build();
        assertEquals("a\"b", ((Map<?, ?>) EventJsonReader.read(e.toJson())).get("Id"));
    }

    @Test
    void toBuilderCopiesEverythingButTheId() {
        SecurityEvent e = SecurityEvent.builder("X").type(EventType.OPERATIONAL).category(EventCategory.PERIODIC)
                .payloadSchemaVersion("2.0").timestamp(Instant.EPOCH).priorityHint(Priority.HIGH).payload(item("a", 1)).build();
        SecurityEvent c = e.toBuilder().build();
        assertEquals(e.name(), c.name());
        assertEquals(e.eventType(), c.eventType());
        assertEquals(e.category(), c.category());
        assertEquals("2.0", c.payloadSchemaVersion());
        assertEquals(Instant.EPOCH, c.timestamp());
        assertEquals(Priority.HIGH, c.priorityHint());
        assertEquals(e.payload(), c.payload());
        assertNotEquals(e.id(), c.id());
    }

    @Test
    void utcTimestampIsIso8601WithZ() {
        assertEquals("2026-11-28T21:26:19.123Z", SecurityEvent.formatUtc(Instant.parse("2026-11-28T21:26:19.123456Z")));
        assertEquals("1970-01-01T00:00:00.000Z", SecurityEvent.formatUtc(Instant.EPOCH));
        assertEquals("0999-01-02T03:04:05.006Z", SecurityEvent.formatUtc(Instant.parse("0999-01-02T03:04:05.006Z")));
    }

    @Test
    void localTimestampCarriesTheRealOffset() {
        Instant t = Instant.parse("2026-07-01T12:00:00.250Z");
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Berlin"));
        assertEquals("2026-07-01T14:00:00.250+02:00", SecurityEvent.formatLocal(t));
        assertEquals("2026-01-01T13:00:00.000+01:00", SecurityEvent.formatLocal(Instant.parse("2026-01-01T12:00:00Z")));
        TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
        assertEquals("2026-07-01T09:30:00.250-02:30", SecurityEvent.formatLocal(t));
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kathmandu"));
        assertEquals("2026-07-01T17:45:00.250+05:45", SecurityEvent.formatLocal(t));
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        assertEquals("2026-07-01T12:00:00.250Z", SecurityEvent.formatLocal(t));
    }

    @Test
    void localTimestampDenotesTheSameInstant() {
        for (String zone : new String[] {"Europe/Berlin", "America/Los_Angeles", "Australia/Lord_Howe", "Pacific/Chatham",
            "Africa/Monrovia", "Europe/Dublin", "Asia/Kolkata", "UTC"}) {
            TimeZone.setDefault(TimeZone.getTimeZone(zone));
            for (Instant t : new Instant[] {Instant.parse("2026-03-29T01:30:00.001Z"), Instant.parse("1960-06-01T00:00:00.123Z"),
                Instant.parse("1900-06-01T00:00:00Z"),
                Instant.parse("2000-02-29T23:59:59.999Z")}) {
                String local = SecurityEvent.formatLocal(t);
                assertTrue(RFC3339.matcher(local).matches(), zone + " " + local);
                assertEquals(t, OffsetDateTime.parse(local, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(), zone + " " + local);
            }
        }
    }

    @Test
    void offsetsWithSecondsAreWrittenAsRfc3339() {
        TimeZone.setDefault(TimeZone.getTimeZone("Africa/Monrovia")); // -00:44:30 until 1972
        Instant t = Instant.parse("1960-06-01T12:00:00.500Z");
        assertEquals("1960-06-01T11:16:00.500-00:44", SecurityEvent.formatLocal(t));
    }

    @Test
    void eventJsonTimestampsMatch() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        SecurityEvent e = SecurityEvent.builder("X").timestamp(t).payload(item("a", 1)).build();
        Map<?, ?> m = (Map<?, ?>) EventJsonReader.read(e.toJson());
        assertEquals("2026-01-02T12:04:05.678+09:00", m.get("TimestampLocal"));
        assertEquals("2026-01-02T03:04:05.678Z", m.get("TimestampUTC"));
    }

    @Test
    void payloadsAddsEachItem() {
        List<Map<String, Object>> items = List.of(item("a", 1), new HashMap<>(Map.of("b", 2)));
        SecurityEvent e = SecurityEvent.builder("X").payloads(items).build();
        assertEquals(2, e.payload().size());
    }
    @Test
    void newIdsAreVersion4UuidsUniqueAcrossThreads() throws Exception {
        java.util.Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Pattern v4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    String id = SecurityEvent.builder("Login").payload(Map.of("A", 1)).build().id();
                    if (!v4.matcher(id).matches()) {
                        failures.add(new AssertionError("not a version 4 UUID: " + id));
                        return;
                    }
                    if (UUID.fromString(id).version() != 4 || UUID.fromString(id).variant() != 2) {
                        failures.add(new AssertionError("wrong version or variant: " + id));
                        return;
                    }
                    ids.add(id);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(List.of(), failures);
        assertEquals(200_000, ids.size(), "every id is new");
    }
    @Test
    @SuppressWarnings("unchecked")
    void nestedValuesAreCopiedSoTheJsonTakenLaterIsThatOfBuildTime() throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("Collector", "audit");
        List<Object> args = new ArrayList<>(List.of("a", 1));
        java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong(5);
        StringBuilder text = new StringBuilder("mutable");
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("ExtraDetails", extra);
        item.put("Args", args);
        item.put("Array", new Object[] {"x", 2L});
        item.put("Count", counter);
        item.put("Text", text);
        SecurityEvent e = SecurityEvent.builder("X").payload(item).build();
        extra.put("Collector", "changed");
        args.add("more");
        counter.set(6);
        text.append("!");
        assertEquals("[{\"ExtraDetails\":{\"Collector\":\"audit\"},\"Args\":[\"a\",1],\"Array\":[\"x\",2],\"Count\":5,"
                + "\"Text\":\"mutable\"}]", e.toJson().substring(e.toJson().indexOf("\"Payload\":") + 10, e.toJson().length() - 1));
        assertThrows(UnsupportedOperationException.class,
                () -> ((Map<String, Object>) e.payload().get(0).get("ExtraDetails")).put("k", "v"));
        assertThrows(IllegalArgumentException.class, () -> SecurityEvent.builder("X")
                .payload(Map.of("Nested", List.of(Map.of("NaN", Double.NaN)))).build(), "checked at any depth");
        assertThrows(IllegalArgumentException.class, () -> SecurityEvent.builder("X")
                .payload(Map.of("Nested", Map.of("When", Instant.EPOCH))).build());
    }
}
