package io.edgesec.collector.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocuments;
import io.edgesec.collector.audit.internal.events.ExecveArgs;
import io.edgesec.collector.audit.internal.events.SockAddr;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.EventAssembler;
import io.edgesec.collector.audit.internal.parse.RecordParser;
import io.edgesec.collector.audit.internal.parse.RecordTypes;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of ../shared/corpus/audit: each record parses (but the one line that is not a record),
 * and what the collector makes of each event agrees with auditd's own {@code ausearch -i} on the
 * same records: the same events (serials) with the same record types, pid, exe, argv, proctitle,
 * socket address and account.
 */
class CorpusTest {
    private static final Pattern HEADER = Pattern.compile("^(?:node=\\S+ )?type=(\\S+) msg=audit\\([^)]*:(\\d+)\\) ?:? ?(.*)$");
    private static final Pattern FIELD_SPLIT = Pattern.compile(" (?=[A-Za-z0-9_\\-\\[\\]]+=)");
    @TempDir
    Path tmp;

    static Stream<Path> files() throws IOException {
        return Corpus.files().stream();
    }

    /** The lines of the corpus that are not records at all (ausearch skips them too). */
    private static boolean knownBad(String line) {
        return line.equals("type=UNKNOWN[1329] msg=?");
    }

    @ParameterizedTest
    @MethodSource("files")
    void everyRecordParses(Path file) throws IOException {
        RecordParser p = new RecordParser();
        int n = 0;
        for (String l : Corpus.recordLines(file)) {
            if (l.isBlank()) {
                continue;
            }
            AuditRecord r = p.parse(l);
            assertEquals(knownBad(l), r == null, file.getFileName() + ": " + l + " -> " + p.lastError());
            n++;
        }
        assertTrue(n > 0 || Files.size(file) > 0, file.toString());
    }

    @ParameterizedTest
    @MethodSource("files")
    void agreesWithAusearch(Path file) throws Exception {
        Path raw = tmp.resolve("records.log");
        Files.write(raw, Corpus.recordLines(file), StandardCharsets.UTF_8);
        Map<Long, Map<String, List<String>>> theirs = ausearch(raw);
        Map<Long, List<AuditRecord>> ours = new TreeMap<>();
        List<AuditEvent> events = new ArrayList<>();
        EventAssembler a = new EventAssembler(events::add);
        RecordParser p = new RecordParser();
        for (String l : Files.readAllLines(raw)) {
            AuditRecord r = p.parse(l);
            if (r != null && r.code() != RecordTypes.EOE) {
                a.add(r);
            }
        }
        a.flushAll();
        for (AuditEvent e : events) {
            ours.computeIfAbsent(e.serial(), k -> new ArrayList<>()).addAll(e.records());
        }
        // ausearch drops AppArmor AVC events (apparmor="DENIED" ...); we keep them
        ours.entrySet().removeIf(e -> !theirs.containsKey(e.getKey())
                && e.getValue().stream().anyMatch(r -> r.code() == 1400 && r.has("apparmor")));
        assertEquals(theirs.keySet(), ours.keySet(), file + ": the same events");
        for (Map.Entry<Long, List<AuditRecord>> e : ours.entrySet()) {
            compare(file + " serial " + e.getKey(), theirs.get(e.getKey()), e.getValue());
        }
    }

    private static void compare(String what, Map<String, List<String>> theirs, List<AuditRecord> ours) {
        List<String> ourTypes = new ArrayList<>();
        for (AuditRecord r : ours) {
            ourTypes.add(r.type().name);
        }
        List<String> theirTypes = new ArrayList<>(theirs.get("#types"));
        ourTypes.sort(null);
        theirTypes.sort(null);
        assertEquals(theirTypes, ourTypes, what + ": record types");
        for (AuditRecord r : ours) {
            String t = r.type().name;
            List<String> fields = theirs.get(t);
            if (fields == null) {
                continue;
            }
            Map<String, String> f = fieldMap(fields.get(0));
            if (r.has("pid") && f.containsKey("pid") && !f.get("pid").equals("?")) {
                assertEquals(f.get("pid"), r.get("pid"), what + " " + t + " pid");
            }
            if (r.has("exe") && f.containsKey("exe")) {
                String exe = r.untrusted("exe", null);
                String theirExe = f.get("exe");
                if (!exe.contains(" ") && theirExe.contains(" (")) {
                    theirExe = theirExe.substring(0, theirExe.indexOf(" (")); // legacy "(hostname=?, ..." tail
                }
                assertEquals(theirExe, exe, what + " " + t + " exe");
            }
            if (t.equals("EXECVE")) {
                ExecveArgs args = ExecveArgs.from(List.of(r), null);
                for (int i = 0; i < args.args.size(); i++) {
                    String arg = args.args.get(i);
                    // ausearch's output is line based: an argument with a newline cannot be compared
                    if (!arg.contains("\n")) {
                        assertEquals(f.get("a" + i), arg, what + " a" + i);
                    }
                }
            }
            if (t.equals("PROCTITLE")) {
                String title = String.join(" ", ExecveArgs.splitProctitle(r.untrustedBytes(r.find("proctitle"), null)));
                assertEquals(f.get("proctitle"), title, what + " proctitle");
            }
            if (t.equals("SOCKADDR") && f.get("saddr").contains("laddr=")) {
                SockAddr sa = SockAddr.parse(r.get("saddr"), true);
                Matcher m = Pattern.compile("laddr=(\\S+) lport=(\\d+)").matcher(f.get("saddr"));
                assertTrue(m.find(), f.get("saddr"));
                assertEquals(m.group(1), sa.address, what + " laddr");
                assertEquals(Integer.parseInt(m.group(2)), sa.port, what + " lport");
            }
            if (r.has("acct") && f.containsKey("acct")) {
                // legacy "PAM: accounting acct=root : exe=..." leaves a bare ':' after the value
                assertEquals(f.get("acct").replaceAll(" :$", ""), r.untrusted("acct", null), what + " acct");
            }
        }
    }

