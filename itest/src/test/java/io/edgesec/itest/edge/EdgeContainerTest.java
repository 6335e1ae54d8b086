package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.IFID;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.docker.internal.testing.TestEngine;
import io.edgesec.itest.AzureSchema;
import io.edgesec.transport.edgehub.internal.MqttRecorder;
import io.edgesec.transport.edgehub.internal.WorkloadApiStandIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image, built by {@code scripts/build-image.sh} on a private Docker engine, run as IoT
 * Edge runs it: the container is created through the Docker API from the edgesec module's
 * entry of {@code deploy/deployment.template.json} ({@link EdgeModuleSpec}), with the IoT Edge
 * environment and the workload API stand-in's socket, against the TLS mosquitto edgeHub
 * stand-in; its configuration comes only from the module twin (the manifest's desired
 * properties).
 */
@ExtendWith(BuiltImage.class)
class EdgeContainerTest {
    static final String IMAGE = "edgesec:latest";
    static final int GRACE_SECONDS = 30;
    /** docker stop's default grace period: the stop with the hub unreachable must fit in it too. */
    static final int DOCKER_STOP_GRACE_SECONDS = 10;
    static final String SIGTERM_EXIT = "143";
    /** The event kinds of the Azure security message schema (the aggregator's WireSchema). */
    static final java.util.Set<String> AZURE_EVENT_NAMES = java.util.Set.of("ProcessCreate", "ProcessTerminate", "ConnectionCreate",
            "Login", "ListeningPorts", "LocalUsers", "FirewallConfiguration", "OSBaseline", "SystemInformation", "ConnectedHardware",
            "Diagnostic", "ConfigurationError", "DroppedEventsStatistics", "MessageStatistics");
    static TestEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildImage(TestEngine shared) {
        engine = shared;
    }

