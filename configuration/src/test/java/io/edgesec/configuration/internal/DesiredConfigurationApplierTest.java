package io.edgesec.configuration.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.config.ApplyResult;
import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocuments;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

class DesiredConfigurationApplierTest {
    private static final String AZURE = ConfigurationApplier.AZURE_SECTION;
    private static final String AGG = "io.edgesec.aggregator";
    private static final String PROC = "io.edgesec.collector.process";
    private static final String HUB = "io.edgesec.transport.edgehub";
    private InMemoryOsgi osgi;
    private DesiredConfigurationApplier applier;

    @BeforeEach
    void setUp() {
        osgi = new InMemoryOsgi();
        osgi.metatypes.put(AGG, List.of(
                new TestAttribute("highPriorityMessageFrequency", AttributeDefinition.STRING, "PT7M"),
                new TestAttribute("lowPriorityMessageFrequency", AttributeDefinition.STRING, "PT5H"),
                new TestAttribute("maxMessageSizeInBytes", AttributeDefinition.INTEGER, "204800").min("8192").max("262144"),
                new TestAttribute("maxLocalCacheSizeInBytes", AttributeDefinition.INTEGER, "2560000").min("8192"),
                new TestAttribute("eventPriorityLogin", AttributeDefinition.STRING, "High"),
                new TestAttribute("aggregationEnabledProcessCreate", AttributeDefinition.BOOLEAN, "true"),
                new TestAttribute("hubResourceId", AttributeDefinition.STRING, ""),
                new TestAttribute("eventPriorities", AttributeDefinition.STRING, "Alert=High", "Recommendation=Low")
                        .cardinality(Integer.MAX_VALUE),
                new TestAttribute("agentId", AttributeDefinition.STRING, "")));
        osgi.metatypes.put(PROC, List.of(
                new TestAttribute("procRoot", AttributeDefinition.STRING, "/proc"),
                new TestAttribute("reportCreate", AttributeDefinition.BOOLEAN, "true"),
                new TestAttribute("edgesec.collector.period", AttributeDefinition.STRING, "PT5S")));
        osgi.metatypes.put(HUB, List.of(
                new TestAttribute("connectionString", AttributeDefinition.PASSWORD, ""),
                new TestAttribute("proxyPasswords", AttributeDefinition.PASSWORD).cardinality(5).noDefault(),
                new TestAttribute("protocol", AttributeDefinition.STRING, "MQTT")));
        applier = new DesiredConfigurationApplier(osgi.context(), osgi.configAdmin(), osgi.metaType());
    }

    private ApplyResult apply(String json) throws Exception {
        return applier.apply(JsonDocuments.object(json), "test");
    }

    private Object stored(String pid, String key) {
        return osgi.store.get(pid) == null ? null : osgi.store.get(pid).get(key);
    }

    @Test
    void azureSectionWithValueWrappersAndBareValues() throws Exception {
        ApplyResult r = apply("{\"" + AZURE + "\": {"
                + "\"highPriorityMessageFrequency\": {\"value\": \"PT1M\"},"
                + "\"maxMessageSizeInBytes\": {\"value\": 65536},"
                + "\"eventPriorityLogin\": \"Low\","
                + "\"aggregationEnabledProcessCreate\": false}}");
        assertTrue(r.ok(), r.errors().toString());
        assertEquals("PT1M", stored(AGG, "highPriorityMessageFrequency"));
        assertEquals(65536, stored(AGG, "maxMessageSizeInBytes"));
        assertEquals("Low", stored(AGG, "eventPriorityLogin"));
        assertEquals(false, stored(AGG, "aggregationEnabledProcessCreate"));
        // everything else at its metatype default, in its type
        assertEquals("PT5H", stored(AGG, "lowPriorityMessageFrequency"));
        assertEquals(2560000, stored(AGG, "maxLocalCacheSizeInBytes"));
        assertArrayEquals(new String[] {"Alert=High", "Recommendation=Low"}, (String[]) stored(AGG, "eventPriorities"));
        assertEquals(Set.of(AGG), r.applied().keySet());
    }

