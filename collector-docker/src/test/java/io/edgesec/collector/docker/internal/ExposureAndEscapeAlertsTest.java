package io.edgesec.collector.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.detect.EventDetectorProvider;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.engine.EngineClient;
import io.edgesec.collector.docker.internal.events.ContainerEventCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerInventoryCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerScanner;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import io.edgesec.collector.docker.internal.testing.RecordingSink;
import io.edgesec.collector.docker.internal.testing.TestEngine;
import io.edgesec.collector.process.internal.ports.ListeningPortsCollector;
import io.edgesec.collector.process.internal.processes.ProcessCollector;
import io.edgesec.collector.process.internal.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * IOTA-013 and IOTA-042 live, in the style of {@link ContainerAlertsTest}: a real dockerd of the
 * test, this bundle's collectors, collector-process's /proc scan and ListeningPorts, and the
 * detector engine (found as the replay command finds it) over what they report.
 *
 * <p>IOTA-013: the test's dockerd runs in a network namespace the test creates, with TCP
 * listeners besides its unix socket: one on 10.213.77.1 (an address only that namespace has, so
 * nothing outside can reach the unauthenticated API) and one on loopback (the near miss). The
 * /proc scan sees dockerd's command line (the exec evidence) and ListeningPorts its non-loopback
 * listener; the loopback one raises nothing.
 *
 * <p>IOTA-042: {@code nsenter -t 1 -m ...} exec'd into a container sharing the host's PID
 * namespace (it fails without CAP_SYS_ADMIN: harmless, the attempt is the evidence), and the
 * engine's own socket bound into a container that runs as an IoT Edge module (the edge agent's
 * labels) where a docker CLI exec'd inside really talks to it. Each alert names its container;
 * the module's names the Module, the other's none. {@code cat} exec'd is the near miss.
 */
class ExposureAndEscapeAlertsTest {
    private static final String ADDRESS = "10.213.77.1";
    private static final int EXPOSED = 2375;
    private static final int LOOPBACK = 2376;
    private static final String MODULE = "SimulatedTemperatureSensor";
    private final String netns = "esadk" + ProcessHandle.current().pid() % 100000;
    private boolean netnsCreated;

    @AfterEach
    void deleteNamespace() throws Exception {
        if (netnsCreated) {
            exec("ip", "netns", "delete", netns);
        }
    }

