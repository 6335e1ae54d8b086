package io.edgesec.transport.edgehub.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.config.ConfigurationApplier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Edge mode for real: a process with the IoT Edge module environment, the SDK's
 * createFromEnvironment signing its token through the workload API stand-in on a Unix socket
 * and trusting the gateway through the trust bundle it serves; and the simulator's way
 * (EdgeHubConnectionString plus EdgeModuleCACertificateFile).
 */
class EdgeEnvironmentTest {
    @TempDir
    static Path dir;
    static TlsMosquitto broker;
    static MqttRecorder events;

    @BeforeAll
    static void start() throws Exception {
        broker = TlsMosquitto.start(dir.resolve("broker"));
        events = new MqttRecorder(broker.plainUri());
    }

    @AfterAll
    static void stop() throws Exception {
        if (events != null) {
            events.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** A child JVM running {@link EdgeModuleProcess} with exactly this environment. */
    static final class Child implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> all = new ArrayList<>();
        final Writer stdin;

        Child(Map<String, String> env, Path log) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    EdgeModuleProcess.class.getName()));
            pb.environment().keySet().removeIf(k -> k.startsWith("IOTEDGE_") || k.startsWith("EdgeHub")
                    || k.equals("EdgeModuleCACertificateFile") || k.equals("IotHubConnectionString"));
            pb.environment().putAll(env);
            pb.redirectError(log.toFile());
            process = pb.start();
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        lines.add(l);
                    }
                } catch (IOException e) {
                    // process gone
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String next(long timeoutMs) throws InterruptedException {
            String l = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (l == null) {
                throw new AssertionError("the edge module process said nothing within " + timeoutMs + " ms (saw " + all + ")");
            }
            all.add(l);
            return l;
        }

        void command(String c) throws IOException {
            stdin.write(c + "\n");
            stdin.flush();
        }

        @Override
        public void close() throws Exception {
            try {
                command("quit");
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly(); // by its pid
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void createFromEnvironmentSignsThroughTheWorkloadApiAndTrustsItsBundle() throws Exception {
        byte[] moduleKey = new byte[32];
        new SecureRandom().nextBytes(moduleKey);
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(ConfigurationApplier.AZURE_SECTION, Map.of("snapshotFrequency", Map.of("value", "PT1H")));
        try (WorkloadApiStandIn workload = new WorkloadApiStandIn(dir.resolve("workload.sock"), moduleKey, broker.certificatePemText());
                TwinResponder twin = new TwinResponder(broker.plainUri(), desired)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("IOTEDGE_WORKLOADURI", workload.uri());
            env.put("IOTEDGE_APIVERSION", "2019-01-30");
            env.put("IOTEDGE_MODULEGENERATIONID", "gen-42");
            env.put("IOTEDGE_GATEWAYHOSTNAME", broker.address());
            env.put("IOTEDGE_DEVICEID", "edge-device");
            env.put("IOTEDGE_MODULEID", "edgesec");
            env.put("IOTEDGE_IOTHUBHOSTNAME", "testhub.azure-devices.net");
            env.put("IOTEDGE_AUTHSCHEME", "sasToken");
            try (Child child = new Child(env, dir.resolve("edge-child.log"))) {
                assertEquals("OFFERED true", child.next(30_000));
                assertEquals("CONNECTED", child.next(60_000), "edge module connection (see " + dir.resolve("edge-child.log") + ")");
                child.command("send edge-marker");
                assertEquals("SENT edge-marker", child.next(30_000));

                MqttRecorder.Received r = events.await(x -> x.body().contains("edge-marker"), 10_000);
                assertTrue(r.topic().startsWith("devices/edge-device/modules/edgesec/messages/events/"), r.topic());
                assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
                assertEquals("High", r.properties().get("MessagePriority"));

                // the credentials came from the workload API: trust bundle fetched, token signed
                List<WorkloadApiStandIn.Request> requests = workload.requests();
                assertTrue(requests.stream().anyMatch(q -> q.method().equals("GET") && q.path().equals("/trust-bundle")), requests.toString());
                WorkloadApiStandIn.Request sign = requests.stream().filter(q -> q.module() != null).findFirst()
                        .orElseThrow(() -> new AssertionError("no sign request: " + requests));
                assertEquals("edgesec", sign.module());
                assertEquals("gen-42", sign.generationId());
                assertTrue(sign.signedData().contains("edge-device") && sign.signedData().contains("edgesec"),
                        "signed the SAS token's resource URI: " + sign.signedData());

                // and the twin bridge ran in the module: effective configuration reported
                twin.awaitReported(rep -> "PT1H".equals(TwinResponder.path(rep, ConfigurationApplier.AZURE_SECTION,
                        "snapshotFrequency", "value")), 30_000);
            }
        }
    }

    @Test
    void theSimulatorsEdgeHubConnectionStringWithItsCaFile() throws Exception {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        try (TwinResponder twin = new TwinResponder(broker.plainUri(), Map.of())) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("EdgeHubConnectionString", "HostName=testhub.azure-devices.net;GatewayHostName=" + broker.address()
                    + ";DeviceId=sim-device;ModuleId=edgesec;SharedAccessKey=" + Base64.getEncoder().encodeToString(k));
            env.put("EdgeModuleCACertificateFile", broker.certificatePem().toString());
            try (Child child = new Child(env, dir.resolve("sim-child.log"))) {
                assertEquals("OFFERED true", child.next(30_000));
                assertEquals("CONNECTED", child.next(60_000));
                child.command("send sim-marker");
                assertEquals("SENT sim-marker", child.next(30_000));
                MqttRecorder.Received r = events.await(x -> x.body().contains("sim-marker"), 10_000);
                assertTrue(r.topic().startsWith("devices/sim-device/modules/edgesec/messages/events/"), r.topic());
                assertEquals("urn:azureiot:Security:SecurityAgent:1", r.properties().get("$.ifid"));
            }
        }
    }
}
