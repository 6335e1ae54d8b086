package io.edgesec.collector.audit.internal;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.support.UserNames;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.EventAssembler;
import io.edgesec.collector.audit.internal.parse.RecordParser;
import io.edgesec.collector.audit.internal.pipeline.AuditPipeline;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Helpers that run hand-written raw lines through the real parser, assembler and mapper. */
public final class TestRecords {
    private TestRecords() {
    }

    public static AuditRecord record(String line) {
        RecordParser p = new RecordParser();
        AuditRecord r = p.parse(line);
        if (r == null) {
            throw new AssertionError("did not parse: " + p.lastError() + ": " + line);
        }
        return r;
    }

    public static List<AuditEvent> events(String... lines) {
        List<AuditEvent> out = new ArrayList<>();
        EventAssembler a = new EventAssembler(out::add);
        RecordParser p = new RecordParser();
        for (String l : lines) {
            AuditRecord r = p.parse(l);
            if (r == null) {
                throw new AssertionError("did not parse: " + p.lastError() + ": " + l);
            }
            a.add(r);
        }
        a.flushAll();
        return out;
    }

    /** Runs lines through a full pipeline; returns the security events. */
    public static List<SecurityEvent> map(String... lines) {
        List<SecurityEvent> out = new ArrayList<>();
        AuditPipeline p = pipeline(out);
        byte[] all = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        var s = p.splitter();
        s.feed(all, 0, all.length, 0);
        p.finish();
        if (p.counters().parseErrors() > 0) {
            throw new AssertionError("parse errors: " + p.counters().recentErrors());
        }
        return out;
    }

    public static AuditPipeline pipeline(List<SecurityEvent> out) {
        return new AuditPipeline("test", EnumSet.allOf(EventKind.class), UserNames.NONE, out::add, 2000);
    }

    public static SecurityEvent only(List<SecurityEvent> events) {
        if (events.size() != 1) {
            throw new AssertionError("expected one event, got " + events);
        }
        return events.get(0);
    }

    public static Map<String, Object> payload(SecurityEvent e) {
        return e.payload().get(0);
    }
}
