package io.edgesec.collector.audit.internal.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.TestRecords;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin-socket source over a real af_unix socket: EOE completes events, a disconnect is reported. */
class AudispSocketSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealtimeStreamAndReportsDisconnects() throws Exception {
        Path sock = dir.resolve("events.sock");
        List<SecurityEvent> events = new CopyOnWriteArrayList<>();
        List<String> status = new CopyOnWriteArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            AudispSocketSource src = new AudispSocketSource(sock, TestRecords.pipeline(events), (s, w, sev, m) -> status.add(w + "/" + sev));
            Thread t = new Thread(src);
            t.start();
            try (SocketChannel client = server.accept()) {
                // an old-kernel event without PROCTITLE: only EOE tells it is complete; split mid-line
                String text = "type=SYSCALL msg=audit(1700000000.100:5): arch=c000003e syscall=59 success=yes exit=0 ppid=1 "
                        + "pid=42 uid=0 exe=\"/bin/ls\"\ntype=EXECVE msg=audit(1700000000.100:5): argc=1 a0=\"ls\"\n"
                        + "type=EOE msg=audit(1700000000.100:5): \n";
                byte[] b = text.getBytes(StandardCharsets.UTF_8);
                client.write(ByteBuffer.wrap(b, 0, 40));
                Thread.sleep(20);
                client.write(ByteBuffer.wrap(b, 40, b.length - 40));
                while (events.isEmpty()) {
                    Thread.sleep(10);
                }
            }
            while (!status.contains("disconnected/ERROR")) {
                Thread.sleep(10);
            }
            src.stop();
            t.join();
        }
        assertEquals(1, events.size());
        assertEquals(42, events.get(0).payload().get(0).get("ProcessId"));
        assertEquals("ls", events.get(0).payload().get(0).get("CommandLine"));
        assertTrue(status.contains("disconnected/ERROR"), status.toString());
    }
}