    private static String exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
        return out;
    }

    @Test
    void exposedDaemonAndEscapeAttemptsRaiseTheirAlertsNamingDaemonContainerAndModule() throws Exception {
        exec("ip", "netns", "add", netns);
        netnsCreated = true;
        exec("ip", "-n", netns, "link", "set", "lo", "up");
        exec("ip", "-n", netns, "addr", "add", ADDRESS + "/32", "dev", "lo");
        ProcessCollector scan = new ProcessCollector(TestConfigs.processes("/proc", false, ""));
        scan.collect(); // the first scan is the baseline: what starts after it is a ProcessCreate
        // nsenter --net, not ip netns exec: that one remounts /sys, hiding the cgroups dockerd needs
        try (TestEngine engine = TestEngine.startDocker(List.of("nsenter", "--net=/run/netns/" + netns, "--"),
                List.of("-H", "tcp://" + ADDRESS + ":" + EXPOSED, "-H", "tcp://127.0.0.1:" + LOOPBACK));
             EngineClient client = new EngineClient(engine.host(), Duration.ofSeconds(30))) {
            long dockerd = engine.pid();
            List<SecurityEvent> judged = new ArrayList<>();
            // the daemon's start as the /proc scan reports it (the machine's other processes left out)
            for (SecurityEvent e : scan.collect()) {
                if (e.name().equals(EventNames.PROCESS_CREATE) && ((Number) e.payload().get(0).get("ProcessId")).longValue() == dockerd) {
                    judged.add(e);
                }
            }
            assertEquals(1, judged.size(), "dockerd's ProcessCreate from the scan");
            assertTrue(String.valueOf(judged.get(0).payload().get(0).get("CommandLine")).contains("tcp://" + ADDRESS), judged.toString());
            judged.add(listenersOf(dockerd));

            KnownContainers known = new KnownContainers();
            RecordingSink sink = new RecordingSink();
            ContainerEventCollector events = new ContainerEventCollector(() -> client, known, engine.host(),
                    Duration.ofMillis(200), Duration.ofSeconds(2));
            events.open(sink);
            try {
                sink.awaitCondition("event stream connected", () -> events.connections() >= 1);
                String cli = importDockerCliImage(engine);
                List<String> escape = new ArrayList<>(List.of("run", "-d", "--name", "escape-c", "--pid", "host"));
                escape.addAll(engine.runDefaults());
                escape.addAll(List.of(TestEngine.IMAGE, "sleep", "600"));
                String escapeId = engine.docker(escape.toArray(String[]::new)).strip();
                TestEngine.Result nsenter = engine.tryDocker("exec", "escape-c", "busybox", "nsenter", "-t", "1", "-m", "-u", "-i",
                        "-n", "-p", "true");
                assertTrue(nsenter.exit() != 0, "without CAP_SYS_ADMIN the attempt fails: " + nsenter.output());
                engine.docker("exec", "escape-c", "cat", "/etc/hostname"); // near miss
                Path socket = Path.of(engine.host().substring("unix://".length()));
                List<String> module = new ArrayList<>(List.of("run", "-d", "--name", MODULE,
                        "--label", "net.azure-devices.edge.owner=Microsoft.Azure.Devices.Edge.Agent",
                        "--label", "net.azure-devices.edge.version=1.0", "-v", socket + ":/var/run/docker.sock"));
                module.addAll(engine.runDefaults());
                module.addAll(List.of(cli, "sleep", "600"));
                String moduleId = engine.docker(module.toArray(String[]::new)).strip();
                String ps = engine.docker("exec", MODULE, "docker", "-H", "unix:///var/run/docker.sock", "ps", "--format", "{{.Names}}");
                assertTrue(ps.contains("escape-c") && ps.contains(MODULE), "the engine answered from inside: " + ps);
                sink.await("exec_start of cat", e -> EngineScenarioTestBase.containerEvent(e, escapeId, "exec_start")
                        && String.valueOf(e.payload().get(0).get("Command")).startsWith("cat"));
                sink.await("exec_start of docker", e -> EngineScenarioTestBase.containerEvent(e, moduleId, "exec_start")
                        && String.valueOf(e.payload().get(0).get("Command")).startsWith("docker"));
                judged.addAll(sink.events());
                judged.addAll(new ContainerInventoryCollector(new ContainerScanner(() -> client, known), engine.host()).collect());

                EventDetectorProvider provider = ServiceLoader.load(EventDetectorProvider.class).findFirst().orElseThrow();
                EventDetector detector = provider.newDetector(Map.of());
                List<SecurityEvent> alerts = new ArrayList<>();
                for (SecurityEvent e : judged) {
                    alerts.addAll(detector.detect(e));
                }
                alerts.addAll(detector.finish());

                Map<String, String> found = new TreeMap<>();
                for (SecurityEvent a : alerts) {
                    Map<String, Object> p = a.payload().get(0);
                    Map<?, ?> ents = (Map<?, ?>) p.get("Entities");
                    String what = switch ((String) p.get("AlertId")) {
                        case "IOTA-013" -> ents.containsKey("LocalPort") ? "port " + ents.get("LocalPort")
                                : "exec " + (String.valueOf(ents.get("CommandLine")).contains("tcp://" + ADDRESS + ":" + EXPOSED));
                        case "IOTA-042" -> ents.get("ContainerName") + "/" + ents.get("ContainerId") + " module=" + ents.get("Module");
                        default -> String.valueOf(ents);
                    };
                    String previous = found.put(p.get("AlertId") + " " + what, String.valueOf(p.get("Description")));
                    assertNull(previous, "one alert per incident: " + alerts);
                }
                assertEquals(List.of("IOTA-013 exec true", "IOTA-013 port " + EXPOSED,
                        "IOTA-042 " + MODULE + "/" + moduleId + " module=" + MODULE,
                        "IOTA-042 escape-c/" + escapeId + " module=null"), new ArrayList<>(found.keySet()), alerts.toString());
                assertFalse(found.keySet().stream().anyMatch(k -> k.contains("port " + LOOPBACK)), "a loopback listener is not exposed");
            } finally {
                events.close();
            }
        }
    }

    /** The ListeningPorts snapshot (every namespace) with only the daemon's sockets. */
    private static SecurityEvent listenersOf(long pid) throws Exception {
        ListeningPortsCollector ports = new ListeningPortsCollector(TestConfigs.ports("/proc", true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            SecurityEvent all = ports.collect().get(0);
            List<Map<String, Object>> mine = new ArrayList<>();
            for (Map<String, Object> item : all.payload()) {
                Map<?, ?> x = (Map<?, ?>) item.get("ExtraDetails");
                if (x != null && List.of(String.valueOf(x.get("Pid")).split(",")).contains(Long.toString(pid))) {
                    mine.add(item);
                }
            }
            boolean both = mine.stream().anyMatch(i -> ADDRESS.equals(i.get("LocalAddress")))
                    && mine.stream().anyMatch(i -> "127.0.0.1".equals(i.get("LocalAddress")));
            if (both) {
                return all.toBuilder().id(all.id()).clearPayload().payloads(mine).build();
            }
            assertTrue(System.nanoTime() < deadline, "dockerd's listeners never showed: " + mine);
            Thread.sleep(200);
        }
    }

    /** An image with the docker CLI (and the libc it links) and busybox, from this machine's files. */
    private static String importDockerCliImage(TestEngine engine) throws Exception {
        Path root = engine.dir().resolve("cli-rootfs");
        Files.createDirectories(root.resolve("bin"));
        Files.createDirectories(root.resolve("usr/bin"));
        Files.createDirectories(root.resolve("lib/x86_64-linux-gnu"));
        Files.createDirectories(root.resolve("lib64"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        for (String applet : List.of("sh", "sleep", "cat")) {
            Files.createSymbolicLink(root.resolve("bin").resolve(applet), Path.of("busybox"));
        }
        Files.copy(Path.of("/usr/bin/docker"), root.resolve("usr/bin/docker"));
        for (String line : exec("ldd", "/usr/bin/docker").split("\n")) {
            for (String word : line.trim().split("\\s+")) {
                if (word.startsWith("/")) {
                    Path lib = Path.of(word).toRealPath();
                    Path target = root.resolve(word.substring(1));
                    Files.createDirectories(target.getParent());
                    if (!Files.exists(target)) {
                        Files.copy(lib, target);
                    }
                }
            }
        }
        Path tar = engine.dir().resolve("cli.tar");
        exec("tar", "-C", root.toString(), "-cf", tar.toString(), ".");
        engine.docker("import", tar.toString(), "edgesec-test/dockercli:1");
        try (var s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return "edgesec-test/dockercli:1";
    }}