    @Test
    void nullMeansBackToTheDefault() throws Exception {
        assertTrue(apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": {\"value\": 65536}, \"hubResourceId\": \"/sub/x\"}}").ok());
        ApplyResult r = apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": {\"value\": null}, \"hubResourceId\": null}}");
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(204800, stored(AGG, "maxMessageSizeInBytes"));
        assertEquals("", stored(AGG, "hubResourceId"));
        // null in the edgesec section is the default too
        assertTrue(apply("{\"edgesec\": {\"" + AGG + "\": {\"agentId\": \"9c647395-b913-4997-a732-a7fe7303b649\"}}}").ok());
        assertTrue(apply("{\"edgesec\": {\"" + AGG + "\": {\"agentId\": null}}}").ok());
        assertEquals("", stored(AGG, "agentId"));
    }

    @Test
    void laterDocumentsMergeOverTheCurrentConfiguration() throws Exception {
        assertTrue(apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 65536}}").ok());
        assertTrue(apply("{\"" + AZURE + "\": {\"eventPriorityLogin\": \"Off\"}}").ok());
        assertEquals(65536, stored(AGG, "maxMessageSizeInBytes"), "not reset by a document that does not name it");
        assertEquals("Off", stored(AGG, "eventPriorityLogin"));
    }

    @Test
    void unchangedConfigurationIsNotUpdatedAgain() throws Exception {
        assertTrue(apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 65536}}").ok());
        int updates = osgi.updates;
        ApplyResult again = apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": {\"value\": 65536}}}");
        assertTrue(again.ok());
        assertTrue(again.applied().isEmpty());
        assertEquals(updates, osgi.updates);
    }

    @Test
    void unknownKeysAreRejectedAndNothingChanges() throws Exception {
        assertTrue(apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 65536}}").ok());
        int updates = osgi.updates;
        ApplyResult r = apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 32768, \"eventPriorityFoo\": \"High\"},"
                + "\"edgesec\": {\"" + PROC + "\": {\"procRoot\": \"/host/proc\", \"colour\": \"red\"},"
                + "\"io.edgesec.nobody\": {\"x\": 1}}}");
        assertFalse(r.ok());
        assertEquals(updates, osgi.updates, "all or nothing");
        assertEquals(65536, stored(AGG, "maxMessageSizeInBytes"));
        assertNull(osgi.store.get(PROC));
        assertTrue(r.errors().contains(AZURE + "/eventPriorityFoo: unknown setting"), r.errors().toString());
        assertTrue(r.errors().contains(PROC + "/colour: unknown setting"), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith("io.edgesec.nobody: ")), r.errors().toString());
        assertEquals(3, r.errors().size());
    }

    @Test
    void anAzureKeyTheMetatypeLacksIsAnError() throws Exception {
        // a real Azure key (in the twin schema) that this aggregator version does not declare
        ApplyResult r = apply("{\"" + AZURE + "\": {\"eventPriorityOSBaseline\": \"Low\"}}");
        assertEquals(List.of(AGG + "/eventPriorityOSBaseline: unknown setting"), r.errors());
    }

    @Test
    void badValuesAreNamedWithTheirKey() throws Exception {
        ApplyResult r = apply("{\"" + AZURE + "\": {"
                + "\"maxMessageSizeInBytes\": 4096,"
                + "\"highPriorityMessageFrequency\": \"7m\","
                + "\"eventPriorityLogin\": {\"value\": \"Urgent\"},"
                + "\"aggregationEnabledProcessCreate\": \"maybe\","
                + "\"lowPriorityMessageFrequency\": {\"val\": \"PT1H\"}}}");
        assertFalse(r.ok());
        List<String> e = r.errors();
        assertEquals(5, e.size(), e.toString());
        assertTrue(e.stream().anyMatch(x -> x.startsWith(AGG + "/maxMessageSizeInBytes: ") && x.contains("minimum 8192")), e.toString());
        assertTrue(e.stream().anyMatch(x -> x.startsWith(AGG + "/highPriorityMessageFrequency: ") && x.contains("ISO-8601")));
        assertTrue(e.stream().anyMatch(x -> x.startsWith(AGG + "/eventPriorityLogin: ") && x.contains("priority")));
        assertTrue(e.stream().anyMatch(x -> x.startsWith(AGG + "/aggregationEnabledProcessCreate: ")));
        assertTrue(e.contains(AZURE + "/lowPriorityMessageFrequency: expected {\"value\": ...}"), e.toString());
        assertTrue(osgi.store.isEmpty());
    }

    @Test
    void twinMetadataAndOtherSectionsAreIgnored() throws Exception {
        ApplyResult r = apply("{\"$version\": 12, \"$metadata\": {\"$lastUpdated\": \"2026-01-01T00:00:00Z\"},"
                + "\"otherModuleSetting\": {\"x\": 1},"
                + "\"" + AZURE + "\": {\"$version\": 3, \"maxMessageSizeInBytes\": 16384},"
                + "\"edgesec\": {\"$version\": 4, \"bundles\": {\"x\": \"y\"}, \"" + PROC + "\": {\"procRoot\": \"/host/proc\"}}}");
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(16384, stored(AGG, "maxMessageSizeInBytes"));
        assertEquals("/host/proc", stored(PROC, "procRoot"));
        assertEquals(true, stored(PROC, "reportCreate"));
        assertEquals(Set.of(AGG, PROC), r.applied().keySet());
    }

    @Test
    void sectionsOfTheWrongShape() throws Exception {
        assertEquals(List.of(AZURE + ": expected an object"), apply("{\"" + AZURE + "\": [1]}").errors());
        assertEquals(List.of("edgesec: expected an object of PID to properties"), apply("{\"edgesec\": \"x\"}").errors());
        assertEquals(List.of("edgesec/" + PROC + ": expected an object of properties"),
                apply("{\"edgesec\": {\"" + PROC + "\": 5}}").errors());
        assertTrue(apply("{\"" + AZURE + "\": null, \"edgesec\": null}").ok(), "a removed section leaves things as they are");
        assertTrue(osgi.store.isEmpty());
    }

    @Test
    void edgesecSectionConvertsToTheDeclaredTypes() throws Exception {
        ApplyResult r = apply("{\"edgesec\": {\"" + AGG + "\": {\"eventPriorities\": [\"ContainerEvent=High\"],"
                + "\"maxLocalCacheSizeInBytes\": 100000}, \"" + PROC + "\": {\"reportCreate\": false,"
                + "\"edgesec.collector.period\": \"PT10S\"}}}");
        assertTrue(r.ok(), r.errors().toString());
        assertArrayEquals(new String[] {"ContainerEvent=High"}, (String[]) stored(AGG, "eventPriorities"));
        assertEquals(100000, stored(AGG, "maxLocalCacheSizeInBytes"));
        assertEquals(false, stored(PROC, "reportCreate"));
        assertEquals("PT10S", stored(PROC, "edgesec.collector.period"));
        ApplyResult bad = apply("{\"edgesec\": {\"" + PROC + "\": {\"edgesec.collector.period\": \"often\"}}}");
        assertEquals(1, bad.errors().size());
        assertTrue(bad.errors().get(0).startsWith(PROC + "/edgesec.collector.period: "));
    }

    @Test
    void rejectionsAreReportedAsConfigurationErrorEvents() throws Exception {
        apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 1}}"); // before the aggregator took the collector
        List<SecurityEvent> got = new ArrayList<>();
        applier.open(e -> got.add(e));
        assertEquals(1, got.size(), "pending errors are delivered on open");
        apply("{\"" + AZURE + "\": {\"nope\": 1}}");
        assertEquals(2, got.size());
        for (SecurityEvent e : got) {
            assertEquals("ConfigurationError", e.name());
            assertEquals("Operational", e.eventType().wireName());
            Map<String, Object> p = e.payload().get(0);
            assertEquals("TypeMismatch", p.get("ErrorType"));
            assertTrue(p.get("UsedConfiguration") instanceof String);
        }
        assertEquals(AGG + "/maxMessageSizeInBytes", got.get(0).payload().get(0).get("ConfigurationName"));
        assertEquals(AZURE + "/nope", got.get(1).payload().get(0).get("ConfigurationName"));
        assertEquals("unknown setting", got.get(1).payload().get(0).get("Message"));
        applier.close();
        apply("{\"" + AZURE + "\": {\"nope\": 1}}");
        assertEquals(2, got.size());
    }

    @Test
    void effectiveIsTwinShaped() throws Exception {
        assertTrue(apply("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 65536},"
                + "\"edgesec\": {\"" + PROC + "\": {\"procRoot\": \"/host/proc\"}}}").ok());
        Map<String, Object> eff = applier.effective();
        Map<?, ?> azure = (Map<?, ?>) eff.get(AZURE);
        assertEquals(Map.of("value", 65536), azure.get("maxMessageSizeInBytes"));
        assertEquals(Map.of("value", "PT7M"), azure.get("highPriorityMessageFrequency"));
        assertFalse(azure.containsKey("eventPriorities"), "edgesec keys are not in the Azure section");
        Map<?, ?> edgesec = (Map<?, ?>) eff.get("edgesec");
        Map<?, ?> proc = (Map<?, ?>) edgesec.get(PROC);
        assertEquals("/host/proc", proc.get("procRoot"));
        assertFalse(proc.containsKey("service.pid"));
        Map<?, ?> agg = (Map<?, ?>) edgesec.get(AGG);
        assertEquals(List.of("Alert=High", "Recommendation=Low"), agg.get("eventPriorities"));
        assertFalse(agg.containsKey("maxMessageSizeInBytes"));
        // the effective document applies as is (what reported properties look like)
        assertTrue(applier.apply(eff, "reported").ok());
    }

    @Test
    void passwordAttributesAreNeverReported() throws Exception {
        // not set: nothing to hide, the empty default is shown as it is
        assertTrue(apply("{\"edgesec\": {\"" + HUB + "\": {\"protocol\": \"AMQPS\"}}}").ok());
        Map<?, ?> hub = (Map<?, ?>) ((Map<?, ?>) applier.effective().get("edgesec")).get(HUB);
        assertEquals("", hub.get("connectionString"));
        assertTrue(hub.get("proxyPasswords") == null || List.of().equals(hub.get("proxyPasswords")), String.valueOf(hub));

        String secret = "HostName=h;DeviceId=d;SharedAccessKey=c2VjcmV0LWtleS1vZi10aGUtZGV2aWNl";
        assertTrue(apply("{\"edgesec\": {\"" + HUB + "\": {\"connectionString\": \"" + secret + "\","
                + "\"proxyPasswords\": [\"hunter2\", \"\"]}}}").ok());
        assertEquals(secret, stored(HUB, "connectionString"), "stored for the component");
        Map<String, Object> eff = applier.effective();
        hub = (Map<?, ?>) ((Map<?, ?>) eff.get("edgesec")).get(HUB);
        assertEquals(DesiredConfigurationApplier.NOT_REPORTED, hub.get("connectionString"));
        assertEquals(DesiredConfigurationApplier.NOT_REPORTED, hub.get("proxyPasswords"));
        assertEquals("AMQPS", hub.get("protocol"), "other attributes of the same PID are reported");
        String text = io.edgesec.support.json.JsonText.write(eff);
        assertFalse(text.contains("SharedAccessKey") || text.contains("hunter2"), text);

        // the reported document applied back (a desired copied from reported) keeps the secrets
        assertTrue(applier.apply(eff, "reported").ok());
        assertEquals(secret, stored(HUB, "connectionString"));
        assertArrayEquals(new String[] {"hunter2", ""}, (String[]) stored(HUB, "proxyPasswords"));
        // a real new value still replaces it; null restores the default
        assertTrue(apply("{\"edgesec\": {\"" + HUB + "\": {\"connectionString\": \"HostName=other\"}}}").ok());
        assertEquals("HostName=other", stored(HUB, "connectionString"));
        assertTrue(apply("{\"edgesec\": {\"" + HUB + "\": {\"connectionString\": null}}}").ok());
        assertEquals("", stored(HUB, "connectionString"));
    }

    // ---- device policy, limits, bounded reports (issue 14) ----

    private static final String BUNDLES = "io.edgesec.bundles";

    private void bundlesMetatype() {
        osgi.metatypes.put(BUNDLES, List.of(
                new TestAttribute("allowedSources", AttributeDefinition.STRING, "").cardinality(100),
                new TestAttribute("dataDir", AttributeDefinition.STRING, ""),
                new TestAttribute("downloadTimeout", AttributeDefinition.STRING, "PT2M")));
    }

    @Test
    void theTwinCannotChangeDevicePolicyButTheLocalConfigurationCan() throws Exception {
        bundlesMetatype();
        // local configuration (any source but the twin) sets the policy
        assertTrue(apply("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": [\"file:/opt/bundles/\"]}}}").ok());
        int updates = osgi.updates;
        ApplyResult r = applier.apply(JsonDocuments.object("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": [\"file:/\"]},"
                + "\"" + PROC + "\": {\"procRoot\": \"/\", \"reportCreate\": false}}}"), DesiredConfigurationApplier.REMOTE_SOURCE);
        assertFalse(r.ok());
        assertEquals(updates, osgi.updates, "all or nothing: reportCreate is not applied either");
        assertTrue(r.errors().contains(BUNDLES + "/allowedSources: device policy: set only in the device's local configuration, "
                + "never by the twin (io.edgesec.policy/localOnly)"), r.errors().toString());
        assertTrue(r.errors().stream().anyMatch(e -> e.startsWith(PROC + "/procRoot: device policy")), r.errors().toString());
        assertEquals(2, r.errors().size(), r.errors().toString());
        assertArrayEquals(new String[] {"file:/opt/bundles/"}, (String[]) stored(BUNDLES, "allowedSources"));
        // the policy PID itself, whatever it is set to
        r = applier.apply(JsonDocuments.object("{\"edgesec\": {\"io.edgesec.policy\": {\"localOnly\": []}}}"), "twin");
        assertFalse(r.ok());
        // the same value (a desired document copied from the reported one) is no change, and applies
        r = applier.apply(JsonDocuments.object("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": [\"file:/opt/bundles/\"]},"
                + "\"" + PROC + "\": {\"reportCreate\": false}}}"), "twin");
        assertTrue(r.ok(), r.errors().toString());
        assertEquals(false, stored(PROC, "reportCreate"));
        // null from the twin on a policy setting is no opinion (the twin writer taking a rejected
        // setting out of the desired document), not "back to the default"
        r = applier.apply(JsonDocuments.object("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": null}}}"), "twin");
        assertTrue(r.ok(), r.errors().toString());
        assertArrayEquals(new String[] {"file:/opt/bundles/"}, (String[]) stored(BUNDLES, "allowedSources"));
        // locally, null still means the default
        assertTrue(apply("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": null}}}").ok());
        assertArrayEquals(new String[0], (String[]) stored(BUNDLES, "allowedSources"));
    }

    @Test
    void aLocalPolicyNarrowsWhichPidsTheTwinMayConfigure() throws Exception {
        DesiredConfigurationApplier narrow = new DesiredConfigurationApplier(osgi.context(), osgi.configAdmin(), osgi.metaType());
        narrow.modified(configOf(new String[] {"io.edgesec.aggregator"}, new String[0]));
        ApplyResult r = narrow.apply(JsonDocuments.object("{\"edgesec\": {\"" + PROC + "\": {\"reportCreate\": false}}}"), "twin");
        assertEquals(List.of(PROC + "/reportCreate: device policy: the twin may not configure " + PROC + " (io.edgesec.policy/twinPids)"),
                r.errors());
        assertTrue(narrow.apply(JsonDocuments.object("{\"" + AZURE + "\": {\"maxMessageSizeInBytes\": 16384}}"), "twin").ok());
    }

    private static DevicePolicyConfig configOf(String[] twinPids, String[] localOnly) {
        return (DevicePolicyConfig) java.lang.reflect.Proxy.newProxyInstance(DevicePolicyConfig.class.getClassLoader(),
                new Class<?>[] {DevicePolicyConfig.class}, (p, m, a) -> switch (m.getName()) {
                    case "twinPids" -> twinPids;
                    case "localOnly" -> localOnly;
                    default -> null;
                });
    }

    @Test
    void everyStringHasALengthLimitAndRejectedValuesAreNotEchoedWhole() throws Exception {
        String huge = "x".repeat(1_000_000);
        ApplyResult r = applier.apply(JsonDocuments.object("{\"" + AZURE + "\": {\"hubResourceId\": \"" + huge + "\"}}"), "twin");
        assertEquals(1, r.errors().size());
        String e = r.errors().get(0);
        assertTrue(e.startsWith(AGG + "/hubResourceId: a value of 1000000 characters is longer than the limit of 32768"), e);
        assertTrue(e.length() < 400, "echoed at length " + e.length());
        // a declared metatype max (for strings: a length) holds below the general limit
        osgi.metatypes.put(AGG, List.of(new TestAttribute("hubResourceId", AttributeDefinition.STRING, "").max("1024")));
        r = applier.apply(JsonDocuments.object("{\"" + AZURE + "\": {\"hubResourceId\": \"" + "y".repeat(1025) + "\"}}"), "twin");
        assertFalse(r.ok());
        assertTrue(r.errors().get(0).contains("1025 characters") && r.errors().get(0).length() < 400, r.errors().toString());
        assertTrue(apply("{\"" + AZURE + "\": {\"hubResourceId\": \"" + "y".repeat(1024) + "\"}}").ok());
    }

    @Test
    void manyErrorsMakeOneConfigurationErrorWithTheirCountAndTheFirstFew() throws Exception {
        List<SecurityEvent> got = new ArrayList<>();
        applier.open(got::add);
        StringBuilder doc = new StringBuilder("{\"edgesec\": {\"" + PROC + "\": {");
        for (int i = 0; i < 10_000; i++) {
            doc.append(i > 0 ? "," : "").append("\"unknown").append(i).append("\": ").append(i);
        }
        doc.append("}}}");
        ApplyResult r = applier.apply(JsonDocuments.object(doc.toString()), "twin");
        assertEquals(10_000, r.errors().size());
        assertEquals(1, got.size(), "one event for one rejected document");
        Map<String, Object> p = got.get(0).payload().get(0);
        assertEquals(PROC + "/unknown0 and 9999 more", p.get("ConfigurationName"));
        String message = String.valueOf(p.get("Message"));
        assertTrue(message.endsWith("(10000 errors in all)") && message.contains(PROC + "/unknown4: unknown setting")
                && !message.contains("unknown5:"), message);
    }

    @Test
    void anEmptyListDefaultIsNoItemsNotOneEmptyString() throws Exception {
        bundlesMetatype();
        assertTrue(apply("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": [\"file:/opt/b/\"]}}}").ok());
        assertTrue(apply("{\"edgesec\": {\"" + BUNDLES + "\": {\"allowedSources\": null}}}").ok());
        assertArrayEquals(new String[0], (String[]) stored(BUNDLES, "allowedSources"));
        Map<?, ?> reported = (Map<?, ?>) ((Map<?, ?>) applier.effective().get("edgesec")).get(BUNDLES);
        assertEquals(List.of(), reported.get("allowedSources"));
    }

    @Test
    void effectiveReportsEveryDeclaredConfigurationAlsoUnconfiguredOnes() {
        Map<?, ?> edgesec = (Map<?, ?>) applier.effective().get("edgesec");
        Map<?, ?> proc = (Map<?, ?>) edgesec.get(PROC);
        assertEquals("/proc", proc.get("procRoot"), "a collector on its defaults is reported too: " + edgesec);
        assertEquals("PT5S", proc.get("edgesec.collector.period"));
    }
}
