package io.edgesec.transport.edgehub.internal;

import java.util.Arrays;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT client of the test fixtures that stand in for the hub ({@link MqttRecorder},
 * {@link TwinResponder}): reconnects by itself when the broker restarts and subscribes again,
 * and closes even while a reconnect is under way.
 */
final class ResubscribingClient {
    private ResubscribingClient() {
    }

    /** Connects, subscribes to {@code filters} at QoS 1 and hands every message to {@code onMessage} (Paho's thread). */
    static MqttClient connect(String brokerUri, String idPrefix, boolean cleanSession, String[] filters,
            BiConsumer<String, MqttMessage> onMessage) throws MqttException {
        MqttClient client = new MqttClient(brokerUri, idPrefix + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    subscribe(client, filters);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage.accept(topic, message);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        MqttConnectOptions o = new MqttConnectOptions();
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(500);
        o.setCleanSession(cleanSession);
        // the twin stand-in answers the device from the callback thread while the test publishes
        // patches: Paho's default of 10 unacknowledged QoS 1 messages was reached in a flood of
        // patches ("Too many publishes in progress", HostileTwinTest on CI)
        o.setMaxInflight(1000);
        client.connect(o);
        subscribe(client, filters);
        return client;
    }

    private static void subscribe(MqttClient client, String[] filters) {
        try {
            int[] qos = new int[filters.length];
            Arrays.fill(qos, 1);
            client.subscribe(filters, qos);
        } catch (MqttException e) {
            throw new IllegalStateException("subscribing " + String.join(",", filters), e);
        }
    }

    static void close(MqttClient client) throws MqttException {
        // a reconnect after a broker restart may be under way: let it finish (bounded) first
        long deadline = System.currentTimeMillis() + 10_000;
        while (!client.isConnected() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            client.disconnectForcibly(100, 100);
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Paho refuses while its automatic reconnect is connecting; nothing of ours is left to close
        }
    }
}
