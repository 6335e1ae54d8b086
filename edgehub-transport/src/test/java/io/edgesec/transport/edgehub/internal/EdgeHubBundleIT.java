package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
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
 * infrastructure (and, for the twin, the real configuration and bundle-manager bundles): it resolves, its embedded
 * SDK works inside the bundle's class loader, it offers the transport only once configured, and
 * the twin reaches ConfigAdmin through the real ConfigurationApplier. Test classes and bundle
 * classes live in different class spaces, so bundle services are called by reflection.
 */
class EdgeHubBundleIT {
    static final String BSN = "io.edgesec.edgehub-transport";
    @TempDir
    static Path dir;
    static TlsMosquitto broker;
    static MqttRecorder events;
    Framework framework;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TlsMosquitto.start(dir.resolve("broker"));
        events = new MqttRecorder(broker.plainUri());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (events != null) {
            events.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    static Path jarOf(String className) throws Exception {
        return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** A jar of the test class path by artifact id (some packages are in more than one jar). */
    static Path artifact(String artifactId) {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(e).getFileName().toString();
            if (name.startsWith(artifactId + "-") && name.endsWith(".jar")
                    && Character.isDigit(name.charAt(artifactId.length() + 1))) {
                return Path.of(e);
            }
        }
        throw new AssertionError(artifactId + " is not on the test class path " + System.getProperty("java.class.path"));
    }

    /** The infrastructure the launcher embeds, plus agent-api; optionally the configuration bundle. */
    List<Bundle> start(String storage, boolean withConfigurationBundle) throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, dir.resolve(storage).toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        props.put("edgesec.data.dir", dir.resolve(storage + "-data").toString());
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(props);
        framework.start();
        List<Path> jars = new ArrayList<>(List.of(
                jarOf("io.edgesec.api.event.SecurityEvent"),
                jarOf("com.fasterxml.jackson.core.JsonFactory"), // the runtime's shared JSON library
                artifact("org.osgi.util.function"),
                artifact("org.osgi.util.promise"),
                artifact("org.osgi.service.component"),
                artifact("org.osgi.service.log"),
                jarOf("org.apache.felix.scr.impl.Activator"),
                jarOf("org.apache.felix.cm.impl.ConfigurationManager"),
                jarOf("org.apache.felix.metatype.internal.Activator")));
        if (withConfigurationBundle) {
            jars.add(jarOf("io.edgesec.configuration.internal.DesiredConfigurationApplier"));
            // the bundle manager: its service takes the twin's bundles section, its metatype
            // declares io.edgesec.bundles (configured through the twin below)
            jars.add(jarOf("io.edgesec.bundles.internal.BundleReconciler"));
        }
        jars.add(Path.of(System.getProperty("edgesec.bundle.jar")));
        List<Bundle> bundles = new ArrayList<>();
        for (Path j : jars) {
            bundles.add(framework.getBundleContext().installBundle(j.toUri().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
        }
        return bundles;
    }

    Bundle bundle(String bsn) {
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
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

    /** DS state of a component of our bundle (ServiceComponentRuntime DTOs, by reflection). */
    int componentState(String componentName) throws Exception {
        ServiceReference<?> ref = awaitService("org.osgi.service.component.runtime.ServiceComponentRuntime", null);
        Object scr = framework.getBundleContext().getService(ref);
        Method descs = scr.getClass().getMethod("getComponentDescriptionDTOs", Bundle[].class);
        for (Object d : (Collection<?>) descs.invoke(scr, (Object) new Bundle[] {bundle(BSN)})) {
            if (componentName.equals(d.getClass().getField("name").get(d))) {
                Method configs = scr.getClass().getMethod("getComponentConfigurationDTOs", d.getClass());
                for (Object c : (Collection<?>) configs.invoke(scr, d)) {
                    return (Integer) c.getClass().getField("state").get(c);
                }
                return -1; // no configuration: not satisfied
            }
        }
        throw new AssertionError("no component " + componentName);
    }

    int awaitComponentState(String componentName, int state) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        int s;
        while ((s = componentState(componentName)) != state) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(componentName + " is in state " + s + ", expected " + state);
            }
            Thread.sleep(20);
        }
        return s;
    }

