package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.bundles.internal.BundleReconciler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Bundles from the twin, end to end over the broker, the transport carrying the documents to the
 * bundle-manager's service and its states back: a desired {@code edgesec.bundles} entry
 * (keys written as IoT Hub requires, dots encoded) installs the bundle into a real Felix, a wrong
 * digest is refused and reported, removing the entry uninstalls it; each state is reported.
 */
class TwinBundlesTest {
    @TempDir
    Path dir;

    @Test
    void theTwinInstallsRefusesAndRemovesBundlesAndReportsTheirState() throws Exception {
        Path dataDir = dir.resolve("bundles");
        Path jar = TestBundles.bundleJar(dataDir.resolve("incoming/vendor.collector-1.0.0.jar"),
                "vendor.collector", "1.0.0", "third party collector");
        Path other = TestBundles.bundleJar(dataDir.resolve("incoming/vendor.other-1.0.0.jar"),
                "vendor.other", "1.0.0", "another collector");
        String sha = TestBundles.sha256(jar);
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        framework.start();
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("edgesec", Map.of("bundles", Map.of("vendor%2Ecollector",
                Map.of("version", "1.0.0", "location", jar.toUri().toString(), "sha256", sha))));
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            BundleReconciler reconciler = new BundleReconciler(framework.getBundleContext(), dataDir, List.of(), 10_000_000, Duration.ofSeconds(10));
            String cs = "HostName=testhub.azure-devices.net;DeviceId=dev5;ModuleId=edgesec;SharedAccessKey="
                    + Base64.getEncoder().encodeToString(k) + ";GatewayHostName=" + broker.address();
            EdgeHubTransport transport = new EdgeHubTransport(Configs.of(EdgeHubConfig.class, Map.of("connectionString", cs,
                    "trustBundleFile", broker.certificatePem().toString(), "reconnectMinBackoff", "PT0.2S", "reconnectMaxBackoff", "PT1S")),
                    new RecordingApplier(), reconciler, Map.of(), () -> null);
            try {
                // installed from the twin on connection, and reported
                Map<String, Object> reported = twin.awaitReported(r -> "ACTIVE".equals(
                        TwinResponder.path(r, "edgesec", "bundles", "vendor%2Ecollector", "state")), 30_000);
                assertEquals(sha, TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "sha256"));
                assertEquals("1.0.0", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "version"));
                Bundle installed = framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.collector");
                assertNotNull(installed);
                assertEquals(Bundle.ACTIVE, installed.getState());

                // a second bundle with a wrong digest: refused and reported; the first is untouched
                twin.patchDesired(Map.of("edgesec", Map.of("bundles", Map.of("vendor%2Eother",
                        Map.of("location", other.toUri().toString(), "sha256", sha)))));
                reported = twin.awaitReported(r -> "REFUSED".equals(
                        TwinResponder.path(r, "edgesec", "bundles", "vendor%2Eother", "state")), 30_000);
                assertTrue(String.valueOf(TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Eother", "error")).contains("SHA-256 mismatch"));
                assertEquals("ACTIVE", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "state"));
                assertNull(framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.other"));
                assertEquals(installed.getBundleId(),
                        framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.collector").getBundleId());

                // removing the entries (null in a patch) uninstalls, and the reported entries are deleted
                Map<String, Object> removal = new LinkedHashMap<>();
                removal.put("vendor%2Ecollector", null);
                removal.put("vendor%2Eother", null);
                twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal)));
                reported = twin.awaitReported(r -> TwinResponder.path(r, "edgesec", "bundles") instanceof Map<?, ?> b
                        && !b.containsKey("vendor%2Ecollector") && !b.containsKey("vendor%2Eother"), 30_000);
                assertNull(framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.collector"));
                assertEquals(Bundle.UNINSTALLED, installed.getState());
                assertEquals("{}", Files.readString(dataDir.resolve(BundleReconciler.STATE_FILE)));
            } finally {
                transport.close();
            }
        } finally {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }
}
