package io.edgesec.collector.audit.internal.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.Corpus;
import io.edgesec.collector.audit.internal.TestRecords;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import io.edgesec.collector.audit.internal.source.LineSplitter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Garbage in gives counted parse errors and the pipeline keeps going; a bounded mutation fuzzer
 * over corpus records (Jazzer could not run under Surefire here; see the module README).
 */
class GarbageInputTest {
    private static final String GOOD = "type=USER_AUTH msg=audit(1700000000.200:78): pid=4242 uid=0 auid=1000 ses=3 "
            + "msg='op=PAM:authentication acct=\"nobody\" exe=\"/usr/bin/su\" hostname=? addr=? terminal=pts/1 res=failed'";

    private static AuditPipeline feed(List<SecurityEvent> out, byte[] data, int chunk) {
        AuditPipeline p = TestRecords.pipeline(out);
        LineSplitter s = p.splitter();
        for (int i = 0; i < data.length; i += chunk) {
            int end = Math.min(data.length, i + chunk);
            s.feed(data, i, end, i);
        }
        s.finish();
        p.finish();
        return p;
    }

    @Test
    void truncatedRandomHugeAndBadHexLinesAreCountedAndTheNextRecordStillWorks() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("type=SYSCALL msg=audit(1700000000.100:70): arch=c000003e syscall=59 success=yes exit=0 exe=\"/bin/tr\n"
                .getBytes(StandardCharsets.UTF_8)); // truncated inside a quote
        b.write("type=SYSCALL msg=audit(1700000000.1\n".getBytes(StandardCharsets.UTF_8)); // truncated header
        byte[] random = new byte[4096];
        new Random(42).nextBytes(random);
        for (int i = 0; i < random.length; i++) {
            if (random[i] == '\n') {
                random[i] = 'x';
            }
        }
        b.write(random);
        b.write('\n');
        byte[] huge = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'A');
        System.arraycopy("type=PATH msg=audit(1700000000.100:71): name=".getBytes(), 0, huge, 0, 45);
        b.write(huge);
        b.write('\n');
        b.write(("type=SYSCALL msg=audit(1700000000.150:72): arch=c000003e syscall=59 success=yes exit=0 ppid=1 pid=9 "
                + "uid=0 exe=2F62696E2F6C7Z key=(null)\n").getBytes(StandardCharsets.UTF_8)); // wrong hex
        b.write("type=EXECVE msg=audit(1700000000.150:72): argc=2 a0=\"ls\" a1=41424\n".getBytes(StandardCharsets.UTF_8));
        b.write("type=PROCTITLE msg=audit(1700000000.150:72): proctitle=ZZ\n".getBytes(StandardCharsets.UTF_8));
        b.write((GOOD + "\n").getBytes(StandardCharsets.UTF_8));
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline p = feed(out, b.toByteArray(), 65536);
        assertEquals(4, p.counters().parseErrors(), p.counters().recentErrors().toString());
        assertEquals(2, p.counters().badHex(), "exe and a1 of serial 72 (its proctitle is not needed: EXECVE is there)");
        assertTrue(p.counters().recentErrors().stream().anyMatch(m -> m.contains("10485760 bytes is longer")),
                p.counters().recentErrors().toString());
        assertEquals(List.of("ProcessCreate", "Login"), out.stream().map(SecurityEvent::name).toList());
        assertEquals("2F62696E2F6C7Z", out.get(0).payload().get(0).get("Executable"), "kept as written");
    }

    @Test
    void mutatedCorpusNeverThrowsAndEveryLineIsCounted() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (Path f : Corpus.files()) {
            for (String l : Corpus.recordLines(f)) {
                seeds.add(l.getBytes(StandardCharsets.UTF_8));
            }
        }
        seeds.add(("type=SOCKADDR msg=audit(1.000:9): saddr=0A001F90000000002001DB8000000000000000000000000100000000"
                + "\u001dSADDR={ saddr_fam=inet6 }").getBytes(StandardCharsets.UTF_8));
        seeds.add("type=EXECVE msg=audit(1.000:9): argc=3 a0=\"x\" a1_len=4 a1[0]=4142 a1[1]=4344".getBytes(StandardCharsets.UTF_8));
        long iterations = Long.getLong("edgesec.fuzz.iterations", 20_000);
        Random rnd = new Random(Long.getLong("edgesec.fuzz.seed", 1));
        for (long it = 0; it < iterations; it++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int lines = 1 + rnd.nextInt(12);
            for (int i = 0; i < lines; i++) {
                byte[] line = mutate(seeds.get(rnd.nextInt(seeds.size())).clone(), rnd, seeds);
                b.write(line, 0, line.length);
                b.write('\n');
            }
            byte[] data = b.toByteArray();
            List<SecurityEvent> out = new ArrayList<>();
            AuditPipeline p;
            try {
                p = feed(out, data, 1 + rnd.nextInt(200));
                for (SecurityEvent e : out) {
                    e.toJson();
                }
            } catch (RuntimeException e) {
                throw new AssertionError("iteration " + it + " threw on input:\n" + new String(data, StandardCharsets.ISO_8859_1), e);
            }
            long blank = 0;
            for (String l : new String(data, StandardCharsets.ISO_8859_1).split("\n", -1)) {
                if (l.isEmpty() || l.equals("\r")) {
                    blank++;
                }
            }
            blank--; // the split's empty tail after the last newline is not a line
            assertEquals(p.counters().lines() - blank, p.counters().records() + p.counters().parseErrors(),
                    "every line is a record or a counted error, iteration " + it);
            assertEquals(0, p.counters().mappingErrors(), p.counters().recentErrors().toString());
        }
    }

    private static byte[] mutate(byte[] b, Random rnd, List<byte[]> seeds) {
        int ops = rnd.nextInt(4);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(7)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256); // random byte
                case 1 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 2 -> {
                    byte[] special = "\"'{}= \u001d:()[]".getBytes(StandardCharsets.ISO_8859_1);
                    b[at] = special[rnd.nextInt(special.length)];
                }
                case 3 -> b[at] = (byte) "0123456789ABCDEFZ".charAt(rnd.nextInt(17)); // hex digits and not
                case 4 -> { // splice a piece of another record in
                    byte[] o = seeds.get(rnd.nextInt(seeds.size()));
                    int from = rnd.nextInt(o.length);
                    int len = Math.min(o.length - from, rnd.nextInt(64));
                    byte[] n = new byte[b.length + len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(o, from, n, at, len);
                    System.arraycopy(b, at, n, at + len, b.length - at);
                    b = n;
                }
                case 5 -> { // repeat a field (argc=99999, long values)
                    byte[] n = new byte[b.length * 2 - at];
                    System.arraycopy(b, 0, n, 0, b.length);
                    System.arraycopy(b, at, n, b.length, b.length - at);
                    b = n;
                }
                default -> { // delete a range
                    int len = Math.min(b.length - at, rnd.nextInt(16));
                    byte[] n = new byte[b.length - len];
                    System.arraycopy(b, 0, n, 0, at);
                    System.arraycopy(b, at + len, n, at, b.length - at - len);
                    b = n;
                }
            }
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                b[i] = ' ';
            }
        }
        return b;
    }
}