    @Test
    void resolvesWithOnlyAgentApiAndTheInfrastructure() throws Exception {
        start("felix-resolve", false);
        Bundle ours = bundle(BSN);
        assertEquals(Bundle.ACTIVE, ours.getState());
        // every package it imports comes from the framework, agent-api, ConfigAdmin or the shared
        // JSON library (jackson-core, installed once by the runtime)
        TreeSet<String> providers = new TreeSet<>();
        for (BundleWire w : ours.adapt(BundleWiring.class).getRequiredWires(null)) {
            providers.add(w.getProvider().getBundle().getSymbolicName());
        }
        assertTrue(java.util.Set.of("org.apache.felix.framework", "io.edgesec.agent-api", "org.apache.felix.configadmin",
                "org.apache.felix.scr", "com.fasterxml.jackson.core.jackson-core").containsAll(providers), "wired to " + providers);
        System.out.println("edgehub-transport is wired to: " + providers);
        // the transport waits for a ConfigurationApplier (bundle management is another bundle's, optional)
        assertEquals(2 /* UNSATISFIED_REFERENCE */, awaitComponentState(EdgeHubTransport.class.getName(), 2));
        assertTrue(framework.getBundleContext().getAllServiceReferences("io.edgesec.api.transport.MessageTransport", null) == null);
    }

    @Test
    void offeredOnceConfiguredSendsMarkedMessagesAndBridgesTheTwinToConfigAdmin() throws Exception {
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("edgesec", Map.of("io%2Eedgesec%2Ebundles", Map.of("downloadTimeout", "PT1M")));
        try (TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            start("felix-twin", true);
            // no IoT Edge environment here and no connection string: active, but no transport
            awaitComponentState(EdgeHubTransport.class.getName(), 8 /* ACTIVE */);
            assertTrue(framework.getBundleContext().getAllServiceReferences("io.edgesec.api.transport.MessageTransport",
                    "(edgesec.transport.name=edgehub)") == null);

            // configure a module connection string through the real applier (validated against our metatype)
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            String key = Base64.getEncoder().encodeToString(k);
            Map<String, Object> transport = new LinkedHashMap<>();
            transport.put("connectionString", "HostName=testhub.azure-devices.net;DeviceId=osgi-device;ModuleId=edgesec;SharedAccessKey="
                    + key + ";GatewayHostName=" + broker.address());
            transport.put("trustBundleFile", broker.certificatePem().toString());
            transport.put("reconnectMinBackoff", "PT0.2S");
            transport.put("reconnectMaxBackoff", "PT1S");
            ServiceReference<?> applierRef = awaitService("io.edgesec.api.config.ConfigurationApplier", null);
            Object applier = framework.getBundleContext().getService(applierRef);
            Object result = applier.getClass().getMethod("apply", Map.class, String.class)
                    .invoke(applier, Map.of("edgesec", Map.of(EdgeHubConfig.PID, transport)), "test");
            assertEquals(List.of(), result.getClass().getMethod("errors").invoke(result));

            ServiceReference<?> ref = awaitService("io.edgesec.api.transport.MessageTransport", "(edgesec.transport.name=edgehub)");
            assertEquals(100, ref.getProperty(Constants.SERVICE_RANKING));

            // a send through the registered service: the SDK embedded in the bundle, for real
            Object service = framework.getBundleContext().getService(ref);
            Bundle api = bundle("io.edgesec.agent-api");
            Class<?> eventClass = api.loadClass("io.edgesec.api.event.SecurityEvent");
            Object builder = eventClass.getMethod("builder", String.class).invoke(null, "ProcessCreate");
            builder.getClass().getMethod("payload", Map.class).invoke(builder, Map.of("Executable", "/usr/bin/osgi-marker", "UserId", "0"));
            Object event = builder.getClass().getMethod("build").invoke(builder);
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object high = Enum.valueOf((Class) api.loadClass("io.edgesec.api.event.Priority"), "HIGH");
            Class<?> messageClass = api.loadClass("io.edgesec.api.event.SecurityMessage");
            Object message = messageClass.getConstructor(String.class, String.class, List.class, high.getClass())
                    .newInstance("0.1.0", "b97faf0a-0f57-471f-9dab-46a8e1764946", List.of(event), high);
            long deadline = System.currentTimeMillis() + 30_000;
            while (true) {
                try {
                    service.getClass().getMethod("send", messageClass).invoke(service, message);
                    break;
                } catch (java.lang.reflect.InvocationTargetException e) {
                    // not connected yet: exactly what the aggregator sees; it retries too
                    if (System.currentTimeMillis() > deadline) {
                        throw new AssertionError("send kept failing", e.getCause());
                    }
                    Thread.sleep(100);
                }
            }
            MqttRecorder.Received r = events.await(x -> x.body().contains("osgi-marker"), 10_000);
            assertTrue(r.topic().startsWith("devices/osgi-device/modules/edgesec/messages/events/"), r.topic());
            assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
            assertEquals("High", r.properties().get("MessagePriority"));

            // the twin went through the real applier into ConfigAdmin, and is reported back
            Map<String, Object> reported = twin.awaitReported(rep -> "PT1M".equals(
                    TwinResponder.path(rep, "edgesec", "io%2Eedgesec%2Ebundles", "downloadTimeout")), 30_000);
            assertEquals("applied", TwinResponder.path(reported, "edgesec", "status", "result"));
            // the connection string is configuration too, but never reported
            String text = JsonText.write(reported);
            assertFalse(text.contains(key), "the shared access key must not be reported: " + text);
            assertEquals(TwinBridge.REDACTED, TwinResponder.path(reported, "edgesec", "io%2Eedgesec%2Etransport%2Eedgehub", "connectionString"));

            // a bad value: rejected by the real applier, nothing changes
            twin.patchDesired(Map.of("edgesec", Map.of("io%2Eedgesec%2Ebundles", Map.of("downloadTimeout", "lots"))));
            reported = twin.awaitReported(rep -> "rejected".equals(TwinResponder.path(rep, "edgesec", "status", "result")), 30_000);
            assertEquals("PT1M", TwinResponder.path(reported, "edgesec", "io%2Eedgesec%2Ebundles", "downloadTimeout"));
            assertTrue(String.valueOf(TwinResponder.path(reported, "edgesec", "status", "errors")).contains("downloadTimeout"));

            // device policy: the twin cannot widen where bundles come from (set only locally)
            int v = twin.patchDesired(Map.of("edgesec", Map.of("io%2Eedgesec%2Ebundles", Map.of("allowedSources", List.of("file:/")))));
            reported = twin.awaitReported(rep -> TwinResponder.path(rep, "edgesec", "status", "desiredVersion") instanceof Number n
                    && n.intValue() == v, 30_000);
            assertEquals("rejected", TwinResponder.path(reported, "edgesec", "status", "result"));
            assertTrue(String.valueOf(TwinResponder.path(reported, "edgesec", "status", "errors"))
                    .contains("io.edgesec.bundles/allowedSources: device policy"));
            assertEquals(List.of(), TwinResponder.path(reported, "edgesec", "io%2Eedgesec%2Ebundles", "allowedSources"));
        }
    }

