package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.bundles.internal.BundleReconciler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The bridge only carries the twin's bundles section: read while no bundle management service
 * is there (the agent is still starting its bundles), it is kept, and handed to the real bundle
 * manager (in an embedded Felix) as soon as the service arrives; its states are then reported.
 */
class TwinBridgeBundleManagerTest {
    @TempDir
    Path dir;

    @Test
    void aBundlesSectionReadBeforeTheServiceStartedIsAppliedWhenItArrives() throws Exception {
        Path dataDir = dir.resolve("bundles");
        Path jar = TestBundles.bundleJar(dataDir.resolve("incoming/vendor.late-1.0.0.jar"), "vendor.late", "1.0.0", "late");
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        framework.start();
        AtomicReference<BundleManagement> service = new AtomicReference<>();
        List<Map<String, Object>> reports = new ArrayList<>();
        TwinBridge bridge = new TwinBridge(new RecordingApplier(), service::get, r -> {
            synchronized (reports) {
                reports.add(r);
            }
        });
        try {
            Map<String, Object> desired = new LinkedHashMap<>();
            desired.put("edgesec", Map.of("bundles", Map.of("vendor%2Elate",
                    Map.of("version", "1.0.0", "location", jar.toUri().toString(), "sha256", TestBundles.sha256(jar)))));
            bridge.connected(desired, 1);
            assertTrue(bridge.drain(30_000));
            Map<String, Object> first = last(reports);
            assertNotNull(first, "the configuration is reported without the bundle manager");
            assertFalse(edgesec(first).containsKey("bundles"), "no bundle states without the service: " + first);
            assertNull(framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.late"));

            BundleReconciler reconciler = new BundleReconciler(framework.getBundleContext(), dataDir, List.of(), 10_000_000,
                    Duration.ofSeconds(10));
            service.set(reconciler);
            bridge.bundleManagementArrived();
            assertTrue(bridge.drain(60_000));
            Bundle installed = framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.late");
            assertNotNull(installed, "installed when the service arrived");
            assertEquals(Bundle.ACTIVE, installed.getState());
            Map<?, ?> bundles = (Map<?, ?>) edgesec(last(reports)).get("bundles");
            assertEquals("ACTIVE", ((Map<?, ?>) bundles.get("vendor%2Elate")).get("state"), String.valueOf(bundles));

            // a second arrival (the service re-registered) with nothing new pending changes nothing
            int before = reports.size();
            bridge.bundleManagementArrived();
            assertTrue(bridge.drain(30_000));
            assertEquals(before, reports.size());
        } finally {
            bridge.close();
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    static Map<String, Object> last(List<Map<String, Object>> reports) {
        synchronized (reports) {
            return reports.isEmpty() ? null : reports.get(reports.size() - 1);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> edgesec(Map<String, Object> reported) {
        return (Map<String, Object>) reported.get("edgesec");
    }
}
