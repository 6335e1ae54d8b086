package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;

import io.edgesec.itest.edge.probe.SequenceProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The time to hot-swap a collector bundle while its events flow, and the events lost. The built
 * agent (launcher/target/edgesec.jar, its own JVM) sends to the TLS mosquitto edgeHub stand-in;
 * the third-party {@link SequenceProbe} collector bundle, installed through the module twin
 * (digest pinned), emits a numbered event every {@code intervalMs}; then each round the twin
 * names a new version of it (a new jar, 1.0.i) and the agent updates the bundle in place in
 * Felix ({@code Bundle.update}) while events flow. Measured per update, from what arrived:
 * the gap between the last event of the old version and the first of the new (event
 * timestamps, ms; includes up to one interval), and the time from the twin patch to the new
 * version reported ACTIVE (includes the hub round trip). Lost: numbers the probe's log says the
 * agent accepted that never arrived; refused numbers are the agent's counted drops. Beside them:
 * the longest pause inside each updated version's own events (a second restart of the new
 * version after its first event shows there, not in the gap), the intervals between events of
 * one version (the floor: on a loaded machine the stream itself pauses as long as an update),
 * and how often the collector was opened (1 + one per update when an update starts it once).
 *
 * <p>Run by bench/hotswap.sh (args: rounds intervalMs workDir).
 */
public final class HotSwapBench {
    static final String PROBE = "com.example.hotswap-probe";

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        long intervalMs = Long.parseLong(args[1]);
        Path tmp = Path.of(args[2]);
        Path data = tmp.resolve("data");
        Path incoming = data.resolve("bundles").resolve("incoming");
        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        List<Long> gaps = new ArrayList<>();
        List<Long> applied = new ArrayList<>();
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure, Map.of(), true);
            try (EdgeAgent agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(),
                    "-Dedgesec.itest.probe.intervalMs=" + intervalMs)) {
                agent.awaitRunning();
                hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result")), 120_000);
                for (int i = 0; i <= rounds; i++) {
                    String version = "1.0." + i;
                    Path jar = ProbeBundles.write(incoming.resolve(PROBE + "-" + version + ".jar"), PROBE, version);
                    long t0 = System.nanoTime();
                    hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles",
                            Map.of(ProbeBundles.twinKey(PROBE), ProbeBundles.entry(version, jar, ProbeBundles.sha256(jar))))));
                    hub.twin.awaitReported(r -> "ACTIVE".equals(TwinBundleManagementTest.state(r, PROBE, "state"))
                            && version.equals(TwinBundleManagementTest.state(r, PROBE, "version")), 120_000);
                    if (i > 0) {
                        applied.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    // events of this version flow before the next update
                    hub.awaitCount("events of " + version, d -> d.name().equals(SequenceProbe.EVENT)
                            && version.equals(d.payload().get(0).get("Version")), 20, 120_000);
                }
                int exit = agent.stop(); // SIGTERM: the agent flushes what it holds
                System.out.println("agent exit after SIGTERM: " + exit);
            }
            ProbeLog log = ProbeLog.read(data.resolve("probe").resolve(PROBE + ".log"));
            TreeMap<Long, Map<String, Object>> arrived = new TreeMap<>();
            for (HubStandIn.Delivered d : hub.deliveredEvents()) {
                if (d.name().equals(SequenceProbe.EVENT)) {
                    Map<String, Object> p = d.payload().get(0);
                    Map<String, Object> e = new LinkedHashMap<>(p);
                    e.put("Time", Instant.parse(String.valueOf(d.event().get("TimestampUTC"))).toEpochMilli());
                    arrived.put(((Number) p.get("Seq")).longValue(), e);
                }
            }
            Map.Entry<Long, Map<String, Object>> previous = null;
            // the longest silence between two events of the same updated version: a restart of the
            // new version after its first event (the gap above does not see it) shows here
            Map<Object, Long> pauseWithin = new LinkedHashMap<>();
            // every interval between two events of one version: the stream's own jitter, the floor
            // under the gap (the probe sleeps, logs and submits; the machine is shared)
            List<Long> intervals = new ArrayList<>();
            for (Map.Entry<Long, Map<String, Object>> e : arrived.entrySet()) {
                Object version = e.getValue().get("Version");
                if (previous != null) {
                    long between = (Long) e.getValue().get("Time") - (Long) previous.getValue().get("Time");
                    if (!previous.getValue().get("Version").equals(version)) {
                        gaps.add(between);
                    } else {
                        intervals.add(between);
                        if (!"1.0.0".equals(version)) {
                            pauseWithin.merge(version, between, Math::max);
                        }
                    }
                }
                previous = e;
            }
            TreeSet<Long> lost = new TreeSet<>(log.accepted);
            lost.removeAll(arrived.keySet());
            System.out.println("probe interval: " + intervalMs + " ms; updates: " + rounds);
            System.out.println("events accepted: " + log.accepted.size() + ", arrived: " + arrived.size() + ", lost: " + lost.size()
                    + (lost.isEmpty() ? "" : " " + lost) + ", refused (counted drops): " + log.refused.size()
                    + ", in doubt: " + log.unknown().size());
            System.out.println("gap between versions (ms, event timestamps): " + summary(gaps) + " " + gaps);
            System.out.println("twin patch to new version ACTIVE (ms): " + summary(applied) + " " + applied);
            List<Long> pauses = new ArrayList<>(pauseWithin.values());
            System.out.println("longest pause within an updated version's own events (ms): " + summary(pauses) + " " + pauses);
            intervals.sort(null);
            System.out.println("interval between events of one version (ms): median " + median(intervals) + ", p99 "
                    + intervals.get(intervals.size() * 99 / 100) + ", max " + intervals.get(intervals.size() - 1)
                    + " (" + intervals.size() + " intervals)");
            System.out.println("collector opened " + log.opens + " times for " + rounds + " updates (1 + one per update"
                    + " when each update starts the new version once)");
            boolean met = !gaps.isEmpty() && median(gaps) < 50 && lost.isEmpty();
            System.out.println("goal (median gap under 50 ms, none lost): " + (met ? "met" : "NOT met")
                    + (gaps.isEmpty() ? "" : ", ratio " + String.format("%.2f", median(gaps) / 50.0)));
        }
    }

    static long median(List<Long> v) {
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    static String summary(List<Long> v) {
        if (v.isEmpty()) {
            return "(none)";
        }
        List<Long> s = new ArrayList<>(v);
        s.sort(null);
        return "median " + median(v) + ", min " + s.get(0) + ", max " + s.get(s.size() - 1);
    }
}
