package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.itest.edge.probe.SequenceProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (d) SIGKILL loses nothing the agent accepted. A third-party collector installed through the
 * twin (and re-installed from the persisted set after each restart) pushes a numbered stream and
 * writes down each number for which {@code sink.submit} returned true (a write the kill cannot
 * undo: it is in the page cache before the next step, see SequenceProbe). The agent is
 * killed with SIGKILL twice, restarted each time with the same --data-dir:
 * <ol>
 * <li>while it is sending: the broker is paused (SIGSTOP) so that a message is on its way and
 * its acknowledgement outstanding, then the agent is killed, then the broker resumes (and
 * delivers what it had read: those events come again after the restart, with the same Id);
 * <li>while the broker is down (stopped through the fixture): events pile up in the queue.
 * </ol>
 * Then every accepted number must have been delivered at least once, or be counted as dropped
 * in DroppedEventsStatistics; every delivery of a number carries the Id it was submitted with.
 *
 * <p>The broker is store-and-forward, as edgeHub is: a plain mosquitto stopped with SIGTERM can
 * acknowledge a message to the agent and exit before writing it to the recorder (seen in its
 * log: "Sending PUBACK", then "terminating", no PUBACK from the recorder); that loss would be the
 * broker's, after the agent's contract ended with the acknowledgement.
 */
class SigkillDeliveryTest {
    static final String PROBE = "com.example.sequence-probe";

    @TempDir
    Path tmp;

