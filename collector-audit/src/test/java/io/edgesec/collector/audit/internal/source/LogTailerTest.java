package io.edgesec.collector.audit.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.TestRecords;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files, rotated by rename, truncated, and a tailer stopped and started again: every event
 * comes out exactly once. Steps are driven directly (no sleeps, no timed assertions).
 */
class LogTailerTest {
    @TempDir
    Path dir;
    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private AuditPipeline lastPipeline;

    /** One exec event with serial n (SYSCALL, EXECVE, PROCTITLE). */
    static String exec(long n) {
        String t = "1700000000." + String.format("%03d", n % 1000) + ":" + n;
        return "type=SYSCALL msg=audit(" + t + "): arch=c000003e syscall=59 success=yes exit=0 a0=1 items=1 ppid=1 pid=" + n
                + " auid=0 uid=0 exe=\"/bin/e" + n + "\" key=\"k\"\n"
                + "type=EXECVE msg=audit(" + t + "): argc=2 a0=\"e\" a1=\"" + n + "\"\n"
                + "type=PROCTITLE msg=audit(" + t + "): proctitle=\"e\"\n";
    }

    private LogTailer tailer(Path log) {
        return tailer(log, 60_000, false);
    }

    private LogTailer tailer(Path log, long idleFlushMillis, boolean startAtEnd) {
        AuditPipeline p = TestRecords.pipeline(events);
        lastPipeline = p;
        return new LogTailer(log, dir.resolve("state/pos"), p, (s, w, sev, m) -> problems.add(w + ": " + m), 10,
                idleFlushMillis, startAtEnd);
    }

    /** A TCP connect to 127.0.0.1:8080 with serial n, as its three records. */
    static String[] connect(long n) {
        String t = "1700000001." + String.format("%03d", n % 1000) + ":" + n;
        return new String[] {
            "type=SYSCALL msg=audit(" + t + "): arch=c000003e syscall=42 success=yes exit=0 a0=7 a1=7ffc a2=10 a3=0 items=0 ppid=1 pid="
                    + n + " uid=0 exe=\"/usr/bin/java\" key=\"k\"\n",
            "type=SOCKADDR msg=audit(" + t + "): saddr=02001F907F0000010000000000000000\n",
            "type=PROCTITLE msg=audit(" + t + "): proctitle=6A617661\n"};
    }

    private static void drain(LogTailer t) throws IOException {
        while (t.step()) {
            // read all there is
        }
    }

    private void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private List<Integer> pids() {
        List<Integer> l = new ArrayList<>();
        for (SecurityEvent e : events) {
            l.add((Integer) e.payload().get(0).get("ProcessId"));
        }
        return l;
    }

