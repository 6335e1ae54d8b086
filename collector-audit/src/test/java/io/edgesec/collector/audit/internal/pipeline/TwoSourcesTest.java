package io.edgesec.collector.audit.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.TestRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * sourceMode=both: the log and the plugin socket deliver the same events, each to its own
 * pipeline, and the first to complete an event maps it. Which one wins varies from event to
 * event, so socket state (socket(2) type, bind(2) address) must reach both pipelines' socket
 * tables, or a connect mapped by one after the socket() was mapped by the other loses its
 * protocol (seen in the integration test: a UDP connect reported as tcp).
 */
class TwoSourcesTest {
    private static final String SOCKET_UDP = String.join("\n",
            "type=SYSCALL msg=audit(1700000000.100:10): arch=c000003e syscall=41 success=yes exit=7 a0=2 a1=80002 a2=0 a3=0 items=0 ppid=1 pid=4242 uid=0 exe=\"/usr/bin/java\" key=\"k\"",
            "type=PROCTITLE msg=audit(1700000000.100:10): proctitle=6A617661", "");
    private static final String BIND = String.join("\n",
            "type=SYSCALL msg=audit(1700000000.150:11): arch=c000003e syscall=49 success=yes exit=0 a0=7 a1=7ffc a2=10 a3=0 items=0 ppid=1 pid=4242 uid=0 exe=\"/usr/bin/java\" key=\"k\"",
            "type=SOCKADDR msg=audit(1700000000.150:11): saddr=0200A4100A0000050000000000000000",
            "type=PROCTITLE msg=audit(1700000000.150:11): proctitle=6A617661", "");
    private static final String CONNECT_UDP = String.join("\n",
            "type=SYSCALL msg=audit(1700000000.200:12): arch=c000003e syscall=42 success=yes exit=0 a0=7 a1=7ffc a2=10 a3=0 items=0 ppid=1 pid=4242 uid=0 exe=\"/usr/bin/java\" key=\"k\"",
            "type=SOCKADDR msg=audit(1700000000.200:12): saddr=020000357F0000010000000000000000",
            "type=PROCTITLE msg=audit(1700000000.200:12): proctitle=6A617661", "");

    private static void feed(AuditPipeline p, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        p.splitter().feed(b, 0, b.length, -1);
    }

    @Test
    void socketStateReachesBothPipelinesWhicheverMapsTheEvent() {
        List<SecurityEvent> out = new ArrayList<>();
        SeenEvents seen = new SeenEvents(1000);
        AuditPipeline socket = TestRecords.pipeline(out);
        AuditPipeline log = TestRecords.pipeline(out);
        socket.dedupeWith(seen);
        log.dedupeWith(seen);
        // the plugin socket is first with socket(2) and bind(2) ...
        feed(socket, SOCKET_UDP);
        feed(socket, BIND);
        feed(log, SOCKET_UDP);
        feed(log, BIND);
        // ... but the log is first with the connect
        feed(log, CONNECT_UDP);
        feed(socket, CONNECT_UDP);
        assertEquals(1, out.size(), out.toString());
        Map<String, Object> p = out.get(0).payload().get(0);
        assertEquals("udp", p.get("Protocol"));
        assertEquals("127.0.0.1", p.get("RemoteAddress"));
        assertEquals("53", p.get("RemotePort"));
        assertEquals("10.0.0.5", p.get("LocalAddress"));
        assertEquals("42000", p.get("LocalPort"));
        assertFalse(p.containsKey("ExtraDetails"), "the protocol is known, not inferred: " + p);
    }

    /**
     * One source flushes a connect before all its records came (a timeout, a disconnect, the
     * shutdown): its SYSCALL alone maps to nothing. The other source's whole copy must still
     * become the ConnectionCreate; it was dropped as a duplicate of the cut one.
     */
    @Test
    void aCopyCutShortDoesNotHideTheWholeOne() {
        List<SecurityEvent> out = new ArrayList<>();
        SeenEvents seen = new SeenEvents(1000);
        AuditPipeline socket = TestRecords.pipeline(out);
        AuditPipeline log = TestRecords.pipeline(out);
        socket.dedupeWith(seen);
        log.dedupeWith(seen);
        feed(log, CONNECT_UDP.substring(0, CONNECT_UDP.indexOf('\n') + 1));
        log.flushAll();
        assertEquals(List.of(), out);
        feed(socket, CONNECT_UDP);
        assertEquals(1, out.size(), out.toString());
        assertEquals("ConnectionCreate", out.get(0).name());
        assertEquals("53", out.get(0).payload().get(0).get("RemotePort"));
        // and the whole copy, once seen, still hides the other source's whole copy
        feed(log, CONNECT_UDP);
        assertEquals(1, out.size(), out.toString());
    }
}
