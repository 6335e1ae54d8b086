package io.edgesec.transport.edgehub.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Test fixture: records what arrives on MQTT topics (by default every module's and device's
 * events, {@code devices/#}), and parses the IoT Hub property bag the SDK appends to the topic.
 * Reconnects and resubscribes by itself when the broker restarts.
 */
public final class MqttRecorder implements AutoCloseable {
    /** One message as it arrived. */
    public record Received(String topic, String body) {
        /** @return the decoded properties after {@code .../messages/events/} ({@code $.ifid}, {@code MessagePriority} ...) */
        public Map<String, String> properties() {
            Map<String, String> out = new LinkedHashMap<>();
            int i = topic.indexOf("/messages/events/");
            if (i < 0) {
                return out;
            }
            String bag = topic.substring(i + "/messages/events/".length());
            if (bag.endsWith("/")) {
                bag = bag.substring(0, bag.length() - 1); // the SDK closes the property bag with a slash
            }
            for (String kv : bag.split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = eq < 0 ? kv : kv.substring(0, eq);
                String v = eq < 0 ? "" : kv.substring(eq + 1);
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return out;
        }
    }

    private final MqttClient client;
    private final List<Received> received = new ArrayList<>();

    public MqttRecorder(String brokerUri, String... filters) throws MqttException {
        this(brokerUri, true, filters);
    }

    /**
     * A recorder whose session the broker keeps (clean session off): with a store-and-forward
     * broker ({@link TlsMosquitto#startStoreAndForward}) nothing the broker acknowledged to a
     * publisher is lost to the recorder across a broker restart (it may arrive twice).
     */
    public static MqttRecorder withPersistentSession(String brokerUri, String... filters) throws MqttException {
        return new MqttRecorder(brokerUri, false, filters);
    }

    private MqttRecorder(String brokerUri, boolean cleanSession, String... filters) throws MqttException {
        String[] topics = filters.length == 0 ? new String[] {"devices/#"} : filters;
        client = ResubscribingClient.connect(brokerUri, "recorder-", cleanSession, topics, (topic, message) -> {
            synchronized (received) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
                received.notifyAll();
            }
        });
    }

    public List<Received> all() {
        synchronized (received) {
            return new ArrayList<>(received);
        }
    }

    /** Waits (bounded) for a message that matches; fails with what did arrive. */
    public Received await(Predicate<Received> match, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (match.test(r)) {
                        return r;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("no matching message within " + timeoutMs + " ms; received: " + received);
                }
                received.wait(left);
            }
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        ResubscribingClient.close(client);
    }
}
