package io.edgesec.collector.audit.internal.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.AuditCollector;
import io.edgesec.collector.audit.internal.CollectorSettings;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.rules.Auditctl;
import io.edgesec.collector.audit.internal.testing.HostAudit;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Against the real kernel audit subsystem (CI runs as root with auditd installed). Starts its own
 * auditd (own config folder, log and af_unix plugin socket) unless one runs; adds rules scoped to
 * this JVM's pid and to a dedicated copy of /bin/true; runs that program with an argument holding
 * spaces and non-ASCII, opens a TCP and a UDP connection to loopback listeners, fails an su, adds
 * and deletes a user; and finds exactly those events, with their fields, in what the collector
 * sends. Afterwards it removes exactly its rules, stops the auditd it started (by pid), restores
 * the kernel's enabled flag and checks the rule list is as before.
 */
class AuditIntegrationTest {
    private static final Auditctl AUDITCTL = new Auditctl();
    private static final String KEY = "edgesec-itest";
    private static Path dir;
    private static HostAudit audit;
    private static String savedRules;
    private static Path logPath;
    private static Path socketPath;
    private static String user;

    @BeforeAll
    static void startAudit() throws Exception {
        dir = Files.createTempDirectory("edgesec-audit-itest");
        // an auditd already running is used as it is (its log, Debian's default place), else one
        // of the test's own with an af_unix plugin socket, so the collector reads both sources
        audit = HostAudit.open(dir, true);
        savedRules = audit.savedRules();
        logPath = audit.log();
        socketPath = audit.socket();
        user = "esit" + ProcessHandle.current().pid();
    }

