package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built edgesec.jar as a user runs it. */
class CommandLineTest {
    static final Path ROOT = Path.of(System.getProperty("edgesec.root", "..")).toAbsolutePath().normalize();
    static final Path JAR = ROOT.resolve("launcher/target/edgesec.jar");
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    @TempDir
    Path tmp;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void jarExists() {
        assertTrue(Files.isRegularFile(JAR), "build the launcher first: " + JAR);
    }

    @AfterEach
    void stopStarted() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }

    private Process start(List<String> command, Path stderr) throws IOException {
        return start(command, stderr, Map.of());
    }

    private Process start(List<String> command, Path stderr, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(stderr.toFile())
                .redirectOutput(tmp.resolve("stdout-" + started.size()).toFile());
        pb.environment().remove("EDGESEC_CONFIG");
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return p;
    }

    private List<String> edgesec(String... args) {
        List<String> c = new ArrayList<>(List.of(JAVA, "-Xmx64m", "-jar", JAR.toString()));
        c.addAll(List.of(args));
        return c;
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        Path err = tmp.resolve("err-" + started.size());
        Process p = start(edgesec(args), err, env);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "edgesec " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("stdout-" + (started.size() - 1))), Files.readString(err));
    }

    record Result(int exit, String out, String err) {
    }

    @Test
    void runWritesSchemaValidMessagesWithThisMachinesListeningPortsAndProcesses() throws Exception {
        int port = 20000 + (int) (ProcessHandle.current().pid() % 20000);
        Process nc = start(List.of("nc", "-l", "127.0.0.1", Integer.toString(port)), tmp.resolve("nc.err"));
        Path config = tmp.resolve("config.json");
        Files.writeString(config, """
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                   "highPriorityMessageFrequency": {"value": "PT1S"},
                   "lowPriorityMessageFrequency": {"value": "PT2S"},
                   "aggregationEnabledProcessTerminate": {"value": false}},
                 "edgesec": {
                   "io.edgesec.collector.process": {"edgesec.collector.period": "PT1S"},
                   "io.edgesec.collector.listeningports": {"edgesec.collector.period": "PT2S"}}}
                """);
        Path out = tmp.resolve("out.jsonl");
        // 25 s: the health file that says the baseline scan is done may come 10 s after the start
        Process agent = start(edgesec("run", "--duration", "25", "--config", config.toString(), "--output", out.toString(),
                "--data-dir", tmp.resolve("data").toString()), tmp.resolve("agent.err"));
        awaitRunning(tmp.resolve("agent.err"));
        AgentHealthFile.await(tmp.resolve("data"), "the process collector's first (baseline) scan is done",
                h -> AgentHealthFile.lastSuccess(h, "process") != null);
        Process sleeper = start(List.of("sleep", "2.5"), tmp.resolve("sleep.err")); // a process starting while the agent runs
        assertTrue(agent.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, agent.exitValue(), Files.readString(tmp.resolve("agent.err")));
        // every bundle packed in edgesec.jar resolved and started (plus the system bundle), but
        // jackson-core's: the system bundle exports the launcher's own copy (SharedLibraries)
        long packed;
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(JAR.toFile())) {
            packed = jar.stream().filter(e -> e.getName().startsWith("edgesec-bundles/") && e.getName().endsWith(".jar")
                    && !e.getName().startsWith("edgesec-bundles/jackson-core-")).count();
        }
        assertTrue(Files.readString(tmp.resolve("agent.err")).contains("mode: " + (packed + 1) + " bundles active"),
                Files.readString(tmp.resolve("agent.err")));

        AzureSchema schema = new AzureSchema(ROOT);
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertFalse(lines.isEmpty(), "no messages written");
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : lines) {
            List<Map<String, Object>> in = eventsOf(line);
            // edgesec's own kinds (an Alert the detector raised over this busy machine's processes,
            // SoftwareInventory, recommendations) are outside the Azure schema by design, and never
            // share a message with Azure kinds
            long azure = in.stream().filter(e -> AzureSchema.EVENT_NAMES.contains(e.get("Name"))).count();
            if (azure > 0) {
                assertEquals(in.size(), azure, "edgesec and Azure kinds in one message: " + line);
                assertEquals(List.of(), List.copyOf(schema.validate(line)), "schema violations in " + line);
            }
            events.addAll(in);
        }
        String ncPid = Long.toString(nc.pid());
        assertTrue(events.stream().filter(e -> "ListeningPorts".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> Integer.toString(port).equals(p.get("LocalPort")) && extra(p).get("Pid").equals(ncPid)
                        && extra(p).get("Executable").startsWith("/usr/bin/nc")),
                "nc -l " + port + " (pid " + ncPid + ") not in ListeningPorts");
        String sleeperPid = Long.toString(sleeper.pid());
        assertTrue(events.stream().filter(e -> "ProcessCreate".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> "sleep 2.5".equals(p.get("CommandLine")) && "procfs-scan".equals(extra(p).get("Source"))),
                "the sleep started during the run is not a ProcessCreate");
        assertTrue(events.stream().filter(e -> "ProcessTerminate".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> sleeperPid.equals(String.valueOf(p.get("ProcessId")))), "the sleep's exit is not a ProcessTerminate");
        nc.destroy();
    }

    @Test
    void sigtermFlushesQueuedMessages() throws Exception {
        Path out = tmp.resolve("out.jsonl");
        Path err = tmp.resolve("agent.err");
        // every kind Low (sent every 5 hours), so nothing is sent before the stop
        Process agent = start(edgesec("run", "--config", nothingHigh().toString(), "--output", out.toString(),
                "--data-dir", tmp.resolve("data").toString()), err);
        awaitRunning(err);
        Map<String, Object> health = AgentHealthFile.await(tmp.resolve("data"), "the first ListeningPorts snapshot is queued",
                h -> AgentHealthFile.accepted(h, "listening-ports") > 0);
        assertEquals(0, AgentHealthFile.messagesSent(health), "sent before the stop: the test proves nothing");
        assertFalse(Files.exists(out) && Files.size(out) > 0, "sent before the stop: the test proves nothing");
        agent.destroy(); // SIGTERM
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"Name\":\"ListeningPorts\"")), "queued ListeningPorts not flushed: " + lines);
    }

    /**
     * A configuration under which no event is High (the kinds that are by default set Low): the
     * first High message goes as soon as a High event is queued, Low ones wait for their period
     * (PT5H), so what a run collects stays queued until it stops.
     */
    private Path nothingHigh() throws Exception {
        Path config = tmp.resolve("nothing-high.json");
        Files.writeString(config, "{\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": {"
                + "\"eventPriorityListeningPorts\": {\"value\": \"Low\"}, \"eventPriorityLocalUsers\": {\"value\": \"Low\"},"
                + " \"eventPriorityLogin\": {\"value\": \"Low\"}},"
                + " \"edgesec\": {\"io.edgesec.aggregator\": {\"eventPriorities\": [\"Alert=Low\", \"Recommendation=Low\","
                + " \"ContainerEvent=Low\", \"ContainerInventory=Low\", \"AccountChange=Low\", \"ProcessSnapshot=Low\"]}}}");
        return config;
    }

    private static void awaitRunning(Path stderr) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(stderr) && Files.readString(stderr).contains("running in")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agent did not start: " + Files.readString(stderr));
    }

    @Test
    void sigkillLosesNothingAcceptedBeforeIt() throws Exception {
        int port = 40000 + (int) (ProcessHandle.current().pid() % 20000);
        Process nc = start(List.of("nc", "-l", "127.0.0.1", Integer.toString(port)), tmp.resolve("nc.err"));
        Path data = tmp.resolve("data");
        Path first = tmp.resolve("first.jsonl");
        Path err = tmp.resolve("first.err");
        // every kind Low (sent every 5 hours), so everything collected is still queued at the kill
        Process agent = start(edgesec("run", "--config", nothingHigh().toString(), "--output", first.toString(),
                "--data-dir", data.toString()), err);
        awaitRunning(err);
        // the ListeningPorts snapshot is accepted (journaled), as the agent's own counters say
        Map<String, Object> health = AgentHealthFile.await(data, "the ListeningPorts snapshot is queued",
                h -> AgentHealthFile.accepted(h, "listening-ports") > 0);
        assertEquals(0, AgentHealthFile.messagesSent(health), "the first run sent before the kill: the test proves nothing");
        agent.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
        assertTrue(agent.waitFor(30, TimeUnit.SECONDS));
        nc.destroy();
        assertFalse(Files.exists(first) && Files.size(first) > 0, "the first run sent before the kill: the test proves nothing");

        Path config = tmp.resolve("fast.json");
        Files.writeString(config, "{\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": "
                + "{\"highPriorityMessageFrequency\": {\"value\": \"PT1S\"}}}");
        Path second = tmp.resolve("second.jsonl");
        Result r = run("run", "--duration", "6", "--config", config.toString(), "--output", second.toString(),
                "--data-dir", data.toString());
        assertEquals(0, r.exit(), r.err());
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(second)) {
            events.addAll(eventsOf(line));
        }
        assertTrue(events.stream().filter(e -> "ListeningPorts".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> Integer.toString(port).equals(p.get("LocalPort"))),
                "the killed run's ListeningPorts with nc's port " + port + " was not delivered after the restart");
        assertTrue(events.stream().filter(e -> "Diagnostic".equals(e.get("Name"))).flatMap(e -> payload(e).stream())
                .anyMatch(p -> String.valueOf(p.get("Message")).contains("recovered")), "the recovery is not reported");
    }

    @Test
    void badFlagIsOneClearLine() throws Exception {
        Result r = run("run", "--frobnicate");
        assertEquals(2, r.exit());
        assertEquals("edgesec run: unknown option '--frobnicate' (see edgesec run --help)", r.err().strip());
    }

    @Test
    void badConfigurationValueIsOneClearLineAndNothingRuns() throws Exception {
        Path config = tmp.resolve("bad.json");
        Files.writeString(config, "{\"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration\": "
                + "{\"highPriorityMessageFrequency\": {\"value\": \"7 minutes\"}}}");
        Path out = tmp.resolve("out.jsonl");
        Result r = run("run", "--config", config.toString(), "--output", out.toString(), "--duration", "5",
                "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, r.exit(), r.err());
        String line = r.err().strip();
        assertFalse(line.contains("\n"), "one line: " + line);
        assertTrue(line.contains("highPriorityMessageFrequency") && line.contains("7 minutes") && line.contains("ISO-8601"), line);
        assertFalse(Files.exists(out), "the agent must not have run");
    }

    @Test
    void deviceConfigurationFromTheEnvironmentIsMergedUnderConfigAndNamedInErrors() throws Exception {
        Path device = tmp.resolve("device.json");
        Files.writeString(device, "{\"edgesec\": {\"io.edgesec.collector.process\": "
                + "{\"procRoot\": \"/proc\", \"edgesec.collector.period\": \"soon\"}}}");
        Map<String, String> env = Map.of("EDGESEC_CONFIG", device.toString());
        // a bad value in the file EDGESEC_CONFIG names: one line naming the variable and the file
        Result bad = run(env, "run", "--duration", "3", "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, bad.exit(), bad.err());
        assertTrue(bad.err().contains("EDGESEC_CONFIG " + device) && bad.err().contains("edgesec.collector.period"), bad.err());
        // --config is merged over it property by property: its period wins, the file's procRoot stays
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"edgesec\": {\"io.edgesec.collector.process\": {\"edgesec.collector.period\": \"PT5S\"}}}");
        Result ok = run(env, "run", "--config", config.toString(), "--duration", "2", "--output",
                tmp.resolve("out.jsonl").toString(), "--data-dir", tmp.resolve("data").toString());
        assertEquals(0, ok.exit(), ok.err());
        Result missing = run(Map.of("EDGESEC_CONFIG", tmp.resolve("absent.json").toString()), "run", "--duration", "1");
        assertEquals(2, missing.exit(), missing.err());
        assertTrue(missing.err().contains("EDGESEC_CONFIG " + tmp.resolve("absent.json") + ": not a readable file"), missing.err());
    }

    @Test
    void malformedConfigurationNamesLineAndColumn() throws Exception {
        Path config = tmp.resolve("broken.json");
        Files.writeString(config, "{\n  \"edgesec\": {\n    \"io.edgesec.aggregator\": {\"agentId\" \"x\"}\n}\n");
        Result r = run("run", "--config", config.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().strip().matches(".*broken.json: line 3, column \\d+: .*expecting a colon.*"), r.err());
    }

    @Test
    void unknownSettingIsRejected() throws Exception {
        Path config = tmp.resolve("unknown.json");
        Files.writeString(config, "{\"edgesec\": {\"io.edgesec.collector.process\": {\"procRoott\": \"/proc\"}}}");
        Result r = run("run", "--config", config.toString(), "--duration", "3", "--data-dir", tmp.resolve("data").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("io.edgesec.collector.process/procRoott: unknown setting"), r.err());
    }

    @Test
    void versionAndHelp() throws Exception {
        Result v = run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().strip().matches("edgesec \\d+\\.\\d+\\.\\d+.*"), v.out());
        Result h = run("run", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--duration SECONDS"), h.out());
        Result top = run("--help");
        assertTrue(top.out().contains("run ") && top.out().contains("analyze") && top.out().contains("replay"), top.out());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> eventsOf(String line) throws Exception {
        return (List<Map<String, Object>>) JsonDocuments.object(line).get("Events");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> payload(Map<String, Object> event) {
        return (List<Map<String, Object>>) event.get("Payload");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> extra(Map<String, Object> item) {
        Object x = item.get("ExtraDetails");
        return x instanceof Map<?, ?> ? (Map<String, String>) x : Map.of();
    }
}