    /** Times mosquitto accepted a connection of {@code clientId} (its log: "New client connected from ... as <id> "). */
    static long connections(String clientId) {
        return broker.log().lines().filter(l -> l.contains("New client connected") && l.contains(" as " + clientId + " ")).count();
    }

    /** The current configuration properties of one of our components, as SCR has them (by reflection). */
    Map<?, ?> componentProperties(String componentName) throws Exception {
        ServiceReference<?> ref = awaitService("org.osgi.service.component.runtime.ServiceComponentRuntime", null);
        Object scr = framework.getBundleContext().getService(ref);
        Method descs = scr.getClass().getMethod("getComponentDescriptionDTOs", Bundle[].class);
        for (Object d : (Collection<?>) descs.invoke(scr, (Object) new Bundle[] {bundle(BSN)})) {
            if (componentName.equals(d.getClass().getField("name").get(d))) {
                Method configs = scr.getClass().getMethod("getComponentConfigurationDTOs", d.getClass());
                for (Object c : (Collection<?>) configs.invoke(scr, d)) {
                    return (Map<?, ?>) c.getClass().getField("properties").get(c);
                }
            }
        }
        return Map.of();
    }

    void apply(Map<String, Object> transport) throws Exception {
        ServiceReference<?> applierRef = awaitService("io.edgesec.api.config.ConfigurationApplier", null);
        Object applier = framework.getBundleContext().getService(applierRef);
        Object result = applier.getClass().getMethod("apply", Map.class, String.class)
                .invoke(applier, Map.of("edgesec", Map.of(EdgeHubConfig.PID, transport)), "test");
        assertEquals(List.of(), result.getClass().getMethod("errors").invoke(result));
    }

