package io.edgesec.itest.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code launcher/target/edgesec.jar} running {@code edgesec run} as a separate
 * process, the way IoT Edge runs the module: with exactly the environment given (the IoT Edge
 * variables, or none when the connection string is in the {@code --config} file), a data
 * directory of the test's, standard error (the agent's log) in a file. Stopped by its pid.
 */
final class EdgeAgent implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("edgesec.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("launcher/target/edgesec.jar");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final Process process;
    private final Path log;

    private EdgeAgent(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the agent.
     *
     * @param env      the IoT Edge variables to set (every inherited IoT Edge variable is removed first)
     * @param jvmArgs  extra JVM options (system properties for the test's probe bundle)
     */
    static EdgeAgent start(Path config, Path dataDir, Path log, Map<String, String> env, String... jvmArgs) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("build the launcher first: " + JAR);
        }
        // the metaspace threshold as scripts/run.sh sets it: at the JVM's 21 MB the agent, at
        // ~20.6 MB after start-up, crossed it while an update loaded a bundle's new classes, and
        // that update then waited for a full collection (47-74 ms, the fifth of every run)
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx128m", "-XX:+UseSerialGC", "-XX:MetaspaceSize=32m"));
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-jar", JAR.toString(), "run", "--config", config.toString(), "--data-dir", dataDir.toString(),
                "--output", dataDir.resolveSibling(dataDir.getFileName() + "-local-transport.jsonl").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("IOTEDGE_") || k.startsWith("EdgeHub")
                || k.equals("EdgeModuleCACertificateFile") || k.equals("IotHubConnectionString"));
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new EdgeAgent(pb.start(), log);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Waits until the launcher logged that the agent runs; fails (with the log) if it exits first. */
    String awaitRunning() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            String text = log();
            int i = text.lastIndexOf(" running in ");
            if (i >= 0) {
                int end = text.indexOf('\n', i);
                return text.substring(i, end < 0 ? text.length() : end);
            }
            if (!process.isAlive()) {
                throw new AssertionError("the agent exited with " + process.exitValue() + ": " + text);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent did not start within 120 s: " + log());
    }

    /** SIGKILL (no shutdown hook, no flush), and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("pid " + process.pid() + " still alive 60 s after SIGKILL");
        }
    }

    /** SIGTERM (the agent flushes its queues), and waits for it to exit. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("the agent did not exit within 120 s of SIGTERM: " + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
