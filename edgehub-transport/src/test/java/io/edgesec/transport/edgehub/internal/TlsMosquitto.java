package io.edgesec.transport.edgehub.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: mosquitto as the IoT Edge hub stand-in, with a TLS listener on port 8883 (the
 * port the Azure IoT SDK always uses for MQTT) and a plain listener on a free port for the
 * test-side clients. The SDK's MQTT port cannot be chosen, so instead of a free port it takes a
 * loopback address of its own (127.0.0.x, from a random start) whose port 8883 is free; should a
 * broker started concurrently by another test run take that address between the check and the
 * bind, mosquitto fails to bind and the next address is tried, so parallel runs never collide.
 * Clients use that address as {@code GatewayHostName}. The certificate is self-signed, made with openssl at
 * start (CN {@code localhost}, SAN {@code localhost} and the address), and is also the trust
 * bundle. Started and stopped by process id; {@link #restart()} keeps address, ports and cert.
 *
 * <p>Reusable: with {@link TwinResponder}, {@link WorkloadApiStandIn} and {@link MqttRecorder}
 * it is in this module's test-jar ({@code <type>test-jar</type>}), which the integration tests
 * of the assembled agent (itest, package {@code io.edgesec.itest.edge}) depend on.
 */
public final class TlsMosquitto implements AutoCloseable {
    public static final int SDK_MQTT_TLS_PORT = 8883;

    private final Path dir;
    private final String address;
    private final int plainPort;
    private final Path certPem;
    private final Path config;
    private Process process;

    private TlsMosquitto(Path dir, String address, int plainPort, boolean persistent) throws IOException, InterruptedException {
        this.dir = dir;
        this.address = address;
        this.plainPort = plainPort;
        this.certPem = dir.resolve("hub-cert.pem");
        Path key = dir.resolve("hub-key.pem");
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", key.toString(), "-out", certPem.toString(), "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:" + address,
                "-addext", "basicConstraints=critical,CA:TRUE"), dir.resolve("openssl.log"));
        this.config = dir.resolve("mosquitto.conf");
        String user = "root".equals(System.getProperty("user.name")) ? "user root\n" : "";
        Files.writeString(config, user
                + "per_listener_settings false\n"
                + "allow_anonymous true\n"
                + (persistent ? "persistence true\npersistence_location " + dir + "/\n" : "persistence false\n")
                + "max_inflight_messages 100\n"
                + "listener " + SDK_MQTT_TLS_PORT + " " + address + "\n"
                + "certfile " + certPem + "\n"
                + "keyfile " + key + "\n"
                + "listener " + plainPort + " " + address + "\n", StandardCharsets.UTF_8);
    }

    /** Generates the certificate and starts mosquitto; fails if it does not listen within 20 s. */
    public static TlsMosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, false);
    }

    /**
     * Like {@link #start(Path)}, but store-and-forward, as edgeHub is: mosquitto persists its
     * sessions, so that a message it acknowledged and had not yet passed on to a subscriber with a
     * persistent session ({@link MqttRecorder#withPersistentSession}) when it is stopped is passed
     * on after {@link #restart()}. (Without it, a stop loses what mosquitto had acknowledged and
     * not yet written to its subscribers.)
     */
    public static TlsMosquitto startStoreAndForward(Path dir) throws IOException, InterruptedException {
        return start(dir, true);
    }

    private static TlsMosquitto start(Path dir, boolean persistent) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int first = java.util.concurrent.ThreadLocalRandom.current().nextInt(ADDRESSES);
        for (int i = 0; i < ADDRESSES; i++) {
            String address = "127.0.0." + (2 + (first + i) % ADDRESSES);
            if (!free(address, SDK_MQTT_TLS_PORT)) {
                continue;
            }
            int plain;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
                plain = s.getLocalPort();
            }
            TlsMosquitto m = new TlsMosquitto(dir, address, plain, persistent);
            try {
                m.startProcess();
                return m;
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
                // taken since the check (another test run's broker): the next address
            }
        }
        throw new IOException("no loopback address with port " + SDK_MQTT_TLS_PORT + " free");
    }

    private static final int ADDRESSES = 248; // 127.0.0.2 .. 127.0.0.249

    private static boolean free(String address, int port) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException busy) {
            return false;
        }
    }

    private void startProcess() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of("mosquitto", "-c", config.toString()));
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            if (listening(SDK_MQTT_TLS_PORT) && listening(plainPort)) {
                return;
            }
            Thread.sleep(50);
        }
        stop();
        throw new IOException("mosquitto did not listen within 20 s: " + log());
    }

    private boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker (SIGTERM to its pid, then SIGKILL) and waits for it to exit. */
    public void stop() throws InterruptedException {
        Process p = process;
        process = null;
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    public void restart() throws IOException, InterruptedException {
        stop();
        startProcess();
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The address clients use as {@code GatewayHostName} (the certificate names it). */
    public String address() {
        return address;
    }

    /** Plain MQTT for test-side clients. */
    public String plainUri() {
        return "tcp://" + address + ":" + plainPort;
    }

    public int plainPort() {
        return plainPort;
    }

    /** The self-signed certificate (PEM): what clients must trust. */
    public Path certificatePem() {
        return certPem;
    }

    public String certificatePemText() throws IOException {
        return Files.readString(certPem, StandardCharsets.US_ASCII);
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void run(List<String> command, Path log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command.subList(0, 2)) + " failed: " + Files.readString(log));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
