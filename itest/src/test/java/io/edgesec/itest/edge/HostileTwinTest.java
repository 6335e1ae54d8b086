package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static io.edgesec.itest.edge.HubStandIn.value;
import static io.edgesec.transport.edgehub.internal.TwinResponder.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile twin writer: a few hundred generated desired-properties patches (wrong types, huge
 * and deep values, unknown keys, policy settings, truncated JSON, bundle entries pointing outside
 * the data directory, through symbolic links and traversal, at a FIFO, with wrong digests)
 * against the running agent. Afterwards: the agent is alive, messages are still delivered, every
 * patch got a reported status, nothing was installed that policy does not allow, and nothing
 * outside the data directory was read (canary files: their digests appear nowhere, no copy, their
 * access times unchanged).
 */
class HostileTwinTest {
    static final int PATCHES = 300;
    static final String PORTS = "io%2Eedgesec%2Ecollector%2Elisteningports";
    static final String PERIOD = "edgesec%2Ecollector%2Eperiod";

    @TempDir
    Path tmp;

    record Canary(Path file, String sha256, FileTime atime) {
    }

    @Test
    void aHostileTwinChangesNothingItMayNotAndEveryPatchIsReported() throws Exception {
        Path data = tmp.resolve("data");
        Path incoming = data.resolve("bundles").resolve("incoming");
        Files.createDirectories(incoming);
        // canaries outside the data directory: a valid bundle jar and a secret
        Path outside = tmp.resolve("outside");
        List<Canary> canaries = new ArrayList<>();
        Path outsideJar = ProbeBundles.write(outside.resolve("com.example.outside-1.0.0.jar"), "com.example.outside", "1.0.0");
        Path secret = outside.resolve("secret");
        byte[] b = new byte[64];
        new SecureRandom().nextBytes(b);
        Files.writeString(secret, HexFormat.of().formatHex(b), StandardCharsets.UTF_8);
        Files.createSymbolicLink(incoming.resolve("link.jar"), outsideJar);
        Path fifo = incoming.resolve("fifo.jar");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0);
        // a valid bundle inside the data directory, which the generator sometimes pins correctly
        Path inside = ProbeBundles.write(incoming.resolve("com.example.inside-1.0.0.jar"), "com.example.inside", "1.0.0");
        String insideSha = ProbeBundles.sha256(inside);

