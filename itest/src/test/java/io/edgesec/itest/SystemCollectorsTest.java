package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * collector-system end to end (issue 11): the built edgesec.jar runs with the system collectors
 * on short periods, reading this machine (users, packages, system information, baseline) and the
 * firewall of a network namespace the test creates, and writes schema-valid SystemInformation,
 * LocalUsers, FirewallConfiguration, OSBaseline and SoftwareInventory events and the
 * recommendations they raise; {@code edgesec baseline} runs from the jar.
 */
class SystemCollectorsTest {
    static final Path ROOT = CommandLineTest.ROOT;
    static final Path JAR = CommandLineTest.JAR;
    static final String JAVA = CommandLineTest.JAVA;

    static final Set<String> AZURE_KINDS = AzureSchema.EVENT_NAMES;

    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();
    private String netns;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (netns != null) {
            exec("ip", "netns", "delete", netns);
        }
    }

    private Process start(List<String> command, String name) throws IOException {
        Process p = new ProcessBuilder(command).redirectError(tmp.resolve(name + ".err").toFile())
                .redirectOutput(tmp.resolve(name + ".out").toFile()).start();
        started.add(p);
        return p;
    }

    private static void exec(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, String.join(" ", argv) + ": " + out);
    }

    @Test
    void agentSendsTheFiveKindsAndTheRecommendations() throws Exception {
        netns = "edgesec-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        exec("ip", "netns", "add", netns);
        exec("ip", "netns", "exec", netns, "iptables-nft", "-A", "INPUT", "-p", "tcp", "--dport", "1337", "-j", "ACCEPT");
        int port = 20000 + (int) (ProcessHandle.current().pid() % 20000) + 7;
        start(List.of("nc", "-l", "-k", "0.0.0.0", Integer.toString(port)), "nc");
        // custom baseline checks through the twin's Azure keys, the file verified by its SHA-256
        Path custom = tmp.resolve("custom-checks.json");
        Files.writeString(custom, "{\"checks\":[{\"msid\":\"EDGESEC-BL-900\",\"severity\":\"Warning\","
                + "\"description\":\"A file that is not there\",\"type\":\"fileExists\",\"path\":\"" + tmp.resolve("absent") + "\"}]}");
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(custom)));
        Path config = tmp.resolve("config.json");
        Files.writeString(config, """
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                   "highPriorityMessageFrequency": {"value": "PT1S"},
                   "lowPriorityMessageFrequency": {"value": "PT2S"},
                   "baselineCustomChecksEnabled": {"value": true},
                   "baselineCustomChecksFilePath": {"value": "CUSTOM"},
                   "baselineCustomChecksFileHash": {"value": "HASH"}},
                 "edgesec": {
                   "io.edgesec.collector.listeningports": {"edgesec.collector.period": "PT2S"},
                   "io.edgesec.collector.systeminformation": {"edgesec.collector.period": "PT3S"},
                   "io.edgesec.collector.localusers": {"edgesec.collector.period": "PT3S"},
                   "io.edgesec.collector.softwareinventory": {"edgesec.collector.period": "PT3S"},
                   "io.edgesec.collector.osbaseline": {"edgesec.collector.period": "PT3S"},
                   "io.edgesec.collector.firewall": {"edgesec.collector.period": "PT3S", "netns": "NETNS"},
                   "io.edgesec.recommendation.openports": {"allowedPorts": ["22/tcp"]}}}
                """.replace("NETNS", netns).replace("CUSTOM", custom.toString()).replace("HASH", hash));
        Path out = tmp.resolve("out.jsonl");
        Process agent = start(List.of(JAVA, "-Xmx96m", "-jar", JAR.toString(), "run", "--duration", "15", "--config", config.toString(),
                "--output", out.toString(), "--data-dir", tmp.resolve("data").toString()), "agent");
        assertTrue(agent.waitFor(180, TimeUnit.SECONDS), "the agent did not stop");
        String err = Files.readString(tmp.resolve("agent.err"));
        assertEquals(0, agent.exitValue(), err);

        AzureSchema schema = new AzureSchema(ROOT);
        List<Map<String, Object>> events = new ArrayList<>();
        int azureMessages = 0;
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            List<Map<String, Object>> inLine = eventsOf(line);
            events.addAll(inLine);
            if (inLine.stream().allMatch(e -> AZURE_KINDS.contains(e.get("Name")))) {
                azureMessages++;
                List<String> violations = schema.violations(line);
                assertEquals(List.of(), violations.subList(0, Math.min(5, violations.size())),
                        "schema violations in " + line.substring(0, Math.min(2000, line.length())));
            } else {
                // edgesec's own kinds travel in messages of their own, in the same envelope
                assertTrue(inLine.stream().noneMatch(e -> AZURE_KINDS.contains(e.get("Name"))), "mixed message");
                for (Map<String, Object> e : inLine) {
                    for (String field : List.of("EventType", "Category", "Name", "IsEmpty", "PayloadSchemaVersion", "Id",
                            "TimestampLocal", "TimestampUTC", "Payload")) {
                        assertTrue(e.containsKey(field), field + " missing in " + e.get("Name"));
                    }
                }
            }
        }
        assertTrue(azureMessages > 0);
        Set<String> names = events.stream().map(e -> (String) e.get("Name")).collect(Collectors.toSet());
        for (String kind : List.of("SystemInformation", "LocalUsers", "FirewallConfiguration", "OSBaseline", "SoftwareInventory")) {
            assertTrue(names.contains(kind), kind + " missing; got " + names + "\n" + err);
        }
        assertTrue(payloads(events, "LocalUsers").stream().anyMatch(p -> "root".equals(p.get("UserName")) && "0".equals(p.get("UserId"))));
        assertTrue(payloads(events, "FirewallConfiguration").stream().anyMatch(p -> "1337".equals(p.get("DestinationPort"))
                && "iptables-nft".equals(extra(p).get("Source"))), "the namespace's rule");
        assertTrue(payloads(events, "SoftwareInventory").stream().anyMatch(p -> "dpkg".equals(p.get("Name"))));
        assertTrue(payloads(events, "OSBaseline").stream().allMatch(p -> !"Pass".equals(p.get("Result"))), "passes are left out");
        assertTrue(payloads(events, "OSBaseline").stream().anyMatch(p -> "EDGESEC-BL-900".equals(extra(p).get("Msid"))
                && "custom".equals(extra(p).get("Origin")) && "Fail".equals(p.get("Result"))), "the twin's custom check did not run");
        List<String> types = payloads(events, "Recommendation").stream().map(p -> (String) p.get("RecommendationType")).toList();
        for (String type : List.of("IoT_OpenPorts", "IoT_PermissiveFirewallPolicy", "IoT_PermissiveInputFirewallRules", "IoT_Baseline")) {
            assertTrue(types.contains(type), type + " missing; got " + types);
        }
        assertEquals(1, types.stream().filter("IoT_PermissiveInputFirewallRules"::equals).count(), "raised once, not at every snapshot");
        assertTrue(payloads(events, "Recommendation").stream().anyMatch(p -> "IoT_OpenPorts".equals(p.get("RecommendationType"))
                && Integer.toString(port).equals(((Map<?, ?>) p.get("RecommendationAdditionalData")).get("LocalPort"))), "nc's port");
        assertTrue(types.contains("IoT_AgentSendsUnutilizedMessages"), "small messages every second: " + types);
    }

    @Test
    void baselineCommandFromTheJar() throws Exception {
        Path root = tmp.resolve("image");
        Files.createDirectories(root.resolve("etc/ssh"));
        Files.writeString(root.resolve("etc/os-release"), "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n");
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\n");
        Files.setPosixFilePermissions(root.resolve("etc/passwd"), PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.writeString(root.resolve("etc/ssh/sshd_config"), "PermitRootLogin yes\n");
        Process p = start(List.of(JAVA, "-jar", JAR.toString(), "baseline", "--root", root.toString(), "--format", "json"), "baseline");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), Files.readString(tmp.resolve("baseline.err")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) JsonDocuments.documents().read(Files.readString(tmp.resolve("baseline.out")));
        Map<String, Map<String, Object>> byId = items.stream().collect(Collectors.toMap(i -> (String) i.get("Msid"), i -> i));
        assertEquals("Fail", byId.get("12.1").get("Result"));
        assertEquals("File '/etc/passwd' has ownership/permissions errors: Mode is '666' but should be '644' or stricter", byId.get("12.1").get("Error"));
        assertEquals("Fail", byId.get("109").get("Result"));
        assertEquals("Pass", byId.get("24").get("Result"));
        Process bad = start(List.of(JAVA, "-jar", JAR.toString(), "baseline", "--root", tmp.resolve("none").toString()), "bad");
        assertTrue(bad.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertFalse(Files.readString(tmp.resolve("bad.err")).contains("Exception"), Files.readString(tmp.resolve("bad.err")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> eventsOf(String line) throws Exception {
        return (List<Map<String, Object>>) JsonDocuments.object(line).get("Events");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> payloads(List<Map<String, Object>> events, String name) {
        return events.stream().filter(e -> name.equals(e.get("Name"))).flatMap(e -> ((List<Map<String, Object>>) e.get("Payload")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> extra(Map<String, Object> item) {
        Object x = item.get("ExtraDetails");
        return x instanceof Map<?, ?> ? (Map<String, String>) x : Map.of();
    }
}