    @Test
    void everyAcceptedEventIsDeliveredAfterSigkillWhileSendingAndWhileTheBrokerIsDown() throws Exception {
        Path data = tmp.resolve("data");
        Path jar = ProbeBundles.write(data.resolve("bundles").resolve("incoming").resolve(PROBE + "-1.0.0.jar"), PROBE, "1.0.0");
        Path probeLog = data.resolve("probe").resolve(PROBE + ".log");
        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        azure.put("lowPriorityMessageFrequency", value("PT2S"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        desired.put("edgesec", Map.of("bundles", Map.of(ProbeBundles.twinKey(PROBE),
                ProbeBundles.entry("1.0.0", jar, ProbeBundles.sha256(jar)))));
        List<String> phases = new ArrayList<>();
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired, true)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure, Map.of(), true);

            // run 1: the twin installs the collector; its events flow
            try (EdgeAgent run1 = start(hub, config, data, 1)) {
                hub.twin.awaitReported(r -> path(r, "edgesec", "bundles", ProbeBundles.twinKey(PROBE), "state") != null, 120_000);
                hub.awaitCount("delivered events of the collector", d -> d.name().equals(SequenceProbe.EVENT), 20, 120_000);

                // kill 1, while sending: a message is written to the broker, its acknowledgement outstanding
                hub.pauseBroker();
                long paused = ProbeLog.read(probeLog).maxAccepted();
                long inFlight = awaitUnreadAtBroker(hub);
                run1.kill();
                ProbeLog atKill = ProbeLog.read(probeLog);
                hub.resumeBroker();
                phases.add("kill 1 (broker paused, " + inFlight + " bytes of a message written and not acknowledged): "
                        + atKill.accepted.size() + " accepted so far, " + (atKill.maxAccepted() - paused) + " since the pause");
            }
            long deliveredBeforeRestart = deliveredSeqs(hub).size();

            // run 2: same data directory; the collector comes back from the persisted set
            long brokerDownFrom;
            ProbeLog atKill2;
            try (EdgeAgent run2 = start(hub, config, data, 2)) {
                long before = ProbeLog.read(probeLog).maxAccepted();
                awaitAccepted(probeLog, n -> n >= before + 20, "the collector running again after the restart");
                hub.awaitCount("events of run 2 delivered", d -> d.name().equals(SequenceProbe.EVENT)
                        && seq(d) > before, 5, 120_000);

                // kill 2, with the broker down: events pile up in the (journaled) queue
                hub.broker.stop();
                brokerDownFrom = ProbeLog.read(probeLog).maxAccepted();
                awaitAccepted(probeLog, n -> n >= brokerDownFrom + 40, "40 more accepted while the broker is down");
                run2.kill();
                atKill2 = ProbeLog.read(probeLog);
            }
            long acceptedWhileDown = atKill2.accepted.tailSet(brokerDownFrom, false).size();
            phases.add("kill 2 (broker down): " + acceptedWhileDown + " accepted while it was down");
            hub.broker.restart();
            hub.awaitRecorderSubscribed();

            // run 3: everything accepted before is delivered; then a clean stop
            try (EdgeAgent run3 = start(hub, config, data, 3)) {
                TreeSet<Long> expected = new TreeSet<>(atKill2.accepted);
                awaitDeliveredAll(hub, expected);
                long before = ProbeLog.read(probeLog).maxAccepted();
                awaitAccepted(probeLog, n -> n >= before + 20, "the collector running in run 3");
                run3.stop(); // SIGTERM: the collector is closed, the queues are flushed
            }

            // the count
            ProbeLog log = ProbeLog.read(probeLog);
            Map<Long, Set<String>> ids = new TreeMap<>();
            Map<Long, Integer> deliveries = new TreeMap<>();
            for (HubStandIn.Delivered d : hub.deliveredEvents()) {
                if (d.name().equals(SequenceProbe.EVENT)) {
                    ids.computeIfAbsent(seq(d), k -> new TreeSet<>()).add(d.id());
                    deliveries.merge(seq(d), 1, Integer::sum);
                }
            }
            long droppedHigh = dropped(hub, "High");
            long droppedLow = dropped(hub, "Low");
            TreeSet<Long> missing = new TreeSet<>(log.accepted);
            missing.removeAll(deliveries.keySet());
            long duplicates = deliveries.values().stream().filter(n -> n > 1).count();
            long extraDeliveries = deliveries.values().stream().mapToLong(n -> n - 1).sum();
            TreeSet<Long> unknown = log.unknown();
            System.out.println("SigkillDeliveryTest: " + String.join("; ", phases) + "; " + deliveredBeforeRestart
                    + " delivered before the first restart");
            System.out.println("SigkillDeliveryTest: submitted " + log.submitted.size() + ", accepted " + log.accepted.size()
                    + ", refused " + log.refused.size() + ", unknown (killed inside submit) " + unknown + "; delivered "
                    + deliveries.size() + " distinct (" + (deliveries.size() + extraDeliveries) + " deliveries, " + duplicates
                    + " numbers delivered more than once); accepted and not delivered " + missing.size()
                    + "; DroppedEventsStatistics: High " + droppedHigh + ", Low " + droppedLow + "; collector opened "
                    + log.opens + " times");

            assertEquals(3, log.opens, "the collector ran in each of the three runs");
            assertTrue(acceptedWhileDown >= 40, "accepted while the broker was down: " + acceptedWhileDown);
            assertEquals(Set.of(), log.refused, "the collector's quota refused events (they would be counted as dropped)");
            assertTrue(unknown.size() <= 2, "at most one submit interrupted per kill: " + unknown);
            // every accepted event was delivered at least once, or counted as dropped
            assertTrue(missing.size() <= droppedHigh, missing.size() + " accepted events neither delivered nor counted as dropped ("
                    + droppedHigh + " High drops counted): " + missing);
            // nothing was delivered that was not submitted, and every delivery carries the Id it was submitted with
            for (Map.Entry<Long, Set<String>> e : ids.entrySet()) {
                assertTrue(log.submitted.containsKey(e.getKey()), "delivered but never submitted: " + e.getKey());
                assertEquals(Set.of(log.submitted.get(e.getKey())), e.getValue(), "the Ids delivered for number " + e.getKey());
            }
            // the numbers accepted while the broker was down, and those of the killed runs, are all there
            assertTrue(deliveries.keySet().containsAll(atKill2.accepted), "accepted before the second kill, not delivered");
        }
    }

    static EdgeAgent start(HubStandIn hub, Path config, Path data, int run) throws Exception {
        EdgeAgent a = EdgeAgent.start(config, data, data.resolveSibling("agent-" + run + ".log"), Map.of(),
                "-Dedgesec.itest.probe.intervalMs=50");
        a.awaitRunning();
        return a;
    }

    /** Waits until the agent has written a message (more than a keep-alive) to the paused broker. */
    static long awaitUnreadAtBroker(HubStandIn hub) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            long unread = hub.unreadBytesAtBroker();
            if (unread > 1000) {
                return unread;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the agent wrote no message to the paused broker within 120 s (" + unread + " bytes)");
            }
            Thread.sleep(50);
        }
    }

    static long seq(HubStandIn.Delivered d) {
        return ((Number) d.payload().get(0).get("Seq")).longValue();
    }

    static TreeSet<Long> deliveredSeqs(HubStandIn hub) {
        TreeSet<Long> out = new TreeSet<>();
        hub.deliveredEvents().stream().filter(d -> d.name().equals(SequenceProbe.EVENT)).forEach(d -> out.add(seq(d)));
        return out;
    }

    static void awaitAccepted(Path probeLog, LongPredicate maxAccepted, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!maxAccepted.test(ProbeLog.read(probeLog).maxAccepted())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 120 s: " + what + " (the collector's log: " + probeLog + ")");
            }
            Thread.sleep(50);
        }
    }

    /** The DroppedEventsStatistics counts of one queue, summed over every report delivered. */
    static long dropped(HubStandIn hub, String queue) {
        long n = 0;
        for (HubStandIn.Delivered d : hub.deliveredEvents()) {
            if (d.name().equals("DroppedEventsStatistics")) {
                for (Map<String, Object> p : d.payload()) {
                    if (queue.equals(p.get("Queue"))) {
                        n += ((Number) p.get("DroppedEvents")).longValue();
                    }
                }
            }
        }
        return n;
    }

    /** Waits until every number expected is delivered, or (the contract) the rest is counted as dropped. */
    static void awaitDeliveredAll(HubStandIn hub, Set<Long> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            TreeSet<Long> missing = new TreeSet<>(expected);
            missing.removeAll(deliveredSeqs(hub));
            if (missing.size() <= dropped(hub, "High")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(missing.size() + " accepted events not delivered within 180 s of the restart: " + missing);
            }
            Thread.sleep(200);
        }
    }
}
