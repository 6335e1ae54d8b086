package io.edgesec.collector.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.manifest.ManifestAnalysis;
import io.edgesec.collector.docker.internal.engine.EngineClient;
import io.edgesec.collector.docker.internal.events.ContainerEventCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerInventoryCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerScanner;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import io.edgesec.collector.docker.internal.manifest.DeviceManifestCollector;
import io.edgesec.collector.docker.internal.manifest.ExpectedManifest;
import io.edgesec.collector.docker.internal.manifest.ModuleSpec;
import io.edgesec.collector.docker.internal.pidmap.ContainerProcessEnricher;
import io.edgesec.collector.docker.internal.testing.RecordingSink;
import io.edgesec.collector.docker.internal.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scenario against a real engine started for this class: a module container with a
 * host bind, an added capability and the host PID namespace is started, exec'd into and
 * stopped; a privileged container with a port binding is created (not started: this sandbox
 * cannot start privileged containers). Inventory, events, pid mapping, manifest rebuild and
 * drift must show exactly that; then the stream is cut and the engine restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class EngineScenarioTestBase {
    static final String OWNER = "net.azure-devices.edge.owner=Microsoft.Azure.Devices.Edge.Agent";

    TestEngine engine;
    EngineClient client;
    KnownContainers known;
    RecordingSink sink;
    ContainerEventCollector events;
    Path hostDir;

    abstract TestEngine.Kind kind();

    @BeforeAll
    void startEngine() throws Exception {
        engine = TestEngine.start(kind());
        client = new EngineClient(engine.host(), Duration.ofSeconds(30));
        known = new KnownContainers();
        sink = new RecordingSink();
        events = new ContainerEventCollector(() -> client, known, engine.host(), Duration.ofMillis(200), Duration.ofSeconds(2));
        events.open(sink);
        sink.awaitCondition("event stream connected", () -> events.connections() >= 1);
        hostDir = Files.createDirectory(engine.dir().resolve("hostdata"));
    }

    @AfterAll
    void stopEngine() throws Exception {
        try {
            if (events != null) {
                events.close();
            }
            if (client != null) {
                client.close();
            }
        } finally {
            if (engine != null) {
                engine.close();
            }
        }
    }

    List<String> run(String... tail) {
        List<String> a = new ArrayList<>(engine.runDefaults());
        a.addAll(List.of(tail));
        return a;
    }

    String docker(List<String> head, List<String> args) throws Exception {
        List<String> all = new ArrayList<>(head);
        all.addAll(args);
        return engine.docker(all.toArray(String[]::new)).strip();
    }

    static boolean containerEvent(SecurityEvent e, String containerId, String action) {
        return e.name().equals(EventNames.CONTAINER_EVENT) && containerId.equals(e.payload().get(0).get("ContainerId"))
                && action.equals(e.payload().get(0).get("Action"));
    }

    List<Map<String, Object>> containerEvents(String containerId) {
        return sink.events().stream().filter(e -> e.name().equals(EventNames.CONTAINER_EVENT))
                .map(e -> e.payload().get(0)).filter(p -> containerId.equals(p.get("ContainerId"))).toList();
    }

    String idOf(String name) throws Exception {
        return engine.docker("inspect", "--format", "{{.Id}}", name).strip();
    }

    Map<String, Object> inventoryItem(List<SecurityEvent> inventory, String name) {
        return inventory.get(0).payload().stream().filter(p -> name.equals(p.get("ContainerName"))).findFirst()
                .orElseThrow(() -> new AssertionError("no inventory item for " + name + " in " + inventory));
    }

    /** What the podman API does differently (README.md, "Podman"). */
    boolean podman() {
        return kind() == TestEngine.Kind.PODMAN;
    }

    String expectedImageName() {
        return podman() ? "docker.io/" + TestEngine.IMAGE : TestEngine.IMAGE;
    }

    @Test
    @Order(1)
    void moduleLifecycleInventoryEventsPidMappingManifestAndDrift() throws Exception {
        String bind = hostDir + ":/hostdata:ro";
        String sensorOptions = "{\"HostConfig\":{\"Binds\":[\"" + bind + "\"],\"CapAdd\":[\"NET_ADMIN\"],\"PidMode\":\"host\"}}";
        String sensorId = docker(List.of("run", "-d", "--name", "sensor"), run("--cap-add", "NET_ADMIN", "--pid", "host",
                "-v", bind, "-e", "LEVEL=debug", "--label", OWNER,
                "--label", "net.azure-devices.edge.create-options=" + sensorOptions,
                "--label", "net.azure-devices.edge.env={\"LEVEL\":{\"value\":\"debug\"}}",
                "--label", "net.azure-devices.edge.version=1.2",
                "--label", "net.azure-devices.edge.restartPolicy=Always",
                "--label", "net.azure-devices.edge.desiredStatus=running",
                TestEngine.IMAGE, "sleep", "600"));
        sink.await("start of sensor", e -> containerEvent(e, sensorId, "start"));

        // pid mapping: the container's init process, seen from the host's /proc
        long pid = JsonValues.number(JsonValues.at(client.inspectContainer(sensorId), "State", "Pid"), 0);
        assertTrue(pid > 0, "sensor runs");
        ContainerProcessEnricher enricher = new ContainerProcessEnricher(Path.of("/proc"), known);
        SecurityEvent processCreate = SecurityEvent.builder(EventNames.PROCESS_CREATE)
                .payload(new LinkedHashMap<>(Map.of("ProcessId", pid, "Executable", "/bin/sleep"))).build();
        SecurityEvent enriched = enricher.enrich(processCreate);
        // ProcessCreate is an Azure kind: the container goes into ExtraDetails, which its schema allows
        Map<?, ?> extra = (Map<?, ?>) enriched.payload().get(0).get("ExtraDetails");
        assertEquals(sensorId, extra.get("ContainerId"));
        assertEquals("sensor", extra.get("ContainerName"));
        assertEquals(processCreate.id(), enriched.id(), "enriching keeps the event's identity");
        SecurityEvent hostProcess = SecurityEvent.builder(EventNames.PROCESS_CREATE)
                .payload(Map.of("ProcessId", ProcessHandle.current().pid())).build();
        assertSame(hostProcess, enricher.enrich(hostProcess), "a host process is not attributed to a container");

        engine.docker("exec", "sensor", "echo", "hello-from-exec");
        engine.docker("stop", "-t", "1", "sensor");
        sink.await("die of sensor", e -> containerEvent(e, sensorId, "die"));

        String privilegedOptions = "{\"HostConfig\":{\"Privileged\":true,\"PortBindings\":{\"80/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"18080\"}]}}}";
        String privilegedId = docker(List.of("create", "--name", "privileged-module"), run("--privileged",
                "-p", "127.0.0.1:18080:80", "--label", OWNER,
                "--label", "net.azure-devices.edge.create-options=" + privilegedOptions,
                TestEngine.IMAGE, "sleep", "60"));
        sink.await("create of privileged-module", e -> containerEvent(e, privilegedId, "create"));

        // --- events: exactly the lifecycle, in order, each once
        List<Map<String, Object>> sensorEvents = containerEvents(sensorId);
        List<String> actions = sensorEvents.stream().map(p -> (String) p.get("Action")).toList();
        if (podman()) {
            // podman: an init step, exec and exec_died, no kill or stop events for a stop, cleanup after
            assertInOrder(actions, List.of("create", "init", "start", "exec_start", "exec_died", "die", "cleanup"));
        } else {
            assertInOrder(actions, List.of("create", "start", "exec_create", "exec_start", "exec_die", "kill", "die", "stop"));
        }
        Map<String, Object> execStart = sensorEvents.stream().filter(p -> "exec_start".equals(p.get("Action")))
                .findFirst().orElseThrow();
        if (podman()) {
            assertEquals("exec", execStart.get("EngineAction"), "podman reports exec without the command");
        } else {
            assertTrue(actions.contains("exec_create"), actions.toString());
            assertEquals("echo hello-from-exec", execStart.get("Command"));
        }
        Map<String, Object> die = sensorEvents.stream().filter(p -> "die".equals(p.get("Action"))).findFirst().orElseThrow();
        // in the host's PID namespace sleep is not pid 1, so the stop signal ends it: 128 + 15
        assertEquals(143L, die.get("ExitCode"));
        if (!podman()) {
            Map<String, Object> kill = sensorEvents.stream().filter(p -> "kill".equals(p.get("Action"))).findFirst().orElseThrow();
            assertEquals("15", kill.get("Signal"));
        }
        assertEquals("sensor", die.get("ContainerName"));
        assertEquals("sensor", die.get("ModuleName"));
        assertNoDuplicates();

        // --- inventory
        ContainerScanner scanner = new ContainerScanner(() -> client, known);
        List<SecurityEvent> inventory = new ContainerInventoryCollector(scanner, engine.host()).collect();
        assertEquals(1, inventory.size());
        assertEquals(EventNames.CONTAINER_INVENTORY, inventory.get(0).name());
        assertEquals(EventCategory.PERIODIC, inventory.get(0).category());
        assertEquals(2, inventory.get(0).payload().size(), "exactly the two containers");
        Map<String, Object> sensor = inventoryItem(inventory, "sensor");
        assertEquals(sensorId, sensor.get("ContainerId"));
        assertEquals(expectedImageName(), sensor.get("Image"));
        assertTrue(((String) sensor.get("ImageId")).startsWith("sha256:"), sensor.toString());
        assertEquals("exited", sensor.get("State"));
        assertNotNull(sensor.get("StartedAt"));
        assertEquals(false, sensor.get("Privileged"));
        assertEquals("host", sensor.get("PidMode"));
        assertEquals("none", sensor.get("NetworkMode"));
        assertEquals(List.of("NET_ADMIN"), sensor.get("CapAdd"));
        List<?> binds = (List<?>) sensor.get("Binds");
        assertEquals(1, binds.size());
        assertTrue(binds.get(0).toString().startsWith(bind), binds.toString());
        List<?> mounts = (List<?>) sensor.get("Mounts");
        assertEquals(1, mounts.size(), mounts.toString());
        Map<?, ?> mount = (Map<?, ?>) mounts.get(0);
        assertEquals("bind", mount.get("Type"));
        assertEquals(hostDir.toString(), mount.get("Source"));
        assertEquals("/hostdata", mount.get("Target"));
        assertEquals(true, mount.get("ReadOnly"));
        assertNotNull(mount.get("Propagation"), "the engine reports the propagation it applied");
        assertEquals(true, sensor.get("IsIotEdgeModule"));
        assertEquals("sensor", sensor.get("ModuleName"));
        assertEquals("1.2", sensor.get("ModuleVersion"));
        assertEquals(sensorOptions, sensor.get("ModuleCreateOptions"));
        assertEquals(List.of("LEVEL"), sensor.get("ModuleEnvNames"));
        Map<String, Object> privileged = inventoryItem(inventory, "privileged-module");
        assertEquals("created", privileged.get("State"));
        assertEquals(true, privileged.get("Privileged"));
        assertNull(privileged.get("StartedAt"));
        assertNull(privileged.get("ProcessId"));
        if (podman()) {
            assertEquals(List.of(), privileged.get("PortBindings"), "podman drops port bindings of --network none containers");
        } else {
            assertEquals(List.of(Map.of("ContainerPort", "80", "Protocol", "tcp", "HostIp", "127.0.0.1", "HostPort", "18080")),
                    privileged.get("PortBindings"));
        }

        // --- manifest rebuilt from the device, handed to the analyzer
        List<String> analyzed = new CopyOnWriteArrayList<>();
        ManifestAnalysis analyzer = (json, source) -> {
            analyzed.add(source + "|" + json);
            return List.of(SecurityEvent.builder(EventNames.RECOMMENDATION).payload(Map.of("Rule", "test")).build());
        };
        Path expected = engine.dir().resolve("expected.json");
        Files.writeString(expected, expectedManifest(bind));
        List<SecurityEvent> manifestEvents = new DeviceManifestCollector(scanner, () -> analyzer, expected, engine.host()).collect();
        assertEquals(1, analyzed.size());
        assertTrue(analyzed.get(0).startsWith(DeviceManifestCollector.ANALYSIS_SOURCE + "|"));
        List<ModuleSpec> rebuilt = ExpectedManifest.parse(analyzed.get(0).substring(analyzed.get(0).indexOf('|') + 1));
        assertEquals(List.of("privileged-module", "sensor"), rebuilt.stream().map(ModuleSpec::name).toList());
        Map<String, Object> privilegedHost = JsonValues.mapAt(rebuilt.get(0).createOptions(), "HostConfig");
        assertEquals(true, privilegedHost.get("Privileged"));
        Map<String, Object> sensorHost = JsonValues.mapAt(rebuilt.get(1).createOptions(), "HostConfig");
        assertEquals("host", sensorHost.get("PidMode"));
        assertEquals(List.of("NET_ADMIN"), sensorHost.get("CapAdd"));
        assertEquals(Map.of("LEVEL", "debug"), rebuilt.get(1).env());
        assertEquals("always", rebuilt.get(1).restartPolicy());
        assertEquals("1.2", rebuilt.get(1).version());
        assertTrue(manifestEvents.stream().anyMatch(e -> "test".equals(e.payload().get(0).get("Rule"))),
                "the analyzer's recommendations are returned");

        // --- drift between the expected manifest and what runs
        Set<String> drift = manifestEvents.stream().filter(e -> e.payload().get(0).containsKey("DriftKind"))
                .map(e -> e.payload().get(0)).map(p -> p.get("DriftKind") + " " + p.get("ModuleName") + " " + p.get("Setting"))
                .collect(Collectors.toSet());
        Set<String> expectedDrift = new HashSet<>(Set.of(
                "SettingAdded sensor HostConfig.CapAdd",
                "SettingAdded sensor HostConfig.PidMode",
                "SettingAdded privileged-module HostConfig.Privileged",
                "StatusChanged privileged-module status",
                "ModuleMissing ghost null"));
        if (!podman()) {
            expectedDrift.add("SettingAdded privileged-module HostConfig.PortBindings");
        }
        assertEquals(expectedDrift, drift);
        for (SecurityEvent e : manifestEvents) {
            if (e.payload().get(0).containsKey("DriftKind")) {
                assertEquals(EventNames.RECOMMENDATION, e.name());
                assertEquals(EventType.SECURITY, e.eventType());
                assertEquals(expected.toString(), e.payload().get(0).get("ManifestSource"));
            }
        }
    }

    private String expectedManifest(String bind) {
        return """
                {"modulesContent":{"$edgeAgent":{"properties.desired":{"schemaVersion":"1.1",
                  "runtime":{"type":"docker","settings":{}},"systemModules":{},
                  "modules":{
                    "sensor":{"version":"1.2","type":"docker","status":"running","restartPolicy":"always",
                      "settings":{"image":"%s","createOptions":"{\\"HostConfig\\":{\\"Binds\\":[\\"%s\\"]}}"},
                      "env":{"LEVEL":{"value":"debug"}}},
                    "privileged-module":{"version":"1.0","type":"docker","status":"running","restartPolicy":"always",
                      "settings":{"image":"%s"}},
                    "ghost":{"version":"1.0","type":"docker","status":"running","restartPolicy":"always",
                      "settings":{"image":"%s"}}}}},
                 "$edgeHub":{"properties.desired":{"schemaVersion":"1.1","routes":{}}}}}
                """.formatted(TestEngine.IMAGE, bind, TestEngine.IMAGE, TestEngine.IMAGE);
    }

    @Test
    @Order(2)
    void droppedStreamResumesWithoutGapsOrDuplicates() throws Exception {
        String before = docker(List.of("create", "--name", "before-reconnect"), run(TestEngine.IMAGE, "true"));
        sink.await("create of before-reconnect", e -> containerEvent(e, before, "create"));
        long connections = events.connections();
        long dropped = events.duplicatesDropped();
        events.restartStream();
        sink.awaitCondition("reconnected", () -> events.connections() > connections);
        String after = docker(List.of("create", "--name", "after-reconnect"), run(TestEngine.IMAGE, "true"));
        sink.await("create of after-reconnect", e -> containerEvent(e, after, "create"));
        // the engine replayed (at least) the last event seen before the cut; it was recognised
        assertTrue(events.duplicatesDropped() > dropped, "the replayed second was de-duplicated");
        assertEquals(1, containerEvents(before).stream().filter(p -> "create".equals(p.get("Action"))).count());
        assertEquals(1, containerEvents(after).stream().filter(p -> "create".equals(p.get("Action"))).count());
        assertNoDuplicates();
    }

    @Test
    @Order(3)
    void engineRestartIsReportedRetriedAndResumed() throws Exception {
        int statusBefore = statusEvents("SourceUnavailable").size();
        engine.stopEngine();
        sink.awaitCondition("engine loss reported", () -> statusEvents("SourceUnavailable").size() > statusBefore);
        Map<String, Object> lost = statusEvents("SourceUnavailable").get(statusBefore);
        assertEquals(ContainerEventCollector.NAME, lost.get("Collector"));
        assertEquals(engine.host(), lost.get("Source"));
        assertNotNull(lost.get("RetryInSeconds"));
        SecurityEvent lostEvent = sink.events().stream().filter(e -> e.payload().get(0) == lost).findFirst().orElseThrow();
        assertEquals(EventType.OPERATIONAL, lostEvent.eventType());
        assertEquals(EventNames.COLLECTOR_STATUS, lostEvent.name());

        // the periodic collectors report the loss instead of an empty inventory
        List<SecurityEvent> inventory = new ContainerInventoryCollector(new ContainerScanner(() -> client, known),
                engine.host()).collect();
        assertEquals(1, inventory.size());
        assertEquals(EventNames.COLLECTOR_STATUS, inventory.get(0).name());
        assertEquals("SourceUnavailable", inventory.get(0).payload().get(0).get("Status"));

        int restoredBefore = statusEvents("SourceRestored").size();
        engine.startEngine();
        String after = docker(List.of("create", "--name", "after-restart"), run(TestEngine.IMAGE, "true"));
        sink.awaitCondition("stream restored", () -> statusEvents("SourceRestored").size() > restoredBefore);
        sink.await("create of after-restart", e -> containerEvent(e, after, "create"));
        assertEquals(1, containerEvents(after).stream().filter(p -> "create".equals(p.get("Action"))).count());
        assertNoDuplicates();
        List<SecurityEvent> again = new ContainerInventoryCollector(new ContainerScanner(() -> client, known),
                engine.host()).collect();
        assertEquals(EventNames.CONTAINER_INVENTORY, again.get(0).name());
        assertTrue(again.get(0).payload().stream().anyMatch(p -> "after-restart".equals(p.get("ContainerName"))));
    }

    List<Map<String, Object>> statusEvents(String status) {
        return sink.events().stream().filter(e -> e.name().equals(EventNames.COLLECTOR_STATUS))
                .map(e -> e.payload().get(0)).filter(p -> status.equals(p.get("Status"))).toList();
    }

    void assertNoDuplicates() {
        Set<String> seen = new HashSet<>();
        for (SecurityEvent e : sink.events()) {
            if (e.name().equals(EventNames.CONTAINER_EVENT)) {
                Map<String, Object> p = e.payload().get(0);
                String key = e.timestamp() + " " + p.get("ObjectType") + " " + p.get("ContainerId") + p.get("ImageId")
                        + p.get("NetworkId") + p.get("VolumeName") + " " + p.get("Action") + " " + p.get("EngineAction");
                assertTrue(seen.add(key), "duplicate event " + e.toJson());
            }
        }
    }

    static void assertInOrder(List<String> actual, List<String> expected) {
        int i = 0;
        for (String a : actual) {
            if (i < expected.size() && a.equals(expected.get(i))) {
                i++;
            }
        }
        assertFalse(i < expected.size(), "expected " + expected + " in this order within " + actual);
    }
}
