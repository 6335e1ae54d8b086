package io.edgesec.transport.edgehub.internal;

import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.entry;
import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.removal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.config.ConfigurationApplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The desired state moves only forward in {@code $version}: a whole twin read that is older than
 * a patch already applied (the GET answered from before the patch) does not take the patch back,
 * in the configuration nor in the bundles; a patch that is not newer is ignored and counted; one
 * that skips versions is not applied and the whole twin is read again; a document without a
 * version is refused, reported, and disturbs nothing.
 */
class TwinBridgeVersionOrderTest {
    static final String AZURE = ConfigurationApplier.AZURE_SECTION;

    final RecordingApplier applier = new RecordingApplier();
    final FakeBundleManager manager = new FakeBundleManager(Map.of());
    final ReportedView hub = new ReportedView();
    final List<String> refused = new ArrayList<>();
    final AtomicInteger refreshes = new AtomicInteger();
    TwinBridge bridge = bridge(refreshes::incrementAndGet);

    TwinBridge bridge(Runnable refresh) {
        return new TwinBridge(applier, () -> manager, hub, (name, type, message, version) -> {
            synchronized (refused) {
                refused.add(type + ": " + message);
            }
        }, refresh);
    }

    @AfterEach
    void close() {
        bridge.close();
    }

    /** A desired document: the high-priority frequency, and the bundles section. */
    static Map<String, Object> doc(String frequency, Map<String, Object> bundles) {
        Map<String, Object> edgesec = new HashMap<>();
        edgesec.put("bundles", bundles);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(AZURE, Map.of("highPriorityMessageFrequency", Map.of("value", frequency)));
        d.put("edgesec", edgesec);
        return d;
    }

    static Map<String, Object> frequency(String value) {
        return Map.of(AZURE, Map.of("highPriorityMessageFrequency", Map.of("value", value)));
    }

    Map<String, Object> merged() throws InterruptedException {
        return hub.merged(bridge);
    }

    void drain() throws InterruptedException {
        assertTrue(bridge.drain(10_000));
    }

    Object status(String field) throws InterruptedException {
        return hub.status(bridge, field);
    }

    Object reportedFrequency() throws InterruptedException {
        return TwinResponder.path(merged(), AZURE, "highPriorityMessageFrequency", "value");
    }

    Object state(String bsn) throws InterruptedException {
        return hub.state(bridge, bsn);
    }

    @Test
    void anOlderWholeTwinDoesNotTakeBackANewerPatch() throws Exception {
        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        bridge.desiredPatch(frequency("PT2M"), 6);
        bridge.desiredPatch(removal("alpha"), 7);
        assertEquals("PT2M", reportedFrequency());
        assertNull(state("alpha"));
        drain();
        int applied = applier.calls().size();
        int reconciles = manager.calls.size();

        // a reconnect's GET, answered from before the patches
        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        assertEquals("PT2M", reportedFrequency(), "the configuration went back to version 5: " + merged());
        assertNull(state("alpha"), "alpha came back with version 5: " + merged());
        assertEquals(applied, applier.calls().size(), "nothing of the older twin applied");
        assertEquals(reconciles, manager.calls.size(), "nothing of the older twin handed over");
        assertEquals(7, status("desiredVersion"));
        assertEquals("applied", status("result"));
        assertEquals(1L, status("ignoredStale"), "counted in the reported status");
        assertEquals(1, refreshes.get(), "the twin is read again");

        // the read again: as new as the patch, or newer; it replaces
        bridge.connected(doc("PT2M", Map.of("beta", entry("1.0.0"))), 7);
        assertEquals(7, status("desiredVersion"));
        assertEquals("twin", status("source"));
        assertEquals(applied + 1, applier.calls().size());
        bridge.connected(doc("PT3M", Map.of("beta", entry("1.0.0"), "gamma", entry("1.0.0"))), 9);
        assertEquals("PT3M", reportedFrequency());
        assertEquals("ACTIVE", state("gamma"));
        assertEquals(9, status("desiredVersion"));
    }

