package io.edgesec.collector.docker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.detect.EventDetector;
import io.edgesec.api.detect.EventDetectorProvider;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.docker.internal.engine.EngineClient;
import io.edgesec.collector.docker.internal.events.ContainerEventCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerInventoryCollector;
import io.edgesec.collector.docker.internal.inventory.ContainerScanner;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import io.edgesec.collector.docker.internal.testing.RecordingSink;
import io.edgesec.collector.docker.internal.testing.TestEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Container alerts live: a real Docker engine (started for the test, see {@link TestEngine}), this
 * bundle's event and inventory collectors, and the detector engine (found as the replay command
 * finds it) over what they report. A container from an image tagged like a miner (IOTA-011), a
 * privileged container created (IOTA-012; this machine cannot start one) and a shell exec'd into
 * a container (IOTA-041) raise exactly their alerts, each naming its container.
 */
class ContainerAlertsTest {

    @Test
    void minerImagePrivilegedContainerAndShellExecRaiseTheirAlertsNamingTheContainer() throws Exception {
        try (TestEngine engine = TestEngine.start(TestEngine.Kind.DOCKER);
             EngineClient client = new EngineClient(engine.host(), Duration.ofSeconds(30))) {
            KnownContainers known = new KnownContainers();
            RecordingSink sink = new RecordingSink();
            ContainerEventCollector events = new ContainerEventCollector(() -> client, known, engine.host(),
                    Duration.ofMillis(200), Duration.ofSeconds(2));
            events.open(sink);
            try {
                sink.awaitCondition("event stream connected", () -> events.connections() >= 1);
                engine.docker("tag", TestEngine.IMAGE, "edgesec-test/xmrig:6.21");
                List<String> miner = new ArrayList<>(List.of("run", "-d", "--name", "miner-c"));
                miner.addAll(engine.runDefaults());
                miner.addAll(List.of("edgesec-test/xmrig:6.21", "sleep", "60"));
                String minerId = engine.docker(miner.toArray(String[]::new)).strip();
                List<String> priv = new ArrayList<>(List.of("create", "--name", "priv-c", "--privileged"));
                priv.addAll(engine.runDefaults());
                priv.addAll(List.of(TestEngine.IMAGE, "sleep", "60"));
                String privId = engine.docker(priv.toArray(String[]::new)).strip();
                List<String> shell = new ArrayList<>(List.of("run", "-d", "--name", "shell-c"));
                shell.addAll(engine.runDefaults());
                shell.addAll(List.of(TestEngine.IMAGE, "sleep", "600"));
                String shellId = engine.docker(shell.toArray(String[]::new)).strip();
                engine.docker("exec", "shell-c", "sh"); // no input: the shell starts and ends at once
                engine.docker("exec", "shell-c", "ls", "/"); // not a shell: no alert
                sink.await("exec_start of ls", e -> EngineScenarioTestBase.containerEvent(e, shellId, "exec_start")
                        && String.valueOf(e.payload().get(0).get("Command")).startsWith("ls"));
                sink.await("create of priv-c", e -> EngineScenarioTestBase.containerEvent(e, privId, "create"));
                List<SecurityEvent> inventory = new ContainerInventoryCollector(new ContainerScanner(() -> client, known),
                        engine.host()).collect();

                EventDetectorProvider provider = ServiceLoader.load(EventDetectorProvider.class).findFirst().orElseThrow();
                EventDetector detector = provider.newDetector(Map.of());
                List<SecurityEvent> alerts = new ArrayList<>();
                for (SecurityEvent e : sink.events()) {
                    alerts.addAll(detector.detect(e));
                }
                for (SecurityEvent e : inventory) {
                    alerts.addAll(detector.detect(e));
                }
                alerts.addAll(detector.finish());

                Map<String, String> containerOf = new TreeMap<>();
                for (SecurityEvent a : alerts) {
                    Map<String, Object> p = a.payload().get(0);
                    Map<?, ?> ents = (Map<?, ?>) p.get("Entities");
                    String previous = containerOf.put((String) p.get("AlertId"), ents.get("ContainerName") + "/" + ents.get("ContainerId"));
                    assertTrue(previous == null, "one alert per incident: " + alerts);
                }
                assertEquals(Map.of("IOTA-011", "miner-c/" + minerId, "IOTA-012", "priv-c/" + privId,
                        "IOTA-041", "shell-c/" + shellId), containerOf, alerts.toString());
            } finally {
                events.close();
            }
        }
    }
}
