package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.IFID;
import static io.edgesec.itest.edge.HubStandIn.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.transport.edgehub.internal.MqttRecorder;
import io.edgesec.transport.edgehub.internal.TwinResponder;
import io.edgesec.transport.edgehub.internal.WorkloadApiStandIn;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * (a) The whole agent (edgesec.jar, its own process) as an IoT Edge module: the IoT Edge
 * environment, its token signed by the workload API stand-in, mosquitto on TLS as edgeHub.
 * Its security messages arrive on the module's events topic marked as security messages with
 * their priority, and every body is valid against the published Azure schema.
 */
class EdgeMessagesTest {
    @TempDir
    Path tmp;

    @Test
    void securityMessagesArriveOnTheModuleEventsTopicMarkedWithTheirPriorityAndSchemaValid() throws Exception {
        byte[] moduleKey = new byte[32];
        new SecureRandom().nextBytes(moduleKey);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, Map.of("snapshotFrequency", value("PT2H")));
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired);
                WorkloadApiStandIn workload = new WorkloadApiStandIn(tmp.resolve("workload.sock"), moduleKey,
                        hub.broker.certificatePemText())) {
            Map<String, Object> azure = new LinkedHashMap<>();
            azure.put("highPriorityMessageFrequency", value("PT1S"));
            azure.put("lowPriorityMessageFrequency", value("PT2S"));
            azure.put("aggregationEnabledProcessCreate", value(false)); // a process start is a Low event of its own
            Map<String, Object> collectors = new LinkedHashMap<>();
            // one ListeningPorts snapshot at start, then no High events: a process start (Low) is
            // not carried as padding of a High message but in a Low one
            collectors.put("io.edgesec.collector.listeningports", Map.of("edgesec.collector.period", "PT1H"));
            collectors.put("io.edgesec.collector.process", Map.of("edgesec.collector.period", "PT1S"));
            // no connection string: in IoT Edge the identity comes from the environment
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure, collectors, false);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("IOTEDGE_WORKLOADURI", workload.uri());
            env.put("IOTEDGE_APIVERSION", "2019-01-30");
            env.put("IOTEDGE_MODULEGENERATIONID", "gen-7");
            env.put("IOTEDGE_GATEWAYHOSTNAME", hub.broker.address());
            env.put("IOTEDGE_DEVICEID", HubStandIn.DEVICE);
            env.put("IOTEDGE_MODULEID", HubStandIn.MODULE);
            env.put("IOTEDGE_IOTHUBHOSTNAME", "testhub.azure-devices.net");
            env.put("IOTEDGE_AUTHSCHEME", "sasToken");

            try (EdgeAgent agent = EdgeAgent.start(config, tmp.resolve("data"), tmp.resolve("agent.log"), env)) {
                String running = agent.awaitRunning();
                assertTrue(running.contains("running in edge mode"), running);

                // High: the ListeningPorts snapshot
                HubStandIn.Delivered ports = hub.awaitEvent("ListeningPorts", d -> d.name().equals("ListeningPorts"), 120_000);
                assertEquals("High", ports.message().properties().get("MessagePriority"));
                // Low: a process started now (after the process collector's baseline scan)
                Process sleeper = new ProcessBuilder("sleep", "4.5").start();
                try {
                    String pid = Long.toString(sleeper.pid());
                    HubStandIn.Delivered created = hub.awaitEvent("ProcessCreate of sleep " + pid,
                            d -> d.name().equals("ProcessCreate") && d.payload().stream()
                                    .anyMatch(p -> pid.equals(String.valueOf(p.get("ProcessId")))), 120_000);
                    assertEquals("Low", created.message().properties().get("MessagePriority"));
                } finally {
                    sleeper.destroy();
                    sleeper.waitFor(10, TimeUnit.SECONDS);
                }

                // the module took its identity from the workload API: token signed there, trust bundle from there
                List<WorkloadApiStandIn.Request> requests = workload.requests();
                assertTrue(requests.stream().anyMatch(r -> "GET".equals(r.method()) && "/trust-bundle".equals(r.path())), requests.toString());
                assertTrue(requests.stream().anyMatch(r -> HubStandIn.MODULE.equals(r.module()) && "gen-7".equals(r.generationId())),
                        requests.toString());
                // and its twin configures it: the desired snapshotFrequency is reported as effective
                hub.twin.awaitReported(r -> "PT2H".equals(TwinResponder.path(r, AZURE, "snapshotFrequency", "value")), 60_000);
                agent.stop(); // SIGTERM: what is still queued is sent first
            }

            // every message, on the module's events topic, marked, with a priority, schema-valid
            io.edgesec.itest.AzureSchema schema = new io.edgesec.itest.AzureSchema(EdgeAgent.ROOT);
            List<MqttRecorder.Received> messages = hub.securityMessages();
            assertFalse(messages.isEmpty());
            int high = 0;
            int low = 0;
            for (MqttRecorder.Received m : messages) {
                Map<String, String> p = m.properties();
                assertEquals(IFID, p.get("$.ifid"), "security marking on " + m.topic());
                assertEquals("application/json", p.get("$.ct"), m.topic());
                assertEquals("utf-8", p.get("$.ce"), m.topic());
                String priority = p.get("MessagePriority");
                assertTrue("High".equals(priority) || "Low".equals(priority), m.topic());
                high += "High".equals(priority) ? 1 : 0;
                low += "Low".equals(priority) ? 1 : 0;
                if (io.edgesec.itest.AzureSchema.isAzureMessage(m.body())) { // not a message of edgesec's own kinds
                    assertEquals(List.of(), schema.violations(m.body()), "schema violations in " + m.body());
                }
            }
            // nothing else of the agent's went anywhere else
            for (MqttRecorder.Received r : hub.events.all()) {
                assertTrue(r.topic().startsWith(HubStandIn.eventsTopicPrefix()), r.topic());
            }
            System.out.println("EdgeMessagesTest: " + messages.size() + " security messages (" + high + " High, " + low
                    + " Low), all schema-valid; event kinds " + new java.util.TreeSet<>(hub.names()));
        }
    }
}
