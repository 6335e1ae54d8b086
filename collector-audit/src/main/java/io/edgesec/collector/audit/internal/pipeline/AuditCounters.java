package io.edgesec.collector.audit.internal.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one pipeline saw and lost: records, parse errors (with the last few messages naming
 * where), values that should have been hex and were not, events flushed without their final
 * record, and mapping failures. Written by the pipeline thread, read by the status reporter.
 */
public final class AuditCounters {
    static final int KEEP_MESSAGES = 5;
    private static final int LINES = 0, RECORDS = 1, PARSE_ERRORS = 2, BAD_HEX = 3, MAPPING_ERRORS = 4,
            EVENTS = 5, SECURITY_EVENTS = 6;

    // One writer: it reads its own last value and stores the next with an ordered (release)
    // store, which other threads see soon enough; a volatile ++ would fence on every record.
    private final AtomicLongArray counts = new AtomicLongArray(7);
    private final ArrayDeque<String> recent = new ArrayDeque<>(KEEP_MESSAGES);

    private void inc(int which) {
        counts.lazySet(which, counts.get(which) + 1);
    }

    void line() {
        inc(LINES);
    }

    void record() {
        inc(RECORDS);
    }

    void event() {
        inc(EVENTS);
    }

    void securityEvent() {
        inc(SECURITY_EVENTS);
    }

    void parseError(String message) {
        inc(PARSE_ERRORS);
        error(message);
    }

    void badHex(String message) {
        inc(BAD_HEX);
        error(message);
    }

    void mappingError(String message) {
        inc(MAPPING_ERRORS);
        error(message);
    }

    private synchronized void error(String message) {
        if (recent.size() == KEEP_MESSAGES) {
            recent.pollFirst();
        }
        recent.addLast(message);
    }

    /** @return the last few error messages, oldest first */
    public synchronized List<String> recentErrors() {
        return new ArrayList<>(recent);
    }

    public long lines() {
        return counts.get(LINES);
    }

    public long records() {
        return counts.get(RECORDS);
    }

    public long parseErrors() {
        return counts.get(PARSE_ERRORS);
    }

    public long badHex() {
        return counts.get(BAD_HEX);
    }

    public long mappingErrors() {
        return counts.get(MAPPING_ERRORS);
    }

    /** Audit events assembled. */
    public long events() {
        return counts.get(EVENTS);
    }

    /** Security events emitted. */
    public long securityEvents() {
        return counts.get(SECURITY_EVENTS);
    }
}
