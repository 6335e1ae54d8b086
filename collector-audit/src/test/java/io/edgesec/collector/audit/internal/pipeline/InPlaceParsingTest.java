package io.edgesec.collector.audit.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.Corpus;
import io.edgesec.collector.audit.internal.TestRecords;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.RecordParser;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines are parsed in place over the reader's buffer, and only records of events still in flight
 * at the end of a read are copied. Whatever the read sizes, and although the buffer is
 * overwritten after every read, the events must be exactly those of reading everything at once.
 */
class InPlaceParsingTest {
    private static byte[] input() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Path f : Corpus.files()) {
            for (String l : Corpus.recordLines(f)) {
                b.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        String[] extra = {
            // an event whose records are far apart, with a long argument in chunks across EXECVE records
            "type=SYSCALL msg=audit(1700000000.100:900): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=77 uid=0 exe=\"/bin/echo\" key=(null)",
            "type=EXECVE msg=audit(1700000000.100:900): argc=3 a0=\"echo\" a1_len=8 a1[0]=41424344",
            "type=USER_AUTH msg=audit(1700000000.100:901): pid=5 uid=0 msg='op=PAM:authentication acct=\"x\" exe=\"/usr/bin/su\" res=failed'\r",
            "type=EXECVE msg=audit(1700000000.100:900): a1[1]=45464748 a2=\"x y\"",
            "type=CWD msg=audit(1700000000.100:900): cwd=\"/tmp\"",
            "type=PROCTITLE msg=audit(1700000000.100:900): proctitle=6563686F",
            // no PROCTITLE: stays in flight until the end
            "node=n1 type=SYSCALL msg=audit(1700000000.200:902): arch=c000003e syscall=42 success=yes exit=0 a0=3 pid=78 uid=0 exe=\"/bin/nc\" key=(null)",
            "node=n1 type=SOCKADDR msg=audit(1700000000.200:902): saddr=02000050C0A800010000000000000000",
        };
        for (String l : extra) {
            b.writeBytes((l + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // the last line has no newline
        b.writeBytes("type=USER_LOGIN msg=audit(1700000000.300:903): pid=9 uid=0 msg='op=login acct=\"root\" exe=\"/usr/sbin/sshd\" res=failed'"
                .getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    private record Result(List<String> events, String summary) {
    }

    /** Feeds {@code data} in reads of the given sizes through one buffer that is scribbled over after each read. */
    private static Result run(byte[] data, Random sizes, int maxRead) {
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline p = TestRecords.pipeline(out);
        LineSplitter s = p.splitter();
        byte[] buf = new byte[maxRead];
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, sizes == null ? maxRead : 1 + sizes.nextInt(maxRead));
            System.arraycopy(data, at, buf, 0, n);
            s.feed(buf, 0, n, at);
            Arrays.fill(buf, (byte) 'X'); // a record still pointing here would read garbage
            at += n;
        }
        s.finish();
        p.finish();
        List<String> events = new ArrayList<>();
        for (SecurityEvent e : out) {
            events.add(e.toJson().replace(e.id(), "")); // ids are random
        }
        return new Result(events, p.summary());
    }

    @Test
    void anyReadSizeGivesTheSameEventsAsOneRead() throws IOException {
        byte[] data = input();
        Result whole = run(data, null, data.length);
        assertTrue(whole.events().size() > 20, whole.toString());
        assertTrue(whole.events().stream().anyMatch(j -> j.contains("echo ABCDEFGH \\\"x y\\\"")), whole.events().toString());
        for (int size : new int[] {1, 2, 3, 7, 8, 9, 64, 200, 4096}) {
            assertEquals(whole, run(data, null, size), "reads of " + size + " bytes");
        }
        Random rnd = new Random(11);
        for (int i = 0; i < 20; i++) {
            assertEquals(whole, run(data, rnd, 1 + rnd.nextInt(600)), "random reads, round " + i);
        }
    }

    @Test
    void aRecordParsedInPlaceBorrowsUntilDetached() {
        byte[] buf = "xxtype=CWD msg=audit(1.000:2): cwd=\"/tmp\" name=AByy".getBytes(StandardCharsets.UTF_8);
        RecordParser p = new RecordParser();
        AuditRecord r = p.parseInPlace(buf, 2, buf.length - 2, 2);
        assertTrue(r.isBorrowed());
        assertEquals("/tmp", r.get("cwd")); // indexed while borrowed
        r.detach();
        assertFalse(r.isBorrowed());
        Arrays.fill(buf, (byte) 'X');
        assertEquals("/tmp", r.get("cwd"));
        assertEquals("AB", r.get("name"));
        assertEquals("type=CWD msg=audit(1.000:2): cwd=\"/tmp\" name=AB", r.line());
        AuditRecord copied = p.parse(buf, 0, buf.length, 0);
        assertEquals(null, copied, "garbage is not a record");
        AuditRecord owned = p.parse("type=CWD msg=audit(1.000:3): cwd=\"/\"");
        assertFalse(owned.isBorrowed(), "parse() copies");
    }
}
