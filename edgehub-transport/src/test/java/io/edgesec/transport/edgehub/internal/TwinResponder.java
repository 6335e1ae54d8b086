package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.support.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * Test fixture: plays the IoT hub's twin service on the broker, as the SDK's MQTT twin protocol
 * expects it:
 * <ul>
 * <li>{@code $iothub/twin/GET/?$rid=R} is answered on {@code $iothub/twin/res/200/?$rid=R} with
 * {@code {"desired": {..., "$version": n}, "reported": {..., "$version": m}}};
 * <li>{@code $iothub/twin/PATCH/properties/reported/?$rid=R} is merged (JSON merge patch) into
 * the reported document and answered with {@code $iothub/twin/res/204/?$rid=R&$version=m};
 * <li>{@link #patchDesired} merges into the desired document and publishes the patch on
 * {@code $iothub/twin/PATCH/properties/desired/?$version=n}.
 * </ul>
 * Keeps every reported patch it received. Reconnects and resubscribes when the broker restarts.
 */
public final class TwinResponder implements AutoCloseable {
    private final MqttClient client;
    // answers are published off Paho's callback thread (a blocking publish there deadlocks)
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor();
    private final Object lock = new Object();
    private final Map<String, Object> desired;
    private final Map<String, Object> reported = new LinkedHashMap<>();
    private final List<Map<String, Object>> reportedPatches = new ArrayList<>();
    private int desiredVersion = 1;
    private int reportedVersion = 1;
    private int getRequests;

    public TwinResponder(String brokerUri, Map<String, Object> initialDesired) throws MqttException {
        this.desired = deepCopy(initialDesired);
        client = ResubscribingClient.connect(brokerUri, "twin-responder-", true,
                new String[] {"$iothub/twin/GET/#", "$iothub/twin/PATCH/properties/reported/#"}, (topic, message) -> {
                    String body = new String(message.getPayload(), StandardCharsets.UTF_8);
                    worker.execute(() -> handle(topic, body));
                });
    }

    private void handle(String topic, String body) {
        String rid = param(topic, "$rid");
        try {
            if (topic.startsWith("$iothub/twin/GET/")) {
                String answer;
                synchronized (lock) {
                    getRequests++;
                    Map<String, Object> d = deepCopy(desired);
                    d.put("$version", desiredVersion);
                    Map<String, Object> r = deepCopy(reported);
                    r.put("$version", reportedVersion);
                    Map<String, Object> twin = new LinkedHashMap<>();
                    twin.put("desired", d);
                    twin.put("reported", r);
                    answer = JsonText.write(twin);
                    lock.notifyAll();
                }
                publish("$iothub/twin/res/200/?$rid=" + rid, answer);
            } else if (topic.startsWith("$iothub/twin/PATCH/properties/reported/")) {
                Map<String, Object> patch = JsonDocuments.object(body);
                int v;
                synchronized (lock) {
                    merge(reported, patch);
                    reportedPatches.add(patch);
                    v = ++reportedVersion;
                    lock.notifyAll();
                }
                publish("$iothub/twin/res/204/?$rid=" + rid + "&$version=" + v, "");
            }
        } catch (JsonDocumentException | MqttException e) {
            publishQuietly("$iothub/twin/res/400/?$rid=" + rid, "{\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}");
        }
    }

    private static String param(String topic, String name) {
        int q = topic.indexOf('?');
        if (q < 0) {
            return "";
        }
        for (String kv : topic.substring(q + 1).split("&")) {
            if (kv.startsWith(name + "=")) {
                return kv.substring(name.length() + 1);
            }
        }
        return "";
    }

    private void publish(String topic, String body) throws MqttException {
        MqttMessage m = new MqttMessage(body.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        client.publish(topic, m);
    }

    private void publishQuietly(String topic, String body) {
        try {
            publish(topic, body);
        } catch (MqttException e) {
            // the device times out instead
        }
    }

    /** Merges a desired-properties patch and publishes it, as the hub does after a service update. */
    public int patchDesired(Map<String, Object> patch) throws MqttException {
        Map<String, Object> withVersion;
        int v;
        synchronized (lock) {
            merge(desired, patch);
            v = ++desiredVersion;
            withVersion = deepCopy(patch);
            withVersion.put("$version", v);
        }
        publish("$iothub/twin/PATCH/properties/desired/?$version=" + v, JsonText.write(withVersion));
        return v;
    }

    /**
     * Merges a desired-properties patch without publishing it, as when the hub sent it while the
     * device's subscription was down (patches are not sent again): the next patch's version then
     * skips this one. @return its version
     */
    public int patchDesiredUnsent(Map<String, Object> patch) {
        synchronized (lock) {
            merge(desired, patch);
            return ++desiredVersion;
        }
    }

    /**
     * Publishes a desired-properties patch as the given text, as it is (truncated JSON, absurd
     * nesting: what a hostile or broken service side could send); the desired document is not
     * changed. @return its version
     */
    public int patchDesiredRaw(String body) throws MqttException {
        int v;
        synchronized (lock) {
            v = ++desiredVersion;
        }
        publish("$iothub/twin/PATCH/properties/desired/?$version=" + v, body);
        return v;
    }

    /** @return a copy of the merged reported document */
    public Map<String, Object> reported() {
        synchronized (lock) {
            return deepCopy(reported);
        }
    }

    public List<Map<String, Object>> reportedPatches() {
        synchronized (lock) {
            return new ArrayList<>(reportedPatches);
        }
    }

    public int getRequests() {
        synchronized (lock) {
            return getRequests;
        }
    }

    /** Waits (bounded) until the merged reported document matches; fails showing it. */
    public Map<String, Object> awaitReported(Predicate<Map<String, Object>> match, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (lock) {
            while (true) {
                if (match.test(reported)) {
                    return deepCopy(reported);
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("reported properties did not match within " + timeoutMs + " ms: " + JsonText.write(reported));
                }
                lock.wait(left);
            }
        }
    }

    /** Navigates nested maps: {@code path(doc, "edgesec", "status", "result")}; null if absent. */
    public static Object path(Map<String, Object> doc, String... keys) {
        Object cur = doc;
        for (String k : keys) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (e.getKey().startsWith("$")) {
                continue;
            }
            Object v = e.getValue();
            if (v == null) {
                target.remove(e.getKey());
            } else if (v instanceof Map<?, ?> pm && target.get(e.getKey()) instanceof Map<?, ?> tm) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) tm);
                merge(copy, (Map<String, Object>) pm);
                target.put(e.getKey(), copy);
            } else {
                target.put(e.getKey(), deepCopyValue(v));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, deepCopyValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopyValue(Object v) {
        return v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v;
    }

    @Override
    public void close() throws MqttException {
        worker.shutdownNow();
        ResubscribingClient.close(client);
    }
}