    @Test
    void followsRotationByRenameWithoutLossOrRepetition() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, exec(1) + exec(2));
        LogTailer t = tailer(log);
        assertTrue(t.open());
        drain(t);
        append(log, exec(3)); // written before the rotation, not yet read
        Files.move(log, dir.resolve("audit.log.1"));
        append(log, exec(4));
        drain(t);
        append(log, exec(5));
        drain(t);
        assertEquals(List.of(1, 2, 3, 4, 5), pids());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void waitsAPollIntervalOnlyOnceItHasReadEverything() throws IOException {
        Path log = dir.resolve("audit.log");
        StringBuilder backlog = new StringBuilder();
        for (int n = 1; backlog.length() < (3 << 20) / 2; n++) { // 1.5 MiB: more than one read
            backlog.append(exec(n));
        }
        append(log, backlog.toString());
        LogTailer t = tailer(log);
        t.open();
        assertTrue(t.step());
        assertFalse(t.caughtUp(), "a full buffer: read on at once");
        assertTrue(t.step());
        assertTrue(t.caughtUp(), "the rest of the backlog: the end of the data, wait before reading again");
        append(log, exec(900_001));
        assertTrue(t.step());
        assertTrue(t.caughtUp(), "a few new records: wait for more to come instead of reading them one by one");
        Files.move(log, dir.resolve("audit.log.1"));
        append(log, exec(900_002));
        assertTrue(t.step(), "the rotation is noticed");
        assertFalse(t.caughtUp(), "the new file may hold a backlog: read it at once");
        drain(t);
        assertEquals(900_002, pids().get(pids().size() - 1));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void truncationIsReadFromTheStartAndReported() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, exec(1) + exec(2));
        LogTailer t = tailer(log);
        t.open();
        drain(t);
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(0);
        }
        append(log, exec(3));
        drain(t);
        assertEquals(List.of(1, 2, 3), pids());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).startsWith("truncated"), problems.toString());
    }

    @Test
    void restartResumesWhereItStopped() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, exec(1) + exec(2));
        LogTailer t = tailer(log);
        t.open();
        drain(t);
        t.save();
        // stopped here; more is written, then the log is rotated, while we are down
        append(log, exec(3));
        Files.move(log, dir.resolve("audit.log.1"));
        append(log, exec(4));
        LogTailer t2 = tailer(log);
        assertTrue(t2.open());
        drain(t2);
        drain(t2);
        assertEquals(List.of(1, 2, 3, 4), pids());
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void restartInTheMiddleOfInterleavedEventsRepeatsNothing() throws IOException {
        Path log = dir.resolve("audit.log");
        String[] a = exec(10).split("\n");
        String[] b = exec(11).split("\n");
        // 10 starts, 11 completes, 10 still in flight when the position is saved
        append(log, a[0] + "\n" + a[1] + "\n" + b[0] + "\n" + b[1] + "\n" + b[2] + "\n");
        LogTailer t = tailer(log);
        t.open();
        drain(t);
        t.save();
        assertEquals(List.of(11), pids());
        // crash: no shutdown flush. The rest of event 10 arrives, then a new one
        append(log, a[2] + "\n" + exec(12));
        LogTailer t2 = tailer(log);
        t2.open();
        drain(t2);
        assertEquals(List.of(11, 10, 12), pids(), "10 is not lost, 11 not repeated");
    }

    @Test
    void cleanStopFlushesAndSavesAnExactPosition() throws Exception {
        Path log = dir.resolve("audit.log");
        append(log, exec(1) + exec(2).split("\n")[0] + "\n"); // event 2 has no PROCTITLE yet
        LogTailer t = tailer(log);
        Thread th = new Thread(t);
        th.start();
        while (events.isEmpty()) {
            Thread.sleep(5); // until the thread has read event 1
        }
        t.stop();
        th.join();
        int before = events.size();
        assertEquals(List.of(1, 2), pids(), "the stop completes event 2 rather than dropping it");
        Position p = Position.load(dir.resolve("state/pos"));
        assertEquals(Files.size(log), p.offset());
        append(log, exec(3));
        LogTailer t2 = tailer(log);
        t2.open();
        drain(t2);
        assertEquals(before + 1, events.size());
        assertEquals(3, (Integer) events.get(events.size() - 1).payload().get(0).get("ProcessId"));
    }

    /**
     * startAtEnd and no saved position, but no log yet at the first look (auditd starts after the
     * agent): everything in the log when it comes was written after that look, so it is read from
     * its start, not from where its end happens to be when the tailer looks again.
     */
    @Test
    void aLogThatAppearsAfterTheFirstLookIsReadFromItsStart() throws IOException {
        Path log = dir.resolve("audit.log");
        LogTailer t = tailer(log, 60_000, true);
        assertFalse(t.open());
        append(log, exec(1) + exec(2));
        assertTrue(t.open());
        drain(t);
        assertEquals(List.of(1, 2), pids());
        assertEquals(List.of("missing"), problems.stream().map(p -> p.substring(0, p.indexOf(':'))).toList());
    }

    /** startAtEnd with the log there: what was in it before open() is not read, what comes after is. */
    @Test
    void startAtEndSkipsOnlyWhatWasThereAtOpen() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, exec(1));
        LogTailer t = tailer(log, 60_000, true);
        assertTrue(t.open());
        append(log, exec(2));
        drain(t);
        assertEquals(List.of(2), pids());
    }

    /**
     * auditd writes an event a record at a time and a busy machine can pause it between two: a
     * quiet log then holds a connect's SYSCALL without its SOCKADDR. The idle flush must not cut
     * it (that connect was lost: AuditIntegrationTest's missing ConnectionCreate); an event that
     * gets no end record (here a lone kernel record of a multi-record type) is still flushed.
     */
    @Test
    void aQuietLogDoesNotCutASyscallEventStillBeingWritten() throws IOException {
        Path log = dir.resolve("audit.log");
        append(log, exec(1)); // a PROCTITLE: this kernel ends syscall events with one
        LogTailer t = tailer(log, 0, false); // idle at once
        assertTrue(t.open());
        drain(t);
        String[] c = connect(2);
        append(log, c[0]);
        append(log, "type=NETFILTER_CFG msg=audit(1700000001.500:3): table=filter family=2 entries=4 op=xt_replace\n");
        drain(t);
        assertEquals(1, events.size(), "the connect waits for the rest of its records: " + events);
        assertEquals(1, lastPipeline.inFlight(), "only the connect is in flight: the lone NETFILTER_CFG was flushed");
        append(log, c[1] + c[2]);
        drain(t);
        assertEquals(2, events.size(), events.toString());
        Map<String, Object> conn = events.get(1).payload().get(0);
        assertEquals("ConnectionCreate", events.get(1).name());
        assertEquals("127.0.0.1", conn.get("RemoteAddress"));
        assertEquals("8080", conn.get("RemotePort"));
        assertTrue(problems.isEmpty(), problems.toString());
    }

    @Test
    void partialLastLineWaitsForItsNewline() throws IOException {
        Path log = dir.resolve("audit.log");
        String e = exec(7);
        append(log, e.substring(0, 50));
        LogTailer t = tailer(log);
        t.open();
        drain(t);
        assertTrue(events.isEmpty());
        append(log, e.substring(50));
        drain(t);
        assertEquals(List.of(7), pids());
    }

    @Test
    void positionFileRoundTripsAndRejectsDamage() throws IOException {
        Position p = new Position(12, 345, 678, new long[] {1, 2});
        Path f = dir.resolve("p");
        p.store(f);
        assertEquals(p, Position.load(f));
        Files.writeString(f, "inode x\n");
        try {
            Position.load(f);
            throw new AssertionError("damaged position accepted");
        } catch (IOException expected) {
            assertTrue(expected.getMessage().contains("bad line"));
        }
    }
}
