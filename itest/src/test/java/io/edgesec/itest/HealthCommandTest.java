package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgesec health} against a running agent (standalone, its own process): healthy while
 * it runs with its required collectors; unhealthy naming a required collector that never ran;
 * unhealthy once the agent stopped; unhealthy without a health file.
 */
class HealthCommandTest {
    static final Path JAR = CommandLineTest.JAR;
    static final String JAVA = CommandLineTest.JAVA;

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    private Result health(Path data, String... more) throws Exception {
        List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx32m", "-jar", JAR.toString(), "health", "--data-dir", data.toString()));
        c.addAll(List.of(more));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(c).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Process agent(Path data, String required, int metricsPort) throws Exception {
        Path config = tmp.resolve("config-" + required + ".json");
        Files.writeString(config, """
                {"edgesec": {
                   "io.edgesec.collector.process": {"edgesec.collector.period": "PT1S"},
                   "io.edgesec.aggregator": {"requiredCollectors": ["process", "%s"],
                                             "metricsPort": %d, "metricsAddress": "127.0.0.1"}}}
                """.formatted(required, metricsPort));
        return new ProcessBuilder(JAVA, "-Xmx64m", "-jar", JAR.toString(), "run", "--config", config.toString(), "--data-dir",
                data.toString(), "--output", tmp.resolve("out-" + required + ".jsonl").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("agent-" + required + ".log").toFile()).start();
    }

    /** Polls (bounded) until the health file shows the collector has run. */
    @SuppressWarnings("unchecked")
    private static void awaitCollectorSeen(Path data, String collector) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        Path f = data.resolve("health.json");
        while (System.nanoTime() < deadline) {
            if (Files.exists(f)) {
                try {
                    Map<String, Object> doc = JsonDocuments.object(Files.readString(f));
                    Map<String, Object> cs = (Map<String, Object>) doc.get("collectors");
                    if (cs != null && cs.get(collector) instanceof Map<?, ?> m && m.get("lastSuccess") != null) {
                        return;
                    }
                } catch (Exception partial) {
                    // replaced atomically; a parse error would be a bug, seen as a timeout below
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health.json never showed a successful run of " + collector);
    }

    @Test
    void healthyWhileRunningUnhealthyWithAMissingRequiredCollectorAndAfterStop() throws Exception {
        Path data = tmp.resolve("data");
        Result none = health(data);
        assertEquals(1, none.exit(), none.toString());
        assertTrue(none.err().contains("no " + data.resolve("health.json")), none.err());

        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Process p = agent(data, "listening-ports", port);
        try {
            awaitCollectorSeen(data, "process");
            awaitCollectorSeen(data, "listening-ports");
            Result ok = health(data, "--verbose");
            assertEquals(0, ok.exit(), ok.toString());
            String[] lines = ok.out().split("\n");
            assertTrue(lines.length == 2 && lines[1].startsWith("healthy: edgesec "), ok.out());
            Map<String, Object> doc = JsonDocuments.object(lines[0]); // --verbose: the health document first
            assertEquals("running", doc.get("state"));
            assertTrue(doc.get("bundles") instanceof List<?> l && l.size() > 10, String.valueOf(doc.get("bundles")));
            assertTrue(doc.get("queues") instanceof Map, String.valueOf(doc));

            // the Prometheus text endpoint: every line a comment or a well-formed sample
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"), r.headers().toString());
            java.util.regex.Pattern sample = java.util.regex.Pattern.compile(
                    "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"\\})? -?[0-9.eE+-]+|# (HELP|TYPE) .*");
            for (String line : r.body().split("\n")) {
                assertTrue(sample.matcher(line).matches(), "not Prometheus text: " + line);
            }
            assertTrue(java.util.regex.Pattern.compile("(?m)^edgesec_collector_runs_total\\{collector=\"process\"\\} [1-9]").matcher(r.body()).find(),
                    r.body());
            assertTrue(r.body().contains("jvm_memory_used_bytes{area=\"heap\"}"), r.body());
            assertTrue(r.body().contains("edgesec_queue_events{queue=\"high\"}"), r.body());
            assertEquals(404, java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/other")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
        } finally {
            p.destroy(); // SIGTERM: the agent flushes and writes its last health
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        }
        Result stopped = health(data);
        assertEquals(1, stopped.exit(), stopped.toString());
        assertTrue(stopped.err().contains("the agent is stopped"), stopped.err());

        Path data2 = tmp.resolve("data2");
        Process q = agent(data2, "no-such-collector", 0);
        try {
            awaitCollectorSeen(data2, "process");
            Result missing = health(data2);
            assertEquals(1, missing.exit(), missing.toString());
            assertTrue(missing.err().contains("required collector no-such-collector is not running (never seen)"), missing.err());
        } finally {
            q.destroy();
            assertTrue(q.waitFor(120, TimeUnit.SECONDS));
        }
    }
}
