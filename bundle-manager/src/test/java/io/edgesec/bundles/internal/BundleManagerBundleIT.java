package io.edgesec.bundles.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The built bundle in a real Felix 7.0.5 with only agent-api and the DS/ConfigAdmin/Metatype
 * infrastructure: it resolves, offers agent-api's BundleManagement service and the collector
 * {@code bundles}, and the service installs a verified bundle and refuses one outside the
 * allowed sources. Test classes and bundle classes live in different class spaces, so the
 * service is called by reflection.
 */
class BundleManagerBundleIT {
    static final String BSN = "io.edgesec.bundle-manager";
    @TempDir
    Path dir;
    Framework framework;

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    static Path jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    static Path artifact(String artifactId) {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith(artifactId + "-") && name.endsWith(".jar") && Character.isDigit(name.charAt(artifactId.length() + 1))) {
                return Path.of(e);
            }
        }
        throw new AssertionError(artifactId + " is not on the test class path");
    }

    ServiceReference<?> awaitService(String clazz, String filter) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            ServiceReference<?>[] refs = framework.getBundleContext().getAllServiceReferences(clazz, filter);
            if (refs != null) {
                return refs[0];
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + clazz + " " + filter + " within 30 s");
            }
            Thread.sleep(20);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void resolvesWithOnlyAgentApiAndOffersTheServiceThatManagesBundles() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve("felix").toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("edgesec.data.dir", data.toString());
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        framework.start();
        List<Path> jars = List.of(jarOf("io.edgesec.api.event.SecurityEvent"), jarOf("com.fasterxml.jackson.core.JsonFactory"),
                artifact("org.osgi.util.function"),
                artifact("org.osgi.util.promise"), artifact("org.osgi.service.component"), artifact("org.osgi.service.log"),
                jarOf("org.apache.felix.scr.impl.Activator"), jarOf("org.apache.felix.cm.impl.ConfigurationManager"),
                jarOf("org.apache.felix.metatype.internal.Activator"), Path.of(System.getProperty("edgesec.bundle.jar")));
        List<Bundle> bundles = new ArrayList<>();
        for (Path j : jars) {
            bundles.add(framework.getBundleContext().installBundle(j.toUri().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
        }
        Bundle ours = bundles.get(bundles.size() - 1);
        assertEquals(BSN, ours.getSymbolicName());
        assertEquals(Bundle.ACTIVE, ours.getState());
        Set<String> providers = new TreeSet<>();
        for (BundleWire w : ours.adapt(BundleWiring.class).getRequiredWires(null)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        // the shared JSON library is the runtime's, installed once: not embedded
        assertTrue(Set.of("org.apache.felix.framework", "io.edgesec.agent-api", "org.apache.felix.scr",
                "com.fasterxml.jackson.core.jackson-core").containsAll(providers),
                "wired to " + providers);

        awaitService("io.edgesec.api.collector.TriggeredCollector", "(edgesec.collector.name=bundles)");
        ServiceReference<?> ref = awaitService("io.edgesec.api.bundles.BundleManagement", null);
        Object service = framework.getBundleContext().getService(ref);

        // a verified bundle under the default allowed source (<edgesec.data.dir>/bundles) is installed and started
        Path jar = BundleReconcilerTest.bundleJar(data.resolve("bundles/incoming/vendor.a.jar"), "vendor.a", "1.0.0", "a");
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("vendor.a", BundleReconcilerTest.entry(jar, "1.0.0"));
        // and one outside it is refused, nothing read from it
        Path outside = BundleReconcilerTest.bundleJar(dir.resolve("outside/vendor.b.jar"), "vendor.b", "1.0.0", "b");
        desired.put("vendor.b", BundleReconcilerTest.entry(outside, "1.0.0"));
        Map<String, Object> states = (Map<String, Object>) service.getClass().getMethod("reconcile", Map.class).invoke(service, desired);
        assertEquals("ACTIVE", ((Map<?, ?>) states.get("vendor.a")).get("state"), states.toString());
        assertEquals("REFUSED", ((Map<?, ?>) states.get("vendor.b")).get("state"), states.toString());
        assertTrue(String.valueOf(((Map<?, ?>) states.get("vendor.b")).get("error")).contains("outside the allowed sources"));
        Bundle installed = framework.getBundleContext().getBundle(BundleReconciler.LOCATION_PREFIX + "vendor.a");
        assertNotNull(installed);
        assertEquals(Bundle.ACTIVE, installed.getState());
    }
}