    /** Sends one event with {@code marker} through the registered edgehub transport until it is taken; waits for it at the broker. */
    void sendThroughTheTransport(String marker) throws Exception {
        Bundle api = bundle("io.edgesec.agent-api");
        Class<?> eventClass = api.loadClass("io.edgesec.api.event.SecurityEvent");
        Object builder = eventClass.getMethod("builder", String.class).invoke(null, "ProcessCreate");
        builder.getClass().getMethod("payload", Map.class).invoke(builder, Map.of("Executable", "/usr/bin/" + marker, "UserId", "0"));
        Object event = builder.getClass().getMethod("build").invoke(builder);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object high = Enum.valueOf((Class) api.loadClass("io.edgesec.api.event.Priority"), "HIGH");
        Class<?> messageClass = api.loadClass("io.edgesec.api.event.SecurityMessage");
        Object message = messageClass.getConstructor(String.class, String.class, List.class, high.getClass())
                .newInstance("0.1.0", "b97faf0a-0f57-471f-9dab-46a8e1764946", List.of(event), high);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            ServiceReference<?> ref = awaitService("io.edgesec.api.transport.MessageTransport", "(edgesec.transport.name=edgehub)");
            Object service = framework.getBundleContext().getService(ref);
            try {
                service.getClass().getMethod("send", messageClass).invoke(service, message);
                break;
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (System.currentTimeMillis() > deadline) { // not connected yet: the aggregator retries too
                    throw new AssertionError("send kept failing", e.getCause());
                }
                Thread.sleep(100);
            } finally {
                framework.getBundleContext().ungetService(ref);
            }
        }
        events.await(x -> x.body().contains(marker), 10_000);
    }

    @Test
    void aConfigurationChangeThatLeavesTheConnectionAloneDoesNotReconnect() throws Exception {
        try (TwinResponder twin = new TwinResponder(broker.plainUri(), new LinkedHashMap<>())) {
            start("felix-modified", true);
            awaitComponentState(EdgeHubTransport.class.getName(), 8 /* ACTIVE */);
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            String device = "modified-" + Long.toHexString(System.nanoTime());
            String clientId = device + "/edgesec";
            Map<String, Object> transport = new LinkedHashMap<>();
            transport.put("connectionString", "HostName=testhub.azure-devices.net;DeviceId=" + device + ";ModuleId=edgesec;SharedAccessKey="
                    + Base64.getEncoder().encodeToString(k) + ";GatewayHostName=" + broker.address());
            transport.put("trustBundleFile", broker.certificatePem().toString());
            transport.put("reconnectMinBackoff", "PT0.2S");
            transport.put("reconnectMaxBackoff", "PT1S");
            apply(transport);
            sendThroughTheTransport("modified-marker-1");
            long connected = connections(clientId);
            assertEquals(1, connected, broker.log());
            Object serviceId = awaitService("io.edgesec.api.transport.MessageTransport", "(edgesec.transport.name=edgehub)")
                    .getProperty(Constants.SERVICE_ID);

            // the send timeout only: changed in place (SCR shows the new value), same connection, same service
            transport.put("sendTimeout", "PT30S");
            apply(transport);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"PT30S".equals(componentProperties(EdgeHubTransport.class.getName()).get("sendTimeout"))) {
                assertTrue(System.currentTimeMillis() < deadline, "SCR never had the new sendTimeout");
                Thread.sleep(20);
            }
            sendThroughTheTransport("modified-marker-2");
            assertEquals(connected, connections(clientId), "no new connection for a change that does not concern it\n" + broker.log());
            assertEquals(serviceId, awaitService("io.edgesec.api.transport.MessageTransport", "(edgesec.transport.name=edgehub)")
                    .getProperty(Constants.SERVICE_ID), "the transport stayed registered");

            // the reconnection back-off is the connection's: a new one
            transport.put("reconnectMaxBackoff", "PT2S");
            apply(transport);
            deadline = System.currentTimeMillis() + 30_000;
            while (connections(clientId) < connected + 1) {
                assertTrue(System.currentTimeMillis() < deadline, "no new connection after reconnectMaxBackoff changed\n" + broker.log());
                Thread.sleep(20);
            }
            sendThroughTheTransport("modified-marker-3");
        }
    }
}
