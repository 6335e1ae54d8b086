package io.edgesec.collector.process.internal.processes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.process.internal.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCollectorTest {

    private static List<SecurityEvent> named(List<SecurityEvent> events, String name, long pid) {
        return events.stream().filter(e -> e.name().equals(name)
                && ((Number) e.payload().get(0).get("ProcessId")).longValue() == pid).toList();
    }

    private static String ourUid() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).trim().split("\\s+")[0];
            }
        }
        throw new AssertionError("no Uid in /proc/self/status");
    }

    @Test
    void seesASleepStartAndEnd() throws Exception {
        ProcessCollector c = new ProcessCollector(TestConfigs.processes("/proc", true, ""));
        assertTrue(c.collect().isEmpty(), "the first scan is the baseline");
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            long pid = sleep.pid();
            SecurityEvent create = null;
            List<SecurityEvent> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (create == null && System.nanoTime() < deadline) {
                for (SecurityEvent e : named(c.collect(), "ProcessCreate", pid)) {
                    seen.add(e);
                    // a scan may catch the child between fork and exec (the JVM's spawn helper);
                    // the exec then shows as a second ProcessCreate of the same pid
                    if ("sleep 30".equals(e.payload().get(0).get("CommandLine"))) {
                        create = e;
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(create != null, "no ProcessCreate for sleep: " + seen);
            Map<String, Object> p = create.payload().get(0);
            assertEquals(EventCategory.TRIGGERED, create.category());
            assertEquals((int) pid, p.get("ProcessId"));
            assertEquals((int) ProcessHandle.current().pid(), p.get("ParentProcessId"));
            String exe = Files.readSymbolicLink(Path.of("/proc/" + pid + "/exe")).toString();
            assertEquals(exe, p.get("Executable"));
            assertTrue(exe.endsWith("/sleep"), exe);
            assertEquals(ourUid(), p.get("UserId"));
            if ("0".equals(ourUid())) {
                assertEquals("root", p.get("UserName"));
            }
            assertEquals("procfs-scan", ((Map<?, ?>) p.get("ExtraDetails")).get("Source"));
            assertTrue(named(c.collect(), "ProcessCreate", pid).isEmpty(), "reported once");

            sleep.destroy();
            assertTrue(sleep.waitFor(20, TimeUnit.SECONDS));
            SecurityEvent terminate = null;
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (terminate == null && System.nanoTime() < deadline) {
                List<SecurityEvent> t = named(c.collect(), "ProcessTerminate", pid);
                terminate = t.isEmpty() ? null : t.get(0);
                Thread.sleep(20);
            }
            assertTrue(terminate != null, "no ProcessTerminate");
            Map<String, Object> tp = terminate.payload().get(0);
            assertEquals(exe, tp.get("Executable"));
            assertEquals(-1, tp.get("ExitStatus"));
            assertEquals("false", ((Map<?, ?>) tp.get("ExtraDetails")).get("ExitStatusKnown"));
        } finally {
            sleep.destroyForcibly();
        }
    }

    /** A proc root in a temp dir: {@code <root>/proc/<pid>/...} and {@code <root>/etc/passwd}. */
    static final class FakeProc {
        final Path proc;

        FakeProc(Path root) throws Exception {
            proc = Files.createDirectories(root.resolve("proc"));
            Files.createDirectories(root.resolve("etc"));
            Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n# comment\npi:x:1000:1000::/home/pi:/bin/sh\n");
        }

        void process(int pid, int ppid, String comm, long startTicks, String exe, int uid, String... argv) throws Exception {
            Path d = proc.resolve(Integer.toString(pid));
            if (Files.exists(d)) {
                remove(pid);
            }
            Files.createDirectories(d);
            StringBuilder stat = new StringBuilder(pid + " (" + comm + ") S " + ppid);
            for (int i = 0; i < 17; i++) {
                stat.append(" 0");
            }
            stat.append(' ').append(startTicks).append(" 12345 678 0 0\n");
            Files.writeString(d.resolve("stat"), stat.toString());
            Files.writeString(d.resolve("status"), "Name:\t" + comm + "\nState:\tS (sleeping)\nPPid:\t" + ppid + "\nUid:\t" + uid + "\t" + uid
                    + "\t" + uid + "\t" + uid + "\nGid:\t0\t0\t0\t0\n");
            if (exe != null) {
                Files.createSymbolicLink(d.resolve("exe"), Path.of(exe));
            }
            StringBuilder cmd = new StringBuilder();
            for (String a : argv) {
                cmd.append(a).append('\0');
            }
            Files.write(d.resolve("cmdline"), cmd.toString().getBytes(StandardCharsets.UTF_8));
        }

        void remove(int pid) throws Exception {
            Path d = proc.resolve(Integer.toString(pid));
            try (var s = Files.walk(d)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void pidReuseIsAnEndThenAStart(@TempDir Path root) throws Exception {
        FakeProc f = new FakeProc(root);
        f.process(1, 0, "init", 1, "/sbin/init", 0, "/sbin/init");
        f.process(100, 1, "old", 5000, "/usr/bin/old", 1000, "old", "--flag");
        ProcessCollector c = new ProcessCollector(TestConfigs.processes(f.proc.toString(), true, ""));
        assertTrue(c.collect().isEmpty());
        f.process(100, 1, "new", 6000, "/usr/bin/new", 0, "new", "arg with space");
        List<SecurityEvent> out = c.collect();
        assertEquals(List.of("ProcessTerminate", "ProcessCreate"), out.stream().map(SecurityEvent::name).toList(),
                "the old process ended before the new one started");
        assertEquals("/usr/bin/old", out.get(0).payload().get(0).get("Executable"));
        Map<String, Object> p = out.get(1).payload().get(0);
        assertEquals("/usr/bin/new", p.get("Executable"));
        assertEquals("new arg with space", p.get("CommandLine"));
        assertEquals("0", p.get("UserId"));
        assertEquals("root", p.get("UserName"));
        assertEquals(100, p.get("ProcessId"));
        assertEquals(1, p.get("ParentProcessId"));
        assertFalse(((Map<?, ?>) p.get("ExtraDetails")).containsKey("Exec"));
        assertTrue(c.collect().isEmpty(), "nothing changed since");
    }

    @Test
    void execInPlaceIsACreateWithoutATerminate(@TempDir Path root) throws Exception {
        FakeProc f = new FakeProc(root);
        f.process(100, 1, "sh", 5000, "/bin/sh", 1000, "sh", "-c", "exec top");
        ProcessCollector c = new ProcessCollector(TestConfigs.processes(f.proc.toString(), true, ""));
        c.collect();
        f.process(100, 1, "top", 5000, "/usr/bin/top", 1000, "top");
        List<SecurityEvent> out = c.collect();
        assertEquals(1, out.size());
        Map<String, Object> p = out.get(0).payload().get(0);
        assertEquals("ProcessCreate", out.get(0).name());
        assertEquals("/usr/bin/top", p.get("Executable"));
        assertEquals("pi", p.get("UserName"));
        assertEquals("true", ((Map<?, ?>) p.get("ExtraDetails")).get("Exec"));
    }

    @Test
    void startsEndsKernelThreadsAndOddNames(@TempDir Path root) throws Exception {
        FakeProc f = new FakeProc(root);
        f.process(2, 0, "kthreadd", 2, null, 0); // kernel thread: no exe, empty cmdline
        f.process(10, 1, "a", 100, "/bin/a", 0, "a");
        ProcessCollector c = new ProcessCollector(TestConfigs.processes(f.proc.toString(), true, ""));
        c.collect();
        f.remove(10);
        f.process(11, 1, "we(ird) name) x", 200, "/opt/app/bin/x (deleted)", 4242, "x");
        f.process(3, 2, "kworker/0:1", 300, null, 0);
        List<SecurityEvent> out = c.collect();
        assertEquals(2, out.size(), out.toString());
        SecurityEvent create = out.stream().filter(e -> e.name().equals("ProcessCreate")).findFirst().orElseThrow();
        Map<String, Object> p = create.payload().get(0);
        assertEquals(11, p.get("ProcessId"));
        assertEquals(1, p.get("ParentProcessId"), "fields after the last ')' of comm");
        assertEquals("/opt/app/bin/x", p.get("Executable"), "' (deleted)' stripped");
        assertEquals("4242", p.get("UserId"));
        assertNull(p.get("UserName"), "unknown uid: no UserName");
        SecurityEvent end = out.stream().filter(e -> e.name().equals("ProcessTerminate")).findFirst().orElseThrow();
        assertEquals(10, end.payload().get(0).get("ProcessId"));
        // ExtraDetails in a stable order
        assertTrue(end.toJson().contains("\"ExtraDetails\":{\"Source\":\"procfs-scan\",\"ExitStatusKnown\":\"false\"}"), end.toJson());
    }

    @Test
    void snapshotAtItsPeriodInPidOrder(@TempDir Path root) throws Exception {
        FakeProc f = new FakeProc(root);
        f.process(30, 1, "c", 3, "/bin/c", 0, "c");
        f.process(4, 1, "b", 2, "/bin/b", 0, "b", "x");
        ProcessCollector c = new ProcessCollector(TestConfigs.processes(f.proc.toString(), true, "PT1H"));
        List<SecurityEvent> first = c.collect();
        assertEquals(1, first.size());
        SecurityEvent snap = first.get(0);
        assertEquals("ProcessSnapshot", snap.name());
        assertEquals(EventCategory.PERIODIC, snap.category());
        assertEquals(List.of(4, 30), snap.payload().stream().map(p -> p.get("ProcessId")).toList());
        assertEquals("b x", snap.payload().get(0).get("CommandLine"));
        assertTrue(c.collect().isEmpty(), "not again within the hour");
    }

    @Test
    void commandLineJoinsArguments() {
        assertEquals("a b  c", ProcessTable.commandLine("a\0b\0\0c\0\0".getBytes(StandardCharsets.UTF_8)));
        assertEquals("", ProcessTable.commandLine(new byte[0]));
        assertEquals("", ProcessTable.commandLine(null));
        assertEquals("caf\u00e9", ProcessTable.commandLine("caf\u00e9\0".getBytes(StandardCharsets.UTF_8)));
    }
}
