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
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
 * The bundle manager arriving after the twin, as when it starts after the first message, is
 * restarted or updated, or re-bound: a removal patch that comes while it is away is reported
 * {@code pending} (not {@code applied} with the removed bundle still ACTIVE, as CI once saw in
 * TwinAttackSurfaceTest), and the bundle is removed and reported removed when the manager comes
 * back; a patch that comes during its first reconcile follows it; nothing already accepted is
 * lost (the same bundle stays installed, ACTIVE).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TwinBundleManagerRestartTest {
    static final String MANAGER = "io.edgesec.bundle-manager";

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        return options(infrastructure(), bundleJars(), hubAgent(edgesec("bundle-manager")));
    }

    @Test
    public void patchesWhileTheBundleManagerIsAwayReachItWhenItComesBack() throws Exception {
        Path incoming = InFramework.dataDir(context).resolve("bundles/incoming");
        Map<String, Object> entries = new LinkedHashMap<>();
        for (String name : new String[] {"alpha", "beta", "gamma"}) {
            Path jar = bundleJar(incoming.resolve("vendor." + name + "-1.0.0.jar"), "vendor." + name, "1.0.0", name);
            entries.put("vendor%2E" + name, Map.of("version", "1.0.0", "location", jar.toUri().toString(), "sha256", sha256(jar)));
        }
        Map<String, Object> initial = new LinkedHashMap<>(entries);
        initial.remove("vendor%2Egamma");
        Path dir = Files.createTempDirectory("edgesec-twin-restart");
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                TwinResponder twin = new TwinResponder(broker.plainUri(), Map.of("edgesec", Map.of("bundles", initial)))) {
            Bundle manager = bundle(context, MANAGER);
            HubTransport.apply(context, HubTransport.settings(broker, "dev-restart"));
            Map<String, Object> r = twin.awaitReported(x -> "applied".equals(TwinResponder.path(x, "edgesec", "status", "result"))
                    && "ACTIVE".equals(state(x, "alpha")) && "ACTIVE".equals(state(x, "beta")), 60_000);
            long betaId = installed("beta").getBundleId();

            // 1. the manager stops (a restart or an update of its bundle); alpha is removed meanwhile
            manager.stop();
            int v1 = twin.patchDesired(removal("vendor%2Ealpha"));
            r = awaitVersion(twin, v1);
            assertEquals("not applied while no bundle manager took it: " + r, "pending", status(r, "result"));
            assertNotNull("nobody removed it yet", installed("alpha"));

            manager.start();
            r = twin.awaitReported(x -> "applied".equals(status(x, "result")) && version(x) == v1, 60_000);
            assertNull("reported removed: " + r, state(r, "alpha"));
            assertNull("uninstalled", installed("alpha"));
            assertEquals(r.toString(), "ACTIVE", state(r, "beta"));
            assertEquals("nothing accepted is lost: the same beta", betaId, installed("beta").getBundleId());

            // 2. away again: gamma is added; then, right as it comes back (during its first
            // reconcile, which waits for its restore), beta is removed
            manager.stop();
            int v2 = twin.patchDesired(Map.of("edgesec", Map.of("bundles", Map.of("vendor%2Egamma", entries.get("vendor%2Egamma")))));
            assertEquals("pending", status(awaitVersion(twin, v2), "result"));
            manager.start();
            int v3 = twin.patchDesired(removal("vendor%2Ebeta"));
            r = twin.awaitReported(x -> "applied".equals(status(x, "result")) && version(x) == v3, 60_000);
            assertEquals(r.toString(), "ACTIVE", state(r, "gamma"));
            assertNull(r.toString(), state(r, "beta"));
            assertNull(r.toString(), state(r, "alpha"));
            assertNull("uninstalled", installed("beta"));
            assertEquals(Bundle.ACTIVE, installed("gamma").getState());

            // 3. the manager's own bundle is updated (a twin-driven update of the manager): same
            Bundle gamma = installed("gamma");
            manager.update();
            int v4 = twin.patchDesired(removal("vendor%2Egamma"));
            r = twin.awaitReported(x -> "applied".equals(status(x, "result")) && version(x) == v4, 60_000);
            assertNull(r.toString(), state(r, "gamma"));
            assertEquals(Bundle.UNINSTALLED, gamma.getState());
        } finally {
            InFramework.deleteTree(dir);
        }
    }

    Bundle installed(String name) {
        return context.getBundle(TWIN_LOCATION_PREFIX + "vendor." + name);
    }

    static Map<String, Object> removal(String key) {
        Map<String, Object> m = new HashMap<>();
        m.put(key, null);
        return Map.of("edgesec", Map.of("bundles", m));
    }

    static Map<String, Object> awaitVersion(TwinResponder twin, int v) throws InterruptedException {
        return twin.awaitReported(x -> version(x) == v, 60_000);
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