    @Test
    void anOlderWholeTwinReadTwiceInARowIsARecreatedTwinAndApplies() throws Exception {
        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"))), 40);
        bridge.connected(doc("PT5M", Map.of()), 2);
        assertEquals("PT1M", reportedFrequency());
        assertEquals(1, refreshes.get());
        bridge.connected(doc("PT5M", Map.of()), 2);
        assertEquals("PT5M", reportedFrequency(), "the twin was deleted and added again: its versions began anew");
        assertNull(state("alpha"));
        assertEquals(2, status("desiredVersion"));
        bridge.desiredPatch(frequency("PT6M"), 3);
        assertEquals("PT6M", reportedFrequency(), "patches follow the new numbering");
        assertEquals(1, refreshes.get());
    }

    @Test
    void aPatchNotNewerThanTheAppliedStateIsIgnoredAndCounted() throws Exception {
        bridge.connected(doc("PT1M", Map.of()), 7);
        drain();
        int applied = applier.calls().size();
        bridge.desiredPatch(frequency("PT9M"), 6);
        bridge.desiredPatch(frequency("PT9M"), 7);
        assertEquals("PT1M", reportedFrequency());
        assertEquals(applied, applier.calls().size());
        assertEquals(2L, status("ignoredStale"));
        assertEquals(7, status("desiredVersion"));
        assertEquals("twin", status("source"));
        assertEquals(0, refreshes.get(), "nothing is missing: no need to read the twin");
        bridge.desiredPatch(frequency("PT2M"), 8);
        assertEquals("PT2M", reportedFrequency());
        assertEquals(2L, status("ignoredStale"), "the count stays reported");
    }

    @Test
    void aPatchThatSkipsVersionsIsNotAppliedAndTheWholeTwinIsReadInstead() throws Exception {
        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"))), 5);
        drain();
        int applied = applier.calls().size();
        int reconciles = manager.calls.size();
        // 6 (alpha removed) was sent while the subscription was down; 7 comes
        bridge.desiredPatch(Map.of("edgesec", Map.of("bundles", Map.of("beta", entry("1.0.0")))), 7);
        drain();
        assertEquals(1, refreshes.get());
        assertEquals(applied, applier.calls().size(), "a state that never was (5 and 7 without 6) is not applied");
        assertEquals(reconciles, manager.calls.size());
        assertEquals(1L, status("versionGaps"));
        assertEquals(5, status("desiredVersion"));
        bridge.connected(doc("PT1M", Map.of("beta", entry("1.0.0"))), 7);
        assertEquals(7, status("desiredVersion"));
        assertNull(state("alpha"));
        assertEquals("ACTIVE", state("beta"));
        bridge.desiredPatch(frequency("PT2M"), 8);
        assertEquals("PT2M", reportedFrequency());
        assertEquals(1, refreshes.get());
    }

    @Test
    void withoutAWayToReadTheTwinAgainAGapPatchIsAppliedAsItIs() throws Exception {
        bridge.close();
        bridge = bridge(null);
        bridge.connected(doc("PT1M", Map.of()), 5);
        bridge.desiredPatch(frequency("PT2M"), 9);
        assertEquals("PT2M", reportedFrequency());
        assertEquals(9, status("desiredVersion"));
        assertEquals(1L, status("versionGaps"));
    }

    @Test
    void aDocumentWithoutAVersionIsRefusedAndDisturbsNothing() throws Exception {
        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"))), null);
        assertEquals("rejected", status("result"));
        assertEquals("twin", status("source"));
        assertTrue(String.valueOf(status("errors")).contains("no $version"), String.valueOf(status("errors")));
        assertEquals(0, applier.calls().size());
        assertEquals(0, manager.calls.size());
        assertEquals(1, refused.size(), "a ConfigurationError: " + refused);

        bridge.connected(doc("PT1M", Map.of("alpha", entry("1.0.0"))), 5);
        assertEquals("applied", status("result"));
        assertEquals("ACTIVE", state("alpha"));
        bridge.desiredPatch(removal("alpha"), null);
        assertEquals("rejected", status("result"));
        assertEquals("patch", status("source"));
        assertEquals("ACTIVE", state("alpha"), "not removed by a patch without a version");
        assertEquals(2, refused.size());
        bridge.desiredPatch(frequency("PT2M"), 6);
        assertEquals("applied", status("result"));
        assertEquals(6, status("desiredVersion"));
        assertEquals("PT2M", reportedFrequency());
        assertEquals(0, refreshes.get(), "the versions were not disturbed");
    }
}
