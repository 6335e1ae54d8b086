package io.edgesec.collector.audit.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.support.UserNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The pipeline hands a chunk's events to the sink in one submitAll (the aggregator journals a
 * batch in one write), at the end of the chunk and at every flush, never holding more than
 * {@link SinkBatches#MAX_BATCH}.
 */
class SinkBatchesTest {
    /** Records each submitAll as one batch. */
    private static final class Batches implements EventSink {
        final List<List<String>> batches = new ArrayList<>();

        @Override
        public boolean submit(SecurityEvent event) {
            throw new AssertionError("the pipeline submits in batches");
        }

        @Override
        public int submitAll(List<SecurityEvent> events) {
            batches.add(events.stream().map(e -> (String) e.payload().get(0).get("CommandLine")).toList());
            return events.size();
        }
    }

    private static byte[] execs(int first, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            String ts = "1700000000." + String.format("%03d", i % 1000) + ":" + (1000 + i);
            b.append("type=SYSCALL msg=audit(").append(ts).append("): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=")
                    .append(100 + i).append(" uid=0 exe=\"/bin/true\" key=\"k\"\n");
            b.append("type=EXECVE msg=audit(").append(ts).append("): argc=2 a0=\"true\" a1=\"").append(i).append("\"\n");
            b.append("type=PROCTITLE msg=audit(").append(ts).append("): proctitle=74727565\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static AuditPipeline pipeline(Batches sink) {
        return new AuditPipeline("test", EnumSet.allOf(EventKind.class), UserNames.NONE, new SinkBatches(sink), 2000);
    }

    @Test
    void oneSubmitAllPerChunkInOrder() {
        Batches sink = new Batches();
        AuditPipeline p = pipeline(sink);
        var splitter = p.splitter();
        byte[] first = execs(0, 10);
        splitter.feed(first, 0, first.length, 0);
        assertEquals(1, sink.batches.size(), "the chunk's events in one call: " + sink.batches);
        assertEquals(10, sink.batches.get(0).size());
        assertEquals("true 0", sink.batches.get(0).get(0));
        assertEquals("true 9", sink.batches.get(0).get(9));
        byte[] second = execs(10, 3);
        splitter.feed(second, 0, second.length, first.length);
        assertEquals(List.of("true 10", "true 11", "true 12"), sink.batches.get(1));
        p.flushAll();
        assertEquals(2, sink.batches.size(), "an empty flush submits nothing");
    }

    @Test
    void eventsCompletedByAFlushAreHandedOnByIt() {
        Batches sink = new Batches();
        AuditPipeline p = pipeline(sink);
        // no PROCTITLE: the event stays in flight until the source goes quiet
        byte[] open = ("type=SYSCALL msg=audit(1700000001.000:5): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=9 "
                + "uid=0 exe=\"/bin/sh\" key=\"k\"\ntype=EXECVE msg=audit(1700000001.000:5): argc=1 a0=\"sh\"\n")
                .getBytes(StandardCharsets.UTF_8);
        p.splitter().feed(open, 0, open.length, 0);
        assertTrue(sink.batches.isEmpty());
        p.flushAll();
        assertEquals(List.of(List.of("sh")), sink.batches);
    }

    @Test
    void aBacklogIsHandedOnInBoundedBatches() {
        Batches sink = new Batches();
        AuditPipeline p = pipeline(sink);
        byte[] many = execs(0, 2 * SinkBatches.MAX_BATCH + 7);
        p.splitter().feed(many, 0, many.length, 0);
        p.finish();
        int total = 0;
        for (List<String> b : sink.batches) {
            assertTrue(b.size() <= SinkBatches.MAX_BATCH, "batch of " + b.size());
            total += b.size();
        }
        assertEquals(2 * SinkBatches.MAX_BATCH + 7, total);
        assertEquals("true " + (2 * SinkBatches.MAX_BATCH + 6), sink.batches.get(sink.batches.size() - 1)
                .get(sink.batches.get(sink.batches.size() - 1).size() - 1));
    }
}
