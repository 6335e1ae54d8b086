package io.edgesec.collector.audit.internal.events;

import static io.edgesec.collector.audit.internal.TestRecords.map;
import static io.edgesec.collector.audit.internal.TestRecords.only;
import static io.edgesec.collector.audit.internal.TestRecords.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.UserNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventMapperTest {
    private static final String GS = "\u001d";

    static String hex(String s) {
        return HexFormat.of().withUpperCase().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String syscall(String arch, int nr, String serial, String extra) {
        return "type=SYSCALL msg=audit(1700000000.123:" + serial + "): arch=" + arch + " syscall=" + nr
                + " success=yes exit=0 a0=3 a1=7ffd a2=10 a3=0 items=0 ppid=100 pid=200 auid=1000 uid=1000 gid=1000 "
                + "euid=1000 tty=pts0 ses=3 comm=\"prog\" exe=\"/usr/bin/prog\" key=\"edgesec\"" + extra;
    }

    @Test
    void processCreateWithSpacesAndNonAsciiArgument() {
        SecurityEvent e = only(map(
                syscall("c000003e", 59, "10", ""),
                "type=EXECVE msg=audit(1700000000.123:10): argc=3 a0=\"/usr/bin/prog\" a1=" + hex("hello wörld") + " a2=\"-x\"",
                "type=CWD msg=audit(1700000000.123:10): cwd=\"/tmp\"",
                "type=PATH msg=audit(1700000000.123:10): item=0 name=\"/usr/bin/prog\" inode=1 nametype=NORMAL",
                "type=PROCTITLE msg=audit(1700000000.123:10): proctitle=" + hex("/usr/bin/prog\0hello wörld\0-x")));
        assertEquals(EventNames.PROCESS_CREATE, e.name());
        assertEquals(Instant.parse("2023-11-14T22:13:20.123Z"), e.timestamp());
        Map<String, Object> p = payload(e);
        assertEquals("/usr/bin/prog", p.get("Executable"));
        assertEquals("/usr/bin/prog \"hello wörld\" -x", p.get("CommandLine"));
        assertEquals("1000", p.get("UserId"));
        assertEquals(200, p.get("ProcessId"));
        assertEquals(100, p.get("ParentProcessId"));
        assertEquals(Map.of("AuditUserId", "1000", "Cwd", "/tmp"), p.get("ExtraDetails"));
    }

    @Test
    void longArgumentsSplitAcrossRecordsAreJoinedBeforeDecoding() {
        String big = "x".repeat(10) + "é" + "y".repeat(5);
        String h = hex(big);
        int cut = 21; // in the middle of é's two bytes (hex chars 20..23)
        cut = 22;
        SecurityEvent e = only(map(
                syscall("c000003e", 59, "11", ""),
                "type=EXECVE msg=audit(1700000000.123:11): argc=2 a0=\"cat\" a1_len=" + h.length() + " a1[0]=" + h.substring(0, cut),
                "type=EXECVE msg=audit(1700000000.123:11):  a1[1]=" + h.substring(cut),
                "type=PROCTITLE msg=audit(1700000000.123:11): proctitle=\"cat\""));
        assertEquals("cat " + big, payload(e).get("CommandLine"));
    }

    @Test
    void argumentsAreOrderedNumericallyAndMissingOnesCounted() {
        StringBuilder rec = new StringBuilder("type=EXECVE msg=audit(1700000000.123:12): argc=13");
        for (int i = 11; i >= 0; i--) {
            if (i != 4) {
                rec.append(" a").append(i).append("=\"").append(i).append('"');
            }
        }
        SecurityEvent e = only(map(syscall("c000003e", 59, "12", ""), rec.toString(),
                "type=PROCTITLE msg=audit(1700000000.123:12): proctitle=\"x\""));
        Map<String, Object> p = payload(e);
        assertEquals("0 1 2 3 \"\" 5 6 7 8 9 10 11", p.get("CommandLine"));
        assertEquals("2", ((Map<?, ?>) p.get("ExtraDetails")).get("MissingArguments"));
    }

    @Test
    void execveNumbersPerArchitecture() {
        for (Object[] a : new Object[][] {{"c00000b7", 221}, {"40000028", 11}, {"40000003", 11}, {"c00000f3", 221}}) {
            List<SecurityEvent> ev = map(syscall((String) a[0], (Integer) a[1], "13", ""),
                    "type=EXECVE msg=audit(1700000000.123:13): argc=1 a0=\"ls\"",
                    "type=PROCTITLE msg=audit(1700000000.123:13): proctitle=\"ls\"");
            assertEquals(EventNames.PROCESS_CREATE, only(ev).name(), "arch " + a[0]);
        }
        // 59 is execve on x86_64 but not on aarch64 (it is pipe2): no event
        assertTrue(map(syscall("c00000b7", 59, "14", ""), "type=PROCTITLE msg=audit(1700000000.123:14): proctitle=\"x\"").isEmpty());
    }

    @Test
    void unknownArchitectureFallsBackToTheEnrichedSyscallName() {
        SecurityEvent e = only(map(syscall("deadbeef", 9999, "15", GS + "ARCH=weird SYSCALL=execve UID=\"alice\""),
                "type=EXECVE msg=audit(1700000000.123:15): argc=1 a0=\"ls\""));
        assertEquals("alice", payload(e).get("UserName"));
    }

    @Test
    void failedExecIsNoProcess() {
        String failed = syscall("c000003e", 59, "16", "").replace("success=yes exit=0", "success=no exit=-2");
        assertTrue(map(failed, "type=PROCTITLE msg=audit(1700000000.123:16): proctitle=\"x\"").isEmpty());
    }

    private static List<SecurityEvent> connect(String arch, int nr, String result, String saddr, String... more) {
        String sc = syscall(arch, nr, "20", "").replace("success=yes exit=0", result);
        String[] lines = new String[3 + more.length];
        System.arraycopy(more, 0, lines, 0, more.length);
        lines[more.length] = sc;
        lines[more.length + 1] = "type=SOCKADDR msg=audit(1700000000.123:20): saddr=" + saddr;
        lines[more.length + 2] = "type=PROCTITLE msg=audit(1700000000.123:20): proctitle=" + hex("curl\0http://x");
        return map(lines);
    }

    @Test
    void nonBlockingTcpConnectIsAConnection() {
        Map<String, Object> p = payload(only(connect("c000003e", 42, "success=no exit=-115", "02000050A9FEA9FE0000000000000000")));
        assertEquals("169.254.169.254", p.get("RemoteAddress"));
        assertEquals("80", p.get("RemotePort"));
        assertEquals("Out", p.get("Direction"));
        assertEquals("tcp", p.get("Protocol"));
        assertEquals(200, p.get("ProcessId"));
        assertEquals("/usr/bin/prog", p.get("Executable"));
        assertEquals("curl http://x", p.get("CommandLine"));
        assertEquals("1000", p.get("UserId"));
    }

    @Test
    void refusedConnectIsNoConnection() {
        assertTrue(connect("c000003e", 42, "success=no exit=-111", "02000050A9FEA9FE0000000000000000").isEmpty());
    }

    @Test
    void udpKnownFromTheSocketCall() {
        String socket = "type=SYSCALL msg=audit(1700000000.100:19): arch=c000003e syscall=41 success=yes exit=3 a0=2 a1=80802 "
                + "a2=0 a3=0 items=0 ppid=100 pid=200 auid=1000 uid=1000 exe=\"/usr/bin/prog\" key=\"edgesec\"";
        String title = "type=PROCTITLE msg=audit(1700000000.100:19): proctitle=\"prog\"";
        Map<String, Object> p = payload(only(connect("c000003e", 42, "success=yes exit=0", "02000035080808080000000000000000",
                socket, title)));
        assertEquals("udp", p.get("Protocol"));
        assertEquals("8.8.8.8", p.get("RemoteAddress"));
        assertEquals("53", p.get("RemotePort"));
        assertFalse(p.containsKey("ExtraDetails"));
    }

    @Test
    void ipv6AndMappedIpv4() {
        String v6 = "0A00" + "1F90" + "00000000" + "20010DB8000000000000000000000001" + "00000000";
        Map<String, Object> p = payload(only(connect("c000003e", 42, "success=no exit=-115", v6)));
        assertEquals("2001:db8::1", p.get("RemoteAddress"));
        assertEquals("8080", p.get("RemotePort"));
        String mapped = "0A00" + "0016" + "00000000" + "00000000000000000000FFFF7F000001" + "00000000";
        assertEquals("127.0.0.1", payload(only(connect("c000003e", 42, "success=no exit=-115", mapped))).get("RemoteAddress"));
    }

    @Test
    void bigEndianFamilyBytes() {
        // ppc64 (big-endian): family 0x0002 written as 0002
        Map<String, Object> p = payload(only(connect("80000015", 328, "success=no exit=-115", "00020050C0A800010000000000000000")));
        assertEquals("192.168.0.1", p.get("RemoteAddress"));
        assertEquals("80", p.get("RemotePort"));
    }

    @Test
    void unixAndNetlinkSocketsAreNotConnections() {
        assertTrue(connect("c000003e", 42, "success=yes exit=0", hex("\u0001\u0000/run/dbus/system_bus_socket")).isEmpty());
        assertTrue(connect("c000003e", 42, "success=yes exit=0", "100000000000000000000000").isEmpty());
        assertTrue(connect("c000003e", 42, "success=yes exit=0", "0100").isEmpty(), "short sockaddr");
    }

    @Test
    void aarch64AndArmAndI386SocketcallConnect() {
        assertEquals("tcp", payload(only(connect("c00000b7", 203, "success=no exit=-115", "02000050A9FEA9FE0000000000000000"))).get("Protocol"));
        assertEquals(1, connect("40000028", 283, "success=no exit=-115", "02000050A9FEA9FE0000000000000000").size());
        // i386 socketcall(SYS_CONNECT=3, args): the fd is in the SOCKETCALL record
        String sc = "type=SYSCALL msg=audit(1700000000.123:21): arch=40000003 syscall=102 success=no exit=-115 a0=3 a1=bfb0 "
                + "items=0 ppid=1 pid=77 uid=0 exe=\"/bin/busybox\"";
        List<SecurityEvent> ev = map(sc, "type=SOCKETCALL msg=audit(1700000000.123:21): nargs=3 a0=5 a1=bfc0 a2=10",
                "type=SOCKADDR msg=audit(1700000000.123:21): saddr=0200005008080404",
                "type=PROCTITLE msg=audit(1700000000.123:21): proctitle=\"wget\"");
        assertEquals("8.8.4.4", payload(only(ev)).get("RemoteAddress"));
    }

    @Test
    void acceptIsInboundWithTheBoundLocalPort() {
        String bind = "type=SYSCALL msg=audit(1700000000.000:30): arch=c000003e syscall=49 success=yes exit=0 a0=3 a1=7ffd a2=10 "
                + "a3=0 items=0 ppid=1 pid=500 uid=0 exe=\"/usr/sbin/sshd\"";
        String acc = "type=SYSCALL msg=audit(1700000001.000:31): arch=c000003e syscall=288 success=yes exit=4 a0=3 a1=7ffd a2=7ffe "
                + "a3=80000 items=0 ppid=1 pid=500 uid=0 exe=\"/usr/sbin/sshd\"";
        List<SecurityEvent> ev = map(bind, "type=SOCKADDR msg=audit(1700000000.000:30): saddr=02000016000000000000000000000000",
                "type=PROCTITLE msg=audit(1700000000.000:30): proctitle=\"sshd\"",
                acc, "type=SOCKADDR msg=audit(1700000001.000:31): saddr=0200D2E50A8E00020000000000000000",
                "type=PROCTITLE msg=audit(1700000001.000:31): proctitle=\"sshd\"");
        Map<String, Object> p = payload(only(ev));
        assertEquals("In", p.get("Direction"));
        assertEquals("10.142.0.2", p.get("RemoteAddress"));
        assertEquals("53989", p.get("RemotePort"));
        assertEquals("0.0.0.0", p.get("LocalAddress"));
        assertEquals("22", p.get("LocalPort"));
        assertEquals("tcp", p.get("Protocol"));
    }

    @Test
    void failedSuIsAFailedLogin() {
        Map<String, Object> p = payload(only(map("type=USER_AUTH msg=audit(1700000000.200:78): pid=4242 uid=0 auid=1000 ses=3 "
                + "msg='op=PAM:authentication grantors=? acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? "
                + "terminal=/dev/pts/1 res=failed'" + GS + "UID=\"root\" AUID=\"alice\"")));
        assertEquals(4242, p.get("ProcessId"));
        assertEquals("PAM:authentication", p.get("Operation"));
        assertEquals("/usr/bin/su", p.get("Executable"));
        assertEquals("nobody", p.get("UserName"));
        assertEquals("Fail", p.get("Result"));
        assertFalse(p.containsKey("RemoteAddress"));
    }

    @Test
    void sshLoginsSuccessAndFailure() {
        Map<String, Object> bad = payload(only(map("type=USER_LOGIN msg=audit(1493216050.975:21203): pid=10617 uid=0 "
                + "auid=4294967295 ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" "
                + "hostname=? addr=31.207.47.36 terminal=sshd res=failed'")));
        assertEquals("(invalid user)", bad.get("UserName"));
        assertEquals("31.207.47.36", bad.get("RemoteAddress"));
        assertEquals("Fail", bad.get("Result"));
        Map<String, Object> ok = payload(only(map("type=USER_LOGIN msg=audit(1481077043.193:421): pid=1298 uid=0 auid=1000 ses=1 "
                + "msg='op=login id=1000 exe=\"/usr/sbin/sshd\" hostname=h addr=96.241.146.97 terminal=/dev/pts/0 res=success'")));
        assertEquals("1000", ok.get("UserId"));
        assertEquals("Success", ok.get("Result"));
        assertEquals("h", ((Map<?, ?>) ok.get("ExtraDetails")).get("Hostname"));
    }

    @Test
    void sudoReauthenticationIsNotALogin() {
        assertTrue(map("type=USER_AUTH msg=audit(1.000:9): pid=1 uid=1000 auid=1000 ses=1 msg='op=PAM:authentication "
                + "acct=\"alice\" exe=\"/usr/bin/sudo\" hostname=? addr=? terminal=/dev/pts/0 res=success'").isEmpty());
    }

    @Test
    void accountChanges() {
        Map<String, Object> add = payload(only(map("type=ADD_USER msg=audit(1.000:9): pid=1264 uid=0 auid=1000 ses=1 "
                + "msg='op=add-user id=1001 exe=\"/usr/sbin/useradd\" hostname=? addr=? terminal=? res=success'")));
        assertEquals("ADD_USER", add.get("RecordType"));
        assertEquals("add-user", add.get("Operation"));
        assertEquals("1001", add.get("UserId"));
        assertEquals("1000", add.get("ActorUserId"));
        assertEquals("Success", add.get("Result"));
        Map<String, Object> del = payload(only(map("type=DEL_GROUP msg=audit(1.000:10): pid=5 uid=0 auid=4294967295 ses=4294967295 "
                + "msg='op=delete-group acct=\"frodo\" exe=\"/usr/sbin/groupdel\" hostname=? addr=? terminal=pts/0 res=success'")));
        assertEquals("frodo", del.get("GroupName"));
        assertEquals("0", del.get("ActorUserId"));
    }

    @Test
    void kindsCanBeSwitchedOff() {
        List<SecurityEvent> out = new java.util.ArrayList<>();
        EventMapper m = new EventMapper(java.util.EnumSet.of(EventKind.LOGIN), UserNames.NONE, null);
        var events = io.edgesec.collector.audit.internal.TestRecords.events(syscall("c000003e", 59, "10", ""),
                "type=PROCTITLE msg=audit(1700000000.123:10): proctitle=\"x\"");
        events.forEach(ev -> m.map(ev, out::add));
        assertTrue(out.isEmpty());
    }
}
