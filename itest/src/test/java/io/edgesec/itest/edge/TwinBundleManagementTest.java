package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import io.edgesec.itest.edge.probe.SequenceProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (c) Collector bundles from the module twin, in the running agent: an {@code edgesec.bundles}
 * entry (digest pinned, jar under the default allowed source, {@code <data-dir>/bundles})
 * installs a third-party collector built here, whose events then arrive on the events topic;
 * a wrong digest (or a location outside the allowed sources) is refused and reported, and
 * nothing else changes; removing the entry uninstalls the bundle and its events stop.
 */
class TwinBundleManagementTest {
    static final String PROBE = "com.example.sequence-probe";
    static final String OTHER = "com.example.other-probe";
    static final String OUTSIDE = "com.example.outside-probe";

    @TempDir
    Path tmp;

    static Map<?, ?> bundles(Map<String, Object> reported) {
        Object b = path(reported, "edgesec", "bundles");
        return b instanceof Map<?, ?> m ? m : Map.of();
    }

    static Object state(Map<String, Object> reported, String bsn, String field) {
        Object entry = bundles(reported).get(ProbeBundles.twinKey(bsn));
        return entry instanceof Map<?, ?> m ? m.get(field) : null;
    }

    static boolean diagnostic(HubStandIn.Delivered d, String status, String text) {
        return d.name().equals("Diagnostic") && d.payload().stream().anyMatch(p -> p.get("ExtraDetails") instanceof Map<?, ?> x
                && status.equals(x.get("Status")) && String.valueOf(x.get("Message")).contains(text));
    }

