package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.bundles.BundleManagement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    /** A manager that installs what is desired; can be made to fail (going away) or to block. */
    static final class FakeManager implements BundleManagement {
        final Map<String, String> installed;
        final List<Map<String, Object>> calls = new ArrayList<>();
        volatile boolean gone;
        volatile CountDownLatch entered;
        volatile CountDownLatch release;

        FakeManager(Map<String, String> restored) {
            installed = new TreeMap<>(restored);
        }

        @Override
        public synchronized Map<String, Object> reconcile(Map<String, Object> desired) {
            if (entered != null) {
                entered.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (gone) {
                throw new IllegalStateException("Invalid BundleContext.");
            }
            calls.add(new LinkedHashMap<>(desired));
            Map<String, Object> out = new TreeMap<>();
            for (String bsn : List.copyOf(installed.keySet())) {
                if (desired.get(bsn) == null) {
                    installed.remove(bsn);
                    out.put(bsn, null);
                }
            }
            desired.forEach((bsn, v) -> {
                if (v != null) {
                    installed.put(bsn, "ACTIVE");
                }
            });
            out.putAll(states());
            return out;
        }

        @Override
        public synchronized Map<String, Object> states() {
            if (gone) {
                throw new IllegalStateException("Invalid BundleContext.");
            }
            Map<String, Object> out = new TreeMap<>();
            installed.forEach((bsn, state) -> out.put(bsn, Map.of("state", state)));
            return out;
        }

        @Override
        public Instant nextRetry() {
            return null;
        }
    }

    final AtomicReference<BundleManagement> service = new AtomicReference<>();
    final List<Map<String, Object>> reports = new ArrayList<>();
    final TwinBridge bridge = new TwinBridge(new RecordingApplier(), service::get, r -> {
        synchronized (reports) {
            reports.add(r);
        }
    });

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

    /** The hub's view: every reported patch merged in order (JSON merge patch, as the hub does). */
    Map<String, Object> merged() throws InterruptedException {
        assertTrue(bridge.drain(10_000));
        Map<String, Object> doc = new LinkedHashMap<>();
        synchronized (reports) {
            reports.forEach(r -> TwinResponder.merge(doc, r));
        }
        return doc;
    }

    Object status(String field) throws InterruptedException {
        return TwinResponder.path(merged(), "edgesec", "status", field);
    }

    Object state(String bsn) throws InterruptedException {
        return TwinResponder.path(merged(), "edgesec", "bundles", bsn, "state");
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
        FakeManager m = new FakeManager(Map.of());
        arrive(m);
        assertEquals("applied", status("result"));
        assertEquals("ACTIVE", state("alpha"));
        assertEquals(1, m.calls.size());
    }

    @Test
    void aRemovalPatchWhileTheManagerIsAwayIsNotReportedAppliedAndReachesTheNextOne() throws Exception {
        FakeManager first = new FakeManager(Map.of());
        arrive(first);
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        assertEquals("ACTIVE", state("alpha"));
        assertEquals("applied", status("result"));

        service.set(null); // the bundle-manager bundle stops (update, restart, DS re-bind)
        bridge.desiredPatch(removal("alpha"), 6);
        assertEquals(6, status("desiredVersion"));
        assertEquals("pending", status("result"), "reported applied while alpha is still " + state("alpha"));

        // the new instance restores what was installed, then gets the twin's section
        FakeManager second = new FakeManager(first.installed);
        arrive(second);
        assertEquals("applied", status("result"));
        assertEquals(6, status("desiredVersion"));
        assertNull(state("alpha"), "removed: " + merged());
        assertFalse(second.installed.containsKey("alpha"));
        assertEquals("ACTIVE", state("beta"), "nothing already accepted is lost");
    }

    @Test
    void aManagerGoingAwayDuringItsReconcileDoesNotLoseTheSection() throws Exception {
        FakeManager first = new FakeManager(Map.of());
        arrive(first);
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        first.gone = true; // stopped, not yet unbound: the call fails on its invalid context
        bridge.desiredPatch(removal("alpha"), 6);
        assertEquals(6, status("desiredVersion"));
        assertEquals("pending", status("result"));

        service.set(null);
        FakeManager second = new FakeManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
        arrive(second);
        assertEquals("applied", status("result"));
        assertNull(state("alpha"), "removed: " + merged());
        assertEquals("ACTIVE", state("beta"));
        assertEquals(List.of(Map.of("beta", entry("1.0.0"))), second.calls);
    }

    @Test
    void aPatchArrivingDuringTheManagersFirstReconcileFollowsIt() throws Exception {
        bridge.connected(bundles(Map.of("alpha", entry("1.0.0"), "beta", entry("1.0.0"))), 5);
        FakeManager m = new FakeManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
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
        FakeManager m = new FakeManager(Map.of("alpha", "ACTIVE"));
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
        FakeManager m = new FakeManager(Map.of("alpha", "ACTIVE", "beta", "ACTIVE"));
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
