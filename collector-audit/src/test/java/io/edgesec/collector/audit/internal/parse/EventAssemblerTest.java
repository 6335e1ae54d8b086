package io.edgesec.collector.audit.internal.parse;

import static io.edgesec.collector.audit.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventAssemblerTest {
    private final List<AuditEvent> out = new ArrayList<>();
    private final EventAssembler a = new EventAssembler(out::add, 2000, 4096, 512);

    private static String sc(String time, long serial) {
        return "type=SYSCALL msg=audit(" + time + ":" + serial + "): arch=c000003e syscall=59 success=yes exit=0 pid=1";
    }

    @Test
    void interleavedEventsAreKeptApartAndCompleteOnProctitle() {
        a.add(record(sc("1.394", 194435)));
        a.add(record(sc("1.394", 194433)));
        a.add(record("type=PROCTITLE msg=audit(1.394:194433): proctitle=\"bash\""));
        assertEquals(1, out.size());
        assertEquals(194433, out.get(0).serial());
        assertEquals(2, out.get(0).records().size());
        assertTrue(out.get(0).isComplete());
        a.add(record("type=PROCTITLE msg=audit(1.394:194435): proctitle=737368643A206275726E205B707269765D"));
        assertEquals(2, out.size());
        assertEquals(194435, out.get(1).serial());
        assertEquals(0, a.inFlight());
    }

    @Test
    void eoeCompletesAndIsNotPartOfTheEvent() {
        a.add(record(sc("5.000", 7)));
        a.add(record("type=CWD msg=audit(5.000:7): cwd=\"/\""));
        assertTrue(out.isEmpty());
        a.add(record("type=EOE msg=audit(5.000:7): "));
        assertEquals(1, out.size());
        assertEquals(2, out.get(0).records().size());
        // an EOE after PROCTITLE (the plugin stream) finds nothing in flight: ignored
        a.add(record(sc("5.000", 8)));
        a.add(record("type=PROCTITLE msg=audit(5.000:8): proctitle=\"x\""));
        a.add(record("type=EOE msg=audit(5.000:8): "));
        assertEquals(2, out.size());
    }

    /**
     * A quiet source: before any PROCTITLE came (an old kernel writes none) a syscall event is
     * flushed as it is; once the stream has shown PROCTITLE, one still waiting for its PROCTITLE
     * is being written and stays, while a lone record of a multi-record type goes.
     */
    @Test
    void flushIdleKeepsASyscallEventWaitingForItsProctitleOnceTheStreamHasShownOne() {
        a.add(record(sc("1.000", 1)));
        a.flushIdle();
        assertEquals(1, out.size(), "no PROCTITLE seen yet: flushed as on an old kernel");
        assertFalse(out.get(0).isComplete());
        a.add(record(sc("2.000", 2)));
        a.add(record("type=PROCTITLE msg=audit(2.000:2): proctitle=\"x\""));
        a.add(record(sc("3.000", 3)));
        a.add(record("type=NETFILTER_CFG msg=audit(3.100:4): table=filter family=2 entries=4"));
        a.flushIdle();
        assertEquals(List.of(1L, 2L, 4L), out.stream().map(AuditEvent::serial).toList());
        assertEquals(1, a.inFlight(), "the syscall event 3 waits for the rest of its records");
        a.add(record("type=PROCTITLE msg=audit(3.000:3): proctitle=\"x\""));
        assertEquals(3L, out.get(3).serial());
        assertTrue(out.get(3).isComplete());
    }

    @Test
    void singleRecordTypesCompleteAtOnce() {
        a.add(record("type=USER_AUTH msg=audit(1.000:5): pid=1 msg='op=PAM:authentication acct=\"x\" res=failed'"));
        assertEquals(1, out.size());
        assertTrue(out.get(0).isComplete());
    }

    @Test
    void eventsWithoutProctitleCompleteByStreamTimeOrSerialDistance() {
        a.add(record(sc("100.000", 10))); // old kernel: no PROCTITLE
        a.add(record("type=CWD msg=audit(100.000:10): cwd=\"/\""));
        a.add(record(sc("101.500", 11)));
        assertTrue(out.isEmpty(), "1.5 s later it may still get records");
        a.add(record(sc("102.100", 12)));
        assertEquals(1, out.size(), "2.1 s later it is done");
        assertEquals(10, out.get(0).serial());
        assertFalse(out.get(0).isComplete());
        // serial distance: same second, 1001 serials on
        a.add(record(sc("102.100", 13 + EventAssembler.SERIAL_DISTANCE + 1)));
        assertTrue(out.stream().anyMatch(e -> e.serial() == 11));
        assertTrue(out.stream().anyMatch(e -> e.serial() == 12));
    }

    @Test
    void sameSerialWithAnotherTimestampIsAnotherEvent() {
        a.add(record(sc("1.000", 42)));
        a.add(record(sc("9.000", 42)));
        assertEquals(1, out.size());
        assertEquals(1000, out.get(0).timeMillis());
    }

    @Test
    void memoryIsBounded() {
        EventAssembler small = new EventAssembler(out::add, 2000, 3, 4);
        for (int i = 1; i <= 5; i++) {
            small.add(record(sc("1.000", i)));
        }
        assertEquals(3, small.inFlight());
        assertEquals(2, small.evicted());
        for (int i = 0; i < 4; i++) {
            small.add(record("type=PATH msg=audit(1.000:5): item=" + i + " name=\"/x\""));
        }
        assertEquals(1, small.cut(), "an event is cut at maxRecords");
    }

    @Test
    void nodesKeepTheirOwnSerials() {
        a.add(record("node=a " + sc("1.000", 1)));
        a.add(record("node=b " + sc("1.000", 1)));
        a.add(record("node=a type=PROCTITLE msg=audit(1.000:1): proctitle=\"a\""));
        assertEquals(1, out.size());
        assertEquals("a", out.get(0).node());
        assertEquals(1, a.inFlight());
    }

    @Test
    void offsetsOfTheOldestInFlightRecord() {
        RecordParser p = new RecordParser();
        byte[] l1 = sc("1.000", 1).getBytes();
        byte[] l2 = sc("1.000", 2).getBytes();
        a.add(p.parse(l1, 0, l1.length, 100));
        a.add(p.parse(l2, 0, l2.length, 300));
        assertEquals(100, a.oldestInFlightOffset());
        a.flushAll();
        assertEquals(-1, a.oldestInFlightOffset());
    }
}
