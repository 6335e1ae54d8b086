package io.edgesec.bench.edgehub;

import io.edgesec.support.json.JsonText;
import io.edgesec.transport.edgehub.internal.TlsMosquitto;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One measurement for bench/edgehub.sh: the built agent (its own JVM) sends through mosquitto on
 * TLS (edgehub-transport's TlsMosquitto, port 8883 on a 127.0.0.x of its own) with a module
 * connection string; the module twin (TwinResponder) installs the load bundle (digest pinned) from
 * the data directory; a subscriber counts what the broker passes on. After a warm-up, counters
 * are sampled at the start and end of a window:
 * <ul>
 * <li>messages/s and events/s arriving at the broker's subscriber, and the raw load events they
 * represent (an aggregated event counts its ExtraDetails.HitCount);
 * <li>bytes on the wire from the agent to the broker: TCP payload (TLS records) received on the
 * broker's 8883 socket ({@code ss -ti} bytes_received), and that plus 52 bytes of IPv4+TCP header
 * (with timestamps) per segment; also the MQTT payload and topic bytes;
 * <li>what the load collector offered, and how much of it the agent accepted;
 * <li>CPU of the agent and of mosquitto.
 * </ul>
 * Prints one line {@code RESULT key=value ...}.
 */
public final class EdgeHubBench {
    static final String AZURE = "ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration";
    static final Pattern HIT = Pattern.compile("\"HitCount\":\"(\\d+)\"");
    static final Pattern DROPPED_HIGH = Pattern.compile("\"Queue\":\"High\",\"CollectedEvents\":\\d+,\"DroppedEvents\":(\\d+)");

    /** What the subscriber saw so far. */
    static final class Counts implements MqttCallback {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong payloadBytes = new AtomicLong();
        final AtomicLong topicBytes = new AtomicLong();
        final AtomicLong events = new AtomicLong();
        final AtomicLong loadEvents = new AtomicLong();
        final AtomicLong loadRaw = new AtomicLong();
        /** DroppedEventsStatistics: dropped events of the High queue, as the agent reports them */
        final AtomicLong droppedHigh = new AtomicLong();

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!topic.contains("/messages/events/")) {
                return;
            }
            byte[] p = message.getPayload();
            String body = new String(p, StandardCharsets.UTF_8);
            messages.incrementAndGet();
            payloadBytes.addAndGet(p.length);
            topicBytes.addAndGet(topic.getBytes(StandardCharsets.UTF_8).length);
            // events are {"EventType":...}; scan each for the load's command line and a hit count
            int at = body.indexOf("{\"EventType\"");
            while (at >= 0) {
                int next = body.indexOf("{\"EventType\"", at + 1);
                events.incrementAndGet();
                String event = body.substring(at, next < 0 ? body.length() : next);
                if (event.contains("\"Name\":\"DroppedEventsStatistics\"")) {
                    Matcher d = DROPPED_HIGH.matcher(event);
                    if (d.find()) {
                        droppedHigh.addAndGet(Long.parseLong(d.group(1)));
                    }
                }
                if (event.contains("\"CommandLine\":\"edgesec-bench-")) {
                    loadEvents.incrementAndGet();
                    Matcher m = HIT.matcher(event);
                    loadRaw.addAndGet(m.find() ? Long.parseLong(m.group(1)) : 1);
                }
                at = next;
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            System.err.println("bench subscriber: connection lost: " + cause);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }

        long[] snapshot() {
            return new long[] {messages.get(), payloadBytes.get(), topicBytes.get(), events.get(), loadEvents.get(), loadRaw.get(),
                droppedHigh.get()};
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path agentJar = Path.of(o.get("agent-jar"));
        Path loadJar = Path.of(o.get("load-jar"));
        Path work = Path.of(o.get("work"));
        int rate = Integer.parseInt(o.getOrDefault("rate", "2000"));
        int distinct = Integer.parseInt(o.getOrDefault("distinct", "20"));
        boolean aggregation = "on".equals(o.getOrDefault("aggregation", "off"));
        String interval = o.getOrDefault("interval", "PT5S");
        int warmup = Integer.parseInt(o.getOrDefault("warmup", "5"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "15"));
        String heap = o.getOrDefault("heap", "-Xmx64m");

        Files.createDirectories(work);
        Path data = work.resolve("data");
        Path bundleJar = data.resolve("bundles").resolve("incoming").resolve("io.edgesec.bench.load-1.0.0.jar");
        Files.createDirectories(bundleJar.getParent());
        Files.copy(loadJar, bundleJar);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(bundleJar)));

        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", Map.of("value", "PT1S"));
        azure.put("lowPriorityMessageFrequency", Map.of("value", "PT1S"));
        azure.put("eventPriorityProcessCreate", Map.of("value", "High"));
        azure.put("aggregationEnabledProcessCreate", Map.of("value", aggregation));
        azure.put("aggregationIntervalProcessCreate", Map.of("value", interval));

        try (TlsMosquitto broker = TlsMosquitto.start(work.resolve("broker"))) {
            Counts counts = new Counts();
            MqttClient subscriber = new MqttClient(broker.plainUri(), "bench-" + UUID.randomUUID(), new MemoryPersistence());
            subscriber.setCallback(counts);
            MqttConnectOptions co = new MqttConnectOptions();
            co.setCleanSession(true);
            co.setMaxInflight(1000);
            subscriber.connect(co);
            subscriber.subscribe("devices/#", 1);

            Map<String, Object> desired = new LinkedHashMap<>();
            desired.put(AZURE, azure);
            desired.put("edgesec", Map.of("bundles", Map.of("io%2Eedgesec%2Ebench%2Eload",
                    Map.of("version", "1.0.0", "location", bundleJar.toUri().toString(), "sha256", sha))));
            try (TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
                Path config = writeConfig(work, broker, azure);
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap,
                        "-Dedgesec.bench.rate=" + rate, "-Dedgesec.bench.distinct=" + distinct, "-jar", agentJar.toString(), "run",
                        "--config", config.toString(), "--data-dir", data.toString(), "--output", work.resolve("local.jsonl").toString()));
                ProcessBuilder pb = new ProcessBuilder(cmd);
                pb.environment().keySet().removeIf(k -> k.startsWith("IOTEDGE_") || k.startsWith("EdgeHub"));
                pb.redirectErrorStream(true);
                pb.redirectOutput(work.resolve("agent.log").toFile());
                Process agent = pb.start();
                // stopped with the driver even when the script is interrupted (a SIGTERM runs hooks, not finally blocks)
                Thread hook = new Thread(() -> {
                    agent.destroyForcibly();
                    try {
                        broker.stop();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Runtime.getRuntime().addShutdownHook(hook);
                try {
                    // running: load events arrive
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                    while (counts.loadEvents.get() == 0) {
                        if (!agent.isAlive() || System.nanoTime() > deadline) {
                            throw new IllegalStateException("no load events within 180 s (agent " + (agent.isAlive() ? "running" : "exited")
                                    + "); its log: " + Files.readString(work.resolve("agent.log")));
                        }
                        Thread.sleep(100);
                    }
                    Thread.sleep(warmup * 1000L);
                    Sample s0 = sample(counts, broker, agent, data);
                    Thread.sleep(seconds * 1000L);
                    Sample s1 = sample(counts, broker, agent, data);
                    report(o.getOrDefault("label", ""), rate, distinct, aggregation, interval, heap, s0, s1);
                } finally {
                    agent.destroy();
                    if (!agent.waitFor(60, TimeUnit.SECONDS)) {
                        agent.destroyForcibly();
                        agent.waitFor(30, TimeUnit.SECONDS);
                    }
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
            } finally {
                try {
                    subscriber.disconnect(1000);
                } catch (Exception e) {
                    subscriber.disconnectForcibly(100, 100);
                }
                subscriber.close();
            }
        }
    }

    record Sample(long nanos, long[] counts, long wireBytes, long wireSegments, long agentCpuNs, long brokerCpuNs,
            long offered, long accepted, long refused) {
    }

    static Sample sample(Counts counts, TlsMosquitto broker, Process agent, Path data) throws Exception {
        long[] wire = wire(broker);
        long[] load = {0, 0, 0};
        Path stats = data.resolve("bench-load.stats");
        if (Files.exists(stats)) {
            String[] f = Files.readString(stats).trim().split(" ");
            for (int i = 0; i < 3; i++) {
                load[i] = Long.parseLong(f[i]);
            }
        }
        return new Sample(System.nanoTime(), counts.snapshot(), wire[0], wire[1], cpu(agent.toHandle()),
                cpu(ProcessHandle.of(broker.pid()).orElseThrow()), load[0], load[1], load[2]);
    }

    static long cpu(ProcessHandle h) {
        return h.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /** TCP payload bytes and segments the broker received on its 8883 sockets (from the agent). */
    static long[] wire(TlsMosquitto broker) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ss", "-tinH", "state", "established", "src", broker.address() + ":"
                + TlsMosquitto.SDK_MQTT_TLS_PORT).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        long bytes = 0;
        long segs = 0;
        Matcher b = Pattern.compile("bytes_received:(\\d+)").matcher(out);
        while (b.find()) {
            bytes += Long.parseLong(b.group(1));
        }
        Matcher s = Pattern.compile("segs_in:(\\d+)").matcher(out);
        while (s.find()) {
            segs += Long.parseLong(s.group(1));
        }
        return new long[] {bytes, segs};
    }

    static void report(String label, int rate, int distinct, boolean aggregation, String interval, String heap, Sample a, Sample b) {
        double sec = (b.nanos() - a.nanos()) / 1e9;
        long messages = b.counts()[0] - a.counts()[0];
        long payload = b.counts()[1] - a.counts()[1];
        long topic = b.counts()[2] - a.counts()[2];
        long events = b.counts()[3] - a.counts()[3];
        long loadEvents = b.counts()[4] - a.counts()[4];
        long loadRaw = b.counts()[5] - a.counts()[5];
        long dropped = b.counts()[6] - a.counts()[6];
        long wire = b.wireBytes() - a.wireBytes();
        long segs = b.wireSegments() - a.wireSegments();
        long offered = b.offered() - a.offered();
        long accepted = b.accepted() - a.accepted();
        long refused = b.refused() - a.refused();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("label", label);
        r.put("aggregation", aggregation ? "on/" + interval : "off");
        r.put("distinct", distinct);
        r.put("offered_per_s", rate);
        r.put("window_s", String.format("%.1f", sec));
        r.put("messages_per_s", String.format("%.2f", messages / sec));
        r.put("events_per_s", String.format("%.0f", events / sec));
        r.put("load_events_per_s", String.format("%.0f", loadEvents / sec));
        r.put("load_raw_per_s", String.format("%.0f", loadRaw / sec));
        r.put("accepted_per_s", String.format("%.0f", accepted / sec));
        r.put("refused_per_s", String.format("%.0f", refused / sec));
        r.put("dropped_high_reported_per_s", String.format("%.0f", dropped / sec));
        r.put("offered_measured_per_s", String.format("%.0f", offered / sec));
        r.put("events_per_message", messages == 0 ? "-" : String.format("%.1f", (double) events / messages));
        r.put("wire_bytes_per_s", String.format("%.0f", wire / sec));
        r.put("wire_bytes_per_event", events == 0 ? "-" : String.format("%.1f", (double) wire / events));
        r.put("wire_bytes_per_raw_event", loadRaw == 0 ? "-" : String.format("%.1f", (double) wire / loadRaw));
        r.put("wire_with_headers_per_raw_event", loadRaw == 0 ? "-" : String.format("%.1f", (double) (wire + 52 * segs) / loadRaw));
        r.put("mqtt_payload_bytes_per_event", events == 0 ? "-" : String.format("%.1f", (double) payload / events));
        r.put("mqtt_topic_bytes_per_message", messages == 0 ? "-" : String.format("%.0f", (double) topic / messages));
        r.put("agent_cpu_pct", String.format("%.0f", 100.0 * (b.agentCpuNs() - a.agentCpuNs()) / (b.nanos() - a.nanos())));
        r.put("broker_cpu_pct", String.format("%.0f", 100.0 * (b.brokerCpuNs() - a.brokerCpuNs()) / (b.nanos() - a.nanos())));
        r.put("heap", heap);
        StringBuilder sb = new StringBuilder("RESULT");
        r.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        System.out.println(sb);
    }

    static Path writeConfig(Path work, TlsMosquitto broker, Map<String, Object> azure) throws IOException {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        Map<String, Object> transport = new LinkedHashMap<>();
        transport.put("connectionString", "HostName=benchhub.azure-devices.net;DeviceId=bench-device;ModuleId=edgesec;SharedAccessKey="
                + java.util.Base64.getEncoder().encodeToString(key) + ";GatewayHostName=" + broker.address());
        transport.put("trustBundleFile", broker.certificatePem().toString());
        transport.put("reconnectMinBackoff", "PT0.2S");
        transport.put("reconnectMaxBackoff", "PT1S");
        Path host = work.resolve("host");
        Files.createDirectories(host);
        Files.writeString(host.resolve("audit.log"), "");
        Map<String, Object> edgesec = new LinkedHashMap<>();
        edgesec.put("io.edgesec.transport.edgehub", transport);
        // the load is the only source that matters: the per-collector quota out of the way, the
        // host's own process events off, audit log and Docker engine pointed at nothing
        edgesec.put("io.edgesec.aggregator", Map.of("collectorRatePerSecond", 1_000_000, "collectorBurst", 1_000_000));
        edgesec.put("io.edgesec.collector.process", Map.of("reportCreate", false, "reportTerminate", false));
        edgesec.put("io.edgesec.collector.audit", Map.of("logPath", host.resolve("audit.log").toString(),
                "stateDirectory", host.resolve("audit-state").toString()));
        edgesec.put("io.edgesec.collector.docker", Map.of("dockerHost", "unix://" + host.resolve("no-docker.sock")));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(AZURE, azure);
        doc.put("edgesec", edgesec);
        Path config = work.resolve("config.json");
        Files.writeString(config, JsonText.write(doc), StandardCharsets.UTF_8);
        return config;
    }
}
