package io.edgesec.collector.audit.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.collector.audit.internal.TestRecords;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * The log tailer saves its position as the start of the oldest record it still needs, plus the
 * serials of events already sent whose records lie after it ({@link AuditPipeline#sentAfter}).
 * Between two saves a backlog read at full speed completes many events; those that no save can
 * need any more are forgotten early, so memory stays bounded, and none that a save needs is lost.
 */
class CompletedEventsTest {
    private static final int LINE = 200; // every test line is padded to this many bytes

    private static String line(String text) {
        StringBuilder sb = new StringBuilder(text).append(" pad=");
        while (sb.length() < LINE - 1) {
            sb.append('x');
        }
        return sb.append('\n').toString();
    }

    private static String exec(long serial, boolean complete) {
        String t = "1700000000.000:" + serial;
        String s = line("type=SYSCALL msg=audit(" + t + "): arch=c000003e syscall=59 success=yes exit=0 pid=" + serial
                + " uid=0 exe=\"/bin/x\"");
        return complete ? s + line("type=PROCTITLE msg=audit(" + t + "): proctitle=78") : s;
    }

    private static void feed(LineSplitter s, long[] offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.feed(b, 0, b.length, offset[0]);
        offset[0] += b.length;
    }

    @Test
    void eventsCompletedBehindAnEventInFlightAreAllKept() {
        AuditPipeline p = TestRecords.pipeline(new ArrayList<>());
        p.trackCompleted(true);
        LineSplitter s = p.splitter();
        long[] offset = {0};
        feed(s, offset, exec(1, false)); // in flight from offset 0: a restart must read from there
        for (long serial = 2; serial <= 901; serial++) {
            feed(s, offset, exec(serial, true));
        }
        assertEquals(1, p.inFlight());
        long[] sent = p.sentAfter(0);
        assertEquals(900, sent.length, "every event completed after the one in flight");
        assertEquals(2, sent[0]);
        assertEquals(901, sent[sent.length - 1]);
    }

    @Test
    void aLongBacklogWithoutSavesKeepsOnlyWhatASaveCouldNeed() {
        AuditPipeline p = TestRecords.pipeline(new ArrayList<>());
        p.trackCompleted(true);
        LineSplitter s = p.splitter();
        long[] offset = {0};
        for (long serial = 1; serial <= 20_000; serial++) {
            feed(s, offset, exec(serial, true));
        }
        assertTrue(p.completedCapacity() <= 1024, "arrays for " + p.completedCapacity() + " events");
        long lastEventStart = offset[0] - 2 * LINE;
        assertArrayEquals(new long[] {20_000}, p.sentAfter(lastEventStart));
        assertArrayEquals(new long[0], p.sentAfter(offset[0]));
    }
}
