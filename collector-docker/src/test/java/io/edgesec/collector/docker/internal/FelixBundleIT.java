package io.edgesec.collector.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.docker.internal.testing.TestEngine;
import java.io.File;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The built bundle in Felix 7 with nothing beside it but agent-api, SCR (and the DS API bundles
 * it needs) and ConfigAdmin: it must resolve and start, register its four services, and its
 * embedded docker-java must talk to a real engine from inside the framework.
 */
class FelixBundleIT {

    @Test
    void bundleResolvesStartsAndCollectsInsideFelix() throws Exception {
        Path storage = Files.createTempDirectory("edgesec-felix");
        Framework framework = null;
        try (TestEngine engine = TestEngine.start(TestEngine.Kind.DOCKER)) {
            String id = engine.docker("create", "--name", "felix-check", "--network", "none", "--privileged",
                    TestEngine.IMAGE, "true").strip();
            Map<String, String> props = new HashMap<>();
            props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
            props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
            // the test talks to ConfigAdmin with the class-path copy of its API
            props.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.osgi.service.cm;version=1.6.0");
            props.put("ds.loglevel", "warn");
            framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
            framework.start();
            BundleContext ctx = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (String jar : System.getProperty("edgesec.bundles").split(",")) {
                bundles.add(ctx.installBundle(new File(jar).toURI().toString()));
            }
            Bundle ours = ctx.installBundle(new File(System.getProperty("edgesec.bundle")).toURI().toString());
            bundles.add(ours);
            for (Bundle b : bundles) {
                b.start();
            }
            assertEquals(Bundle.ACTIVE, ours.getState(), "io.edgesec.collector-docker is active");

            ServiceTracker<ConfigurationAdmin, ConfigurationAdmin> cm = new ServiceTracker<>(ctx, ConfigurationAdmin.class, null);
            cm.open();
            ConfigurationAdmin admin = cm.waitForService(30_000);
            assertNotNull(admin, "ConfigAdmin");
            Configuration config = admin.getConfiguration(DockerCollectorConfig.PID, "?");
            Hashtable<String, Object> values = new Hashtable<>();
            values.put("dockerHost", engine.host());
            config.update(values);

            Object inventory = awaitService(ctx, "io.edgesec.api.collector.PeriodicCollector", "docker-inventory", engine.host());
            assertNotNull(awaitService(ctx, "io.edgesec.api.collector.TriggeredCollector", "docker-events", null));
            assertNotNull(awaitService(ctx, "io.edgesec.api.collector.PeriodicCollector", "docker-manifest", null));
            assertNotNull(ctx.getAllServiceReferences("io.edgesec.api.collector.EventEnricher", null), "the enricher");

            Method collect = inventory.getClass().getMethod("collect");
            List<?> events = (List<?>) collect.invoke(inventory);
            assertEquals(1, events.size());
            String json = (String) events.get(0).getClass().getMethod("toJson").invoke(events.get(0));
            assertTrue(json.contains("\"Name\":\"ContainerInventory\""), json);
            assertTrue(json.contains("\"ContainerId\":\"" + id + "\""), json);
            assertTrue(json.contains("\"Privileged\":true"), json);
            cm.close();
        } finally {
            if (framework != null) {
                framework.stop();
                framework.waitForStop(30_000);
            }
            try (Stream<Path> walk = Files.walk(storage)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Waits for the service with that collector name (and, if given, registered after the configuration named host). */
    private static Object awaitService(BundleContext ctx, String type, String name, String hostMustWork) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String last = "no service";
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = ctx.getAllServiceReferences(type, "(edgesec.collector.name=" + name + ")");
            if (refs != null && refs.length == 1) {
                Object service = ctx.getService(refs[0]);
                if (hostMustWork == null) {
                    return service;
                }
                List<?> events = (List<?>) service.getClass().getMethod("collect").invoke(service);
                String json = (String) events.get(0).getClass().getMethod("toJson").invoke(events.get(0));
                if (json.contains("ContainerInventory")) {
                    return service; // the configured engine answered (not the default socket)
                }
                last = json;
            }
            Thread.sleep(200);
        }
        StringBuilder sb = new StringBuilder("no " + type + " service " + name + ": " + last);
        for (Bundle b : ctx.getBundles()) {
            sb.append("\n  bundle ").append(b.getSymbolicName()).append(" state ").append(b.getState());
        }
        ServiceReference<?>[] all = ctx.getAllServiceReferences(null, null);
        for (ServiceReference<?> r : all == null ? new ServiceReference<?>[0] : all) {
            sb.append("\n  service ").append(java.util.Arrays.toString((String[]) r.getProperty(Constants.OBJECTCLASS)))
                    .append(" ").append(r.getProperty("edgesec.collector.name"));
        }
        throw new AssertionError(sb.toString());
    }
}
