package io.edgesec.collector.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector's promise to whoever opens it (the component, AuditIntegrationTest): every record
 * written to the log after {@link AuditCollector#open} returns is read, however late its threads
 * get to run on a busy machine. Positioned at the end of the log by the tailer thread, it skipped
 * what was written between open() and the thread's first look: on a loaded fresh machine,
 * AuditIntegrationTest's events within its 500 ms "until the tailer is at the end".
 */
class AuditCollectorStartTest {
    @TempDir
    Path dir;

    private static String exec(long n) {
        String t = "1700000000." + String.format("%03d", n % 1000) + ":" + n;
        return "type=SYSCALL msg=audit(" + t + "): arch=c000003e syscall=59 success=yes exit=0 a0=1 items=1 ppid=1 pid=" + n
                + " auid=0 uid=0 exe=\"/bin/e" + n + "\" key=\"k\"\n"
                + "type=EXECVE msg=audit(" + t + "): argc=2 a0=\"e\" a1=\"" + n + "\"\n"
                + "type=PROCTITLE msg=audit(" + t + "): proctitle=\"e\"\n";
    }

    @Test
    void recordsWrittenAfterOpenAreReadHoweverLateTheThreadsStart() throws Exception {
        Path log = dir.resolve("audit.log");
        Files.writeString(log, exec(1), StandardCharsets.UTF_8); // before open(): skipped (startAtEnd)
        CountDownLatch go = new CountDownLatch(1);
        ThreadFactory late = r -> new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            r.run();
        });
        // installRules=false, no auditctl here: the rules check reports that it cannot look (a status event)
        CollectorSettings settings = new CollectorSettings(log, dir.resolve("state"), CollectorSettings.SourceMode.LOG,
                dir.resolve("none.sock"), false, "edgesec-test", EnumSet.of(EventKind.PROCESS_CREATE), null, 3_600_000, true,
                dir.resolve("no-auditctl").toString(), 10);
        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        AuditCollector c = new AuditCollector(settings, late);
        c.open(events::add);
        try {
            Files.writeString(log, exec(2), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            go.countDown(); // only now do the collector's threads run
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (processCreates(events).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10); // polling for the condition, not a guessed wait
            }
            // read in order: had exec(1) been read it would have come first
            assertEquals(List.of(2), processCreates(events), events.toString());
        } finally {
            c.close();
        }
        // no auditctl here (said so, Source auditctl); nothing wrong with the log
        assertTrue(events.stream().noneMatch(e -> EventNames.COLLECTOR_STATUS.equals(e.name())
                && !"auditctl".equals(e.payload().get(0).get("Source"))), events.toString());
    }

    private static List<Integer> processCreates(List<SecurityEvent> events) {
        return events.stream().filter(e -> EventNames.PROCESS_CREATE.equals(e.name()))
                .map(e -> (Integer) e.payload().get(0).get("ProcessId")).toList();
    }
}
