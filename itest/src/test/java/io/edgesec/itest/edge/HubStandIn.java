package io.edgesec.itest.edge;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import io.edgesec.transport.edgehub.internal.MqttRecorder;
import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The edgeHub stand-in for one test class, from edgehub-transport's test fixtures: mosquitto on
 * TLS at port 8883 of its own 127.0.0.x (the agent's {@code GatewayHostName}), a recorder of
 * everything on {@code devices/#}, and the twin service. Also writes the agent's
 * {@code --config} file.
 */
final class HubStandIn implements AutoCloseable {
    static final String AZURE = "ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration";
    static final String IFID = "urn:azureiot:Security:SecurityAgent:1";
    static final String DEVICE = "edge-device";
    static final String MODULE = "edgesec";

    final TlsMosquitto broker;
    final MqttRecorder events;
    final TwinResponder twin;
    final Path dir;
    private final String sharedAccessKey;

    HubStandIn(Path dir, Map<String, Object> desired) throws Exception {
        this(dir, desired, false);
    }

    /**
     * @param storeAndForward whether the broker keeps what it acknowledged across its restart, as
     *                        edgeHub does (mosquitto with persistence, the recorder with a
     *                        persistent session); without it, stopping the broker can lose a
     *                        message it acknowledged to the agent and had not passed on yet
     */
    HubStandIn(Path dir, Map<String, Object> desired, boolean storeAndForward) throws Exception {
        this.dir = dir;
        broker = storeAndForward ? TlsMosquitto.startStoreAndForward(dir.resolve("broker")) : TlsMosquitto.start(dir.resolve("broker"));
        events = storeAndForward ? MqttRecorder.withPersistentSession(broker.plainUri()) : new MqttRecorder(broker.plainUri());
        twin = new TwinResponder(broker.plainUri(), desired);
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        sharedAccessKey = Base64.getEncoder().encodeToString(k);
    }

    /** The module connection string the agent's --config gives it (outside IoT Edge). */
    String moduleConnectionString() {
        return "HostName=testhub.azure-devices.net;DeviceId=" + DEVICE + ";ModuleId=" + MODULE + ";SharedAccessKey="
                + sharedAccessKey + ";GatewayHostName=" + broker.address();
    }

    String sharedAccessKey() {
        return sharedAccessKey;
    }

    /** Where the agent's security messages arrive. */
    static String eventsTopicPrefix() {
        return "devices/" + DEVICE + "/modules/" + MODULE + "/messages/events/";
    }

    /**
     * A --config document: the Azure section given, the hub transport (with the connection string
     * unless {@code withConnectionString} is false, fast reconnection), and the host collectors
     * that would read this machine's audit log and Docker engine pointed at nothing (so that the
     * counts here do not depend on what else runs on the machine).
     */
    Path writeConfig(Path file, Map<String, Object> azure, Map<String, Object> moreEdgesec, boolean withConnectionString)
            throws IOException {
        Map<String, Object> transport = new LinkedHashMap<>();
        if (withConnectionString) {
            transport.put("connectionString", moduleConnectionString());
            transport.put("trustBundleFile", broker.certificatePem().toString());
        }
        transport.put("reconnectMinBackoff", "PT0.2S");
        transport.put("reconnectMaxBackoff", "PT1S");
        transport.put("sendTimeout", "PT20S");
        Path quiet = file.resolveSibling(file.getFileName() + ".host");
        Files.createDirectories(quiet);
        Path auditLog = quiet.resolve("audit.log");
        Files.writeString(auditLog, "");
        Map<String, Object> edgesec = new LinkedHashMap<>();
        edgesec.put("io.edgesec.transport.edgehub", transport);
        edgesec.put("io.edgesec.collector.audit", Map.of("logPath", auditLog.toString(),
                "stateDirectory", quiet.resolve("audit-state").toString()));
        edgesec.put("io.edgesec.collector.docker", Map.of("dockerHost", "unix://" + quiet.resolve("no-docker.sock")));
        edgesec.putAll(moreEdgesec);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(AZURE, azure);
        doc.put("edgesec", edgesec);
        Files.writeString(file, JsonText.write(doc), StandardCharsets.UTF_8);
        return file;
    }

    static Map<String, Object> value(Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", v);
        return m;
    }

    /** The agent's security messages so far (on its module's events topic), in arrival order. */
    List<MqttRecorder.Received> securityMessages() {
        List<MqttRecorder.Received> out = new ArrayList<>();
        for (MqttRecorder.Received r : events.all()) {
            if (r.topic().startsWith(eventsTopicPrefix())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every event of every security message so far, each with its message. */
    List<Delivered> deliveredEvents() {
        List<Delivered> out = new ArrayList<>();
        for (MqttRecorder.Received r : securityMessages()) {
            for (Map<String, Object> e : events(r.body())) {
                out.add(new Delivered(r, e));
            }
        }
        return out;
    }

    /** One event as it arrived, with the message that carried it. */
    record Delivered(MqttRecorder.Received message, Map<String, Object> event) {
        String name() {
            return String.valueOf(event.get("Name"));
        }

        String id() {
            return String.valueOf(event.get("Id"));
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> payload() {
            return (List<Map<String, Object>>) event.get("Payload");
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> events(String body) {
        try {
            return (List<Map<String, Object>>) JsonDocuments.object(body).get("Events");
        } catch (Exception e) {
            throw new AssertionError("not a security message: " + body, e);
        }
    }

    long count(Predicate<Delivered> match) {
        return deliveredEvents().stream().filter(match).count();
    }

    /** Polls (bounded) until an event matches; fails naming what was awaited and what came. */
    Delivered awaitEvent(String what, Predicate<Delivered> match, long timeoutMs) throws InterruptedException {
        return poll(timeoutMs, () -> deliveredEvents().stream().filter(match).findFirst().orElse(null),
                () -> "no " + what + " within " + timeoutMs + " ms; event names received: " + names());
    }

    /**
     * Polls (bounded) until at least {@code atLeast} security messages have arrived: the agent
     * counts a message sent when the broker acknowledged it, which may be before the broker
     * handed it to this recorder.
     */
    void awaitMessages(String what, long atLeast, long timeoutMs) throws InterruptedException {
        poll(timeoutMs, () -> securityMessages().size() >= atLeast ? Boolean.TRUE : null,
                () -> what + ": " + securityMessages().size() + " of " + atLeast + " messages within "
                        + timeoutMs + " ms; event names received: " + names());
    }

    /** Polls (bounded) until at least {@code atLeast} events match; returns how many. */
    long awaitCount(String what, Predicate<Delivered> match, long atLeast, long timeoutMs) throws InterruptedException {
        long[] last = {0};
        return poll(timeoutMs, () -> {
            last[0] = count(match);
            return last[0] >= atLeast ? last[0] : null;
        }, () -> what + ": " + last[0] + " of " + atLeast + " within " + timeoutMs + " ms; event names received: " + names());
    }

    /**
     * Asks {@code probe} every 100 ms until it gives a value (not null) and returns that; after
     * {@code timeoutMs} fails with {@code failure}'s text. The one loop behind the waits above.
     */
    private static <T> T poll(long timeoutMs, Supplier<T> probe, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(failure.get());
            }
            Thread.sleep(100);
        }
    }

    List<String> names() {
        List<String> n = new ArrayList<>();
        deliveredEvents().forEach(d -> n.add(d.name()));
        return n;
    }

    /**
     * Waits until the recorder is subscribed again after a broker restart: a marker published on
     * a devices/ topic comes back to it.
     */
    void awaitRecorderSubscribed() throws Exception {
        String marker = "subscribed-" + UUID.randomUUID();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        MqttClient c = new MqttClient(broker.plainUri(), "probe-" + UUID.randomUUID(), new MemoryPersistence());
        try {
            while (true) {
                try {
                    if (!c.isConnected()) {
                        c.connect();
                    }
                    c.publish("devices/recorder-check/messages/events/", new MqttMessage(marker.getBytes(StandardCharsets.UTF_8)));
                    events.await(r -> r.body().equals(marker), 1000);
                    return;
                } catch (MqttException | AssertionError notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the recorder did not resubscribe within 60 s", notYet);
                    }
                    Thread.sleep(200);
                }
            }
        } finally {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
            c.close();
        }
    }

    /** Pauses the broker process (SIGSTOP to its pid): connections stay open, nothing is answered. */
    void pauseBroker() throws Exception {
        signal("STOP");
    }

    void resumeBroker() throws Exception {
        signal("CONT");
    }

    /**
     * Bytes that clients wrote to the broker's TLS port and the broker has not read yet (while it
     * is paused: a message on its way, its acknowledgement outstanding). From {@code ss}: the
     * receive queues of the broker's established sockets on port 8883.
     */
    long unreadBytesAtBroker() throws Exception {
        Process p = new ProcessBuilder("ss", "-tnH", "state", "established", "src", broker.address() + ":" + TlsMosquitto.SDK_MQTT_TLS_PORT)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("ss failed: " + out);
        }
        long unread = 0;
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                unread += Long.parseLong(f[0]); // Recv-Q Send-Q Local Peer
            }
        }
        return unread;
    }

    private void signal(String name) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + name, Long.toString(broker.pid())).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + broker.pid() + " failed: " + new String(p.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() throws Exception {
        try {
            if (broker.running()) {
                resumeBroker(); // never leave it paused
            }
        } catch (Exception | AssertionError e) {
            // it is stopped below anyway
        }
        try {
            twin.close();
        } finally {
            try {
                events.close();
            } finally {
                broker.stop();
            }
        }
    }
}
