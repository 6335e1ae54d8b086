package io.edgesec.collector.process.internal.ports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProcNetParserTest {
    private final ProcNetParser le = new ProcNetParser(ByteOrder.LITTLE_ENDIAN);
    private final ProcNetParser be = new ProcNetParser(ByteOrder.BIG_ENDIAN);

    private static String resource(String name) throws IOException {
        try (InputStream in = ProcNetParserTest.class.getResourceAsStream("/procnet/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void assertEntry(SocketEntry e, String proto, String la, int lp, String ra, int rp, int state, long inode) {
        assertEquals(new SocketEntry(proto, la, lp, ra, rp, state, inode), e);
    }

    @Test
    void jcTcpFixture() throws IOException {
        List<String> bad = new ArrayList<>();
        List<SocketEntry> rows = le.parse("tcp", resource("jc__net_tcp"), bad::add);
        assertEquals(List.of(), bad);
        assertEquals(4, rows.size());
        assertEntry(rows.get(0), "tcp", "127.0.0.53", 53, "0.0.0.0", 0, 0x0A, 34000);
        assertEntry(rows.get(1), "tcp", "127.0.0.1", 35303, "0.0.0.0", 0, 0x0A, 140054);
        assertEntry(rows.get(2), "tcp", "127.0.0.1", 631, "0.0.0.0", 0, 0x0A, 34523);
        assertEntry(rows.get(3), "tcp", "192.168.42.128", 54352, "152.199.4.33", 443, 0x08, 149098);
        assertTrue(rows.get(0).isListening());
        assertFalse(rows.get(3).isListening(), "CLOSE_WAIT is not listening");
    }

    @Test
    void jcTcp6FixtureAsJcDecodesIt() throws IOException {
        List<String> bad = new ArrayList<>();
        List<SocketEntry> rows = le.parse("tcp6", resource("jc__net_tcp6"), bad::add);
        assertEquals(List.of(), bad, "TIME_WAIT rows are shorter but whole");
        assertEquals(8, rows.size());
        assertEntry(rows.get(0), "tcp", "::", 22, "::", 0, 0x0A, 23556);
        assertTrue(rows.get(0).isListening());
        String local = "2601:646:9e01:f100::3a4c";
        assertEntry(rows.get(1), "tcp", local, 59136, "2a03:2880:f131:83:face:b00c:0:25de", 80, 0x06, 0);
        assertEntry(rows.get(2), "tcp", local, 59878, "2001:4998:44:3507::8000", 80, 0x06, 0);
        assertEntry(rows.get(3), "tcp", local, 38370, "2600:1406:3a00:18f::c3a", 80, 0x06, 0);
        assertEntry(rows.get(4), "tcp", local, 45028, "2001:559:19:6091::720", 80, 0x06, 0);
        assertEntry(rows.get(5), "tcp", local, 40216, "2607:f8b0:4005:801::2004", 80, 0x06, 0);
        assertEntry(rows.get(6), "tcp", local, 60938, "2001:559:19:608f::b33", 80, 0x06, 0);
        assertEntry(rows.get(7), "tcp", local, 32936, "2001:559:19:c000::17c5:3313", 80, 0x06, 0);
        for (int i = 1; i < 8; i++) {
            assertFalse(rows.get(i).isListening(), "TIME_WAIT");
        }
    }

    @Test
    void bigEndianHostsPrintAddressesInNetworkOrder() {
        assertEquals("127.0.0.53", be.decodeAddress("7F000035", false));
        assertEquals("192.168.42.128", be.decodeAddress("C0A82A80", false));
        assertEquals("2001:db8::1", be.decodeAddress("20010DB8000000000000000000000001", true));
        assertEquals("::ffff:10.1.2.3", be.decodeAddress("00000000000000000000FFFF0A010203", true));
        // the same bytes read as a little-endian host prints them
        assertEquals("2001:db8::1", le.decodeAddress("B80D0120000000000000000001000000", true));
        assertEquals("::ffff:10.1.2.3", le.decodeAddress("0000000000000000FFFF00000302010A", true));
        List<SocketEntry> rows = be.parse("udp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
                + "  0: 7F000035:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 20434 2 0000000000000000 0\n",
                s -> {
                    throw new AssertionError(s);
                });
        assertEntry(rows.get(0), "udp", "127.0.0.53", 53, "0.0.0.0", 0, 7, 20434);
        assertTrue(rows.get(0).isListening(), "bound, unconnected UDP");
    }

    @Test
    void randomAddressesRoundTripThroughInetAddress() throws Exception {
        Random r = new Random(1);
        for (int n = 0; n < 2000; n++) {
            byte[] b = new byte[16];
            for (int i = 0; i < 16; i++) {
                b[i] = r.nextInt(3) == 0 ? (byte) r.nextInt(256) : 0;
            }
            String text = io.edgesec.api.net.IpText.ipv6(b, 0);
            assertEquals(InetAddress.getByAddress(b), InetAddress.getByName(text), text);
            // and what a little-endian kernel prints for those bytes decodes back to the same text
            StringBuilder hex = new StringBuilder();
            for (int w = 0; w < 4; w++) {
                for (int i = 3; i >= 0; i--) {
                    hex.append(String.format("%02X", b[w * 4 + i] & 0xff));
                }
            }
            assertEquals(text, le.decodeAddress(hex.toString(), true));
        }
    }

    @Test
    void malformedRowsAreReportedNotFatal() {
        String header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        String good = "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 111 1 0 100 0 0 10 0\n";
        String text = header + good
                + "   1: 0100007F:XYZ1 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 112 1\n"
                + "   2: 0100007F 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 113 1\n"
                + "   3: 01007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 114 1\n"
                + "   4: 0100007F:0016 00000000:0000 0A\n"
                + "   5: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 notanumber 1\n"
                + "\n"
                + good.replace("111", "115");
        List<String> bad = new ArrayList<>();
        List<SocketEntry> rows = le.parse("tcp", text, bad::add);
        assertEquals(2, rows.size());
        assertEquals(111, rows.get(0).inode());
        assertEquals(115, rows.get(1).inode());
        assertEquals(5, bad.size(), bad.toString());
        assertTrue(bad.get(0).startsWith("tcp line 3: "), bad.get(0));
        assertTrue(bad.get(1).startsWith("tcp line 4: ") && bad.get(1).contains("no ':'"), bad.get(1));
        assertTrue(bad.get(2).startsWith("tcp line 5: ") && bad.get(2).contains("expected 8"), bad.get(2));
        assertTrue(bad.get(3).startsWith("tcp line 6: ") && bad.get(3).contains("columns"), bad.get(3));
        assertTrue(bad.get(4).startsWith("tcp line 7: "), bad.get(4));
        // an IPv6 table with an IPv4-length address
        List<String> bad6 = new ArrayList<>();
        assertTrue(le.parse("tcp6", header + good, bad6::add).isEmpty());
        assertTrue(bad6.get(0).contains("expected 32"), bad6.get(0));
    }

    @Test
    void headerOnlyOrEmpty() {
        assertTrue(le.parse("udp6", "  sl  local_address\n", s -> fail()).isEmpty());
        assertTrue(le.parse("udp6", "", s -> fail()).isEmpty());
    }

    private static void fail() {
        throw new AssertionError("no row should be reported");
    }

    @Test
    void listeningRules() {
        assertTrue(new SocketEntry("tcp", "0.0.0.0", 22, "0.0.0.0", 0, 0x0A, 1).isListening());
        assertFalse(new SocketEntry("tcp", "10.0.0.1", 22, "10.0.0.2", 5000, 0x01, 1).isListening());
        assertTrue(new SocketEntry("udp", "::", 5353, "::", 0, 0x07, 1).isListening());
        assertFalse(new SocketEntry("udp", "10.0.0.1", 5353, "10.0.0.2", 53, 0x01, 1).isListening(), "connected UDP");
        assertFalse(new SocketEntry("udp", "10.0.0.1", 5353, "10.0.0.2", 53, 0x07, 1).isListening());
        assertThrows(IllegalArgumentException.class, () -> le.decodeAddress("zz00007F", false));
    }
}
