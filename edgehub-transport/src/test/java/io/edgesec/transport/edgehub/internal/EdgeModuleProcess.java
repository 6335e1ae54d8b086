package io.edgesec.transport.edgehub.internal;

import io.edgesec.support.Errors;
import io.edgesec.api.event.Priority;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs the transport in a process of its own, with the environment the IoT Edge runtime gives a
 * module: the SDK's {@code ModuleClient.createFromEnvironment} reads {@code System.getenv()}
 * itself, so this is how a test runs it for real without touching the test JVM's environment.
 * Commands on standard input: {@code send <marker>}, {@code quit}; answers on standard output.
 */
public final class EdgeModuleProcess {
    private EdgeModuleProcess() {
    }

    public static void main(String[] args) throws Exception {
        RecordingApplier applier = new RecordingApplier();
        EdgeHubTransport t = new EdgeHubTransport(Configs.of(EdgeHubConfig.class, Map.of("sendTimeout", "PT10S",
                "reconnectMinBackoff", "PT0.2S", "reconnectMaxBackoff", "PT1S")), applier, null, System.getenv(), () -> null);
        System.out.println("OFFERED " + t.offered());
        System.out.flush();
        if (!t.offered()) {
            System.exit(2);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!t.connection().isConnected() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        System.out.println(t.connection().isConnected() ? "CONNECTED" : "NOT-CONNECTED");
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("send ")) {
                String marker = line.substring(5).trim();
                try {
                    t.send(EdgeHubTransportTest.message(Priority.HIGH, marker));
                    System.out.println("SENT " + marker);
                } catch (Exception e) {
                    System.out.println("FAILED " + marker + " " + Errors.describe(e));
                }
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        t.close();
        System.exit(0);
    }
}