    /** @return serial -> record type -> interpreted field text, plus "#types" -> every record type */
    private Map<Long, Map<String, List<String>>> ausearch(Path file) throws Exception {
        Process p = new ProcessBuilder("ausearch", "-i", "--input", file.toString()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ausearch finished");
        Map<Long, Map<String, List<String>>> events = new TreeMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, List<String>> ev = events.computeIfAbsent(Long.parseLong(m.group(2)), k -> new TreeMap<>());
            if (!m.group(1).equals("EOE")) {
                ev.computeIfAbsent("#types", k -> new ArrayList<>()).add(m.group(1));
            }
            ev.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3).trim());
        }
        return events;
    }

    private static Map<String, String> fieldMap(String text) {
        Map<String, String> m = new TreeMap<>();
        // user records: ausearch prints the inner msg='...' fields too; flatten them
        String flat = text.replace("msg='", "").replace("'", "");
        for (String kv : FIELD_SPLIT.split(flat)) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                m.putIfAbsent(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
            }
        }
        return m;
    }

    @Test
    void replayOfTheWholeCorpusGivesValidEventsAndCountsLoss() throws IOException {
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline pipe = TestRecords.pipeline(out);
        for (Path f : Corpus.files()) {
            var s = pipe.splitter();
            byte[] b = String.join("\n", Corpus.recordLines(f)).concat("\n").getBytes(StandardCharsets.UTF_8);
            s.feed(b, 0, b.length, 0);
        }
        pipe.finish();
        assertEquals(1, pipe.counters().parseErrors(), pipe.counters().recentErrors().toString());
        assertTrue(pipe.counters().recentErrors().get(0).contains("UNKNOWN[1329]"));
        assertEquals(0, pipe.counters().mappingErrors());
        long logins = out.stream().filter(e -> e.name().equals("Login")).count();
        long procs = out.stream().filter(e -> e.name().equals("ProcessCreate")).count();
        long conns = out.stream().filter(e -> e.name().equals("ConnectionCreate")).count();
        long accounts = out.stream().filter(e -> e.name().equals("AccountChange")).count();
        assertTrue(logins >= 8 && procs >= 8 && conns >= 3 && accounts >= 5,
                "logins " + logins + " procs " + procs + " conns " + conns + " accounts " + accounts);
        for (SecurityEvent e : out) {
            try {
                Map<String, Object> j = JsonDocuments.object(e.toJson());
                assertFalse(((List<?>) j.get("Payload")).isEmpty());
            } catch (io.edgesec.support.json.JsonDocumentException ex) {
                throw new AssertionError(e.toJson(), ex);
            }
        }
    }

    @Test
    void goLibauditStreamsCountLossAndRollover() throws IOException {
        Path dir = Corpus.dir();
        assertEquals(0, lost(dir.resolve("go-libaudit__testdata_normal.log")));
        assertEquals(0, lost(dir.resolve("go-libaudit__testdata_out_of_order.log")), "reordering is not loss");
        assertEquals(9, lost(dir.resolve("go-libaudit__testdata_lost_messages.log")), "serials 50..58 never came");
        assertEquals(0, lost(dir.resolve("go-libaudit__testdata_rollover.log")), "4294967295 -> 0 is a wrap");
    }

    private static long lost(Path f) throws IOException {
        AuditPipeline pipe = TestRecords.pipeline(new ArrayList<>());
        byte[] b = Files.readAllBytes(f);
        pipe.splitter().feed(b, 0, b.length, 0);
        pipe.finish();
        return pipe.gaps().lost();
    }
}