        Map<String, Object> azure = new LinkedHashMap<>();
        azure.put("highPriorityMessageFrequency", value("PT1S"));
        azure.put("lowPriorityMessageFrequency", value("PT1S"));
        Map<String, Object> desired = new LinkedHashMap<>();
        desired.put(AZURE, azure);
        try (HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired)) {
            Path config = hub.writeConfig(tmp.resolve("config.json"), azure,
                    Map.of("io.edgesec.collector.listeningports", Map.of("edgesec.collector.period", "PT1S")), true);
            try (EdgeAgent agent = EdgeAgent.start(config, data, tmp.resolve("agent.log"), Map.of(), "-Dedgesec.itest.probe.intervalMs=500")) {
                agent.awaitRunning();
                hub.twin.awaitReported(r -> "applied".equals(path(r, "edgesec", "status", "result")), 120_000);
                hub.awaitEvent("a first ListeningPorts", d -> d.name().equals("ListeningPorts"), 120_000);
                for (Path f : List.of(outsideJar, secret)) {
                    String sha = ProbeBundles.sha256(f);
                    // access time before the modification time: the next read moves it even with relatime
                    FileTime before = FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() - 3_600_000);
                    Files.setAttribute(f, "lastAccessTime", before);
                    canaries.add(new Canary(f, sha, Files.readAttributes(f, BasicFileAttributes.class).lastAccessTime()));
                }

                HostilePatches gen = new HostilePatches(new Random(14), List.of(outsideJar, secret, incoming.resolve("link.jar"), fifo,
                        incoming.resolve("../../../outside/secret"), inside), insideSha);
                Set<Integer> sent = new TreeSet<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < PATCHES; i++) {
                    HostilePatches.Patch p = gen.next();
                    sent.add(p.raw() != null ? hub.twin.patchDesiredRaw(p.raw()) : hub.twin.patchDesired(p.json()));
                }
                int last = ((TreeSet<Integer>) sent).last();
                // every patch handled and reported, in order
                hub.twin.awaitReported(r -> path(r, "edgesec", "status", "desiredVersion") instanceof Number n && n.intValue() == last,
                        240_000);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Set<Integer> reported = new TreeSet<>();
                Map<String, Integer> results = new java.util.TreeMap<>();
                for (Map<String, Object> r : hub.twin.reportedPatches()) {
                    if (path(r, "edgesec", "status", "desiredVersion") instanceof Number n) {
                        reported.add(n.intValue());
                        results.merge(String.valueOf(path(r, "edgesec", "status", "result")), 1, Integer::sum);
                    }
                    int size = JsonText.write(r).getBytes(StandardCharsets.UTF_8).length;
                    assertTrue(size < 32 * 1024, "a reported patch of " + size + " bytes");
                }
                Set<Integer> missing = new TreeSet<>(sent);
                missing.removeAll(reported);
                assertEquals(Set.of(), missing, "patches without a reported status");

                // alive, and still delivering: a valid patch applies and its effect arrives
                assertTrue(agent.alive());
                int v = hub.twin.patchDesired(Map.of(AZURE, Map.of("hubResourceId", value("hostile-test-after"),
                        "highPriorityMessageFrequency", value("PT1S"), "lowPriorityMessageFrequency", value("PT1S")),
                        "edgesec", Map.of(PORTS, Map.of(PERIOD, "PT1S"))));
                Map<String, Object> r = hub.twin.awaitReported(x -> path(x, "edgesec", "status", "desiredVersion") instanceof Number n
                        && n.intValue() == v, 120_000);
                assertEquals("applied", path(r, "edgesec", "status", "result"), JsonText.write(path(r, "edgesec", "status")));
                hub.awaitEvent("a message after the hostile patches", d -> "hostile-test-after".equals(d.message().properties()
                        .get("HubResourceId")) && d.name().equals("ListeningPorts"), 120_000);

                // nothing installed outside policy: only the inside bundle may run, nothing from outside
                Object bundles = path(r, "edgesec", "bundles");
                String bundlesText = JsonText.write(bundles);
                if (bundles instanceof Map<?, ?> m) {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        Object state = e.getValue() instanceof Map<?, ?> s ? s.get("state") : null;
                        if (!"REFUSED".equals(state) && !"FAILED".equals(state)) {
                            assertEquals(ProbeBundles.twinKey("com.example.inside"), e.getKey(), bundlesText);
                        }
                    }
                }
                assertFalse(Files.exists(data.resolve("probe").resolve("com.example.outside.log")), "the outside bundle ran");
                Path verified = data.resolve("bundles").resolve("verified");
                if (Files.isDirectory(verified)) {
                    try (var files = Files.list(verified)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            assertEquals(insideSha + ".jar", f.getFileName().toString(), "kept in verified/: " + f);
                        }
                    }
                }
                // nothing outside the data directory read
                String everything = JsonText.write(hub.twin.reportedPatches()) + "\n" + agent.log();
                for (var m : hub.securityMessages()) {
                    everything += "\n" + m.body();
                }
                try (var files = Files.walk(data)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            String sha = ProbeBundles.sha256(f);
                            for (Canary c : canaries) {
                                assertFalse(c.sha256().equals(sha), "a copy of " + c.file() + " at " + f);
                            }
                        }
                    }
                }
                for (Canary c : canaries) {
                    assertFalse(everything.contains(c.sha256()), "the digest of " + c.file() + " was reported or logged");
                    assertEquals(c.atime(), Files.readAttributes(c.file(), BasicFileAttributes.class).lastAccessTime(),
                            c.file() + " was read");
                }
                assertTrue(agent.alive());
                System.out.println("HostileTwinTest: " + PATCHES + " hostile patches handled and reported in "
                        + String.format(java.util.Locale.ROOT, "%.1f", seconds) + " s, every one reported " + results
                        + "; " + hub.securityMessages().size() + " messages delivered; " + hub.twin.reportedPatches().size()
                        + " reported patches");
                agent.stop();
            }
        }
    }
}
