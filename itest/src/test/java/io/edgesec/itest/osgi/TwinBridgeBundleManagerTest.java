package io.edgesec.itest.osgi;

import static io.edgesec.bundles.internal.testing.BundleJars.bundleJar;
import static io.edgesec.itest.osgi.FrameworkOptions.bundleJars;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.hubAgent;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.TWIN_LOCATION_PREFIX;
import static io.edgesec.itest.osgi.InFramework.awaitService;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static io.edgesec.itest.osgi.InFramework.sha256;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.api.bundles.BundleManagement;
import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * The hub transport only carries the twin's bundles section: read while no bundle management
 * service is there (the bundle-manager bundle is installed but not started yet, as while the
 * agent starts its bundles), it is kept, and handed to the bundle manager as soon as its
 * service arrives; its states are then reported.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwinBridgeBundleManagerTest {
    static final String MANAGER = "io.edgesec.bundle-manager";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        // the bundle manager is only installed: the test starts it (pax-exam logs it as "not
        // resolved" at start-up, since nothing has needed it resolved yet)
        return options(infrastructure(), bundleJars(), hubAgent(edgesec("bundle-manager").noStart()));
    }

    @Test
    public void aBundlesSectionReadBeforeTheServiceStartedIsAppliedWhenItArrives() throws Exception {
        Path dataDir = InFramework.dataDir(context).resolve("bundles");
        Path jar = bundleJar(dataDir.resolve("incoming/vendor.late-1.0.0.jar"), "vendor.late", "1.0.0", "late");
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("edgesec", Map.of("bundles", Map.of("vendor%2Elate",
                Map.of("version", "1.0.0", "location", jar.toUri().toString(), "sha256", sha256(jar)))));
        Path dir = Files.createTempDirectory("edgesec-twin-late");
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            HubTransport.apply(context, HubTransport.settings(broker, "dev-late"));

            Map<String, Object> first = twin.awaitReported(r -> TwinResponder.path(r, "edgesec", "status", "result") != null, 30_000);
            assertNotNull("the configuration is reported without the bundle manager", first);
            assertFalse("no bundle states without the service: " + first, edgesecSection(first).containsKey("bundles"));
            assertNull(context.getBundle(TWIN_LOCATION_PREFIX + "vendor.late"));

            Bundle manager = bundle(context, MANAGER);
            manager.start();
            Map<String, Object> reported = twin.awaitReported(r -> "ACTIVE".equals(
                    TwinResponder.path(r, "edgesec", "bundles", "vendor%2Elate", "state")), 60_000);
            Bundle installed = context.getBundle(TWIN_LOCATION_PREFIX + "vendor.late");
            assertNotNull("installed when the service arrived", installed);
            assertEquals(Bundle.ACTIVE, installed.getState());
            assertEquals(String.valueOf(reported), "ACTIVE", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Elate", "state"));

            // a second arrival (the bundle restarted: a new instance) is handed the section again (so
            // it derives its refusals again), which installs nothing anew and never reports the
            // installed bundle gone; an unrelated desired patch is reported after it
            int before = twin.reportedPatches().size();
            manager.stop();
            manager.start();
            awaitService(context, BundleManagement.class, null);
            int v = twin.patchDesired(Map.of("edgesec", Map.of("io%2Eedgesec%2Eno-such-thing", Map.of("x", "y"))));
            reported = twin.awaitReported(r -> TwinResponder.path(r, "edgesec", "status", "desiredVersion") instanceof Number n
                    && n.intValue() == v, 30_000);
            assertEquals(String.valueOf(reported), "ACTIVE", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Elate", "state"));
            for (Map<String, Object> p : twin.reportedPatches().subList(before, twin.reportedPatches().size())) {
                Object bundles = TwinResponder.path(p, "edgesec", "bundles");
                assertFalse("reported gone: " + p, bundles instanceof Map<?, ?> b && b.containsKey("vendor%2Elate") && b.get("vendor%2Elate") == null);
            }
            assertEquals(installed.getBundleId(), context.getBundle(TWIN_LOCATION_PREFIX + "vendor.late").getBundleId());
        } finally {
            InFramework.deleteTree(dir);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> edgesecSection(Map<String, Object> reported) {
        return (Map<String, Object>) reported.get("edgesec");
    }
}
