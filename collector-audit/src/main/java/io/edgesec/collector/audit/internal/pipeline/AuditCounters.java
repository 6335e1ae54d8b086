package io.edgesec.collector.audit.internal.pipeline;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pipeline saw and lost: records, parse errors (with the last few messages naming
 * where), values that should have been hex and were not, events flushed without their final
 * record, and mapping failures. Written by the pipeline thread, read by the status reporter.
 */
public final class AuditCounters {
    static final int KEEP_MESSAGES = 5;

    volatile long lines;
    volatile long records;
    volatile long parseErrors;
    volatile long badHex;
    volatile long mappingErrors;
    volatile long events;
    volatile long securityEvents;
    private final ArrayDeque<String> recent = new ArrayDeque<>(KEEP_MESSAGES);

    synchronized void error(String message) {
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
        return lines;
    }

    public long records() {
        return records;
    }

    public long parseErrors() {
        return parseErrors;
    }

    public long badHex() {
        return badHex;
    }

    public long mappingErrors() {
        return mappingErrors;
    }

    /** Audit events assembled. */
    public long events() {
        return events;
    }

    /** Security events emitted. */
    public long securityEvents() {
        return securityEvents;
    }
}