    @Test
    void leastPrivilegeProfileReportsTheHostConfiguredByTheTwinAndLosesNothingOverStopAndRestart() throws Exception {
        EdgeModuleSpec spec = EdgeModuleSpec.read(EdgeModuleSpec.TEMPLATE, "edgesec");
        Map<String, Object> desired = spec.desired();
        desired.put(AZURE, sendingEvery("PT1S", "PT2S"));
        @SuppressWarnings("unchecked")
        Map<String, Object> edgesec = (Map<String, Object>) desired.computeIfAbsent("edgesec", k -> new LinkedHashMap<>());
        // the process collector only takes its baseline until the twin says otherwise (below)
        putAll(edgesec, "io.edgesec.collector.process", Map.of("edgesec.collector.period", "PT1H"));
        putAll(edgesec, "io.edgesec.collector.listeningports", Map.of("edgesec.collector.period", "PT1H"));
        // shutdownFlushTimeout: the default (PT5S), which a stop with the hub paused must fit in docker stop's 10 s with
        putAll(edgesec, "io.edgesec.aggregator", Map.of("metricsAddress", "127.0.0.1"));
        putAll(edgesec, "io.edgesec.transport.edgehub", Map.of("sendTimeout", "PT5S"));

        Path data = Files.createDirectories(tmp.resolve("data"));
        Path auditDir = Files.createDirectories(tmp.resolve("host-audit"));
        Files.writeString(auditDir.resolve("audit.log"), "");
        byte[] moduleKey = new byte[32];
        new SecureRandom().nextBytes(moduleKey);
        DockerApi api = new DockerApi(engine.socket());
        int port = freePort(); // for nc
        // a host process listening (outside the container): nc on the host's loopback
        Process listener = new ProcessBuilder("nc", "-l", "127.0.0.1", Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("nc.log").toFile()).start();
        String listenerPid = Long.toString(listener.pid());
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired, true);
                WorkloadApiStandIn workload = new WorkloadApiStandIn(tmp.resolve("workload.sock"), moduleKey,
                        hub.broker.certificatePemText())) {
            awaitListening(port, listener);
            Map<String, String> env = edgeEnvironment(hub);
            int metricsPort = metricsPortOff(env);
            Map<String, String> binds = Map.of("/var/run/docker.sock", engine.socket().toString(),
                    "/var/log/audit", auditDir.toString(), "/var/lib/edgesec", data.toString());
            Map<String, Object> body = spec.createBody(IMAGE, env, binds, tmp.resolve("workload.sock"));

            String id = api.create("edgesec-" + UUID.randomUUID().toString().substring(0, 8), body);
            try {
                api.start(id);
                // (1) security messages arrive in edge mode (identity from the workload API)
                // (Collectors start before the twin's configuration arrives: the first snapshot reads
                // the default procRoot /proc, the container's own, where nc is not; the one taken
                // once the twin's procRoot /host/proc applies attributes the port.)
                HubStandIn.Delivered ports = awaitEvent(hub, api, id, "ListeningPorts with nc's port " + port + " and its owner",
                        d -> d.name().equals("ListeningPorts") && d.payload().stream()
                                .anyMatch(p -> String.valueOf(port).equals(String.valueOf(p.get("LocalPort")))
                                        && p.get("ExtraDetails") instanceof Map<?, ?> x && x.get("Pid") != null));
                // (2) the host's processes: the port is attributed to nc by its host pid and
                // executable (the container has a pid namespace of its own: only /host/proc has nc)
                Map<String, Object> mine = ports.payload().stream()
                        .filter(p -> String.valueOf(port).equals(String.valueOf(p.get("LocalPort")))
                                && p.get("ExtraDetails") instanceof Map<?, ?> x && x.get("Pid") != null)
                        .findFirst().orElseThrow();
                @SuppressWarnings("unchecked")
                Map<String, Object> extra = (Map<String, Object>) mine.get("ExtraDetails");
                assertEquals(listenerPid, String.valueOf(extra.get("Pid")), "owner of nc's port: " + mine);
                assertTrue(String.valueOf(extra.get("Executable")).contains("nc"), "owner of nc's port: " + mine);
                // The host's namespace is pid 1's: whether the module can read /host/proc/1/ns/net
                // with only SYS_PTRACE depends on the host's pid 1 (here a VM agent whose link
                // root without its capabilities cannot read). Asked inside the container itself:
                // readable -> "host"; not -> its own namespace, said to be its own ("self"), with
                // a HostNamespaceUnavailable warning, never called the host's.
                boolean pid1Readable = engine.tryDocker(List.of("exec", id, "readlink", "/host/proc/1/ns/net")).exit() == 0;
                if (pid1Readable) {
                    assertEquals("host", extra.get("NetworkNamespace"), "owner of nc's port: " + mine);
                } else {
                    assertEquals("self", extra.get("NetworkNamespace"), "owner of nc's port: " + mine);
                    awaitEvent(hub, api, id, "the HostNamespaceUnavailable warning", d -> d.name().equals("Diagnostic")
                            && d.payload().stream().anyMatch(p -> "Warning".equals(p.get("Severity"))
                                    && p.get("ExtraDetails") instanceof Map<?, ?> x && "HostNamespaceUnavailable".equals(x.get("Status"))));
                }
                System.out.println("EdgeContainerTest: pid 1's network namespace readable in the module: " + pid1Readable);
                assertTrue(workload.requests().stream().anyMatch(r -> "edgesec".equals(r.module())), workload.requests().toString());

                // health in the reported properties: version, collectors with their state, bundles
                Map<String, Object> reported = hub.twin.awaitReported(r -> path(r, "edgesec", "health", "collectors", "process", "state") != null
                        && path(r, "edgesec", "health", "collectors", "listening-ports", "lastSuccess") != null, 120_000);
                assertEquals("running", path(reported, "edgesec", "health", "state"), String.valueOf(path(reported, "edgesec", "health")));
                assertEquals("running", path(reported, "edgesec", "health", "collectors", "process", "state"));
                assertTrue(path(reported, "edgesec", "health", "version") != null);
                assertTrue(path(reported, "edgesec", "health", "bundles") instanceof List<?> l && !l.isEmpty(),
                        String.valueOf(path(reported, "edgesec", "health")));
                // the Prometheus endpoint, scraped as metrics-collector would
                String metrics = scrape(metricsPort);
                assertTrue(metrics.contains("edgesec_collector_up{collector=\"process\"} 1"), metrics);
                assertTrue(metrics.contains("jvm_memory_used_bytes{area=\"heap\"}"), metrics);
                // the HEALTHCHECK's command, inside the container
                TestEngine.Result health = engine.tryDocker(List.of("exec", id, "/opt/edgesec/bin/edgesec", "health"));
                assertEquals(0, health.exit(), health.output());

                // (3) Docker events of another container on the (bind-mounted) engine
                String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
                engine.docker("run", "--rm", "--network", "none", "--name", other, "edgesec-base/runtime:bookworm-amd64", "true");
                awaitEvent(hub, api, id, "ContainerEvent of " + other, d -> d.name().equals("ContainerEvent")
                        && d.payload().stream().anyMatch(p -> other.equals(p.get("ContainerName")) && "start".equals(p.get("Action"))));

                // (4) the twin configures a collector live: the process collector scans every second.
                // Its reconfigured instance first takes a baseline (processes then running are not
                // "created"), so a host process is started every second until one is reported.
                hub.twin.patchDesired(Map.of("edgesec", Map.of("io.edgesec.collector.process", Map.of("edgesec.collector.period", "PT1S"))));
                List<Process> sleepers = new java.util.ArrayList<>();
                try {
                    java.util.Set<String> pids = new java.util.HashSet<>();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                    while (hub.count(d -> d.name().equals("ProcessCreate")
                            && d.payload().stream().anyMatch(p -> pids.contains(String.valueOf(p.get("ProcessId"))))) == 0) {
                        if (System.nanoTime() > deadline || !"running".equals(state(api, id).get("Status"))) {
                            throw new AssertionError("no ProcessCreate of the host processes " + pids + " after the twin set a 1 s period\n"
                                    + api.logs(id));
                        }
                        Process sleeper = new ProcessBuilder("sleep", "60").start();
                        sleepers.add(sleeper);
                        pids.add(Long.toString(sleeper.pid()));
                        Thread.sleep(1000);
                    }
                } finally {
                    sleepers.forEach(Process::destroy);
                }

                // (5) SIGTERM: Low events are held an hour now; one is queued (it is in the journal on
                // the volume), the container is stopped with edgeAgent's grace period, the event arrives
                hub.twin.patchDesired(Map.of(AZURE, Map.of("lowPriorityMessageFrequency", value("PT1H"))));
                hub.twin.awaitReported(r -> "PT1H".equals(path(r, AZURE, "lowPriorityMessageFrequency", "value")), 60_000);
                Process queued = new ProcessBuilder("sleep", "61").start();
                String queuedPid = Long.toString(queued.pid());
                try {
                    awaitJournalMentions(data, "\"ProcessId\":" + queuedPid, api, id);
                    assertEquals(0, hub.count(d -> d.name().equals("ProcessCreate")
                            && d.payload().stream().anyMatch(p -> queuedPid.equals(String.valueOf(p.get("ProcessId"))))),
                            "held for the Low message an hour away");
                    long t0 = System.nanoTime();
                    api.stop(id, GRACE_SECONDS);
                    long stopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                    Map<String, Object> state = state(api, id);
                    assertEquals("exited", state.get("Status"), state.toString());
                    // 143: the JVM's exit after SIGTERM once its shutdown hook (the agent's stop and
                    // flush) has run; 137 would be the SIGKILL at the end of the grace period
                    assertEquals(SIGTERM_EXIT, String.valueOf(state.get("ExitCode")), "exit code after SIGTERM\n" + api.logs(id));
                    assertTrue(stopMs < GRACE_SECONDS * 1000L, "stopped in " + stopMs + " ms");
                    hub.awaitCount("the queued ProcessCreate after SIGTERM", d -> d.name().equals("ProcessCreate")
                            && d.payload().stream().anyMatch(p -> queuedPid.equals(String.valueOf(p.get("ProcessId")))), 1, 60_000);
                    System.out.println("EdgeContainerTest: stopped (SIGTERM, flushed) in " + stopMs + " ms");
                } finally {
                    queued.destroy();
                }
            } finally {
                System.out.println("EdgeContainerTest: container log (first run):\n" + api.logs(id));
                api.remove(id);
            }

            // (6) a restart on the same volume loses nothing: with the hub unreachable (paused),
            // an event is queued and the container stopped within docker stop's default grace
            // period (the flush gives up at its deadline, the hub connection's close is bounded);
            // a new container on the same volume sends it once the hub is back
            String id2 = api.create("edgesec-" + UUID.randomUUID().toString().substring(0, 8), body);
            String id3 = null;
            Process pending = null;
            try {
                long snapshotsBefore = hub.count(d -> d.name().equals("ListeningPorts"));
                api.start(id2);
                // running and connected: its start-up snapshot arrived
                hub.awaitCount("ListeningPorts of the second container", d -> d.name().equals("ListeningPorts"), snapshotsBefore + 1,
                        180_000);
                hub.pauseBroker();
                // this container's process collector takes its baseline again once the twin's
                // configuration applies: host processes are started until one is journaled
                List<Process> candidates = new java.util.ArrayList<>();
                String pendingPid = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (pendingPid == null) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("no ProcessCreate journaled within 180 s\n" + api.logs(id2));
                    }
                    Process c = new ProcessBuilder("sleep", "90").start();
                    candidates.add(c);
                    Thread.sleep(1000);
                    for (Process cand : candidates) {
                        if (journalMentions(data, "\"ProcessId\":" + cand.pid())) {
                            pendingPid = Long.toString(cand.pid());
                            pending = cand;
                        }
                    }
                }
                for (Process cand : candidates) {
                    if (cand != pending) {
                        cand.destroy();
                    }
                }
                String queuedPid2 = pendingPid;
                long t0 = System.nanoTime();
                api.stop(id2, DOCKER_STOP_GRACE_SECONDS);
                long pausedStopMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                Map<String, Object> pausedState = state(api, id2);
                System.out.println("EdgeContainerTest: stop with the hub paused: exit " + pausedState.get("ExitCode") + " after "
                        + pausedStopMs + " ms");
                // 143: its own exit after SIGTERM; 137 would be the engine's SIGKILL at the end of the grace period
                assertEquals(SIGTERM_EXIT, String.valueOf(pausedState.get("ExitCode")),
                        "exit code of the stop with the hub paused\n" + api.logs(id2));
                assertTrue(pausedStopMs < DOCKER_STOP_GRACE_SECONDS * 1000L, "stopped in " + pausedStopMs + " ms");
                hub.resumeBroker();
                // Low events are sent every 2 s again (the restored ProcessCreate is a Low one)
                hub.twin.patchDesired(Map.of(AZURE, Map.of("lowPriorityMessageFrequency", value("PT2S"))));
                id3 = api.create("edgesec-" + UUID.randomUUID().toString().substring(0, 8), body);
                api.start(id3);
                hub.awaitCount("the ProcessCreate queued before the restart", d -> d.name().equals("ProcessCreate")
                        && d.payload().stream().anyMatch(p -> queuedPid2.equals(String.valueOf(p.get("ProcessId")))), 1, 180_000);
                api.stop(id3, GRACE_SECONDS);
            } finally {
                if (pending != null) {
                    pending.destroy();
                }
                System.out.println("EdgeContainerTest: container log (second run):\n" + api.logs(id2));
                api.remove(id2);
                if (id3 != null) {
                    System.out.println("EdgeContainerTest: container log (third run):\n" + api.logs(id3));
                    api.remove(id3);
                }
            }

            // every message: on the module's events topic, marked as a security message; those of
            // the Azure schema's event kinds valid against it; edgesec's own kinds (ContainerEvent,
            // ContainerInventory, Recommendation) only ever in messages of their own
            AzureSchema schema = new AzureSchema(EdgeAgent.ROOT);
            List<MqttRecorder.Received> messages = hub.securityMessages();
            int azureMessages = 0;
            int extensionMessages = 0;
            for (MqttRecorder.Received m : messages) {
                assertEquals(IFID, m.properties().get("$.ifid"), m.topic());
                java.util.Set<String> names = new java.util.TreeSet<>();
                HubStandIn.events(m.body()).forEach(e -> names.add(String.valueOf(e.get("Name"))));
                if (AZURE_EVENT_NAMES.containsAll(names)) {
                    azureMessages++;
                    assertEquals(List.of(), schema.violations(m.body()), "schema violations in " + m.body());
                } else {
                    extensionMessages++;
                    assertTrue(names.stream().noneMatch(AZURE_EVENT_NAMES::contains), "Azure and edgesec kinds mixed: " + names);
                }
            }
            assertTrue(azureMessages > 0);
            System.out.println("EdgeContainerTest: " + azureMessages + " schema-valid security messages, " + extensionMessages
                    + " of edgesec's own kinds; event kinds " + new java.util.TreeSet<>(hub.names()));
        } finally {
            listener.destroy();
            listener.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The Azure section: High and Low messages at these periods, every ProcessCreate on its own (no aggregation). */
    static Map<String, Object> sendingEvery(String high, String low) {
        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value(high));
        azure.put("lowPriorityMessageFrequency", value(low));
        azure.put("aggregationEnabledProcessCreate", value(false));
        return azure;
    }

    /** An ephemeral port of the loopback that was free a moment ago. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /**
     * Moves the metrics endpoint off the image's 9600 (with the host network it would be the
     * host's own port, shared with whatever else runs) to a free port; @return that port.
     */
    static int metricsPortOff(Map<String, String> env) throws IOException {
        int metricsPort = freePort();
        env.put("EDGESEC_METRICS_PORT", Integer.toString(metricsPort));
        return metricsPort;
    }

    /** Waits until nc listens on the port (it is in the host's TCP table). */
    static void awaitListening(int port, Process nc) throws Exception {
        String hexPort = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.readString(Path.of("/proc/net/tcp")).contains(hexPort)) {
                return;
            }
            if (!nc.isAlive()) {
                throw new AssertionError("nc exited with " + nc.exitValue());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nc does not listen on " + port + " after 30 s");
    }

    static String scrape(int port) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(java.time.Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    /** The variables edgeAgent sets for a module (IoT Edge 1.x, workload API identity). */
    static Map<String, String> edgeEnvironment(HubStandIn hub) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("IOTEDGE_WORKLOADURI", "unix://" + EdgeModuleSpec.WORKLOAD_SOCKET);
        env.put("IOTEDGE_APIVERSION", "2019-01-30");
        env.put("IOTEDGE_MODULEGENERATIONID", "gen-1");
        env.put("IOTEDGE_GATEWAYHOSTNAME", hub.broker.address());
        env.put("IOTEDGE_DEVICEID", HubStandIn.DEVICE);
        env.put("IOTEDGE_MODULEID", HubStandIn.MODULE);
        env.put("IOTEDGE_IOTHUBHOSTNAME", "testhub.azure-devices.net");
        env.put("IOTEDGE_AUTHSCHEME", "sasToken");
        env.put("RuntimeLogLevel", "info");
        return env;
    }

    @SuppressWarnings("unchecked")
    static void putAll(Map<String, Object> edgesec, String pid, Map<String, Object> values) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) edgesec.getOrDefault(pid, Map.of()));
        m.putAll(values);
        edgesec.put(pid, m);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> state(DockerApi api, String id) throws IOException {
        return (Map<String, Object>) api.inspect(id).get("State");
    }

    /** Waits for an event; fails with the container's state and log if it stopped or the event never came. */
    static HubStandIn.Delivered awaitEvent(HubStandIn hub, DockerApi api, String id, String what,
            java.util.function.Predicate<HubStandIn.Delivered> match) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            for (HubStandIn.Delivered d : hub.deliveredEvents()) {
                if (match.test(d)) {
                    return d;
                }
            }
            Map<String, Object> state = state(api, id);
            if (!"running".equals(state.get("Status")) || System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " (container " + state.get("Status") + "); event names received: "
                        + hub.names() + "\ncontainer log:\n" + api.logs(id));
            }
            Thread.sleep(200);
        }
    }

    /** Whether a file under the data volume's spool (the event journal) contains the text. */
    static boolean journalMentions(Path data, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        Path spool = data.resolve("spool");
        if (!Files.isDirectory(spool)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(spool)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                try {
                    if (indexOf(Files.readAllBytes(f), needle) >= 0) {
                        return true;
                    }
                } catch (IOException gone) {
                    // rewritten meanwhile
                }
            }
        }
        return false;
    }

    /** Waits until the event journal on the data volume contains the text. */
    static void awaitJournalMentions(Path data, String text, DockerApi api, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (journalMentions(data, text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no file under " + data + " mentions " + text + " within 120 s\ncontainer log:\n" + api.logs(id));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