    @Test
    void theTwinInstallsRefusesAndRemovesACollectorBundle() throws Exception {
        Path data = tmp.resolve("data");
        Path incoming = data.resolve("bundles").resolve("incoming");
        Path probeJar = ProbeBundles.write(incoming.resolve(PROBE + "-1.0.0.jar"), PROBE, "1.0.0");
        String probeSha = ProbeBundles.sha256(probeJar);
        Path probeLog = data.resolve("probe").resolve(PROBE + ".log");

        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure, Map.of(), true);
            try (EdgeAgent agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(),
                    "-Dedgesec.itest.probe.intervalMs=200")) {
                agent.awaitRunning();
                hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result")), 120_000);
                assertEquals(0, hub.count(d -> d.name().equals(SequenceProbe.EVENT)));

                // 1. install: the entry names the jar under <data-dir>/bundles and pins its SHA-256
                int v1 = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles",
                        Map.of(ProbeBundles.twinKey(PROBE), ProbeBundles.entry("1.0.0", probeJar, probeSha)))));
                Map<String, Object> reported = hub.twin.awaitReported(r -> "ACTIVE".equals(state(r, PROBE, "state"))
                        && v1 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue(), 120_000);
                assertEquals("1.0.0", state(reported, PROBE, "version"));
                assertEquals(probeSha, state(reported, PROBE, "sha256"));
                assertNull(state(reported, PROBE, "error"));
                hub.awaitCount("events of the installed collector", d -> d.name().equals(SequenceProbe.EVENT)
                        && PROBE.equals(d.payload().get(0).get("Bundle")), 3, 120_000);
                hub.awaitEvent("the BundleInstalled report", d -> diagnostic(d, "BundleInstalled", PROBE), 120_000);

                // 2. refusals: a wrong digest for a new bundle, a location outside the allowed sources,
                //    a wrong digest for an update of the installed one
                Path otherJar = ProbeBundles.write(incoming.resolve(OTHER + "-1.0.0.jar"), OTHER, "1.0.0");
                Path outsideJar = ProbeBundles.write(tmp.resolve("outside").resolve(OUTSIDE + "-1.0.0.jar"), OUTSIDE, "1.0.0");
                Path updateJar = ProbeBundles.write(incoming.resolve(PROBE + "-1.0.1.jar"), PROBE, "1.0.1");
                Map<String, Object> refused = new LinkedHashMap<>();
                refused.put(ProbeBundles.twinKey(OTHER), ProbeBundles.entry("1.0.0", otherJar, probeSha)); // not its digest
                refused.put(ProbeBundles.twinKey(OUTSIDE), ProbeBundles.entry("1.0.0", outsideJar, ProbeBundles.sha256(outsideJar)));
                refused.put(ProbeBundles.twinKey(PROBE), ProbeBundles.entry("1.0.1", updateJar, ProbeBundles.sha256(otherJar)));
                long probeEvents = hub.count(d -> d.name().equals(SequenceProbe.EVENT));
                int v2 = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", refused)));
                reported = hub.twin.awaitReported(r -> v2 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue()
                        && "REFUSED".equals(state(r, OTHER, "state")) && "REFUSED".equals(state(r, OUTSIDE, "state"))
                        && state(r, PROBE, "error") != null, 120_000);
                String text = JsonText.write(bundles(reported));
                assertTrue(String.valueOf(state(reported, OTHER, "error")).contains("SHA-256 mismatch"), text);
                assertTrue(String.valueOf(state(reported, OUTSIDE, "error")).contains("outside the allowed sources"), text);
                assertTrue(String.valueOf(state(reported, PROBE, "error")).contains("SHA-256 mismatch"), text);
                // nothing else changed: the installed collector runs on, at 1.0.0; the configuration stands
                assertEquals("ACTIVE", state(reported, PROBE, "state"), text);
                assertEquals("1.0.0", state(reported, PROBE, "version"), text);
                assertEquals(probeSha, state(reported, PROBE, "sha256"), text);
                assertEquals("applied", path(reported, "edgesec", "status", "result"));
                assertEquals("PT1S", path(reported, AZURE, "highPriorityMessageFrequency", "value"));
                assertFalse(Files.exists(data.resolve("probe").resolve(OTHER + ".log")), "the refused bundle ran");
                assertFalse(Files.exists(data.resolve("probe").resolve(OUTSIDE + ".log")), "the refused bundle ran");
                hub.awaitEvent("the BundleRefused report", d -> diagnostic(d, "BundleRefused", OTHER + ": SHA-256 mismatch"), 120_000);
                hub.awaitCount("events of the collector after the refusals", d -> d.name().equals(SequenceProbe.EVENT),
                        probeEvents + 3, 120_000);
                assertEquals(0, hub.count(d -> d.name().equals(SequenceProbe.EVENT) && !"1.0.0".equals(d.payload().get(0).get("Version"))));
                assertTrue(agent.alive());

                // 3. removal: the entries set to null; the bundle is uninstalled and its events stop
                Map<String, Object> removal = new HashMap<>();
                removal.put(ProbeBundles.twinKey(PROBE), null);
                removal.put(ProbeBundles.twinKey(OTHER), null);
                removal.put(ProbeBundles.twinKey(OUTSIDE), null);
                int v3 = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal)));
                reported = hub.twin.awaitReported(r -> v3 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue()
                        && bundles(r).isEmpty(), 120_000);
                awaitClosed(probeLog);
                ProbeLog log = ProbeLog.read(probeLog);
                assertEquals(Set.of(), log.refused, "no event of the collector was dropped");
                // everything it handed over before it stopped arrives, and nothing else: the probe logs
                // every event the agent accepts from it and its log is closed, so no later event can
                // come (no wait of a guessed time to see that none does)
                TreeSet<Long> delivered = awaitDelivered(hub, log.accepted);
                assertEquals(log.accepted, delivered, "delivered exactly what the collector handed over");
                assertEquals("{}", Files.readString(data.resolve("bundles").resolve("installed.json")).strip());
                hub.awaitEvent("the BundleUninstalled report", d -> diagnostic(d, "BundleUninstalled", PROBE), 120_000);
                assertTrue(agent.alive());
                System.out.println("TwinBundleManagementTest: collector installed, " + log.accepted.size()
                        + " events accepted and all delivered, 3 entries refused, uninstalled; reported " + text);
                agent.stop();
            }
        }
    }

    static void awaitClosed(Path probeLog) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!ProbeLog.read(probeLog).closed) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the collector was not closed within 120 s of its removal");
            }
            Thread.sleep(100);
        }
    }

    /** Waits until every sequence number in {@code expected} has been delivered; returns what was. */
    static TreeSet<Long> awaitDelivered(HubStandIn hub, Set<Long> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            TreeSet<Long> delivered = new TreeSet<>();
            hub.deliveredEvents().stream().filter(d -> d.name().equals(SequenceProbe.EVENT))
                    .forEach(d -> delivered.add(((Number) d.payload().get(0).get("Seq")).longValue()));
            if (delivered.containsAll(expected)) {
                return delivered;
            }
            if (System.nanoTime() > deadline) {
                TreeSet<Long> missing = new TreeSet<>(expected);
                missing.removeAll(delivered);
                throw new AssertionError(missing.size() + " accepted events not delivered within 180 s: " + missing);
            }
            Thread.sleep(200);
        }
    }
}
