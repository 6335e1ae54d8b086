package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.config.ConfigurationApplier;
import io.edgesec.api.event.Priority;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.SecurityMessage;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport against a real mosquitto on TLS (the edgeHub stand-in, reached through
 * GatewayHostName) with a module connection string, and a test-side twin responder.
 */
class EdgeHubTransportTest {
    static final String AZURE = ConfigurationApplier.AZURE_SECTION;
    @TempDir
    static Path dir;
    static TlsMosquitto broker;
    static MqttRecorder events;
    static String sharedAccessKey;

    TwinResponder twin;
    RecordingApplier applier;
    EdgeHubTransport transport;
    final List<LogRecord> logs = new ArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logs) {
                logs.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TlsMosquitto.start(dir.resolve("broker"));
        events = new MqttRecorder(broker.plainUri());
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        sharedAccessKey = Base64.getEncoder().encodeToString(k);
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

    @BeforeEach
    void setUp() throws Exception {
        Logger.getLogger("io.edgesec").addHandler(capture);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, Map.of("highPriorityMessageFrequency", Map.of("value", "PT1M")));
        twin = new TwinResponder(broker.plainUri(), desired);
        applier = new RecordingApplier();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (transport != null) {
            transport.close();
        }
        twin.close();
        Logger.getLogger("io.edgesec").removeHandler(capture);
        if (!broker.running()) {
            broker.restart();
        }
        synchronized (logs) {
            for (LogRecord r : logs) {
                String text = r.getMessage() + (r.getThrown() != null ? r.getThrown().toString() : "");
                assertFalse(text.contains(sharedAccessKey), "a log line contains the shared access key: " + text);
                assertFalse(text.contains("SharedAccessKey="), "a log line contains a connection string: " + text);
            }
        }
    }

    EdgeHubTransport start(String device, String module, String hubResourceId) {
        String cs = "HostName=testhub.azure-devices.net;DeviceId=" + device + (module != null ? ";ModuleId=" + module : "")
                + ";SharedAccessKey=" + sharedAccessKey + ";GatewayHostName=" + broker.address();
        EdgeHubConfig config = Configs.of(EdgeHubConfig.class, Map.of("connectionString", cs,
                "trustBundleFile", broker.certificatePem().toString(), "sendTimeout", "PT10S",
                "reconnectMinBackoff", "PT0.2S", "reconnectMaxBackoff", "PT1S"));
        transport = new EdgeHubTransport(config, applier, null, Map.of(), () -> hubResourceId);
        return transport;
    }

    static void waitUntil(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + timeoutMs + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }

    static SecurityMessage message(Priority priority, String marker) {
        SecurityEvent e = SecurityEvent.builder("ProcessCreate")
                .payload(Map.of("Executable", "/usr/bin/" + marker, "CommandLine", marker + " --now", "UserId", "0",
                        "ProcessId", 42, "ParentProcessId", 1))
                .build();
        return new SecurityMessage("0.1.0", "b97faf0a-0f57-471f-9dab-46a8e1764946", List.of(e), priority);
    }

    @Test
    void noEnvironmentAndNoConnectionStringOffersNoTransport() throws Exception {
        EdgeHubTransport t = new EdgeHubTransport(Configs.of(EdgeHubConfig.class, Map.of()), applier, null, Map.of(), () -> null);
        assertFalse(t.offered());
        assertThrows(IOException.class, () -> t.send(message(Priority.HIGH, "none")));
        t.close();
    }

    @Test
    void securityMessagesArriveMarkedWithTheirPriority() throws Exception {
        EdgeHubTransport t = start("dev1", "edgesec", "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/testhub");
        waitUntil(t.connection()::isConnected, 30_000, "connected to the broker over TLS");

        SecurityMessage high = message(Priority.HIGH, "marker-high");
        t.send(high);
        SecurityMessage low = message(Priority.LOW, "marker-low");
        t.send(low);

        MqttRecorder.Received h = events.await(r -> r.body().contains("marker-high"), 10_000);
        assertTrue(h.topic().startsWith("devices/dev1/modules/edgesec/messages/events/"), h.topic());
        assertEquals(high.toJson(), h.body());
        Map<String, String> p = h.properties();
        assertEquals("urn:azureiot:Security:SecurityAgent:1", p.get("$.ifid"), "security marking in " + h.topic());
        assertEquals("application/json", p.get("$.ct"));
        assertEquals("utf-8", p.get("$.ce"));
        assertEquals("High", p.get("MessagePriority"));
        assertEquals("/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/testhub", p.get("HubResourceId"));
        // the raw topic carries the interface id URL-encoded, as IoT Hub expects
        assertTrue(h.topic().contains("&$.ifid=urn%3Aazureiot%3ASecurity%3ASecurityAgent%3A1&"), h.topic());

        MqttRecorder.Received l = events.await(r -> r.body().contains("marker-low"), 10_000);
        assertEquals("Low", l.properties().get("MessagePriority"));
        assertEquals("urn:azureiot:Security:SecurityAgent:1", l.properties().get("$.ifid"));
        // the body is the envelope, events with their ids
        Map<String, Object> body = JsonDocuments.object(l.body());
        assertEquals(low.events().get(0).id(), ((Map<?, ?>) ((List<?>) body.get("Events")).get(0)).get("Id"));
    }

    @Test
    void aDeviceConnectionStringSendsAsTheDevice() throws Exception {
        EdgeHubTransport t = start("dev2", null, null);
        waitUntil(t.connection()::isConnected, 30_000, "connected");
        t.send(message(Priority.HIGH, "marker-device"));
        MqttRecorder.Received r = events.await(x -> x.body().contains("marker-device"), 10_000);
        assertTrue(r.topic().startsWith("devices/dev2/messages/events/"), r.topic());
        assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
        assertNull(r.properties().get("HubResourceId"));
    }

    @Test
    void aSendWhileTheBrokerIsDownThrowsAndSucceedsAfterItIsBack() throws Exception {
        EdgeHubTransport t = start("dev3", "edgesec", null);
        waitUntil(t.connection()::isConnected, 30_000, "connected");
        long connectionsBefore = t.connection().connections();

        broker.stop();
        waitUntil(() -> !t.connection().isConnected(), 30_000, "the transport notices the broker is gone");
        SecurityMessage m = message(Priority.HIGH, "marker-offline");
        Exception e = assertThrows(Exception.class, () -> t.send(m), "a send while the broker is down must fail");
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());

        broker.restart();
        waitUntil(t.connection()::isConnected, 30_000, "reconnected after the broker restarted");
        assertTrue(t.connection().connections() > connectionsBefore);
        waitUntil(events::connected, 30_000, "recorder reconnected");
        t.send(m); // the same message, as the aggregator retries it
        MqttRecorder.Received r = events.await(x -> x.body().contains("marker-offline"), 10_000);
        assertEquals(m.toJson(), r.body());
        assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTwinConfiguresTheAgentAndTheEffectiveConfigurationIsReported() throws Exception {
        EdgeHubTransport t = start("dev4", "edgesec", null);
        // on connect: the whole desired document, without $version
        RecordingApplier.Call first = applier.awaitCall(1, 30_000);
        assertEquals("twin", first.source());
        assertFalse(first.document().containsKey("$version"));
        assertEquals(Map.of("value", "PT1M"), ((Map<String, Object>) first.document().get(AZURE)).get("highPriorityMessageFrequency"));
        twin.awaitReported(r -> "PT1M".equals(TwinResponder.path(r, AZURE, "highPriorityMessageFrequency", "value")), 10_000);

        // a patch, with an edgesec section whose PID is written as IoT Hub requires (no dots)
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put(AZURE, Map.of("lowPriorityMessageFrequency", Map.of("value", "PT2H")));
        patch.put("edgesec", Map.of("io%2Eedgesec%2Ecollector%2Eprocess", Map.of("procRoot", "/host/proc")));
        int v = twin.patchDesired(patch);
        RecordingApplier.Call second = applier.awaitCall(2, 10_000);
        assertTrue(second.result().ok());
        assertEquals(Map.of("io.edgesec.collector.process", Map.of("procRoot", "/host/proc")), second.document().get("edgesec"));
        Map<String, Object> reported = twin.awaitReported(r -> "PT2H".equals(TwinResponder.path(r, AZURE, "lowPriorityMessageFrequency", "value")), 10_000);
        assertEquals("PT1M", TwinResponder.path(reported, AZURE, "highPriorityMessageFrequency", "value"));
        assertEquals("/host/proc", TwinResponder.path(reported, "edgesec", "io%2Eedgesec%2Ecollector%2Eprocess", "procRoot"));
        assertEquals("applied", TwinResponder.path(reported, "edgesec", "status", "result"));
        assertEquals((long) v, ((Number) TwinResponder.path(reported, "edgesec", "status", "desiredVersion")).longValue());

        // a bad value: the whole patch is rejected, nothing changes, the outcome is reported
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put(AZURE, Map.of("highPriorityMessageFrequency", Map.of("value", "every minute"),
                "lowPriorityMessageFrequency", Map.of("value", "PT3H")));
        twin.patchDesired(bad);
        RecordingApplier.Call third = applier.awaitCall(3, 10_000);
        assertFalse(third.result().ok());
        reported = twin.awaitReported(r -> "rejected".equals(TwinResponder.path(r, "edgesec", "status", "result")), 10_000);
        assertEquals("PT1M", TwinResponder.path(reported, AZURE, "highPriorityMessageFrequency", "value"));
        assertEquals("PT2H", TwinResponder.path(reported, AZURE, "lowPriorityMessageFrequency", "value"));
        assertTrue(String.valueOf(TwinResponder.path(reported, "edgesec", "status", "errors")).contains("highPriorityMessageFrequency"));
        assertNotNull(t.bridge());
    }

    @Test
    void aPatchThatSkipsAVersionMakesTheTransportReadTheWholeTwinAgain() throws Exception {
        start("dev-gap", "edgesec", null);
        applier.awaitCall(1, 30_000);
        twin.awaitReported(r -> "PT1M".equals(TwinResponder.path(r, AZURE, "highPriorityMessageFrequency", "value")), 10_000);
        int reads = twin.getRequests();

        // the hub changes the twin twice; the first patch never reaches the device
        twin.patchDesiredUnsent(Map.of(AZURE, Map.of("lowPriorityMessageFrequency", Map.of("value", "PT2H"))));
        int v = twin.patchDesired(Map.of(AZURE, Map.of("highPriorityMessageFrequency", Map.of("value", "PT3M"))));
        Map<String, Object> reported = twin.awaitReported(r -> "PT2H".equals(TwinResponder.path(r, AZURE, "lowPriorityMessageFrequency", "value"))
                && "PT3M".equals(TwinResponder.path(r, AZURE, "highPriorityMessageFrequency", "value")), 30_000);
        assertEquals(reads + 1, twin.getRequests(), "the whole twin was read again, once");
        assertEquals("twin", TwinResponder.path(reported, "edgesec", "status", "source"));
        assertEquals((long) v, ((Number) TwinResponder.path(reported, "edgesec", "status", "desiredVersion")).longValue());
        assertEquals(1L, ((Number) TwinResponder.path(reported, "edgesec", "status", "versionGaps")).longValue());
    }
}
