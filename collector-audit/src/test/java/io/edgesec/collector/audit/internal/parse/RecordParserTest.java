package io.edgesec.collector.audit.internal.parse;

import static io.edgesec.collector.audit.internal.TestRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordParserTest {
    private static final String GS = "\u001d";

    @Test
    void headerFieldsAndTimestamp() {
        AuditRecord r = record("type=SYSCALL msg=audit(1451781471.394:194435): arch=c000003e syscall=23 success=yes exit=1 "
                + "a0=c items=0 ppid=1271 pid=1281 auid=1000 comm=\"sshd\" exe=\"/usr/sbin/sshd\" key=(null)");
        assertEquals("SYSCALL", r.type().name);
        assertEquals(1300, r.code());
        assertEquals(1451781471L, r.seconds());
        assertEquals(394, r.millis());
        assertEquals(194435L, r.serial());
        assertNull(r.node());
        assertEquals("1281", r.get("pid"));
        assertEquals(1271, r.number("ppid", -1));
        assertEquals(0xc000003eL, r.hexNumber("arch", -1));
        assertEquals("/usr/sbin/sshd", r.get("exe"));
        assertEquals("(null)", r.get("key"));
        assertEquals(java.time.Instant.parse("2016-01-03T00:37:51.394Z"), r.timestamp());
    }

    @Test
    void nodePrefixIsKept() {
        AuditRecord r = record("node=edge-01 type=CWD msg=audit(1493129355.852:624): cwd=\"/home/a\"");
        assertEquals("edge-01", r.node());
        assertEquals("/home/a", r.get("cwd"));
        assertEquals(624, r.serial());
    }

    @Test
    void hexOnlyInUntrustedFieldsAndOnlyUppercase() {
        AuditRecord r = record("type=SYSCALL msg=audit(1.000:1): arch=c000003e syscall=59 a0=6 a1=1000 uid=1000 "
                + "comm=6261736820 exe=2F7573722F62696E2F707974686F6E322E373B3538643163636662202864656C6574656429 key=(null)");
        // register arguments look like hex but are numbers; they are not decoded
        assertEquals("6", r.get("a0"));
        assertEquals("1000", r.get("uid"));
        assertEquals("bash ", r.untrusted("comm", null));
        assertEquals("/usr/bin/python2.7;58d1ccfb (deleted)", r.untrusted("exe", null));
        List<String> bad = new ArrayList<>();
        assertEquals("(null)", r.untrusted("key", (rec, f) -> bad.add(f)));
        assertTrue(bad.isEmpty(), "(null) is a special value, not bad hex");
        // lowercase or odd length is not kernel hex: returned as written, and reported
        AuditRecord w = record("type=CWD msg=audit(1.000:2): cwd=2f746d70 name=ABC");
        assertEquals("2f746d70", w.untrusted("cwd", (rec, f) -> bad.add(f)));
        assertEquals("ABC", w.untrusted("name", (rec, f) -> bad.add(f)));
        assertEquals(List.of("cwd", "name"), bad);
    }

    @Test
    void quotedInnerMessageOfUserRecords() {
        AuditRecord r = record("type=USER_LOGIN msg=audit(1493216050.975:21203): pid=10617 uid=0 auid=4294967295 "
                + "ses=4294967295 msg='op=login acct=28696E76616C6964207573657229 exe=\"/usr/sbin/sshd\" hostname=? "
                + "addr=31.207.47.36 terminal=sshd res=failed'");
        assertEquals(1112, r.code());
        assertEquals("10617", r.get("pid"));
        assertEquals("login", r.get("op"));
        assertEquals("(invalid user)", r.untrusted("acct", null));
        assertEquals("/usr/sbin/sshd", r.untrusted("exe", null));
        assertEquals("31.207.47.36", r.get("addr"));
        assertEquals("failed", r.get("res"));
        int msg = r.find("msg");
        assertTrue(msg >= 0 && (r.flags(msg) & AuditRecord.SQUOTED) != 0);
        assertTrue((r.flags(r.find("op")) & AuditRecord.INNER) != 0);
    }

    @Test
    void legacyUserRecordsWithBareWords() {
        AuditRecord r = record("type=USER_CMD msg=audit(1488862769.030:19469538): user pid=3027 uid=497 auid=700 ses=11988 "
                + "msg='cwd=\"/\" cmd=2F7573722F6C696236342F6E6167696F73 terminal=? res=success'");
        assertEquals("3027", r.get("pid"));
        assertEquals("/usr/lib64/nagios", r.untrusted("cmd", null));
        AuditRecord d = record("type=DAEMON_CONFIG msg=audit(1490239800.477:34) config changed, auid=0 pid=1512 res=success");
        assertEquals("1512", d.get("pid"));
        assertEquals("success", d.get("res"));
    }

    @Test
    void enrichedFieldsAfterGroupSeparatorWithoutSpace() {
        AuditRecord r = record("type=SYSCALL msg=audit(1700000000.123:77): arch=c000003e syscall=59 success=yes exit=0 "
                + "uid=0 auid=1000 exe=\"/usr/bin/id\" key=(null)" + GS + "ARCH=x86_64 SYSCALL=execve AUID=\"alice\" UID=\"root\"");
        assertEquals("(null)", r.get("key"), "the key must not swallow the enriched part");
        assertEquals("root", r.enriched("UID"));
        assertEquals("execve", r.enriched("SYSCALL"));
        assertEquals("0", r.get("uid"));
        assertNull(r.get("UID"), "enriched fields are not raw fields");
        AuditRecord u = record("type=USER_AUTH msg=audit(1700000000.200:78): pid=5 uid=0 auid=4294967295 ses=4294967295 "
                + "msg='op=PAM:authentication grantors=? acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=/dev/pts/1 res=failed'"
                + GS + "UID=\"root\" AUID=\"unset\"");
        assertEquals("failed", u.get("res"));
        assertEquals("nobody", u.untrusted("acct", null));
        assertEquals("unset", u.enriched("AUID"));
        AuditRecord s = record("type=SOCKADDR msg=audit(1700000000.300:79): saddr=02000050A9FEA9FE0000000000000000"
                + GS + "SADDR={ saddr_fam=inet laddr=169.254.169.254 lport=80 }");
        assertEquals("02000050A9FEA9FE0000000000000000", s.get("saddr"));
        assertEquals(" saddr_fam=inet laddr=169.254.169.254 lport=80 ", s.enriched("SADDR"));
    }

    @Test
    void junkAfterClosingQuoteIsTolerated() {
        AuditRecord r = record("type=EXECVE msg=audit(1515708162.888:124507): argc=3 a0=\"docker\" a1=\"inspect\" a2=\"721df12151a7\"'");
        assertEquals("721df12151a7", r.get("a2"));
    }

    @Test
    void unknownTypesKeepTheirNumber() {
        AuditRecord r = record("type=UNKNOWN[1334] msg=audit(1.000:3): prog-id=12 op=LOAD");
        assertEquals(1334, r.code());
        assertEquals("LOAD", r.get("op"));
        assertEquals(1327, record("type=PROCTITLE msg=audit(1.000:3): proctitle=\"x\"").code());
    }

    @Test
    void brokenLinesAreRejectedWithAReason() {
        RecordParser p = new RecordParser();
        String[] bad = {
            "", "garbage", "type=SYSCALL", "type=SYSCALL msg=audit(", "type=SYSCALL msg=audit(12.34:5): a=1",
            "type=SYSCALL msg=audit(1.000:99999999999): a=1", "type=SYSCALL msg=audit(1.000:5): exe=\"/bin/tru",
"type=UNKNOWN[1329] msg=?",
            "node=x", "type=SOCKADDR msg=audit(1.000:5): SADDR={ saddr_fam=inet",
        };
        for (String b : bad) {
            assertNull(p.parse(b), b);
            assertNotNull(p.lastError(), b);
        }
        assertFalse(p.lastError().isEmpty());
    }

    @Test
    void userMessageWithoutClosingQuoteRunsToTheEndOfTheLine() {
        AuditRecord r = record("type=SERVICE_START msg=audit(1492625990.183:4083): pid=1 uid=0 msg='unit=rsyslog "
                + "comm=\"systemd\" exe=\"/lib/systemd/systemd\" res=success" + GS + "UID=\"root\"");
        assertEquals("success", r.get("res"));
        assertEquals("root", r.enriched("UID"));
    }

    @Test
    void longLinesAreRefused() {
        RecordParser p = new RecordParser();
        byte[] big = new byte[RecordParser.MAX_LINE + 10];
        java.util.Arrays.fill(big, (byte) 'a');
        byte[] head = "type=PATH msg=audit(1.000:1): name=".getBytes();
        System.arraycopy(head, 0, big, 0, head.length);
        assertNull(p.parse(big, 0, big.length, 0));
        assertTrue(p.lastError().contains("longer"), p.lastError());
    }

    @Test
    void singleRecordTypes() {
        assertTrue(record("type=USER_LOGIN msg=audit(1.000:1): pid=1").type().isSingleRecord());
        assertTrue(record("type=DAEMON_START msg=audit(1.000:1): pid=1").type().isSingleRecord());
        assertTrue(record("type=ANOM_LOGIN_FAILURES msg=audit(1.000:1): pid=1").type().isSingleRecord());
        assertTrue(record("type=KERNEL msg=audit(1.000:1): state=initialized").type().isSingleRecord());
        assertFalse(record("type=SYSCALL msg=audit(1.000:1): pid=1").type().isSingleRecord());
        assertFalse(record("type=AVC msg=audit(1.000:1): avc:  denied  { read } for  pid=1").type().isSingleRecord());
    }
}
