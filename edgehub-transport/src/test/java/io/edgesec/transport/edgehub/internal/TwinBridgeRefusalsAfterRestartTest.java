package io.edgesec.transport.edgehub.internal;

import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.bundles;
import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgesec.api.bundles.BundleManagement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A new bundle manager instance (its bundle restarted or updated, its configuration changed)
 * knows what it installed (persisted), but its refusals lived in the old instance's memory. The
 * bridge hands every new instance the desired bundles section, so it derives them again and they
 * stay in the reported properties; before, the next report deleted them.
 */
class TwinBridgeRefusalsAfterRestartTest {
    static final String BAD = "b".repeat(64);

    final AtomicReference<BundleManagement> service = new AtomicReference<>();
    final ReportedView hub = new ReportedView();
    final TwinBridge bridge = new TwinBridge(new RecordingApplier(), service::get, hub);

    @AfterEach
    void close() {
        bridge.close();
    }

    Map<String, Object> merged() throws InterruptedException {
        return hub.merged(bridge);
    }

    Object state(String bsn) throws InterruptedException {
        return hub.state(bridge, bsn);
    }

    static Map<String, Object> section() {
        Map<String, Object> bad = new LinkedHashMap<>(entry("1.0.0"));
        bad.put("sha256", BAD);
        return bundles(Map.of("alpha", entry("1.0.0"), "tampered", bad));
    }

    static Map<String, Object> configPatch() {
        return Map.of("edgesec", Map.of("io%2Eedgesec%2Ex", Map.of("a", "b")));
    }

    void arrive(BundleManagement m) {
        service.set(m);
        bridge.bundleManagementArrived();
    }

    @Test
    void aRestartedManagerStillReportsTheRefusals() throws Exception {
        FakeBundleManager first = new FakeBundleManager(Map.of(), BAD);
        arrive(first);
        bridge.connected(section(), 5);
        assertEquals("REFUSED", state("tampered"));
        assertEquals("ACTIVE", state("alpha"));

        service.set(null); // the bundle-manager bundle restarts: nothing desired changes meanwhile
        FakeBundleManager second = new FakeBundleManager(first.installed, BAD);
        arrive(second);
        bridge.desiredPatch(configPatch(), 6); // any later report
        assertEquals("REFUSED", state("tampered"), "the refusal dropped out of the reported properties: " + merged());
        assertEquals("ACTIVE", state("alpha"));
        assertEquals(1, second.calls.size(), "the new instance got the section once");
        assertEquals(1, first.calls.size());
    }

    @Test
    void aReportBeforeTheNewManagersArrivalIsHandledHandsItTheSectionFirst() throws Exception {
        FakeBundleManager first = new FakeBundleManager(Map.of(), BAD);
        arrive(first);
        bridge.connected(section(), 5);
        assertEquals("REFUSED", state("tampered"));
        // the service is bound, and a patch is handled before the bridge hears of the arrival
        FakeBundleManager second = new FakeBundleManager(first.installed, BAD);
        service.set(second);
        bridge.desiredPatch(configPatch(), 6);
        assertEquals("REFUSED", state("tampered"), merged().toString());
        bridge.bundleManagementArrived();
        assertEquals("REFUSED", state("tampered"));
        assertEquals(1, second.calls.size(), "handed over once, not again on the arrival");
    }

    @Test
    void theSameManagerIsNotHandedTheSectionAgainForNothing() throws Exception {
        FakeBundleManager m = new FakeBundleManager(Map.of(), BAD);
        arrive(m);
        bridge.connected(section(), 5);
        bridge.bundleManagementArrived(); // a re-bind of the same instance
        bridge.desiredPatch(configPatch(), 6);
        assertEquals("REFUSED", state("tampered"));
        assertEquals(1, m.calls.size());
    }
}
