package io.edgesec.manifest.internal.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.manifest.internal.rules.AnalyzerSettings;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestAnalyzerComponentTest {
    @TempDir
    Path tmp;

    static String manifest(String hostConfig) {
        return ("{'modulesContent':{'$edgeAgent':{'properties.desired':{'schemaVersion':'1.1','modules':{'cam':{'type':'docker',"
                + "'settings':{'image':'mcr.microsoft.com/cam:1.2.3','createOptions':{'HostConfig':{" + hostConfig + "}}}}}}}}}").replace('\'', '"');
    }

    static List<SecurityEvent> byRule(List<SecurityEvent> events, String rule) {
        return events.stream().filter(e -> rule.equals(e.payload().get(0).get("RuleId"))).toList();
    }

    @Test
    void analysisServiceReturnsOneRecommendationPerFinding() {
        ManifestAnalyzerComponent c = new ManifestAnalyzerComponent(AnalyzerSettings.defaults(), List.of(), "");
        List<SecurityEvent> events = c.analyze(manifest("'Privileged':true"), "deployment.json");
        assertTrue(events.size() > 1);
        SecurityEvent e = byRule(events, "IOTE-001").get(0);
        assertEquals(EventNames.RECOMMENDATION, e.name());
        assertEquals(EventType.SECURITY, e.eventType());
        assertEquals(EventCategory.TRIGGERED, e.category());
        Map<String, Object> p = e.payload().get(0);
        assertEquals("Critical", p.get("Severity"));
        assertEquals("cam", p.get("Module"));
        assertEquals("deployment.json", p.get("Source"));
        assertEquals("/modulesContent/$edgeAgent/properties.desired/modules/cam/settings/createOptions/HostConfig/Privileged", p.get("Pointer"));
        assertTrue(((String) p.get("Fingerprint")).matches("[0-9a-f]{32}"));
        assertTrue(((String) p.get("Remediation")).contains("Privileged"));
        @SuppressWarnings("unchecked")
        Map<String, String> extra = (Map<String, String>) p.get("ExtraDetails");
        assertEquals("/HostConfig/Privileged", extra.get("CreateOptionsPointer"));
        assertTrue(e.toJson().contains("\"Name\":\"Recommendation\""));
    }

    @Test
    void analysisServiceRejectsUnparseableTextNamingLineAndColumn() {
        ManifestAnalyzerComponent c = new ManifestAnalyzerComponent(AnalyzerSettings.defaults(), List.of(), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.analyze("{\n \"modulesContent\": [}", "twin"));
        assertTrue(e.getMessage().contains("twin: line 2, column 21"), e.getMessage());
    }

    @Test
    void collectorSendsEachFindingOnceAndAgainAfterItComesBack() throws Exception {
        Path file = tmp.resolve("deployment.json");
        Files.writeString(file, manifest("'Privileged':true"));
        ManifestAnalyzerComponent c = new ManifestAnalyzerComponent(AnalyzerSettings.defaults(), List.of(file.toString()), "");
        List<SecurityEvent> first = c.collect();
        assertEquals(1, byRule(first, "IOTE-001").size());
        assertTrue(c.collect().isEmpty(), "unchanged findings are not re-sent");

        Files.writeString(file, manifest("'Privileged':false"));
        List<SecurityEvent> fixed = c.collect();
        assertTrue(byRule(fixed, "IOTE-001").isEmpty());
        Files.writeString(file, manifest("'Privileged':true"));
        assertEquals(1, byRule(c.collect(), "IOTE-001").size(), "a finding that disappears and comes back is sent again");

        Files.writeString(file, manifest("'Privileged':true,'PidMode':'host'"));
        List<SecurityEvent> changed = c.collect();
        assertEquals(1, changed.size(), "only the new finding: " + changed);
        assertEquals("IOTE-003", changed.get(0).payload().get(0).get("RuleId"));
    }

    @Test
    void parseErrorIsAnOperationalEventAndTheCollectorKeepsRunning() throws Exception {
        Path file = tmp.resolve("deployment.json");
        Files.writeString(file, "{\n  \"modulesContent\": {\n    [\"$spi_dev\"]\n}");
        Path missing = tmp.resolve("missing.json");
        ManifestAnalyzerComponent c = new ManifestAnalyzerComponent(AnalyzerSettings.defaults(), List.of(file.toString(), missing.toString()),
                manifest("'IpcMode':'host'"));
        List<SecurityEvent> events = c.collect();
        List<SecurityEvent> status = events.stream().filter(e -> e.name().equals(EventNames.COLLECTOR_STATUS)).toList();
        assertEquals(2, status.size(), events.toString());
        Map<String, Object> p = status.get(0).payload().get(0);
        assertEquals(EventType.OPERATIONAL, status.get(0).eventType());
        assertEquals("ParseError", p.get("Status"));
        assertEquals(3, p.get("Line"));
        assertEquals(5, p.get("Column"));
        assertTrue(((String) p.get("Message")).contains(file.toString()));
        assertEquals("SourceUnavailable", status.get(1).payload().get(0).get("Status"));
        assertEquals(1, byRule(events, "IOTE-004").size(), "the inline (twin) manifest is still analyzed");
        assertEquals("twin", byRule(events, "IOTE-004").get(0).payload().get(0).get("Source"));
        assertTrue(c.collect().isEmpty(), "an unchanged error is not repeated");
        Files.writeString(file, manifest("'Privileged':true"));
        assertEquals(1, byRule(c.collect(), "IOTE-001").size(), "recovers once the file parses");
    }

    @Test
    void aFileLargerThanTheLimitIsReportedByNameAndLimitAndTheOthersAnalyzed() throws Exception {
        Path large = tmp.resolve("large.json");
        Files.writeString(large, "[" + " ".repeat(8 << 20) + "]");
        ManifestAnalyzerComponent c = new ManifestAnalyzerComponent(AnalyzerSettings.defaults(), List.of(large.toString()),
                manifest("'IpcMode':'host'"));
        List<SecurityEvent> events = c.collect();
        List<SecurityEvent> status = events.stream().filter(e -> e.name().equals(EventNames.COLLECTOR_STATUS)).toList();
        assertEquals(1, status.size(), events.toString());
        Map<String, Object> p = status.get(0).payload().get(0);
        assertEquals("SourceUnavailable", p.get("Status"));
        String message = (String) p.get("Message");
        assertTrue(message.contains(large.toString()) && message.contains("too large: more than 8388608 bytes (8 MiB)"), message);
        assertEquals(1, byRule(events, "IOTE-004").size(), "the inline (twin) manifest is still analyzed");
    }

    @Test
    void metatypeDefaultsGiveTheDefaultSettings() {
        ManifestAnalyzerComponent.Config cfg = (ManifestAnalyzerComponent.Config) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ManifestAnalyzerComponent.Config.class}, (proxy, m, args) -> m.getDefaultValue());
        AnalyzerSettings s = ManifestAnalyzerComponent.settings(cfg);
        AnalyzerSettings d = AnalyzerSettings.defaults();
        assertEquals(d.trustedRegistries(), s.trustedRegistries());
        assertEquals(d.expectedPorts(), s.expectedPorts());
        assertEquals(d.ttlLimitSecs(), s.ttlLimitSecs());
        assertEquals(d.failOn(), s.failOn());
        assertTrue(new ManifestAnalyzerComponent(cfg).collect().isEmpty());
    }
}
