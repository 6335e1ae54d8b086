package io.edgesec.aggregator.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.aggregator.internal.Events;
import io.edgesec.aggregator.internal.TestConfig;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

    @Test
    void defaultsAreTheAzureDefaults() {
        Settings s = TestConfig.settings();
        assertEquals(Duration.ofMinutes(7), s.highFrequency);
        assertEquals(Duration.ofHours(5), s.lowFrequency);
        assertEquals(Duration.ofHours(13), s.snapshotFrequency);
        assertEquals(2_560_000, s.maxCacheBytes);
        assertEquals(204_800, s.maxMessageBytes);
        assertEquals(Priority.HIGH, s.priorities.get("ListeningPorts"));
        assertEquals(Priority.HIGH, s.priorities.get("LocalUsers"));
        assertEquals(Priority.HIGH, s.priorities.get("Login"));
        for (String low : new String[] {"ProcessCreate", "ProcessTerminate", "ConnectionCreate", "FirewallConfiguration",
            "OSBaseline", "SystemInformation", "Diagnostic", "ConnectedHardware"}) {
            assertEquals(Priority.LOW, s.priorities.get(low), low);
        }
        assertTrue(s.operationalOff.isEmpty());
        assertEquals(Map.of("ProcessCreate", Duration.ofHours(1), "ConnectionCreate", Duration.ofHours(1),
                "ProcessTerminate", Duration.ofHours(1)), s.aggregationIntervals);
        assertEquals("", s.hubResourceId);
        assertFalse(s.legacyAggregatedCategory);
        assertEquals(TestConfig.AGENT_ID, s.agentId);
    }

    /** The published twin defaults file agrees with the annotation defaults, key by key. */
    @Test
    void defaultsMatchThePublishedTwinDefaults() throws Exception {
        Path file = Path.of("../shared/reference/schemas/azure-security-twin/azureiotsecurity_default.json"); // the repository copy
        Map<String, Object> azure = twinDefaults(file);
        AggregatorConfig d = ConfigDefaults.of(AggregatorConfig.class);
        for (Map.Entry<String, Object> e : azure.entrySet()) {
            Object expected = ((Map<?, ?>) e.getValue()).get("value");
            Object actual = AggregatorConfig.class.getMethod(e.getKey()).invoke(d);
            if (expected instanceof Long l) {
                expected = l.intValue();
            }
            assertEquals(expected, actual, e.getKey());
        }
        assertEquals(25, azure.size());
    }

    private static Map<String, Object> twinDefaults(Path file) throws Exception {
        String text;
        if (Files.exists(file)) {
            text = Files.readString(file);
        } else {
            // the reference is outside the repository; keep this copy of its values in step
            text = "{\"properties\":{\"desired\":{\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\":{"
                    + "\"highPriorityMessageFrequency\":{\"value\":\"PT7M\"},\"lowPriorityMessageFrequency\":{\"value\":\"PT5H\"},"
                    + "\"snapshotFrequency\":{\"value\":\"PT13H\"},\"maxLocalCacheSizeInBytes\":{\"value\":2560000},"
                    + "\"maxMessageSizeInBytes\":{\"value\":204800},\"eventPriorityConnectedHardware\":{\"value\":\"Low\"},"
                    + "\"eventPriorityListeningPorts\":{\"value\":\"High\"},\"eventPriorityProcessCreate\":{\"value\":\"Low\"},"
                    + "\"eventPriorityProcessTerminate\":{\"value\":\"Low\"},\"eventPrioritySystemInformation\":{\"value\":\"Low\"},"
                    + "\"eventPriorityLocalUsers\":{\"value\":\"High\"},\"eventPriorityLogin\":{\"value\":\"High\"},"
                    + "\"eventPriorityConnectionCreate\":{\"value\":\"Low\"},\"eventPriorityFirewallConfiguration\":{\"value\":\"Low\"},"
                    + "\"eventPriorityOSBaseline\":{\"value\":\"Low\"},\"eventPriorityDiagnostic\":{\"value\":\"Low\"},"
                    + "\"eventPriorityConfigurationError\":{\"value\":\"Low\"},\"eventPriorityDroppedEventsStatistics\":{\"value\":\"Low\"},"
                    + "\"eventPriorityMessageStatistics\":{\"value\":\"Low\"},\"aggregationEnabledProcessCreate\":{\"value\":true},"
                    + "\"aggregationIntervalProcessCreate\":{\"value\":\"PT1H\"},\"aggregationEnabledConnectionCreate\":{\"value\":true},"
                    + "\"aggregationIntervalConnectionCreate\":{\"value\":\"PT1H\"},\"aggregationEnabledProcessTerminate\":{\"value\":true},"
                    + "\"aggregationIntervalProcessTerminate\":{\"value\":\"PT1H\"}}}}}";
        }
        Map<String, Object> doc = JsonDocuments.object(text);
        @SuppressWarnings("unchecked")
        Map<String, Object> azure = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) doc.get("properties")).get("desired"))
                .get("ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration");
        return azure;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "highPriorityMessageFrequency|7 minutes|",
        "highPriorityMessageFrequency|PT0S|positive",
        "highPriorityMessageFrequency|-PT1M|positive",
        "highPriorityMessageFrequency||",
        "lowPriorityMessageFrequency|P|",
        "snapshotFrequency|13h|",
        "aggregationIntervalProcessCreate|PT-5M|positive",
        "aggregationIntervalConnectionCreate|x|",
        "aggregationIntervalProcessTerminate|1|",
        "collectorTimeout|PT|",
        "shutdownFlushTimeout|soon|",
        "sendTimeout|PT0S|positive",
        "eventPriorityListeningPorts|Medium|priority",
        "eventPriorityLocalUsers||priority",
        "eventPriorityLogin|1|priority",
        "eventPriorityProcessCreate|Hi|priority",
        "eventPriorityProcessTerminate|x|priority",
        "eventPriorityConnectionCreate|x|priority",
        "eventPriorityFirewallConfiguration|x|priority",
        "eventPriorityOSBaseline|x|priority",
        "eventPrioritySystemInformation|x|priority",
        "eventPriorityDiagnostic|x|priority",
        "eventPriorityConnectedHardware|x|priority",
        "eventPriorityConfigurationError|x|priority",
        "eventPriorityDroppedEventsStatistics|x|priority",
        "eventPriorityMessageStatistics|x|priority",
        "agentId|not-a-guid|GUID",
        "agentId|1-2-3-4-5|GUID",
    })
    void badStringValuesAreRejectedNamingTheKey(String key, String value, String hint) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Settings(TestConfig.with(key, value == null ? "" : value)));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        if (hint != null) {
            assertTrue(e.getMessage().contains(hint), e.getMessage());
        }
    }

    @Test
    void nullValuesAreRejectedNamingTheKeyNotWithANullPointer() {
        for (String key : new String[] {"highPriorityMessageFrequency", "snapshotFrequency", "collectorTimeout",
            "eventPriorityLogin"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Settings(TestConfig.with(key, null)));
            assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "maxLocalCacheSizeInBytes|8191",
        "maxLocalCacheSizeInBytes|-1",
        "maxMessageSizeInBytes|8191",
        "maxMessageSizeInBytes|262145",
        "maxMessageSizeInBytes|0",
        "collectorRatePerSecond|0",
        "collectorBurst|0",
    })
    void badNumbersAreRejectedNamingTheKey(String key, int value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Settings(TestConfig.with(key, value)));
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(Integer.toString(value)), e.getMessage());
    }

    @Test
    void boundaryValuesAreAccepted() {
        Settings s = TestConfig.settings("maxLocalCacheSizeInBytes", 8192, "maxMessageSizeInBytes", 262144);
        assertEquals(8192, s.maxCacheBytes);
        assertEquals(262144, s.maxMessageBytes);
        assertEquals(8192, TestConfig.settings("maxMessageSizeInBytes", 8192).maxMessageBytes);
        assertEquals(Duration.ofDays(1), TestConfig.settings("snapshotFrequency", " P1D ").snapshotFrequency);
        assertEquals(Priority.OFF, TestConfig.settings("eventPriorityLogin", "oFF").priorities.get("Login"));
        assertEquals("12345678-1234-1234-1234-123456789abc",
                TestConfig.settings("agentId", "12345678-1234-1234-1234-123456789ABC").agentId);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {"=High|=High", "NoEquals|NoEquals", "Alert=Urgent|Alert"})
    void badEventPrioritiesEntriesAreRejected(String entry, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Settings(TestConfig.with("eventPriorities", new String[] {"Recommendation=Low", entry})));
        assertTrue(e.getMessage().startsWith("eventPriorities"), e.getMessage());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void eventPrioritiesNameExtensionKinds() {
        Settings s = TestConfig.settings("eventPriorities", new String[] {" ContainerEvent = High", "Alert=Off"});
        assertEquals(Priority.HIGH, s.priorities.get("ContainerEvent"));
        assertEquals(Priority.OFF, s.priorities.get("Alert"));
        assertEquals(QueueKind.HIGH, s.queueFor(Events.containerEvent("start")));
    }

    @Test
    void aggregationDisabledRemovesTheInterval() {
        Settings s = TestConfig.settings("aggregationEnabledProcessCreate", false, "aggregationIntervalProcessCreate", "bad");
        assertFalse(s.aggregationIntervals.containsKey("ProcessCreate"), "a disabled kind's interval is not even read");
        assertTrue(s.aggregationIntervals.containsKey("ConnectionCreate"));
    }

    @Test
    void blankAgentIdIsDerivedStably() {
        Settings a = new Settings(TestConfig.with("agentId", ""));
        Settings b = new Settings(TestConfig.with("agentId", "  "));
        assertEquals(a.agentId, b.agentId);
        assertEquals(36, a.agentId.length());
        UUID.fromString(a.agentId);
    }

    @Test
    void queueRouting() {
        Settings s = TestConfig.settings("eventPriorityProcessCreate", "Off", "eventPriorityMessageStatistics", "Off");
        assertNull(s.queueFor(Events.processCreate("x")));
        assertEquals(QueueKind.HIGH, s.queueFor(Events.listeningPorts()));
        SecurityEvent stats = SecurityEvent.builder(EventNames.MESSAGE_STATISTICS).type(EventType.OPERATIONAL)
                .category(EventCategory.PERIODIC).build();
        assertNull(s.queueFor(stats));
        SecurityEvent dropped = SecurityEvent.builder(EventNames.DROPPED_EVENTS_STATISTICS).type(EventType.OPERATIONAL)
                .category(EventCategory.PERIODIC).build();
        assertEquals(QueueKind.OPERATIONAL, s.queueFor(dropped));
        // unnamed kinds: the collector's hint, else Low
        SecurityEvent hinted = SecurityEvent.builder("SomethingNew").priorityHint(Priority.HIGH).payload(Map.of("a", 1)).build();
        assertEquals(QueueKind.HIGH, s.queueFor(hinted));
        SecurityEvent plain = SecurityEvent.builder("SomethingNew").payload(Map.of("a", 1)).build();
        assertEquals(QueueKind.LOW, s.queueFor(plain));
        // collector reports ride the operational queue even when Diagnostic is Off
        Settings diagOff = TestConfig.settings("eventPriorityDiagnostic", "Off");
        assertEquals(QueueKind.OPERATIONAL, diagOff.queueFor(WireSchema.asDiagnostic(Events.collectorStatus("c", "Error", "m"))));
        SecurityEvent diagnostic = SecurityEvent.builder(EventNames.DIAGNOSTIC).type(EventType.DIAGNOSTIC)
                .payload(Map.of("Severity", "Warning", "Message", "m", "ProcessId", 1, "ThreadId", 1)).build();
        assertNull(diagOff.queueFor(diagnostic));
    }

    @Test
    void configurationChecksAsTheAzureAgents() {
        assertTrue(ConfigurationChecks.check(TestConfig.settings(), Instant.now()).isEmpty(), "nothing when all is fine");
        List<SecurityEvent> errors = ConfigurationChecks.check(TestConfig.settings("maxMessageSizeInBytes", 10_000,
                "maxLocalCacheSizeInBytes", 9_000, "highPriorityMessageFrequency", "PT6H"), Instant.now());
        assertEquals(3, errors.size());
        assertEquals("NotOptimal", errors.get(0).payload().get(0).get("ErrorType"));
        assertEquals("maxMessageSizeInBytes", errors.get(0).payload().get(0).get("ConfigurationName"));
        assertEquals("Conflict", errors.get(1).payload().get(0).get("ErrorType"));
        assertEquals("maxLocalCacheSizeInBytes", errors.get(1).payload().get(0).get("ConfigurationName"));
        assertEquals("Conflict", errors.get(2).payload().get(0).get("ErrorType"));
        assertEquals("highPriorityMessageFrequency", errors.get(2).payload().get(0).get("ConfigurationName"));
        assertEquals("PT6H", errors.get(2).payload().get(0).get("UsedConfiguration"));
    }
}
