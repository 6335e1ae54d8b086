package io.edgesec.collector.audit.internal.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The records of one audit event (same node, timestamp and serial), in arrival order. */
public final class AuditEvent {
    private final String node;
    private final long serial;
    private final long seconds;
    private final int millis;
    final List<AuditRecord> records = new ArrayList<>(6);
    long startOffset = Long.MAX_VALUE;
    long endOffset = -1;
    private boolean complete;
    // kept by InFlightEvents while the event is being assembled
    long key;
    AuditEvent prev;
    AuditEvent next;
    private boolean borrowed; // a record still refers to its reader's buffer

    AuditEvent(AuditRecord first) {
        this.node = first.node();
        this.serial = first.serial();
        this.seconds = first.seconds();
        this.millis = first.millis();
    }

    /** Builds an event from records given by a test or a tool (no assembly rules applied). */
    public static AuditEvent of(List<AuditRecord> records) {
        AuditEvent e = new AuditEvent(records.get(0));
        for (AuditRecord r : records) {
            e.add(r);
        }
        e.complete = true;
        return e;
    }

    void add(AuditRecord r) {
        records.add(r);
        borrowed |= r.isBorrowed();
        if (r.offset() >= 0 && r.offset() < startOffset) {
            startOffset = r.offset();
        }
        if (r.offset() > endOffset) {
            endOffset = r.offset();
        }
    }

    /** Makes every record own its bytes (see {@link AuditRecord#detach()}). */
    void detach() {
        if (borrowed) {
            for (int i = 0; i < records.size(); i++) {
                records.get(i).detach();
            }
            borrowed = false;
        }
    }

    void finish(boolean byRule) {
        this.complete = byRule;
    }

    /** @return the source offset of the event's last record, or -1 */
    public long endOffset() {
        return endOffset;
    }

    public String node() {
        return node;
    }

    public long serial() {
        return serial;
    }

    public long seconds() {
        return seconds;
    }

    public int millis() {
        return millis;
    }

    /** Stream time in milliseconds since the epoch. */
    public long timeMillis() {
        return seconds * 1000 + millis;
    }

    public Instant timestamp() {
        return Instant.ofEpochSecond(seconds, millis * 1_000_000L);
    }

    /**
     * @return true if the event ended by an auditd completion rule (EOE, PROCTITLE, single-record
     *         type), false if it was flushed by time, distance or shutdown (it may lack records)
     */
    public boolean isComplete() {
        return complete;
    }

    public List<AuditRecord> records() {
        return records;
    }

    /** @return the first record of that type code, or null */
    public AuditRecord first(int code) {
        for (int i = 0; i < records.size(); i++) {
            AuditRecord r = records.get(i);
            if (r.code() == code) {
                return r;
            }
        }
        return null;
    }

    /** @return every record of that type code, in arrival order */
    public List<AuditRecord> all(int code) {
        List<AuditRecord> out = new ArrayList<>(2);
        for (AuditRecord r : records) {
            if (r.code() == code) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AuditEvent(").append(serial).append(':');
        for (AuditRecord r : records) {
            sb.append(' ').append(r.type().name);
        }
        return sb.append(')').toString();
    }
}