    /** Each test leaves the rules as it found them (the next may check that none of its kind are in force). */
    @AfterEach
    void removeAddedRules() throws Exception {
        List<String> problems = audit.removeRules();
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @AfterAll
    static void restore() throws Exception {
        try {
            if (user != null) {
                new ProcessBuilder("userdel", user).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start().waitFor(30, TimeUnit.SECONDS);
            }
            if (audit != null) {
                audit.close(); // the rules, the own auditd, the enabled flag; fails unless the rule list is as found
            }
        } finally {
            if (dir != null) {
                try (var s = Files.walk(dir)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static String run(Auditctl.Result r) {
        assertTrue(r.ok(), "auditctl failed: " + r.output());
        return r.output();
    }

    private static CollectorSettings settings(CollectorSettings.SourceMode mode, boolean installRules, String key) {
        return new CollectorSettings(logPath, dir.resolve("state-" + mode + installRules), mode,
                socketPath == null ? dir.resolve("none.sock") : socketPath, installRules, key,
                EnumSet.allOf(EventKind.class), Path.of("/etc/passwd"), 3_600_000, true, "auditctl", 50);
    }

    /**
     * installRules=false and none of the rules ProcessCreate/ConnectionCreate need in force: the
     * collector says so (a Warning CollectorStatus, the Diagnostic on the wire) naming both; with
     * an execve exit rule added (scoped by key and program), only ConnectionCreate's is named.
     */
    @Test
    void warnsNamingTheRulesThatAreNotInForce() throws Exception {
        String listing = run(AUDITCTL.run("-l"));
        assertTrue(!listing.contains("-S execve") && !listing.contains("-S connect"),
                "this test needs a kernel without execve/connect exit rules (no edgesec rules loaded):\n" + listing);
        String missingBoth = warningOf(settings(CollectorSettings.SourceMode.LOG, false, "edgesec-itest-none"));
        assertTrue(missingBoth.contains("ProcessCreate (no always,exit rule on execve)"), missingBoth);
        assertTrue(missingBoth.contains("ConnectionCreate (no always,exit rule on connect)"), missingBoth);
        assertTrue(missingBoth.contains("deploy/audit/edgesec.rules"), missingBoth);

        Path prog = dir.resolve("edgesec-itest-rulecheck");
        Files.copy(Path.of("/bin/true"), prog, StandardCopyOption.REPLACE_EXISTING);
        audit.rule("always,exit", "-F", "arch=b64", "-S", "execve", "-F", "exe=" + prog, "-k", KEY);
        String missingConnect = warningOf(settings(CollectorSettings.SourceMode.LOG, false, "edgesec-itest-none"));
        assertTrue(missingConnect.contains("ConnectionCreate (no always,exit rule on connect)"), missingConnect);
        assertTrue(!missingConnect.contains("ProcessCreate"), missingConnect);
    }

    /** Opens and closes a collector; @return the message of its rules-not-in-force Warning (the check runs in open). */
    private static String warningOf(CollectorSettings settings) {
        List<SecurityEvent> status = new CopyOnWriteArrayList<>();
        AuditCollector c = new AuditCollector(settings);
        c.open(status::add);
        c.close();
        return status.stream().filter(e -> EventNames.COLLECTOR_STATUS.equals(e.name()))
                .map(e -> e.payload().get(0))
                .filter(p -> "rules-not-in-force".equals(p.get("Status")) && "Warning".equals(p.get("Severity")))
                .map(p -> String.valueOf(p.get("Message"))).findFirst()
                .orElseThrow(() -> new AssertionError("no rules-not-in-force Warning in " + status));
    }

    @Test
    void collectorInstallsItsRulesAndRemovesExactlyThoseAgain() throws Exception {
        String key = "edgesec-itest-rules";
        List<SecurityEvent> status = new CopyOnWriteArrayList<>();
        AuditCollector c = new AuditCollector(settings(CollectorSettings.SourceMode.LOG, true, key));
        c.open(status::add);
        try {
            String listed = run(AUDITCTL.run("-l"));
            assertTrue(listed.contains("-S execve") && listed.contains("key=" + key), listed);
            assertTrue(listed.contains("-S connect") && listed.contains("-S socket"), listed);
        } finally {
            c.close();
        }
        assertEquals(savedRules, HostAudit.rulesNow(), "only the collector's rules were removed, all of them");
    }

    @Test
    void findsExactlyTheEventsOfWhatTheTestDid() throws Exception {
        long self = ProcessHandle.current().pid();
        Path prog = dir.resolve("edgesec-itest-true");
        Files.copy(Path.of("/bin/true"), prog, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
        audit.rule("always,exit", "-F", "arch=b64", "-S", "execve", "-F", "exe=" + prog, "-k", KEY);
        for (String s : new String[] {"connect", "accept", "accept4", "bind"}) {
            audit.rule("always,exit", "-F", "arch=b64", "-S", s, "-F", "pid=" + self, "-k", KEY);
        }
        audit.rule("always,exit", "-F", "arch=b64", "-S", "socket", "-F", "pid=" + self, "-F", "a0=2", "-k", KEY);
        audit.rule("always,exit", "-F", "arch=b64", "-S", "socket", "-F", "pid=" + self, "-F", "a0=10", "-k", KEY);

        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        EventSink sink = events::add;
        CollectorSettings.SourceMode mode = socketPath != null ? CollectorSettings.SourceMode.BOTH : CollectorSettings.SourceMode.LOG;
        AuditCollector collector = new AuditCollector(settings(mode, false, KEY));
        collector.open(sink);
        try {
            // nothing to wait for: open() fixes where the log is read from (its end, now), so every
            // record written from here on is read however late the collector's threads run (a
            // 500 ms sleep here lost events on a busy fresh machine; AuditCollectorStartTest)
            Process p = new ProcessBuilder(prog.toString(), "hello wörld", "ü x").start();
            assertEquals(0, p.waitFor());
            int tcpPort;
            int udpPort;
            int freePort;
            try (ServerSocket probe = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                freePort = probe.getLocalPort(); // bind to it explicitly below, so the bind record has the port
            }
            try (ServerSocket server = new ServerSocket(freePort, 5, InetAddress.getLoopbackAddress());
                 DatagramSocket udpServer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                tcpPort = server.getLocalPort();
                udpPort = udpServer.getLocalPort();
                try (Socket client = new Socket()) {
                    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcpPort));
                    try (Socket accepted = server.accept()) {
                        client.getOutputStream().write(1);
                    }
                }
                try (DatagramSocket udp = new DatagramSocket()) {
                    udp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), udpPort));
                    udp.send(new DatagramPacket(new byte[] {1}, 1));
                    DatagramPacket in = new DatagramPacket(new byte[4], 4);
                    udpServer.receive(in);
                }
            }
            Process add = new ProcessBuilder("useradd", "-M", "-s", "/usr/sbin/nologin", user).redirectErrorStream(true).start();
            assertEquals(0, add.waitFor(), new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            Process su = failedSu();
            long suRoot = su.pid();

            Map<String, Object> proc = await(events, e -> e.name().equals(EventNames.PROCESS_CREATE)
                    && prog.toString().equals(e.payload().get(0).get("Executable")));
            assertEquals(prog + " \"hello wörld\" \"ü x\"", proc.get("CommandLine"));
            assertEquals("0", proc.get("UserId"));
            assertEquals("root", proc.get("UserName"));
            assertEquals((int) p.pid(), proc.get("ProcessId"));
            assertEquals((int) self, proc.get("ParentProcessId"));

            Map<String, Object> tcpOut = await(events, e -> isConnection(e, "Out", tcpPort));
            assertEquals("tcp", tcpOut.get("Protocol"));
            assertEquals("127.0.0.1", tcpOut.get("RemoteAddress"));
            assertEquals((int) self, tcpOut.get("ProcessId"));
            assertEquals("0", tcpOut.get("UserId"));
            assertTrue(((String) tcpOut.get("Executable")).endsWith("/java"), tcpOut.toString());
            Map<String, Object> tcpIn = await(events, e -> isConnection(e, "In", -1)
                    && Integer.toString(tcpPort).equals(e.payload().get(0).get("LocalPort")));
            assertEquals("tcp", tcpIn.get("Protocol"));
            assertEquals("127.0.0.1", tcpIn.get("RemoteAddress"));
            Map<String, Object> udpOut = await(events, e -> isConnection(e, "Out", udpPort));
            assertEquals("udp", udpOut.get("Protocol"));
            assertEquals("127.0.0.1", udpOut.get("RemoteAddress"));

            Map<String, Object> login = await(events, e -> e.name().equals(EventNames.LOGIN)
                    && "/usr/bin/su".equals(e.payload().get(0).get("Executable")) && "Fail".equals(e.payload().get(0).get("Result")));
            assertEquals("root", login.get("UserName"));
            assertEquals("PAM:authentication", login.get("Operation"));
            assertTrue((Integer) login.get("ProcessId") > 0);

            Map<String, Object> added = await(events, e -> e.name().equals(EventNames.ACCOUNT_CHANGE)
                    && "ADD_USER".equals(e.payload().get(0).get("RecordType")));
            assertEquals("/usr/sbin/useradd", added.get("Executable"));
            assertEquals("Success", added.get("Result"));
            assertTrue(user.equals(added.get("UserName")) || added.containsKey("UserId"), added.toString());
            assertTrue(suRoot > 0);

            // exactly those: one of each, no duplicates from the second source, nothing else from our rules
            assertEquals(1, count(events, e -> e.name().equals(EventNames.PROCESS_CREATE)), events.toString());
            assertEquals(3, count(events, e -> e.name().equals(EventNames.CONNECTION_CREATE)
                    && (isConnection(e, "Out", tcpPort) || isConnection(e, "Out", udpPort) || isConnection(e, "In", -1))),
                    events.toString());
            assertEquals(1, count(events, e -> e.name().equals(EventNames.LOGIN)
                    && "/usr/bin/su".equals(e.payload().get(0).get("Executable"))), events.toString());
            // the optional watch and module rules are not among this test's: said once, as Information
            assertEquals(0, count(events, e -> e.name().equals(EventNames.COLLECTOR_STATUS)
                    && !"disconnected".equals(e.payload().get(0).get("Status"))
                    && !"optional-rules-not-in-force".equals(e.payload().get(0).get("Status"))), events.toString());
        } finally {
            collector.close();
        }
    }

    /** su as an unprivileged user, wrong password typed on a pseudo-terminal (script provides it). */
    private static Process failedSu() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("runuser", "-u", "nobody", "--", "script", "-qec", "su -c true root", "/dev/null");
        pb.environment().put("SHELL", "/bin/sh");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        try (OutputStream in = p.getOutputStream()) {
            awaitPrompt(p.getInputStream()); // su reads the password only once it has asked for it
            in.write("wrong-password\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (p.isAlive()) {
            p.destroyForcibly();
        }
        return p;
    }

    /** Reads su's output (through script's pseudo-terminal) up to its password prompt, or its end. */
    private static void awaitPrompt(java.io.InputStream out) throws IOException {
        StringBuilder seen = new StringBuilder();
        int b;
        while ((b = out.read()) >= 0) {
            seen.append((char) b);
            if (seen.indexOf("assword") >= 0 && seen.charAt(seen.length() - 1) == ' ') {
                return;
            }
        }
        throw new AssertionError("su ended without asking for a password: " + seen);
    }

    private static boolean isConnection(SecurityEvent e, String direction, int remotePort) {
        if (!e.name().equals(EventNames.CONNECTION_CREATE)) {
            return false;
        }
        Map<String, Object> p = e.payload().get(0);
        return direction.equals(p.get("Direction")) && (remotePort < 0 || Integer.toString(remotePort).equals(p.get("RemotePort")));
    }

    private static long count(List<SecurityEvent> events, Predicate<SecurityEvent> what) {
        return events.stream().filter(what).count();
    }

    private static Map<String, Object> await(List<SecurityEvent> events, Predicate<SecurityEvent> what) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            for (SecurityEvent e : events) {
                if (what.test(e)) {
                    return e.payload().get(0);
                }
            }
            Thread.sleep(100);
        }
        StringBuilder names = new StringBuilder();
        for (SecurityEvent e : events) {
            names.append(e.name()).append(' ').append(e.payload().get(0)).append('\n');
        }
        throw new AssertionError("event not found; got:\n" + names);
    }
}
