package io.edgesec.collector.audit.internal.parse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Groups records into events by (node, serial, timestamp), tolerating interleaving, and decides
 * when an event is complete. The on-disk audit.log has no EOE records (auditd writes EOE only to
 * its realtime plugin stream), so completion follows auditd's own rules (auditd.conf(5), NOTES):
 * <ul>
 * <li>EOE ends the event (the EOE record itself is dropped);</li>
 * <li>PROCTITLE is always the last record of a syscall event;</li>
 * <li>single-record types (below 1300, from 2100, AUDIT_KERNEL) are events on their own;</li>
 * <li>an event older than {@code timeoutMillis} in stream time, or {@link #SERIAL_DISTANCE}
 *     serials behind the newest one, is flushed (old kernels have no PROCTITLE);</li>
 * <li>memory is bounded: past {@code maxInFlight} events the oldest is flushed, past
 *     {@code maxRecords} records an event is cut.</li>
 * </ul>
 * Not thread-safe: one assembler per source thread.
 */
public final class EventAssembler {
    /** An event this many serials older than the newest record is done. */
    public static final long SERIAL_DISTANCE = 1000;

    private final Consumer<AuditEvent> out;
    private final long timeoutMillis;
    private final int maxInFlight;
    private final int maxRecords;
    // insertion order == arrival order, so the eldest entry is the oldest in-flight event
    private final LinkedHashMap<Object, AuditEvent> inFlight = new LinkedHashMap<>(64);
    private final Map<String, Long> newestSerial = new HashMap<>(2);
    private long newestMillis;
    private long flushedByTime;
    private long evicted;
    private long cut;

    public EventAssembler(Consumer<AuditEvent> out, long timeoutMillis, int maxInFlight, int maxRecords) {
        this.out = out;
        this.timeoutMillis = timeoutMillis;
        this.maxInFlight = maxInFlight;
        this.maxRecords = maxRecords;
    }

    public EventAssembler(Consumer<AuditEvent> out) {
        this(out, 2000, 4096, 512);
    }

    /** Adds one record; completed events go to the consumer before this returns. */
    public void add(AuditRecord r) {
        long t = r.seconds() * 1000 + r.millis();
        if (t > newestMillis || t < newestMillis - timeoutMillis) {
            // the newest time, or the clock went back (NTP step, reboot, logs concatenated):
            // stream time restarts there instead of expiring every new event at once
            newestMillis = t;
        }
        RecordType type = r.type();
        if (type.code == RecordTypes.EOE) {
            AuditEvent e = inFlight.remove(key(r));
            if (e != null) {
                complete(e, true);
            }
        } else if (type.isSingleRecord()) {
            AuditEvent e = new AuditEvent(r);
            e.add(r);
            complete(e, true);
        } else {
            Object k = key(r);
            AuditEvent e = inFlight.get(k);
            if (e != null && (e.seconds() != r.seconds() || e.millis() != r.millis())) {
                // same serial, other time: the counter restarted or wrapped; close the old one
                inFlight.remove(k);
                complete(e, false);
                e = null;
            }
            if (e == null) {
                e = new AuditEvent(r);
                inFlight.put(k, e);
            }
            e.add(r);
            if (type.code == RecordTypes.PROCTITLE) {
                inFlight.remove(k);
                complete(e, true);
            } else if (e.records.size() >= maxRecords) {
                inFlight.remove(k);
                cut++;
                complete(e, false);
            }
        }
        trackSerial(r);
        expire();
    }

    private void trackSerial(AuditRecord r) {
        String n = r.node() == null ? "" : r.node();
        Long prev = newestSerial.get(n);
        if (prev == null || r.serial() > prev || prev - r.serial() > SerialGapTracker.REORDER_WINDOW) {
            newestSerial.put(n, r.serial());
        }
    }

    private void expire() {
        if (inFlight.isEmpty()) {
            return;
        }
        Iterator<AuditEvent> it = inFlight.values().iterator();
        while (it.hasNext()) {
            AuditEvent e = it.next();
            boolean tooMany = inFlight.size() > maxInFlight;
            boolean tooOld = newestMillis - e.timeMillis() > timeoutMillis;
            Long newest = newestSerial.get(e.node() == null ? "" : e.node());
            boolean tooFar = newest != null && newest - e.serial() > SERIAL_DISTANCE;
            if (!(tooMany || tooOld || tooFar)) {
                break; // the eldest is young enough; younger ones are too (mostly)
            }
            it.remove();
            if (tooMany) {
                evicted++;
            } else {
                flushedByTime++;
            }
            complete(e, false);
        }
    }

    /** Flushes every in-flight event (end of input, shutdown, or the source went idle). */
    public void flushAll() {
        if (inFlight.isEmpty()) {
            return;
        }
        List<AuditEvent> all = new ArrayList<>(inFlight.values());
        inFlight.clear();
        for (AuditEvent e : all) {
            flushedByTime++;
            complete(e, false);
        }
    }

    /** Flushes in-flight events whose stream time is older than {@code millis}. */
    public void flushOlderThan(long millis) {
        Iterator<AuditEvent> it = inFlight.values().iterator();
        while (it.hasNext()) {
            AuditEvent e = it.next();
            if (e.timeMillis() < millis) {
                it.remove();
                flushedByTime++;
                complete(e, false);
            }
        }
    }

    private void complete(AuditEvent e, boolean byRule) {
        e.finish(byRule);
        out.accept(e);
    }

    /**
     * @return the source offset of the oldest record still in flight, or -1 if none; a position
     *         persisted for restart must not pass it, or those records would be lost
     */
    public long oldestInFlightOffset() {
        long min = Long.MAX_VALUE;
        for (AuditEvent e : inFlight.values()) {
            if (e.startOffset < min) {
                min = e.startOffset;
            }
        }
        return min == Long.MAX_VALUE ? -1 : min;
    }

    public int inFlight() {
        return inFlight.size();
    }

    /** @return events flushed without a completion record (time, distance, shutdown) */
    public long flushedByTime() {
        return flushedByTime;
    }

    /** @return events flushed early because too many were in flight */
    public long evicted() {
        return evicted;
    }

    /** @return events cut because they had too many records */
    public long cut() {
        return cut;
    }

    private static Object key(AuditRecord r) {
        return r.node() == null ? (Object) r.serial() : new NodeSerial(r.node(), r.serial());
    }

    private record NodeSerial(String node, long serial) {
    }
}
