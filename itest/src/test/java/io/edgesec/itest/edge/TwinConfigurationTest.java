package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import io.edgesec.itest.AgentHealthFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (b) The running agent (connection string in its --config) is reconfigured through its module
 * twin without a restart: desired-properties patches change a collector's period (its snapshots
 * queue, unsent, at PT1H: nothing goes after the start-up message) and the message frequency (to
 * PT1S: messages start flowing); the reported
 * properties show the new values. A bad value yields a ConfigurationError event on the events
 * topic and changes nothing (the reported properties keep the old values).
 */
class TwinConfigurationTest {
    static final String PORTS = "io%2Eedgesec%2Ecollector%2Elisteningports";
    static final String PERIOD = "edgesec%2Ecollector%2Eperiod";

    @TempDir
    Path tmp;

    @Test
    void desiredPatchesReconfigureTheRunningAgentAndABadValueChangesNothing() throws Exception {
        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1H"));
        azure.put("lowPriorityMessageFrequency", value("PT1H"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure,
                    Map.of("io.edgesec.collector.listeningports", Map.of("edgesec.collector.period", "PT1H")), true);
            try (EdgeAgent agent = EdgeAgent.start(config, tmp.resolve("data"), tmp.resolve("agent.log"), Map.of())) {
                agent.awaitRunning();
                long pid = agent.pid();
                // the twin was read and applied; PT1H reported
                Map<String, Object> reported = hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result"))
                        && "PT1H".equals(path(r, AZURE, "highPriorityMessageFrequency", "value")), 120_000);
                assertEquals("PT1H", path(reported, "edgesec", PORTS, PERIOD));
                // the connection string is configuration, never reported
                String reportedText = JsonText.write(reported);
                assertFalse(reportedText.contains(hub.sharedAccessKey()), reportedText);
                assertEquals("(set, not reported)", path(reported, "edgesec", "io%2Eedgesec%2Etransport%2Eedgehub", "connectionString"));
                // At PT1H only the start-up message goes (the first High message is sent as soon as a
                // High event is queued); after it nothing is sent for an hour. Proof that the patches
                // below change something: the agent's own counters (its health file).
                Map<String, Object> health = AgentHealthFile.await(tmp.resolve("data"), "the start-up message sent",
                        h -> AgentHealthFile.messagesSent(h) > 0 && AgentHealthFile.accepted(h, "listening-ports") > 0);
                long sentAtStart = AgentHealthFile.messagesSent(health);
                long acceptedAtStart = AgentHealthFile.accepted(health, "listening-ports");
                hub.awaitMessages("the messages the agent counted as sent", sentAtStart, 60_000);
                long portsAtStart = hub.count(d -> d.name().equals("ListeningPorts"));

                // 1. a collector's setting, live: ListeningPorts every second instead of every hour,
                // queued (accepted) but not sent while the message frequency is PT1H
                int v1 = hub.twin.patchDesired(Map.of("edgesec", Map.of(PORTS, Map.of(PERIOD, "PT1S"))));
                reported = hub.twin.awaitReported(r -> "PT1S".equals(path(r, "edgesec", PORTS, PERIOD))
                        && v1 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue(), 60_000);
                assertEquals("applied", path(reported, "edgesec", "status", "result"));
                health = AgentHealthFile.await(tmp.resolve("data"), "two more ListeningPorts snapshots queued (period PT1S)",
                        h -> AgentHealthFile.accepted(h, "listening-ports") >= acceptedAtStart + 2);
                assertEquals(sentAtStart, AgentHealthFile.messagesSent(health), "sent at PT1H: this test would prove nothing");
                assertEquals(portsAtStart, hub.count(d -> d.name().equals("ListeningPorts")),
                        "sent at PT1H: this test would prove nothing");

                // 2. the message frequency, live: High messages start flowing, every second
                int v2 = hub.twin.patchDesired(Map.of(AZURE, Map.of("highPriorityMessageFrequency", value("PT1S"))));
                hub.awaitCount("a ListeningPorts after PT1S", d -> d.name().equals("ListeningPorts"), portsAtStart + 1, 120_000);
                HubStandIn.Delivered first = hub.deliveredEvents().stream().filter(d -> d.name().equals("ListeningPorts"))
                        .skip(portsAtStart).findFirst().orElseThrow();
                assertEquals("High", first.message().properties().get("MessagePriority"));
                reported = hub.twin.awaitReported(r -> "PT1S".equals(path(r, AZURE, "highPriorityMessageFrequency", "value"))
                        && v2 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue(), 60_000);
                assertEquals("applied", path(reported, "edgesec", "status", "result"));
                assertEquals("PT1H", path(reported, AZURE, "lowPriorityMessageFrequency", "value"), "untouched by the patch");
                long portsBefore = hub.count(d -> d.name().equals("ListeningPorts"));
                hub.awaitCount("three more ListeningPorts snapshots (period PT1S)", d -> d.name().equals("ListeningPorts"),
                        portsBefore + 3, 120_000);

                // 3. a bad value among good ones: the whole patch is rejected and reported as such
                Map<String, Object> badAzure = new LinkedHashMap<>();
                badAzure.put("highPriorityMessageFrequency", value("every second"));
                badAzure.put("lowPriorityMessageFrequency", value("PT2S"));
                Map<String, Object> bad = new LinkedHashMap<>();
                bad.put(AZURE, badAzure);
                bad.put("edgesec", Map.of(PORTS, Map.of(PERIOD, "PT30S")));
                int v3 = hub.twin.patchDesired(bad);
                HubStandIn.Delivered error = hub.awaitEvent("ConfigurationError naming highPriorityMessageFrequency",
                        d -> d.name().equals("ConfigurationError") && d.payload().stream()
                                .anyMatch(p -> String.valueOf(p.get("ConfigurationName")).contains("highPriorityMessageFrequency")), 120_000);
                assertEquals("Operational", error.event().get("EventType"));
                Map<String, Object> item = error.payload().get(0);
                assertTrue(String.valueOf(item.get("Message")).contains("every second"), item.toString());
                reported = hub.twin.awaitReported(r -> "rejected".equals(path(r, "edgesec", "status", "result"))
                        && v3 == ((Number) path(r, "edgesec", "status", "desiredVersion")).intValue(), 60_000);
                assertTrue(String.valueOf(path(reported, "edgesec", "status", "errors")).contains("highPriorityMessageFrequency"),
                        JsonText.write(reported));
                // nothing changed: the reported properties keep the old values, in force
                assertEquals("PT1S", path(reported, AZURE, "highPriorityMessageFrequency", "value"));
                assertEquals("PT1H", path(reported, AZURE, "lowPriorityMessageFrequency", "value"));
                assertEquals("PT1S", path(reported, "edgesec", PORTS, PERIOD));
                long portsAfter = hub.count(d -> d.name().equals("ListeningPorts"));
                hub.awaitCount("ListeningPorts still every second after the rejection", d -> d.name().equals("ListeningPorts"),
                        portsAfter + 2, 120_000);

                // all of it without a restart
                assertTrue(agent.alive());
                assertEquals(pid, agent.pid());
                assertFalse(agent.log().contains(hub.sharedAccessKey()), "the agent logged its shared access key");
                System.out.println("TwinConfigurationTest: " + hub.securityMessages().size() + " messages after PT1H -> PT1S; "
                        + hub.count(d -> d.name().equals("ListeningPorts")) + " ListeningPorts; reported patches "
                        + hub.twin.reportedPatches().size());
                agent.stop();
            }
        }
    }
}
