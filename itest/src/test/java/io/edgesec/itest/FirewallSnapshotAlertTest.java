package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IOTA-004 from the firewall snapshots, end to end: the built edgesec.jar runs its firewall
 * collector (collector-system) every 2 s on a network namespace this test creates, and the
 * detector judges what it reports. Real iptables-legacy rules are changed (no alert: changed, not
 * gone), then flushed, leaving only the ACCEPT policies: exactly one IOTA-004 naming the table,
 * none again at the empty snapshots that follow. No audit rule is involved (the snapshot alone is
 * the evidence); the namespace is deleted afterwards.
 */
class FirewallSnapshotAlertTest {
    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();
    private final String netns = "esafw-" + UUID.randomUUID().toString().substring(0, 8);
    private boolean created;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (created) {
            exec("ip", "netns", "delete", netns);
        }
    }

    private static void exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
    }

    private void iptables(String... args) throws Exception {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", netns, "iptables-legacy"));
        c.addAll(List.of(args));
        exec(c.toArray(String[]::new));
    }

    @Test
    void aFlushedTableRaisesIota004OnceFromTheSnapshots() throws Exception {
        exec("ip", "netns", "add", netns);
        created = true;
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "1337", "-j", "ACCEPT");
        iptables("-A", "INPUT", "-p", "tcp", "--dport", "23", "-j", "DROP");
        Path config = tmp.resolve("config.json");
        Files.writeString(config, """
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                   "highPriorityMessageFrequency": {"value": "PT1S"},
                   "lowPriorityMessageFrequency": {"value": "PT1S"}},
                 "edgesec": {
                   "io.edgesec.collector.firewall": {"edgesec.collector.period": "PT2S", "netns": "NETNS"}}}
                """.replace("NETNS", netns));
        Path out = tmp.resolve("out.jsonl");
        Path err = tmp.resolve("agent.err");
        Process agent = new ProcessBuilder(CommandLineTest.JAVA, "-Xmx128m", "-jar", CommandLineTest.JAR.toString(), "run",
                "--duration", "600", "--config", config.toString(), "--output", out.toString(), "--data-dir",
                tmp.resolve("data").toString()).redirectError(err.toFile()).redirectOutput(tmp.resolve("agent.out").toFile()).start();
        started.add(agent);

        awaitSnapshot(out, agent, err, "the two rules", ports -> ports.contains("1337") && ports.contains("23"), 0);
        // near miss: the rules change, some stay
        iptables("-D", "INPUT", "-p", "tcp", "--dport", "1337", "-j", "ACCEPT");
        int changed = awaitSnapshot(out, agent, err, "only port 23", ports -> ports.equals(List.of("23")), 0);
        awaitSnapshot(out, agent, err, "one more snapshot after the change", ports -> ports.equals(List.of("23")), changed + 1);
        assertEquals(List.of(), alerts(out), "rules changed but not emptied: no alert");

        iptables("-F", "INPUT"); // only the ACCEPT policies remain
        int flushed = awaitSnapshot(out, agent, err, "the flushed table", List::isEmpty, 0);
        long deadline = System.currentTimeMillis() + 120_000;
        while (alerts(out).isEmpty() && System.currentTimeMillis() < deadline) {
            assertTrue(agent.isAlive(), Files.readString(err));
            Thread.sleep(200);
        }
        // two more empty snapshots judged: still the one alert
        awaitSnapshot(out, agent, err, "two more empty snapshots", List::isEmpty, flushed + 2);
        agent.destroy();
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
        List<Map<String, Object>> alerts = alerts(out);
        assertEquals(1, alerts.size(), alerts.toString());
        Map<String, Object> a = alerts.get(0);
        assertEquals("IOTA-004", a.get("AlertId"));
        Map<?, ?> ents = (Map<?, ?>) a.get("Entities");
        assertEquals("iptables-legacy ipv4 filter", ents.get("Firewall"), a.toString());
        assertEquals("1", ents.get("RulesBefore"), a.toString());
        List<?> evidence = (List<?>) a.get("EvidenceEventIds");
        assertEquals(1, evidence.size());
        Map<String, Object> snapshot = events(out).stream().filter(e -> evidence.get(0).equals(e.get("Id"))).findFirst().orElseThrow();
        assertEquals("FirewallConfiguration", snapshot.get("Name"), "the evidence is the emptied snapshot the agent sent");
    }

    /**
     * Waits until more than {@code atLeast} FirewallConfiguration snapshots sent so far have
     * iptables-legacy ipv4 filter rules (not policies) whose destination ports {@code test}
     * accepts; returns how many have.
     */
    private int awaitSnapshot(Path out, Process agent, Path err, String what, Predicate<List<String>> test, int atLeast)
            throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(agent.isAlive(), "agent exited: " + Files.readString(err));
            int n = 0;
            for (Map<String, Object> e : events(out)) {
                if ("FirewallConfiguration".equals(e.get("Name")) && test.test(ports(e))) {
                    n++;
                }
            }
            if (n > atLeast) {
                return n;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no snapshot with " + what + ": " + Files.readString(err));
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Object> event) {
        List<String> ports = new ArrayList<>();
        for (Object o : (List<Object>) event.get("Payload")) {
            Map<String, Object> p = (Map<String, Object>) o;
            Map<String, Object> x = (Map<String, Object>) p.get("ExtraDetails");
            if (x != null && "iptables-legacy".equals(x.get("Source")) && "ipv4".equals(x.get("Family"))
                    && "filter".equals(x.get("Table")) && !"true".equals(x.get("IsPolicy"))) {
                ports.add(String.valueOf(p.get("DestinationPort")));
            }
        }
        return ports;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Path out) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        if (!Files.exists(out)) {
            return list;
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && line.endsWith("}")) {
                for (Object e : (List<Object>) JsonDocuments.object(line).get("Events")) {
                    list.add((Map<String, Object>) e);
                }
            }
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    /** The alerts raised from firewall snapshots (their entities name the Firewall). */
    private static List<Map<String, Object>> alerts(Path out) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> e : events(out)) {
            if ("Alert".equals(e.get("Name"))) {
                for (Object p : (List<Object>) e.get("Payload")) {
                    Map<String, Object> a = (Map<String, Object>) p;
                    // the agent's other collectors run too (the host's processes, its audit log,
                    // where other tests' execve of iptables -F may show): the snapshot's alerts only
                    if (a.get("Entities") instanceof Map<?, ?> ents && ents.containsKey("Firewall")) {
                        list.add(a);
                    }
                }
            }
        }
        return list;
    }
}
