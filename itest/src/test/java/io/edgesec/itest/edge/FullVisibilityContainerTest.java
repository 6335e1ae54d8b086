package io.edgesec.itest.edge;

import static io.edgesec.itest.edge.EdgeContainerTest.GRACE_SECONDS;
import static io.edgesec.itest.edge.EdgeContainerTest.IMAGE;
import static io.edgesec.itest.edge.EdgeContainerTest.SIGTERM_EXIT;
import static io.edgesec.itest.edge.EdgeContainerTest.edgeEnvironment;
import static io.edgesec.itest.edge.EdgeContainerTest.putAll;
import static io.edgesec.itest.edge.EdgeContainerTest.state;
import static io.edgesec.itest.edge.HubStandIn.AZURE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.audit.internal.testing.HostAudit;
import io.edgesec.collector.docker.internal.testing.TestEngine;
import io.edgesec.transport.edgehub.internal.WorkloadApiStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-visibility profile run as IoT Edge runs it, as {@link EdgeContainerTest} runs the
 * least-privilege one (same engine and image, {@link BuiltImage}): the container is created from
 * the edgesec entry of {@code deploy/deployment.full-visibility.template.json} (host PID
 * namespace, AUDIT_CONTROL, AUDIT_READ, SYS_PTRACE, root, read-only root file system) with the
 * manifest's desired properties and the profile's local configuration (deploy/profiles/full-visibility.json,
 * installRules=true, named by the manifest's Cmd). The audit collector inside installs its rules
 * into the host's kernel, scoped by its key; a program exec'd on the host arrives as
 * ProcessCreate with its host pid and host path; on SIGTERM the rules are gone again. The
 * kernel's audit state is the test's ({@link HostAudit}: its own auditd when none runs, restored
 * after); runs hold {@code flock /tmp/edgesec-audit.lock}.
 */
@ExtendWith(BuiltImage.class)
class FullVisibilityContainerTest {
    static final Path TEMPLATE = EdgeAgent.ROOT.resolve("deploy/deployment.full-visibility.template.json");
    static TestEngine engine;

    @TempDir
    Path tmp;

    @BeforeAll
    static void engine(TestEngine shared) {
        engine = shared;
    }

    @Test
    void auditCollectorInstallsItsRulesReportsHostExecsByHostPidAndRemovesTheRulesOnStop() throws Exception {
        EdgeModuleSpec spec = EdgeModuleSpec.read(TEMPLATE, "edgesec");
        Map<String, Object> desired = spec.desired();
        desired.put(AZURE, EdgeContainerTest.sendingEvery("PT1S", "PT1S"));
        @SuppressWarnings("unchecked")
        Map<String, Object> edgesec = (Map<String, Object>) desired.computeIfAbsent("edgesec", k -> new LinkedHashMap<>());
        // installRules is local-only (never set by the twin): the profile's local configuration in
        // the image, which the manifest's Cmd names, sets it
        assertEquals(List.of("--config", "/opt/edgesec/profiles/full-visibility.json"), spec.createOptions().get("Cmd"));
        assertTrue(Files.readString(EdgeAgent.ROOT.resolve("deploy/profiles/full-visibility.json")).contains("\"installRules\": true"));
        String key = "edgesec-fv-" + ProcessHandle.current().pid();
        putAll(edgesec, "io.edgesec.collector.audit", Map.of("ruleKey", key));
        // the process collector only takes its baseline: a ProcessCreate of the probe below comes from the audit log
        putAll(edgesec, "io.edgesec.collector.process", Map.of("edgesec.collector.period", "PT1H"));
        putAll(edgesec, "io.edgesec.aggregator", Map.of("metricsAddress", "127.0.0.1"));

        // a program only this test runs, on the host (outside the container)
        Path probe = tmp.resolve("edgesec-fv-probe");
        Files.copy(Path.of("/bin/true"), probe, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        byte[] moduleKey = new byte[32];
        new SecureRandom().nextBytes(moduleKey);
        DockerApi api = new DockerApi(engine.socket());
        try (HostAudit audit = HostAudit.open(Files.createDirectories(tmp.resolve("audit")));
                HubStandIn hub = new HubStandIn(tmp.resolve("hub"), desired);
                WorkloadApiStandIn workload = new WorkloadApiStandIn(tmp.resolve("workload.sock"), moduleKey,
                        hub.broker.certificatePemText())) {
            assertFalse(audit.savedRules().contains("key=" + key), audit.savedRules());
            audit.deleteOnClose(key); // should the container not get to remove them
            Map<String, String> env = edgeEnvironment(hub);
            EdgeContainerTest.metricsPortOff(env);
            Map<String, String> binds = Map.of("/var/run/docker.sock", engine.socket().toString(),
                    "/var/log/audit", audit.log().getParent().toString(), "/var/lib/edgesec", data.toString());
            Map<String, Object> body = spec.createBody(IMAGE, env, binds, tmp.resolve("workload.sock"));
            @SuppressWarnings("unchecked")
            Map<String, Object> host = (Map<String, Object>) body.get("HostConfig");
            assertEquals("host", host.get("PidMode"), "the profile's create options: " + host);
            assertTrue(String.valueOf(host.get("CapAdd")).contains("AUDIT_CONTROL"), "the profile's create options: " + host);

            String id = api.create("edgesec-fv-" + UUID.randomUUID().toString().substring(0, 8), body);
            List<Process> probes = new ArrayList<>();
            try {
                api.start(id);
                // (1) the collector installs its rules into the host's kernel (before its log tailer starts)
                awaitRules(key, api, id);
                // (2) the probe exec'd on the host arrives as ProcessCreate with its host pid and path
                // (run every second until one does: the collector's tailer starts at the log's end)
                Set<String> pids = ConcurrentHashMap.newKeySet();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
                while (hub.count(d -> d.name().equals("ProcessCreate") && d.payload().stream().anyMatch(p ->
                        pids.contains(String.valueOf(p.get("ProcessId"))) && probe.toString().equals(p.get("Executable")))) == 0) {
                    if (System.nanoTime() > deadline || !"running".equals(state(api, id).get("Status"))) {
                        throw new AssertionError("no ProcessCreate of the host's " + probe + " (pids " + pids + "); events: "
                                + hub.names() + "\n" + api.logs(id));
                    }
                    Process p = new ProcessBuilder(probe.toString()).start();
                    probes.add(p);
                    pids.add(Long.toString(p.pid()));
                    p.waitFor(30, TimeUnit.SECONDS);
                    Thread.sleep(1000);
                }
                // the rules, complete now that events flow: each with the collector's key
                String installed = HostAudit.rulesNow();
                assertTrue(installed.contains("-S execve"), installed);
                assertTrue(installed.contains("-S connect"), installed);
                for (String line : installed.split("\n")) {
                    assertTrue(audit.savedRules().contains(line) || line.contains("key=" + key), "a rule without the key: " + line);
                }
                // no rule-not-installed or rules-not-in-force problem was reported
                List<Object> ruleProblems = hub.deliveredEvents().stream().filter(d -> d.name().equals("Diagnostic"))
                        .flatMap(d -> d.payload().stream()).filter(p -> p.get("ExtraDetails") instanceof Map<?, ?> x
                                && String.valueOf(x.get("Status")).startsWith("rule")).map(p -> (Object) p).toList();
                assertEquals(List.of(), ruleProblems, "audit rule problems reported");
                // (3) SIGTERM: the collector removes exactly its rules before the container exits
                api.stop(id, GRACE_SECONDS);
                Map<String, Object> state = state(api, id);
                assertEquals(SIGTERM_EXIT, String.valueOf(state.get("ExitCode")), "exit code after SIGTERM\n" + api.logs(id));
                assertEquals(audit.savedRules(), HostAudit.rulesNow(), "the rules after the container stopped");
                System.out.println("FullVisibilityContainerTest: rules installed by the container:\n" + installed);
            } finally {
                probes.forEach(Process::destroy);
                System.out.println("FullVisibilityContainerTest: container log:\n" + api.logs(id));
                api.remove(id);
            }
        }
    }

    /** Waits until rules with the key are in the kernel's list; @return the list. */
    static String awaitRules(String key, DockerApi api, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            String rules = HostAudit.rulesNow();
            if (rules.contains("key=" + key)) {
                return rules;
            }
            if (System.nanoTime() > deadline || !"running".equals(state(api, id).get("Status"))) {
                throw new AssertionError("no audit rules with key " + key + " after 180 s (container "
                        + state(api, id).get("Status") + "):\n" + rules + "\n" + api.logs(id));
            }
            Thread.sleep(200);
        }
    }
}
