package io.edgesec.transport.edgehub.internal;

import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.bundles;
import static io.edgesec.transport.edgehub.internal.TwinBridgeLateManagerTest.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.bundles.BundleManagement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    /** Installs what is desired, except an entry pinning {@link #BAD}: refused, remembered in memory only. */
    static final class RefusingManager implements BundleManagement {
        final Map<String, String> installed;
        final Map<String, String> refusals = new TreeMap<>();
        final List<Map<String, Object>> calls = new ArrayList<>();

        RefusingManager(Map<String, String> restored) {
            installed = new TreeMap<>(restored);
        }

        @Override
        public synchronized Map<String, Object> reconcile(Map<String, Object> desired) {
            calls.add(new LinkedHashMap<>(desired));
            Map<String, Object> out = new TreeMap<>();
            for (String bsn : List.copyOf(installed.keySet())) {
                if (desired.get(bsn) == null) {
                    installed.remove(bsn);
                    out.put(bsn, null);
                }
            }
            refusals.keySet().removeIf(bsn -> desired.get(bsn) == null);
            desired.forEach((bsn, v) -> {
                if (v instanceof Map<?, ?> e && BAD.equals(e.get("sha256"))) {
                    refusals.put(bsn, "SHA-256 mismatch");
                } else if (v != null) {
                    installed.put(bsn, "ACTIVE");
                }
            });
            out.putAll(states());
            return out;
        }

        @Override
        public synchronized Map<String, Object> states() {
            Map<String, Object> out = new TreeMap<>();
            installed.forEach((bsn, state) -> out.put(bsn, Map.of("state", state)));
            refusals.forEach((bsn, why) -> out.put(bsn, Map.of("state", "REFUSED", "error", why)));
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

    Map<String, Object> merged() throws InterruptedException {
        assertTrue(bridge.drain(10_000));
        Map<String, Object> doc = new LinkedHashMap<>();
        synchronized (reports) {
            reports.forEach(r -> TwinResponder.merge(doc, r));
        }
        return doc;
    }

    Object state(String bsn) throws InterruptedException {
        return TwinResponder.path(merged(), "edgesec", "bundles", bsn, "state");
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
        RefusingManager first = new RefusingManager(Map.of());
        arrive(first);
        bridge.connected(section(), 5);
        assertEquals("REFUSED", state("tampered"));
        assertEquals("ACTIVE", state("alpha"));

        service.set(null); // the bundle-manager bundle restarts: nothing desired changes meanwhile
        RefusingManager second = new RefusingManager(first.installed);
        arrive(second);
        bridge.desiredPatch(configPatch(), 6); // any later report
        assertEquals("REFUSED", state("tampered"), "the refusal dropped out of the reported properties: " + merged());
        assertEquals("ACTIVE", state("alpha"));
        assertEquals(1, second.calls.size(), "the new instance got the section once");
        assertEquals(1, first.calls.size());
    }

    @Test
    void aReportBeforeTheNewManagersArrivalIsHandledHandsItTheSectionFirst() throws Exception {
        RefusingManager first = new RefusingManager(Map.of());
        arrive(first);
        bridge.connected(section(), 5);
        assertEquals("REFUSED", state("tampered"));
        // the service is bound, and a patch is handled before the bridge hears of the arrival
        RefusingManager second = new RefusingManager(first.installed);
        service.set(second);
        bridge.desiredPatch(configPatch(), 6);
        assertEquals("REFUSED", state("tampered"), merged().toString());
        bridge.bundleManagementArrived();
        assertEquals("REFUSED", state("tampered"));
        assertEquals(1, second.calls.size(), "handed over once, not again on the arrival");
    }

    @Test
    void theSameManagerIsNotHandedTheSectionAgainForNothing() throws Exception {
        RefusingManager m = new RefusingManager(Map.of());
        arrive(m);
        bridge.connected(section(), 5);
        bridge.bundleManagementArrived(); // a re-bind of the same instance
        bridge.desiredPatch(configPatch(), 6);
        assertEquals("REFUSED", state("tampered"));
        assertEquals(1, m.calls.size());
    }
}
