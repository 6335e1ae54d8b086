package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.bundles.BundleManagement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bundle manager arriving after the twin (started after the first message, restarted,
 * updated, re-bound): every bundles section reaches it, in order, and no update is reported
 * {@code applied} before its bundles section has been handed over (the CI failure: a removal
 * patch reported with the removed bundle still ACTIVE).
 */
class TwinBridgeLateManagerTest {
    final AtomicReference<BundleManagement> service = new AtomicReference<>();
    final ReportedView hub = new ReportedView();
    final TwinBridge bridge = new TwinBridge(new RecordingApplier(), service::get, hub);

    @AfterEach
    void close() {
        bridge.close();
    }

    static Map<String, Object> entry(String v) {
        return Map.of("version", v, "location", "file:/tmp/x.jar", "sha256", "a".repeat(64));
    }

    static Map<String, Object> bundles(Map<String, Object> section) {
        Map<String, Object> edgesec = new HashMap<>();
        edgesec.put("bundles", section);
        return Map.of("edgesec", edgesec);
    }

    static Map<String, Object> removal(String bsn) {
        Map<String, Object> m = new HashMap<>();
        m.put(bsn, null);
        return bundles(m);
    }

    Map<String, Object> merged() throws InterruptedException {
        return hub.merged(bridge);
    }

    Object status(String field) throws InterruptedException {
        return hub.status(bridge, field);
    }

    Object state(String bsn) throws InterruptedException {
        return hub.state(bridge, bsn);
    }

    /** The service is bound (as DS does: the field first, then the bridge is told). */
    void arrive(BundleManagement m) {
        service.set(m);
        bridge.bundleManagementArrived();
    }

    @Test
    void aFullTwinReadBeforeTheManagerIsPendingUntilItArrives() throws Exception {
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"))), 3);
        assertEquals(3, status("desiredVersion"));
        assertEquals("pending", status("result"), "the bundles section is not applied yet: " + merged());
        FakeBundleManager m = new FakeBundleManager(Map.of());
        arrive(m);
        assertEquals("applied", status("result"));
        assertEquals("ACTIVE", state("alpha"));
        assertEquals(1, m.calls.size());
    }

    @Test
    void aRemovalPatchWhileTheManagerIsAwayIsNotReportedAppliedAndReachesTheNextOne() throws Exception {
        FakeBundleManager first = new FakeBundleManager(Map.of());
        arrive(first);
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        assertEquals("ACTIVE", state("alpha"));
        assertEquals("applied", status("result"));

        service.set(null); // the bundle-manager bundle stops (update, restart, DS re-bind)
        bridge.desiredPatch(removal("alpha"), 6);
        assertEquals(6, status("desiredVersion"));
        assertEquals("pending", status("result"), "reported applied while alpha is still " + state("alpha"));

        // the new instance restores what was installed, then gets the twin's section
        FakeBundleManager second = new FakeBundleManager(first.installed);
        arrive(second);
        assertEquals("applied", status("result"));
        assertEquals(6, status("desiredVersion"));
        assertNull(state("alpha"), "removed: " + merged());
        assertFalse(second.installed.containsKey("alpha"));
        assertEquals("ACTIVE", state("beta"), "nothing already accepted is lost");
    }

    @Test
    void aManagerGoingAwayDuringItsReconcileDoesNotLoseTheSection() throws Exception {
        FakeBundleManager first = new FakeBundleManager(Map.of());
        arrive(first);
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        first.gone = true; // stopped, not yet unbound: the call fails on its invalid context
        bridge.desiredPatch(removal("alpha"), 6);
        assertEquals(6, status("desiredVersion"));
        assertEquals("pending", status("result"));

        service.set(null);
        FakeBundleManager second = new FakeBundleManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
        arrive(second);
        assertEquals("applied", status("result"));
        assertNull(state("alpha"), "removed: " + merged());
        assertEquals("ACTIVE", state("beta"));
        assertEquals(List.of(Map.of("beta", entry("1.0.0"))), second.calls);
    }

    @Test
    void aPatchArrivingDuringTheManagersFirstReconcileFollowsIt() throws Exception {
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        FakeBundleManager m = new FakeBundleManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
        m.entered = new CountDownLatch(1);
        m.release = new CountDownLatch(1);
        arrive(m);
        assertTrue(m.entered.await(10, TimeUnit.SECONDS));
        bridge.desiredPatch(removal("alpha"), 6);
        m.entered = null;
        m.release.countDown();
        assertEquals(6, status("desiredVersion"));
        assertEquals("applied", status("result"));
        assertNull(state("alpha"), "removed: " + merged());
        assertEquals("ACTIVE", state("beta"));
        assertEquals(2, m.calls.size());
        assertEquals(Map.of("beta", entry("1.0.0")), m.calls.get(1));
    }

    @Test
    void aPatchWhileAbsentThenAnotherAllReachTheManagerInOrder() throws Exception {
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"))), 5);
        bridge.desiredPatch(bundles(Map.of("beta", entry("1.0.0"))), 6);
        bridge.desiredPatch(removal("alpha"), 7);
        assertEquals("pending", status("result"));
        FakeBundleManager m = new FakeBundleManager(Map.of("alpha", "ACTIVE"));
        arrive(m);
        assertTrue(bridge.drain(10_000));
        assertEquals(List.of(Map.of("beta", entry("1.0.0"))), m.calls);
        assertEquals(7, status("desiredVersion"));
        assertEquals("applied", status("result"));
        assertNull(state("alpha"));
        assertEquals("ACTIVE", state("beta"));
    }

    @Test
    void aPatchBeforeTheFirstWholeTwinIsNotHandedOverAlone() throws Exception {
        FakeBundleManager m = new FakeBundleManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
        arrive(m);
        bridge.desiredPatch(bundles(Map.of("gamma", entry("1.0.0"))), 6);
        assertEquals("pending", status("result"));
        assertEquals(List.of(), m.calls, "a partial section would have removed alpha and beta");
        assertEquals("ACTIVE", m.installed.get("alpha"));
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"), "gamma", entry("1.0.0"))), 6);
        assertEquals("applied", status("result"));
        assertEquals(1, m.calls.size());
        assertEquals(Set.of("alpha", "beta", "gamma"), m.installed.keySet());
    }

    @Test
    void withoutAnyBundlesDesiredNoManagerIsWaitedFor() throws Exception {
        bridge.connected(Map.of("edgesec", Map.of()), 2);
        assertEquals("applied", status("result"));
        bridge.desiredPatch(Map.of("edgesec", Map.of("io%2Eedgesec%2Ex", Map.of("a", "b"))), 3);
        assertEquals("applied", status("result"));
    }
}
