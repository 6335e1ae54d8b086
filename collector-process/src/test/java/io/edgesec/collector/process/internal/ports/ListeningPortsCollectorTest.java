package io.edgesec.collector.process.internal.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.process.internal.testing.TestConfigs;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListeningPortsCollectorTest {

    private static List<Map<String, Object>> items(List<SecurityEvent> events, String port, String protocol) {
        SecurityEvent lp = events.get(0);
        assertEquals("ListeningPorts", lp.name());
        return lp.payload().stream().filter(p -> port.equals(p.get("LocalPort")) && protocol.equals(p.get("Protocol"))).toList();
    }

    private static String ourExecutable() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/self/exe")).toString();
    }

    @Test
    void socketsOpenedByThisTestAppearWithThisJvm() throws Exception {
        ListeningPortsCollector c = new ListeningPortsCollector(TestConfigs.ports("/proc", true));
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 50, lo);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(lo, 0));
                Socket client = new Socket(lo, server.getLocalPort());
                Socket accepted = server.accept();
                DatagramSocket connectedUdp = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            connectedUdp.connect(new InetSocketAddress(lo, udp.getLocalPort()));
            List<SecurityEvent> events = c.collect();
            SecurityEvent lp = events.get(0);
            assertEquals(EventCategory.PERIODIC, lp.category());
            String pid = Long.toString(ProcessHandle.current().pid());
            String exe = ourExecutable();

            List<Map<String, Object>> tcp = items(events, Integer.toString(server.getLocalPort()), "tcp");
            assertEquals(1, tcp.size(), lp.toJson());
            assertEquals("127.0.0.1", tcp.get(0).get("LocalAddress"));
            Map<?, ?> extra = (Map<?, ?>) tcp.get(0).get("ExtraDetails");
            assertTrue(List.of(((String) extra.get("Pid")).split(",")).contains(pid), extra.toString());
            assertEquals(exe, extra.get("Executable"));
            assertNotNull(extra.get("Inode"));
            assertNotNull(extra.get("NetworkNamespace"));

            List<Map<String, Object>> u = items(events, Integer.toString(udp.getLocalPort()), "udp");
            assertEquals(1, u.size(), lp.toJson());
            Map<?, ?> uextra = (Map<?, ?>) u.get(0).get("ExtraDetails");
            assertTrue(List.of(((String) uextra.get("Pid")).split(",")).contains(pid));
            assertEquals(exe, uextra.get("Executable"));

            assertTrue(items(events, Integer.toString(client.getLocalPort()), "tcp").isEmpty(), "a connected socket is not listening");
            assertTrue(items(events, Integer.toString(connectedUdp.getLocalPort()), "udp").isEmpty(), "a connected UDP socket neither");
            for (Map<String, Object> p : lp.payload()) {
                assertFalse(p.containsKey("RemoteAddress"));
                assertTrue(p.get("LocalPort") instanceof String);
            }
        }
    }

    @Test
    void aClosedServerSocketDisappears() throws Exception {
        ListeningPortsCollector c = new ListeningPortsCollector(TestConfigs.ports("/proc", false));
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = server.getLocalPort();
            assertEquals(1, items(c.collect(), Integer.toString(port), "tcp").size());
        }
        assertTrue(items(c.collect(), Integer.toString(port), "tcp").isEmpty());
    }

    private static final String TCP_HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

    private static String row(String local, String state, long inode) {
        return "   0: " + local + " 00000000:0000 " + state + " 00000000:00000000 00:00000000 00000000     0        0 " + inode
                + " 1 0000000000000000 100 0 0 10 0\n";
    }

    @Test
    void fakeProcRootWithNamespacesOwnersAndParseErrors(@TempDir Path root) throws Exception {
        // pid 1: host namespace, owns inode 1000 listening on 0.0.0.0:22
        Path p1 = Files.createDirectories(root.resolve("1"));
        Files.createDirectories(p1.resolve("ns"));
        Files.createSymbolicLink(p1.resolve("ns/net"), Path.of("net:[4026531840]"));
        Files.createDirectories(p1.resolve("fd"));
        Files.createSymbolicLink(p1.resolve("fd/3"), Path.of("socket:[1000]"));
        Files.createSymbolicLink(p1.resolve("fd/4"), Path.of("/dev/null"));
        Files.createSymbolicLink(p1.resolve("exe"), Path.of("/usr/sbin/sshd"));
        Files.createDirectories(p1.resolve("net"));
        Files.writeString(p1.resolve("net/tcp"), TCP_HEADER + row("00000000:0016", "0A", 1000) + row("0100007F:0050", "01", 1001)
                + "   9: garbage\n");
        // pid 200: a container namespace, owns inode 2000 listening on 0.0.0.0:8080
        Path p2 = Files.createDirectories(root.resolve("200"));
        Files.createDirectories(p2.resolve("ns"));
        Files.createSymbolicLink(p2.resolve("ns/net"), Path.of("net:[4026532500]"));
        Files.createDirectories(p2.resolve("fd"));
        Files.createSymbolicLink(p2.resolve("fd/7"), Path.of("socket:[2000]"));
        Files.createSymbolicLink(p2.resolve("exe"), Path.of("/usr/bin/node"));
        Files.createDirectories(p2.resolve("net"));
        Files.writeString(p2.resolve("net/tcp"), TCP_HEADER + row("00000000:1F90", "0A", 2000));
        Files.writeString(p2.resolve("net/udp6"), TCP_HEADER);

        List<SecurityEvent> all = new ListeningPortsCollector(TestConfigs.ports(root.toString(), true)).collect();
        SecurityEvent lp = all.get(0);
        assertEquals(2, lp.payload().size(), lp.toJson());
        Map<String, Object> ssh = lp.payload().get(0);
        assertEquals("22", ssh.get("LocalPort"));
        assertEquals("0.0.0.0", ssh.get("LocalAddress"));
        assertEquals(Map.of("Pid", "1", "Executable", "/usr/sbin/sshd", "Inode", "1000", "NetworkNamespace", "host"),
                ssh.get("ExtraDetails"));
        Map<String, Object> node = lp.payload().get(1);
        assertEquals("8080", node.get("LocalPort"));
        assertEquals(Map.of("Pid", "200", "Executable", "/usr/bin/node", "Inode", "2000", "NetworkNamespace", "net:[4026532500]"),
                node.get("ExtraDetails"));
        // the garbage row is reported as a CollectorStatus, not fatal
        assertEquals(2, all.size());
        Map<String, Object> status = all.get(1).payload().get(0);
        assertEquals("CollectorStatus", all.get(1).name());
        assertEquals("ParseError", status.get("Status"));
        assertTrue(((String) status.get("Message")).contains("tcp line 4"), (String) status.get("Message"));

        List<SecurityEvent> hostOnly = new ListeningPortsCollector(TestConfigs.ports(root.toString(), false)).collect();
        assertEquals(1, hostOnly.get(0).payload().size());
    }

    @Test
    void wherePid1CannotBeReadOurOwnNamespaceIsRead(@TempDir Path root) throws Exception {
        // pid 1 exists but its ns link is unreadable (absent here); its tables are another namespace's
        Files.createDirectories(root.resolve("1/net"));
        Files.writeString(root.resolve("1/net/tcp"), TCP_HEADER + row("00000000:0019", "0A", 25));
        Files.createDirectories(root.resolve("self/ns"));
        Files.createSymbolicLink(root.resolve("self/ns/net"), Path.of("net:[4026532999]"));
        Files.createDirectories(root.resolve("net"));
        Files.writeString(root.resolve("net/tcp"), TCP_HEADER + row("0100007F:1F40", "0A", 8000));
        ListeningPortsCollector collector = new ListeningPortsCollector(TestConfigs.ports(root.toString(), true));
        List<SecurityEvent> first = collector.collect();
        SecurityEvent lp = first.get(0);
        assertEquals(1, lp.payload().size(), lp.toJson());
        assertEquals("8000", lp.payload().get(0).get("LocalPort"));
        // our own namespace, said to be ours: never called the host's
        assertEquals("self", ((Map<?, ?>) lp.payload().get(0).get("ExtraDetails")).get("NetworkNamespace"));
        // and said once, as a warning
        assertEquals(2, first.size(), first.toString());
        Map<String, Object> status = first.get(1).payload().get(0);
        assertEquals("HostNamespaceUnavailable", status.get("Status"));
        assertEquals("Warning", status.get("Severity"));
        assertEquals(1, collector.collect().size(), "the warning is not repeated every period");
    }

    @Test
    void nothingListeningIsAnEmptyPeriodicEvent(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("1/ns"));
        Files.createSymbolicLink(root.resolve("1/ns/net"), Path.of("net:[1]"));
        SecurityEvent lp = new ListeningPortsCollector(TestConfigs.ports(root.toString(), true)).collect().get(0);
        assertTrue(lp.isEmpty());
        assertTrue(lp.toJson().contains("\"IsEmpty\":true"));
    }
}
