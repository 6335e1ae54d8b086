package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, item by item, against the running agent (its jar, a TLS mosquitto as edgeHub, the
 * twin stand-in): each attack is refused, reported (reported status, a ConfigurationError or
 * bundle report), and the next valid patch applies. One agent for the class (the items are
 * independent of each other's leftovers; each awaits its own desired version).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwinAttackSurfaceTest {
    static final String BUNDLES_PID = "io%2Eedgesec%2Ebundles";
    static final String PORTS = "io%2Eedgesec%2Ecollector%2Elisteningports";
    static final String PERIOD = "edgesec%2Ecollector%2Eperiod";

    Path tmp;
    Path data;
    Path incoming;
    Path canary;
    String canarySha;
    HubStandIn hub;
    EdgeAgent agent;
    Path config;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        data = tmp.resolve("data");
        incoming = data.resolve("bundles").resolve("incoming");
        Files.createDirectories(incoming);
        // a secret outside the data directory: nothing the twin says may read it
        canary = tmp.resolve("outside").resolve("canary-secret");
        Files.createDirectories(canary.getParent());
        byte[] secret = new byte[64];
        new SecureRandom().nextBytes(secret);
        Files.writeString(canary, "canary " + HexFormat.of().formatHex(secret) + "\n", StandardCharsets.UTF_8);
        canarySha = ProbeBundles.sha256(canary);

        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        azure.put("lowPriorityMessageFrequency", value("PT1S"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        hub = new HubStandIn(tmp.resolve("hub"), desired);
        config = hub.writeConfig(tmp.resolve("config.json"), azure,
                Map.of("io.edgesec.collector.listeningports", Map.of("edgesec.collector.period", "PT1S")), true);
        agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(), "-Dedgesec.itest.probe.intervalMs=500");
        agent.awaitRunning();
        try {
            hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result")), 120_000);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; agent log: " + agent.log(), e);
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (agent != null) {
                assertTrue(agent.alive(), "the agent died");
                assertNoCanary();
                agent.stop();
            }
        } finally {
            if (agent != null) {
                agent.close();
            }
            if (hub != null) {
                hub.close();
            }
        }
    }

    // ---------------------------------------------------------------------------------------

    Map<String, Object> awaitStatus(int version) throws InterruptedException {
        return hub.twin.awaitReported(r -> path(r, "edgesec", "status", "desiredVersion") instanceof Number n && n.intValue() == version,
                120_000);
    }

    static String status(Map<String, Object> reported, String field) {
        return String.valueOf(path(reported, "edgesec", "status", field));
    }

    static Object bundle(Map<String, Object> reported, String bsn, String field) {
        return path(reported, "edgesec", "bundles", ProbeBundles.twinKey(bsn), field);
    }

    /** A valid patch applies after the refusals (the twin channel still works). */
    void aValidPatchAppliesNext(String period) throws Exception {
        int v = hub.twin.patchDesired(Map.of("edgesec", Map.of(PORTS, Map.of(PERIOD, period))));
        Map<String, Object> r = awaitStatus(v);
        assertEquals("applied", status(r, "result"), JsonText.write(r));
        assertEquals(period, path(r, "edgesec", PORTS, PERIOD));
    }

    HubStandIn.Delivered awaitConfigurationError(String text) throws InterruptedException {
        return hub.awaitEvent("a ConfigurationError with '" + text + "'", d -> d.name().equals("ConfigurationError")
                && d.payload().stream().anyMatch(p -> String.valueOf(p.get("Message")).contains(text)
                        || String.valueOf(p.get("ConfigurationName")).contains(text)), 120_000);
    }

    /** Nothing of the canary reached the agent's data directory, the reported properties or the events. */
    void assertNoCanary() throws Exception {
        try (var files = Files.walk(data)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(f) == Files.size(canary)) {
                    assertFalse(canarySha.equals(ProbeBundles.sha256(f)), "a copy of the canary: " + f);
                }
            }
        }
        // the twin pins a wrong digest for the canary: had the agent read it, the mismatch report
        // would name the real one
        assertFalse(JsonText.write(hub.twin.reportedPatches()).contains(canarySha), "the canary's digest in the reported properties");
        for (var m : hub.securityMessages()) {
            assertFalse(m.body().contains(canarySha), "the canary's digest in an event: " + m.body());
        }
        assertFalse(agent.log().contains(canarySha), "the canary's digest in the log");
        assertFalse(agent.log().contains(Files.readString(canary).strip()), "the canary's content in the log");
    }

    // ---------------------------------------------------------------------------------------

    /** 1. The twin cannot widen its own limits: allowedSources, dataDir, the policy itself. */
    @Test
    @Order(1)
    void devicePolicyIsNotTheTwins() throws Exception {
        Map<String, Object> widen = new LinkedHashMap<>();
        widen.put("allowedSources", List.of("file:/"));
        widen.put("dataDir", tmp.resolve("elsewhere").toString());
        int v1 = hub.twin.patchDesired(Map.of("edgesec", Map.of(BUNDLES_PID, widen)));
        Map<String, Object> r = awaitStatus(v1);
        assertEquals("rejected", status(r, "result"), JsonText.write(r));
        assertTrue(status(r, "errors").contains("io.edgesec.bundles/allowedSources: device policy"), status(r, "errors"));
        assertTrue(status(r, "errors").contains("io.edgesec.bundles/dataDir: device policy"), status(r, "errors"));
        assertEquals(List.of(), path(r, "edgesec", BUNDLES_PID, "allowedSources"), "the effective policy is unchanged");
        awaitConfigurationError("device policy");

        int v2 = hub.twin.patchDesired(Map.of("edgesec", Map.of("io%2Eedgesec%2Epolicy", Map.of("localOnly", List.of()))));
        r = awaitStatus(v2);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("io.edgesec.policy/localOnly: device policy"), status(r, "errors"));

        // what the widened policy would have let in: a file outside the data directory, directly
        // and through a symbolic link inside it; both refused before anything is read
        Path link = Files.createSymbolicLink(incoming.resolve("link-to-canary.jar"), canary);
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(ProbeBundles.twinKey("com.example.canary"), ProbeBundles.entry(null, canary, "0".repeat(64)));
        entries.put(ProbeBundles.twinKey("com.example.canary-link"), ProbeBundles.entry(null, link, "0".repeat(64)));
        int v3 = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", entries)));
        r = awaitStatus(v3);
        assertEquals("REFUSED", bundle(r, "com.example.canary", "state"), JsonText.write(r));
        assertTrue(String.valueOf(bundle(r, "com.example.canary", "error")).contains("outside the allowed sources"));
        assertEquals("REFUSED", bundle(r, "com.example.canary-link", "state"), JsonText.write(r));
        assertNoCanary();
        Map<String, Object> removal = new HashMap<>();
        entries.keySet().forEach(k -> removal.put(k, null));
        awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal))));

        // (6.) null sets the policy back to its default (no change here), reported as [] not [""];
        // this also takes the rejected settings out of the desired document, as an operator would
        // (a desired document holding them is rejected as a whole, also on every reconnection)
        Map<String, Object> none = new HashMap<>();
        none.put("allowedSources", null);
        none.put("dataDir", null);
        Map<String, Object> noPolicy = new HashMap<>();
        noPolicy.put("localOnly", null);
        r = awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of(BUNDLES_PID, none, "io%2Eedgesec%2Epolicy", noPolicy))));
        assertEquals("applied", status(r, "result"), JsonText.write(r));
        assertEquals(List.of(), path(r, "edgesec", BUNDLES_PID, "allowedSources"));
        aValidPatchAppliesNext("PT2S");
    }

    /** 2. A FIFO at an allowed path is refused without being opened; the rest of the patch and later ones go on. */
    @Test
    @Order(2)
    void aFifoDoesNotFreezeTheTwin() throws Exception {
        Path fifo = incoming.resolve("blocking.jar");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
        Path probe = ProbeBundles.write(incoming.resolve("com.example.fifo-neighbour-1.0.0.jar"), "com.example.fifo-neighbour", "1.0.0");
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put(ProbeBundles.twinKey("com.example.fifo"), ProbeBundles.entry("1.0.0", fifo, ProbeBundles.sha256(probe)));
        entries.put(ProbeBundles.twinKey("com.example.fifo-neighbour"), ProbeBundles.entry("1.0.0", probe, ProbeBundles.sha256(probe)));
        int v = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", entries)));
        Map<String, Object> r = awaitStatus(v);
        assertEquals("REFUSED", bundle(r, "com.example.fifo", "state"), JsonText.write(r));
        assertTrue(String.valueOf(bundle(r, "com.example.fifo", "error")).contains("not a regular file"), JsonText.write(r));
        assertEquals("ACTIVE", bundle(r, "com.example.fifo-neighbour", "state"), JsonText.write(r));
        aValidPatchAppliesNext("PT3S");

        // a restart with the FIFO entry still desired: the whole twin applies at once, messages flow
        agent.stop();
        int reportedBefore = hub.twin.reportedPatches().size();
        long eventsBefore = hub.count(d -> true);
        agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(), "-Dedgesec.itest.probe.intervalMs=500");
        agent.awaitRunning();
        r = hub.twin.awaitReported(x -> hub.twin.reportedPatches().size() > reportedBefore
                && "twin".equals(path(x, "edgesec", "status", "source")) && "applied".equals(path(x, "edgesec", "status", "result")), 120_000);
        assertEquals("REFUSED", bundle(r, "com.example.fifo", "state"), JsonText.write(r));
        assertEquals("ACTIVE", bundle(r, "com.example.fifo-neighbour", "state"), JsonText.write(r));
        assertEquals("PT3S", path(r, "edgesec", PORTS, PERIOD), "the twin's configuration is in force after the restart");
        hub.awaitCount("events after the restart", d -> true, eventsBefore + 1, 120_000);

        Map<String, Object> removal = new HashMap<>();
        entries.keySet().forEach(k -> removal.put(k, null));
        r = awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal))));
        assertEquals(null, bundle(r, "com.example.fifo-neighbour", "state"));
    }

    /** 3. hubResourceId is bounded (it travels in every message's MQTT topic); messages keep flowing. */
    @Test
    @Order(3)
    void hubResourceIdIsBounded() throws Exception {
        int v1 = hub.twin.patchDesired(Map.of(AZURE, Map.of("hubResourceId", value("r".repeat(70_000)))));
        Map<String, Object> r = awaitStatus(v1);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("the limit is 65536"), status(r, "errors"));
        int v2 = hub.twin.patchDesired(Map.of(AZURE, Map.of("hubResourceId", value("r".repeat(2000)))));
        r = awaitStatus(v2);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("hubResourceId") && status(r, "errors").contains("2000 characters"), status(r, "errors"));
        assertEquals("", path(r, AZURE, "hubResourceId", "value"));
        awaitConfigurationError("hubResourceId");
        // messages are still delivered, and a valid id applies and is sent with them
        String id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub";
        r = awaitStatus(hub.twin.patchDesired(Map.of(AZURE, Map.of("hubResourceId", value(id)))));
        assertEquals("applied", status(r, "result"));
        hub.awaitEvent("a message with the new HubResourceId", d -> id.equals(d.message().properties().get("HubResourceId")), 120_000);
    }

    /** 4. Unparseable patches do not vanish: truncated JSON, absurd nesting; a too deep document is rejected. */
    @Test
    @Order(4)
    void unparseablePatchesAreReported() throws Exception {
        int v1 = hub.twin.patchDesiredRaw("{\"" + AZURE + "\": {\"highPriorityMessageFrequency\": {\"value\": \"PT");
        Map<String, Object> r = awaitStatus(v1);
        assertEquals("unparseable", status(r, "result"), JsonText.write(r));
        assertTrue(status(r, "errors").contains("line 1, column"), status(r, "errors"));
        int v2 = hub.twin.patchDesiredRaw("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
        r = awaitStatus(v2);
        assertEquals("unparseable", status(r, "result"));
        assertTrue(status(r, "errors").contains("nesting deeper than"), status(r, "errors"));
        int v3 = hub.twin.patchDesiredRaw("{\"edgesec\": " + "{\"a\":".repeat(30) + "1" + "}".repeat(30) + "}");
        r = awaitStatus(v3);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("nested deeper than 10 levels"), status(r, "errors"));
        awaitConfigurationError("the patch is not a JSON object");
        aValidPatchAppliesNext("PT4S");
    }

    /** 5. Reports are bounded: echoed values cut, many errors in one event, reported properties under 32 KB. */
    @Test
    @Order(5)
    void reportsAreBounded() throws Exception {
        int v1 = hub.twin.patchDesired(Map.of("edgesec", Map.of(PORTS, Map.of(PERIOD, "P".repeat(60_000)))));
        Map<String, Object> r = awaitStatus(v1);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").length() < 1000, "status errors of " + status(r, "errors").length() + " characters");
        HubStandIn.Delivered e = awaitConfigurationError("60000 characters");
        assertTrue(JsonText.write(e.event()).length() < 2000, JsonText.write(e.event()));

        // 10,000 unknown keys: over the key limit, one report
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("unknown" + i, i);
        }
        int v2 = hub.twin.patchDesired(Map.of("edgesec", Map.of(PORTS, many)));
        r = awaitStatus(v2);
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("keys (the limit is 1000)"), status(r, "errors"));
        // 900 unknown keys: under the document limits, 900 errors, one event with their count
        Map<String, Object> fewer = new LinkedHashMap<>();
        for (int i = 0; i < 900; i++) {
            fewer.put("unknown" + i, i);
        }
        r = awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of(PORTS, fewer))));
        assertEquals("rejected", status(r, "result"));
        assertTrue(status(r, "errors").contains("(900 errors in all)"), status(r, "errors"));
        awaitConfigurationError("(900 errors in all)");
        assertEquals(1, hub.count(d -> d.name().equals("ConfigurationError") && d.payload().stream()
                .anyMatch(p -> String.valueOf(p.get("Message")).contains("unknown1: unknown setting"))), "one event for 900 errors");

        // 150 refused bundle entries with long locations: the reported properties stay under IoT Hub's 32 KB
        Map<String, Object> entries = new LinkedHashMap<>();
        for (int i = 0; i < 150; i++) {
            entries.put(ProbeBundles.twinKey("com.example.far" + i), Map.of("location", "file:///nowhere/" + "d".repeat(150) + i + ".jar",
                    "sha256", "0".repeat(64)));
        }
        int v4 = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", entries)));
        r = awaitStatus(v4);
        int size = JsonText.write(r).getBytes(StandardCharsets.UTF_8).length;
        assertTrue(size < 32 * 1024, "reported properties of " + size + " bytes");
        assertNotNull(path(r, "edgesec", "status", "bundlesNotReported"), JsonText.write(path(r, "edgesec", "status")));
        for (var p : hub.twin.reportedPatches()) {
            int n = JsonText.write(p).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(n < 32 * 1024, "a reported patch of " + n + " bytes");
        }
        Map<String, Object> removal = new HashMap<>();
        entries.keySet().forEach(k -> removal.put(k, null));
        awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", removal))));
        // no log line echoes a rejected value whole
        for (String line : agent.log().split("\n")) {
            assertTrue(line.length() < 5000, "a log line of " + line.length() + " characters: " + line.substring(0, Math.min(200, line.length())));
        }
        aValidPatchAppliesNext("PT5S");
    }

    /** 6. bundles of the wrong type; a failing entry retried with back-off; the collectors' configurations reported. */
    @Test
    @Order(6)
    void smallerItems() throws Exception {
        for (Object wrong : List.of("hello", List.of(1, 2), 5)) {
            int v = hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", wrong)));
            Map<String, Object> r = awaitStatus(v);
            assertEquals("rejected", status(r, "result"), JsonText.write(r));
            assertTrue(status(r, "errors").contains("edgesec/bundles: expected an object"), status(r, "errors"));
        }

        // a bundle whose activator throws: FAILED, retried with back-off, not on every unrelated patch
        Path failing = ProbeBundles.writeFailing(incoming.resolve("com.example.failing-1.0.0.jar"), "com.example.failing", "1.0.0");
        Path starts = data.resolve("probe").resolve("com.example.failing.starts");
        long t0 = System.nanoTime();
        Map<String, Object> r = awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles",
                Map.of(ProbeBundles.twinKey("com.example.failing"), ProbeBundles.entry("1.0.0", failing, ProbeBundles.sha256(failing)))))));
        assertTrue(String.valueOf(bundle(r, "com.example.failing", "error")).contains("did not start"), JsonText.write(r));
        for (int i = 0; i < 6; i++) {
            aValidPatchAppliesNext("PT" + (6 + i) + "S");
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long attempts = Files.readAllLines(starts).size();
        // back-off 10 s, 20 s, 40 s ...: attempts possible in the time that passed
        int allowed = 1;
        for (double due = 10; due <= elapsed; due = due * 2 + 10) {
            allowed++;
        }
        assertTrue(attempts <= allowed && attempts < 7, attempts + " start attempts in " + elapsed + " s (at most " + allowed
                + " with back-off; 7 if every patch re-ran it)");
        // and it is retried later on its own
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (Files.readAllLines(starts).size() < 2) {
            assertTrue(System.nanoTime() < deadline, "the failed start was never retried");
            Thread.sleep(200);
        }
        r = awaitStatus(hub.twin.patchDesired(Map.of("edgesec", Map.of("bundles", java.util.Collections.singletonMap(
                ProbeBundles.twinKey("com.example.failing"), null)))));
        assertEquals(null, bundle(r, "com.example.failing", "state"));

        // every configuration is reported, the collectors' on their defaults too
        assertEquals("/proc", path(r, "edgesec", "io%2Eedgesec%2Ecollector%2Eprocess", "procRoot"), JsonText.write(path(r, "edgesec")));
        assertNotNull(path(r, "edgesec", "io%2Eedgesec%2Ecollector%2Eaudit", "logPath"));
        for (String line : agent.log().split("\n")) {
            assertFalse(line.contains("cannot be reported"), line);
        }
    }
}
