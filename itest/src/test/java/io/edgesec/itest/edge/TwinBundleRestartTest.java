package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.itest.edge.TwinBundleManagementTest.awaitClosed;
import static io.edgesec.itest.edge.TwinBundleManagementTest.state;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.itest.edge.probe.SequenceProbe;
import io.edgesec.support.json.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent restart with twin-managed collectors, and a removal patch sent the moment the
 * restarted agent has reported its first twin status, which may come before the bundle manager
 * is there (it came after it at every start while the launcher deferred the manager until the
 * first message; TwinBundleManagerRestartTest makes that order certain). The patch must not be reported
 * {@code applied} before the bundle is gone (CI once saw it reported with the removed bundle still
 * ACTIVE); the bundle is uninstalled and its collector closed, and the other collector, already
 * accepted, runs on.
 */
class TwinBundleRestartTest {
    static final String GONE = "com.example.removed-probe";
    static final String KEPT = "com.example.kept-probe";

    @TempDir
    Path tmp;

    @Test
    void aRemovalRightAfterARestartIsReportedOnlyOnceApplied() throws Exception {
        Path data = tmp.resolve("data");
        Path incoming = data.resolve("bundles").resolve("incoming");
        Path goneJar = ProbeBundles.write(incoming.resolve(GONE + "-1.0.0.jar"), GONE, "1.0.0");
        Path keptJar = ProbeBundles.write(incoming.resolve(KEPT + "-1.0.0.jar"), KEPT, "1.0.0");
        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(ProbeBundles.twinKey(GONE), ProbeBundles.entry("1.0.0", goneJar, ProbeBundles.sha256(goneJar)));
        entries.put(ProbeBundles.twinKey(KEPT), ProbeBundles.entry("1.0.0", keptJar, ProbeBundles.sha256(keptJar)));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        desired.put("edgesec", Map.of("bundles", entries));
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure, Map.of(), true);
            try (EdgeAgent agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(),
                    "-Dedgesec.itest.probe.intervalMs=200")) {
                agent.awaitRunning();
                hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result"))
                        && "ACTIVE".equals(state(r, GONE, "state")) && "ACTIVE".equals(state(r, KEPT, "state")), 120_000);
                agent.stop();
            }

            int before = hub.twin.reportedPatches().size();
            try (EdgeAgent agent = EdgeAgent.start(config, data, tmp.resolve("agent2.log"), Map.of(),
                    "-Dedgesec.itest.probe.intervalMs=200")) {
                // the first status of the restarted agent (its whole twin), whatever it says
                hub.twin.awaitReported(r -> hub.twin.reportedPatches().size() > before
                        && hub.twin.reportedPatches().subList(before, hub.twin.reportedPatches().size()).stream()
                                .anyMatch(p -> path(p, "edgesec", "status", "source") != null), 120_000);
                Map<String, Object> removal = new HashMap<>();
                removal.put(ProbeBundles.twinKey(GONE), null);
                int v = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal)));
                Map<String, Object> r = hub.twin.awaitReported(x -> path(x, "edgesec", "status", "desiredVersion") instanceof Number n
                        && n.intValue() == v && !"pending".equals(path(x, "edgesec", "status", "result")), 120_000);
                String text = JsonText.write(path(r, "edgesec"));
                assertEquals("applied", path(r, "edgesec", "status", "result"), text);
                assertNull(state(r, GONE, "state"), "reported applied with the removed bundle still there: " + text);
                assertEquals("ACTIVE", state(r, KEPT, "state"), text);
                assertTrue(Files.readString(data.resolve("bundles").resolve("installed.json")).contains(KEPT));
                assertFalse(Files.readString(data.resolve("bundles").resolve("installed.json")).contains(GONE));

                Path goneLog = data.resolve("probe").resolve(GONE + ".log");
                awaitClosed(goneLog);
                ProbeLog log = ProbeLog.read(goneLog);
                assertEquals(Set.of(), log.refused, "no event of the removed collector was dropped");
                long kept = hub.count(d -> d.name().equals(SequenceProbe.EVENT) && KEPT.equals(d.payload().get(0).get("Bundle")));
                hub.awaitCount("events of the kept collector after the removal", d -> d.name().equals(SequenceProbe.EVENT)
                        && KEPT.equals(d.payload().get(0).get("Bundle")), kept + 3, 120_000);
                assertTrue(agent.alive());
                System.out.println("TwinBundleRestartTest: statuses after the restart " + hub.twin.reportedPatches()
                        .subList(before, hub.twin.reportedPatches().size()).stream()
                        .map(p -> path(p, "edgesec", "status")).filter(java.util.Objects::nonNull).toList());
                agent.stop();
            }
        }
    }
}
