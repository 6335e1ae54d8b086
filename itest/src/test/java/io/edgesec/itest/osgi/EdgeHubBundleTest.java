package io.edgesec.itest.osgi;

import static io.edgesec.itest.osgi.FrameworkOptions.edgesec;
import static io.edgesec.itest.osgi.FrameworkOptions.hubAgent;
import static io.edgesec.itest.osgi.FrameworkOptions.infrastructure;
import static io.edgesec.itest.osgi.InFramework.awaitComponentState;
import static io.edgesec.itest.osgi.InFramework.awaitService;
import static io.edgesec.itest.osgi.InFramework.bundle;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.api.transport.MessageTransport;
import io.edgesec.transport.edgehub.internal.MqttRecorder;
import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * The built edgehub-transport bundle with the real configuration and bundle-manager bundles,
 * against the edgeHub stand-in (a fresh framework per test): its embedded SDK works inside the
 * bundle's class loader, it offers the transport only once configured, the twin reaches
 * ConfigAdmin through the real ConfigurationApplier, and a configuration change that leaves
 * the connection alone does not reconnect.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public class EdgeHubBundleTest {
    static final String BSN = HubTransport.BSN;
    static final String COMPONENT = HubTransport.COMPONENT;
    static final String EDGEHUB = HubTransport.EDGEHUB;

    @Inject
    BundleContext context;

    @Configuration
    public Option[] config() {
        // the bundle manager: its service takes the twin's bundles section, its metatype
        // declares io.edgesec.bundles (configured through the twin below)
        return options(infrastructure(), hubAgent(edgesec("bundle-manager")));
    }

    @Test
    public void offeredOnceConfiguredSendsMarkedMessagesAndBridgesTheTwinToConfigAdmin() throws Exception {
        Path dir = Files.createTempDirectory("edgesec-edgehub");
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put("edgesec", Map.of("io%2Eedgesec%2Ebundles", Map.of("downloadTimeout", "PT1M")));
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                MqttRecorder events = new MqttRecorder(broker.plainUri());
                TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            // no IoT Edge environment here and no connection string: active, but no transport
            awaitComponentState(context, bundle(context, BSN), COMPONENT, 8 /* ACTIVE */);
            assertTrue(context.getServiceReferences(MessageTransport.class, EDGEHUB).isEmpty());

            // configure a module connection string through the real applier (validated against our metatype)
            Map<String, Object> transport = HubTransport.settings(broker, "osgi-device");
            String key = HubTransport.sharedAccessKey(transport);
            apply(transport);

            ServiceReference<MessageTransport> ref = awaitService(context, MessageTransport.class, EDGEHUB);
            assertEquals(100, ref.getProperty(Constants.SERVICE_RANKING));

            // a send through the registered service: the SDK embedded in the bundle, for real
            sendThroughTheTransport(events, "osgi-marker");
            MqttRecorder.Received r = events.await(x -> x.body().contains("osgi-marker"), 10_000);
            assertTrue(r.topic(), r.topic().startsWith("devices/osgi-device/modules/edgesec/messages/events/"));
            assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
            assertEquals("High", r.properties().get("MessagePriority"));

            // the twin went through the real applier into ConfigAdmin, and is reported back
            Map<String, Object> reported = twin.awaitReported(rep -> "PT1M".equals(
                    TwinResponder.path(rep, "edgesec", "io%2Eedgesec%2Ebundles", "downloadTimeout")), 30_000);
            assertEquals("applied", TwinResponder.path(reported, "edgesec", "status", "result"));
            // the connection string is configuration too, but never reported
            String text = String.valueOf(reported); // in the framework: support's JsonText is not a bundle
            assertFalse("the shared access key must not be reported: " + text, text.contains(key));
            assertEquals(HubTransport.NOT_REPORTED, TwinResponder.path(reported, "edgesec", "io%2Eedgesec%2Etransport%2Eedgehub", "connectionString"));

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
        } finally {
            InFramework.deleteTree(dir);
        }
    }

    @Test
    public void aConfigurationChangeThatLeavesTheConnectionAloneDoesNotReconnect() throws Exception {
        Path dir = Files.createTempDirectory("edgesec-edgehub");
        try (TlsMosquitto broker = TlsMosquitto.start(dir.resolve("broker"));
                MqttRecorder events = new MqttRecorder(broker.plainUri());
                TwinResponder twin = new TwinResponder(broker.plainUri(), new LinkedHashMap<>())) {
            awaitComponentState(context, bundle(context, BSN), COMPONENT, 8 /* ACTIVE */);
            String device = "modified-" + Long.toHexString(System.nanoTime());
            String clientId = device + "/edgesec";
            Map<String, Object> transport = HubTransport.settings(broker, device);
            apply(transport);
            sendThroughTheTransport(events, "modified-marker-1");
            long connected = connections(broker, clientId);
            assertEquals(broker.log(), 1, connected);
            Object serviceId = awaitService(context, MessageTransport.class, EDGEHUB).getProperty(Constants.SERVICE_ID);

            // the send timeout only: changed in place (SCR shows the new value), same connection, same service
            transport.put("sendTimeout", "PT30S");
            apply(transport);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!"PT30S".equals(InFramework.componentProperties(context, bundle(context, BSN), COMPONENT).get("sendTimeout"))) {
                assertTrue("SCR never had the new sendTimeout", System.currentTimeMillis() < deadline);
                Thread.sleep(20);
            }
            sendThroughTheTransport(events, "modified-marker-2");
            assertEquals("no new connection for a change that does not concern it\n" + broker.log(), connected, connections(broker, clientId));
            assertEquals("the transport stayed registered", serviceId,
                    awaitService(context, MessageTransport.class, EDGEHUB).getProperty(Constants.SERVICE_ID));

            // the reconnection back-off is the connection's: a new one
            transport.put("reconnectMaxBackoff", "PT2S");
            apply(transport);
            deadline = System.currentTimeMillis() + 30_000;
            while (connections(broker, clientId) < connected + 1) {
                assertTrue("no new connection after reconnectMaxBackoff changed\n" + broker.log(), System.currentTimeMillis() < deadline);
                Thread.sleep(20);
            }
            sendThroughTheTransport(events, "modified-marker-3");
        } finally {
            InFramework.deleteTree(dir);
        }
    }

    /** Times mosquitto accepted a connection of {@code clientId} (its log: "New client connected from ... as <id> "). */
    static long connections(TlsMosquitto broker, String clientId) {
        return broker.log().lines().filter(l -> l.contains("New client connected") && l.contains(" as " + clientId + " ")).count();
    }

    void apply(Map<String, Object> transport) throws Exception {
        HubTransport.apply(context, transport);
    }

    /** Sends one event with {@code marker} through the registered edgehub transport until it is taken; waits for it at the broker. */
    void sendThroughTheTransport(MqttRecorder events, String marker) throws Exception {
        SecurityEvent event = SecurityEvent.builder("ProcessCreate")
                .payload(Map.of("Executable", "/usr/bin/" + marker, "UserId", "0")).build();
        SecurityMessage message = new SecurityMessage("0.1.0", "b97faf0a-0f57-471f-9dab-46a8e1764946", List.of(event), Priority.HIGH);
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            ServiceReference<MessageTransport> ref = awaitService(context, MessageTransport.class, EDGEHUB);
            MessageTransport service = context.getService(ref);
            try {
                service.send(message);
                break;
            } catch (Exception e) {
                if (System.currentTimeMillis() > deadline) { // not connected yet: the aggregator retries too
                    throw new AssertionError("send kept failing", e);
                }
                Thread.sleep(100);
            } finally {
                context.ungetService(ref);
            }
        }
        events.await(x -> x.body().contains(marker), 10_000);
    }
}
