package io.edgesec.collector.audit.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.json.JsonReader;
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
        Map<String, Object> first = JsonReader.parseObject(lines.get(0));
        assertEquals("ConnectionCreate", first.get("Name"));
        assertEquals("2017-04-12T22:48:09.295Z", first.get("TimestampUTC"));
        Map<?, ?> p = (Map<?, ?>) ((List<?>) first.get("Payload")).get(0);
        assertEquals("169.254.169.254", p.get("RemoteAddress"));
        assertEquals("ProcessCreate", JsonReader.parseObject(lines.get(1)).get("Name"));
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
        // what the launcher does: no OSGi on the class path, only the two jars' classes
        java.net.URL api = io.edgesec.api.event.SecurityEvent.class.getProtectionDomain().getCodeSource().getLocation();
        java.net.URL mine = ReplayCommand.class.getProtectionDomain().getCodeSource().getLocation();
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(new java.net.URL[] {api, mine},
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
}
