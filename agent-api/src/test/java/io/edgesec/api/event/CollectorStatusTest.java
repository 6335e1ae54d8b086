package io.edgesec.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectorStatusTest {
    @Test
    void anOperationalReportWithItsSeverityAndDetails() {
        Instant t = Instant.parse("2026-11-29T01:02:03.004Z");
        SecurityEvent e = CollectorStatus.of("docker-events", "SourceRestored", Severity.INFORMATION, "the engine is back",
                Map.of("Source", "unix:///run/docker.sock", "Status", "not this one"), t);
        assertEquals(EventNames.COLLECTOR_STATUS, e.name());
        assertEquals(EventType.OPERATIONAL, e.eventType());
        assertEquals(EventCategory.TRIGGERED, e.category());
        assertEquals(t, e.timestamp());
        Map<String, Object> p = e.payload().get(0);
        assertEquals(List.of("Collector", "Status", "Severity", "Message", "Source"), List.copyOf(p.keySet()));
        assertEquals("Information", p.get("Severity"));
        assertEquals("SourceRestored", p.get("Status"), "details do not overwrite the named fields");
        assertEquals("unix:///run/docker.sock", p.get("Source"));
    }

    @Test
    void requiredPartsAreChecked() {
        assertThrows(NullPointerException.class, () -> CollectorStatus.of(null, "s", Severity.ERROR, "m"));
        assertThrows(NullPointerException.class, () -> CollectorStatus.of("c", "s", null, "m"));
        assertThrows(NullPointerException.class, () -> CollectorStatus.of("c", "s", Severity.ERROR, null));
    }

    @Test
    void severitiesAreTheSchemasValues() {
        assertEquals(List.of("Fatal", "Error", "Warning", "Information", "Debug"),
                java.util.Arrays.stream(Severity.values()).map(Severity::wireName).toList());
        assertEquals(Severity.WARNING, Severity.fromWireName("Warning"));
        assertNull(Severity.fromWireName("warning"), "the schema's spelling only");
        assertNull(Severity.fromWireName(null));
    }
}
