package io.edgesec.itest.osgi;

import static io.edgesec.bundles.internal.testing.BundleJars.bundleJar;
import static io.edgesec.itest.osgi.FrameworkOptions.bundleJars;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.hubAgent;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.TWIN_LOCATION_PREFIX;
import static io.edgesec.itest.osgi.InFramework.sha256;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

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
 * Bundles from the twin, end to end over the broker, the hub transport carrying the documents
 * to the bundle-manager's service and its states back: a desired {@code edgesec.bundles} entry
 * (keys written as IoT Hub requires, dots encoded) installs the bundle into this framework, a
 * wrong digest is refused and reported, removing the entry uninstalls it; each state is reported.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwinBundlesTest {
    /** Where the bundle manager keeps the installed set, under its data directory. */
    static final String STATE_FILE = "installed.json";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), bundleJars(), hubAgent(edgesec("bundle-manager")));
    }

    @Test
    public void theTwinInstallsRefusesAndRemovesBundlesAndReportsTheirState() throws Exception {
        // the bundle manager's directory (<edgesec.data.dir>/bundles) is its default allowed source
        Path dataDir = InFramework.dataDir(context).resolve("bundles");
        Path jar = bundleJar(dataDir.resolve("incoming/vendor.collector-1.0.0.jar"), "vendor.collector", "1.0.0", "third party collector");
        Path other = bundleJar(dataDir.resolve("incoming/vendor.other-1.0.0.jar"), "vendor.other", "1.0.0", "another collector");
        String sha = sha256(jar);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("edgesec", Map.of("bundles", Map.of("vendor%2Ecollector",
                Map.of("version", "1.0.0", "location", jar.toUri().toString(), "sha256", sha))));
        Path dir = Files.createTempDirectory("edgesec-twin-bundles");
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            HubTransport.apply(context, HubTransport.settings(broker, "dev5"));

            // installed from the twin on connection, and reported
            Map<String, Object> reported = twin.awaitReported(r -> "ACTIVE".equals(
                    TwinResponder.path(r, "edgesec", "bundles", "vendor%2Ecollector", "state")), 30_000);
            assertEquals(sha, TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "sha256"));
            assertEquals("1.0.0", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "version"));
            Bundle installed = context.getBundle(TWIN_LOCATION_PREFIX + "vendor.collector");
            assertNotNull(installed);
            assertEquals(Bundle.ACTIVE, installed.getState());

            // a second bundle with a wrong digest: refused and reported; the first is untouched
            twin.patchDesired(Map.of("edgesec", Map.of("bundles", Map.of("vendor%2Eother",
                    Map.of("location", other.toUri().toString(), "sha256", sha)))));
            reported = twin.awaitReported(r -> "REFUSED".equals(
                    TwinResponder.path(r, "edgesec", "bundles", "vendor%2Eother", "state")), 30_000);
            assertTrue(String.valueOf(TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Eother", "error")).contains("SHA-256 mismatch"));
            assertEquals("ACTIVE", TwinResponder.path(reported, "edgesec", "bundles", "vendor%2Ecollector", "state"));
            assertNull(context.getBundle(TWIN_LOCATION_PREFIX + "vendor.other"));
            assertEquals(installed.getBundleId(), context.getBundle(TWIN_LOCATION_PREFIX + "vendor.collector").getBundleId());

            // removing the entries (null in a patch) uninstalls, and the reported entries are deleted
            Map<String, Object> removal = new LinkedHashMap<>();
            removal.put("vendor%2Ecollector", null);
            removal.put("vendor%2Eother", null);
            twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal)));
            reported = twin.awaitReported(r -> TwinResponder.path(r, "edgesec", "bundles") instanceof Map<?, ?> b
                    && !b.containsKey("vendor%2Ecollector") && !b.containsKey("vendor%2Eother"), 30_000);
            assertNull(context.getBundle(TWIN_LOCATION_PREFIX + "vendor.collector"));
            assertEquals(Bundle.UNINSTALLED, installed.getState());
            assertEquals("{}", Files.readString(dataDir.resolve(STATE_FILE)));
        } finally {
            InFramework.deleteTree(dir);
        }
    }
}
