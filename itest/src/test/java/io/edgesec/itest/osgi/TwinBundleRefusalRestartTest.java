package io.edgesec.itest.osgi;

import static io.edgesec.bundles.internal.testing.BundleJars.bundleJar;
import static io.edgesec.itest.osgi.FrameworkOptions.bundleJars;
import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.hubAgent;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.TWIN_LOCATION_PREFIX;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static io.edgesec.itest.osgi.InFramework.sha256;
import static org.junit.Assert.assertEquals;
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
 * A refused bundle entry stays reported when the bundle manager is a new instance: its bundle
 * restarted, then its configuration changed by the twin (DS makes a new instance for each). The
 * manager keeps refusals in memory only; the hub transport hands every new instance the desired
 * bundles section, and it refuses the entry again. Before, the next reported-properties write
 * deleted the refusal (the new instance had none to report).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwinBundleRefusalRestartTest {
    static final String MANAGER = "io.edgesec.bundle-manager";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), bundleJars(), hubAgent(edgesec("bundle-manager")));
    }

    @Test
    public void aRefusedEntryStaysReportedAfterTheManagerRestartsAndIsReconfigured() throws Exception {
        Path incoming = InFramework.dataDir(context).resolve("bundles/incoming");
        Path good = bundleJar(incoming.resolve("vendor.good-1.0.0.jar"), "vendor.good", "1.0.0", "good");
        Path tampered = bundleJar(incoming.resolve("vendor.tampered-1.0.0.jar"), "vendor.tampered", "1.0.0", "tampered");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("vendor%2Egood", Map.of("version", "1.0.0", "location", good.toUri().toString(), "sha256", sha256(good)));
        // pins the good jar's digest: refused (SHA-256 mismatch)
        entries.put("vendor%2Etampered", Map.of("version", "1.0.0", "location", tampered.toUri().toString(), "sha256", sha256(good)));
        Path dir = Files.createTempDirectory("edgesec-twin-refusal-restart");
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                TwinResponder twin = new TwinResponder(broker.plainUri(), Map.of("edgesec", Map.of("bundles", entries)))) {
            Bundle manager = bundle(context, MANAGER);
            HubTransport.apply(context, HubTransport.settings(broker, "dev-refusal-restart"));
            Map<String, Object> r = twin.awaitReported(x -> "ACTIVE".equals(state(x, "good")) && "REFUSED".equals(state(x, "tampered")),
                    60_000);
            assertTrue(r.toString(), String.valueOf(TwinResponder.path(r, "edgesec", "bundles", "vendor%2Etampered", "error"))
                    .contains("SHA-256 mismatch"));

            // 1. the manager's bundle restarts; then a patch (of the transport's own send timeout,
            // changed in place) makes the bridge write the reported properties again
            manager.stop();
            manager.start();
            int v1 = twin.patchDesired(Map.of("edgesec", Map.of("io%2Eedgesec%2Etransport%2Eedgehub", Map.of("sendTimeout", "PT61S"))));
            r = twin.awaitReported(x -> version(x) == v1 && "applied".equals(status(x, "result"))
                    && "REFUSED".equals(state(x, "tampered")) && "ACTIVE".equals(state(x, "good")), 60_000);
            assertNull("not installed for being refused", context.getBundle(TWIN_LOCATION_PREFIX + "vendor.tampered"));

            // 2. the twin reconfigures the manager (DS makes a new instance)
            int v2 = twin.patchDesired(downloadTimeout("PT3M"));
            r = twin.awaitReported(x -> version(x) == v2 && "applied".equals(status(x, "result"))
                    && "REFUSED".equals(state(x, "tampered")) && "ACTIVE".equals(state(x, "good")), 60_000);
            assertEquals(r.toString(), Bundle.ACTIVE, context.getBundle(TWIN_LOCATION_PREFIX + "vendor.good").getState());
        } finally {
            InFramework.deleteTree(dir);
        }
    }

    static Map<String, Object> downloadTimeout(String value) {
        return Map.of("edgesec", Map.of("io%2Eedgesec%2Ebundles", Map.of("downloadTimeout", value)));
    }

    static int version(Map<String, Object> r) {
        return TwinResponder.path(r, "edgesec", "status", "desiredVersion") instanceof Number n ? n.intValue() : -1;
    }

    static Object status(Map<String, Object> r, String field) {
        return TwinResponder.path(r, "edgesec", "status", field);
    }

    static Object state(Map<String, Object> r, String name) {
        return TwinResponder.path(r, "edgesec", "bundles", "vendor%2E" + name, "state");
    }
}
