package io.edgesec.aggregator.internal.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.testing.AzureMessageSchema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WireSchemaTest {

    @Test
    void azureKindsAndExtensionKinds() {
        assertTrue(WireSchema.isAzure(Events.processCreate("x")));
        assertTrue(WireSchema.isAzure(Events.listeningPorts()));
        assertFalse(WireSchema.isAzure(Events.containerEvent("start")));
        assertFalse(WireSchema.isAzure(Events.collectorStatus("c", "Error", "m")), "CollectorStatus is mapped first");
        for (String ext : new String[] {EventNames.ALERT, EventNames.RECOMMENDATION, EventNames.CONTAINER_INVENTORY,
            EventNames.ACCOUNT_CHANGE, EventNames.PROCESS_SNAPSHOT}) {
            assertFalse(WireSchema.isAzure(SecurityEvent.builder(ext).payload(Map.of("a", 1)).build()), ext);
        }
        SecurityEvent aggregated = Events.processCreate("x").toBuilder().category(EventCategory.AGGREGATED).build();
        assertFalse(WireSchema.isAzure(aggregated), "Aggregated is not in the schema's Category enum");
    }

    @Test
    void collectorStatusBecomesASchemaValidDiagnostic() {
        Instant t = Instant.parse("2026-02-03T04:05:06.007Z");
        SecurityEvent status = SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL).timestamp(t)
                .payload(Events.map("Collector", "audit", "Status", "SourceLost", "Message", "auditd is gone",
                        "Lost", 12, "Details", Map.of("a", List.of(1, 2)), "Nothing", null))
                .build();
        SecurityEvent d = WireSchema.asDiagnostic(status);
        assertEquals(EventNames.DIAGNOSTIC, d.name());
        assertEquals(EventType.DIAGNOSTIC, d.eventType());
        assertEquals(EventCategory.TRIGGERED, d.category());
        assertEquals(t, d.timestamp());
        assertEquals(status.id(), d.id());
        Map<String, Object> p = d.payload().get(0);
        assertEquals("Error", p.get("Severity"));
        assertEquals("collector audit: auditd is gone", p.get("Message"));
        assertEquals(ProcessHandle.current().pid(), ((Number) p.get("ProcessId")).longValue());
        assertTrue(((Number) p.get("ThreadId")).longValue() > 0);
        Map<?, ?> extra = (Map<?, ?>) p.get("ExtraDetails");
        assertEquals("audit", extra.get("Collector"));
        assertEquals("12", extra.get("Lost"));
        assertEquals("{\"a\":[1,2]}", extra.get("Details"));
        assertFalse(extra.containsKey("Nothing"));
        AzureMessageSchema.assertValidEvent(d.toJson());
    }

    @ParameterizedTest
    @CsvSource({"Fatal,Fatal", "FatalError,Fatal", "Error,Error", "ParseError,Error", "Timeout,Error", "SourceLost,Error",
        "AuditGap,Error", "EngineUnreachable,Error", "Down,Error", "Recovered,Information", "OK,Information",
        "Connected,Information", "Started,Information", "Degraded,Warning", ",Warning", "Disconnected,Error",
        "SourceUnavailable,Error", "SourceRestored,Information", "missing,Error"})
    void severityFromStatus(String status, String severity) {
        SecurityEvent s = SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .payload(status == null ? Events.map("Collector", "c", "Message", "m") : Events.map("Collector", "c", "Status", status,
                        "Message", "m")).build();
        SecurityEvent d = WireSchema.asDiagnostic(s);
        assertEquals(severity, d.payload().get(0).get("Severity"));
        AzureMessageSchema.assertValidEvent(d.toJson());
    }

    @ParameterizedTest
    @CsvSource({"Disconnected,INFORMATION,Information", "Recovered,ERROR,Error", "whatever,FATAL,Fatal",
        "Error,DEBUG,Debug", "SourceRestored,WARNING,Warning"})
    void theSeverityACollectorGivesWinsOverItsWording(String status, io.edgesec.api.event.Severity given, String wire) {
        SecurityEvent s = io.edgesec.api.event.CollectorStatus.of("c", status, given, "m", Map.of("Source", "/x"), null);
        SecurityEvent d = WireSchema.asDiagnostic(s);
        Map<String, Object> p = d.payload().get(0);
        assertEquals(wire, p.get("Severity"));
        Map<?, ?> extra = (Map<?, ?>) p.get("ExtraDetails");
        assertFalse(extra.containsKey("Severity"), "not twice: " + extra);
        assertEquals(status, extra.get("Status"));
        assertEquals("/x", extra.get("Source"));
        AzureMessageSchema.assertValidEvent(d.toJson());
    }

    @Test
    void aSeverityTheSchemaDoesNotKnowFallsBackToTheWording() {
        SecurityEvent s = SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .payload(Events.map("Collector", "c", "Status", "SourceLost", "Severity", "Catastrophic", "Message", "m")).build();
        assertEquals("Error", WireSchema.asDiagnostic(s).payload().get(0).get("Severity"));
    }

    @Test
    void statusWithoutCollectorOrMessage() {
        SecurityEvent s = SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .payload(Events.map("Status", "Error", "Code", 7)).build();
        Map<String, Object> p = WireSchema.asDiagnostic(s).payload().get(0);
        assertTrue(((String) p.get("Message")).startsWith("collector unknown: "), (String) p.get("Message"));
        assertTrue(((String) p.get("Message")).contains("Code=7"));
    }

    @Test
    void multiItemStatusGivesOneDiagnosticItemEach() {
        SecurityEvent s = SecurityEvent.builder(EventNames.COLLECTOR_STATUS).type(EventType.OPERATIONAL)
                .payload(Events.map("Collector", "a", "Status", "Error", "Message", "1"))
                .payload(Events.map("Collector", "b", "Status", "OK", "Message", "2")).build();
        SecurityEvent d = WireSchema.asDiagnostic(s);
        assertEquals(2, d.payload().size());
        assertEquals("collector b: 2", d.payload().get(1).get("Message"));
        AzureMessageSchema.assertValidEvent(d.toJson());
    }
}
