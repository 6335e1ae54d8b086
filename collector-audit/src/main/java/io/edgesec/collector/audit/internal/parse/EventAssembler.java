package io.edgesec.collector.audit.internal.parse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Records parsed in place borrow the reader's buffer; {@link #detachInFlight()} copies those
 * still in flight before the reader reuses it, so an event completed within one read never
 * copies its lines.
 * Completed events go to a consumer, or, made without one, wait in order until
 * {@link #pollCompleted()} takes them: the pipeline hands them to its mapper from a loop of its
 * own instead of from inside {@link #add}. C2 compiles each hot method with what it calls inlined
 * up to a budget (8,000 bytecodes); called from here, the mapping and serialization were inlined
 * again into every hot method of the assembler (add, expire) on top of the pipeline's own, each
 * a full unit of compile work, which on one loaded core lengthened the JIT's warm-up by several
 * passes of the audit benchmark (bench/RESULTS.md, audit-c2).
 * Not thread-safe: one assembler per source thread.
 */
public final class EventAssembler {
    /** An event this many serials older than the newest record is done. */
    public static final long SERIAL_DISTANCE = 1000;

    private final Consumer<AuditEvent> out; // null: completed events wait in the queue below
    private final ArrayDeque<AuditEvent> completed = new ArrayDeque<>();
    private final long timeoutMillis;
    private final int maxInFlight;
    private final int maxRecords;
    // keyed by node id (high 32 bits) and serial (a u32, low 32 bits); kept in arrival order,
    // so the eldest entry is the oldest in-flight event
    private final InFlightEvents inFlight = new InFlightEvents();
    private final Map<String, Integer> nodeIds = new HashMap<>(4); // node name -> id 1.. (0: no node=)
    private String lastNode;
    private int lastNodeId;
    private long[] newestSerial = {-1}; // by node id; -1: none yet
    private long newestMillis;
    private long flushedByTime;
    private long evicted;
    private long cut;
    private boolean sawProctitle; // this stream's kernel ends syscall events with PROCTITLE

    public EventAssembler(Consumer<AuditEvent> out, long timeoutMillis, int maxInFlight, int maxRecords) {
        this.out = out;
        this.timeoutMillis = timeoutMillis;
        this.maxInFlight = maxInFlight;
        this.maxRecords = maxRecords;
    }

    public EventAssembler(Consumer<AuditEvent> out) {
        this(out, 2000, 4096, 512);
    }

    /** Without a consumer: completed events wait until {@link #pollCompleted()} takes them. */
    public EventAssembler(long timeoutMillis, int maxInFlight, int maxRecords) {
        this(null, timeoutMillis, maxInFlight, maxRecords);
    }

    /**
     * @return the oldest completed event not yet taken, or null; only for an assembler made
     *         without a consumer (one with a consumer has handed each on already)
     */
    public AuditEvent pollCompleted() {
        return completed.poll();
    }

    /**
     * Adds one record; completed events go to the consumer before this returns (or, without
     * one, wait for {@link #pollCompleted()}), in the order they completed.
     */
    public void add(AuditRecord r) {
        long t = r.seconds() * 1000 + r.millis();
        if (t > newestMillis || t < newestMillis - timeoutMillis) {
            // the newest time, or the clock went back (NTP step, reboot, logs concatenated):
            // stream time restarts there instead of expiring every new event at once
            newestMillis = t;
        }
        RecordType type = r.type();
        int node = nodeId(r.node());
        long k = ((long) node << 32) | r.serial();
        if (type.code == RecordTypes.EOE) {
            AuditEvent e = inFlight.get(k);
            if (e != null) {
                inFlight.remove(e);
                complete(e, true);
            }
        } else if (type.isSingleRecord()) {
            AuditEvent e = new AuditEvent(r);
            e.add(r);
            complete(e, true);
        } else {
            AuditEvent e = inFlight.get(k);
            if (e != null && (e.seconds() != r.seconds() || e.millis() != r.millis())) {
                // same serial, other time: the counter restarted or wrapped; close the old one
                inFlight.remove(e);
                complete(e, false);
                e = null;
            }
            if (e == null) {
                e = new AuditEvent(r);
                inFlight.add(k, e);
            }
            e.add(r);
            if (type.code == RecordTypes.PROCTITLE) {
                sawProctitle = true;
                inFlight.remove(e);
                complete(e, true);
            } else if (e.records.size() >= maxRecords) {
                inFlight.remove(e);
                cut++;
                complete(e, false);
            }
        }
        trackSerial(node, r.serial());
        expire();
        deliver();
    }

    private int nodeId(String node) {
        if (node == null) {
            return 0;
        }
        if (node == lastNode || node.equals(lastNode)) { // the parser hands the same instance on
            return lastNodeId;
        }
        Integer id = nodeIds.get(node);
        if (id == null) {
            id = nodeIds.size() + 1;
            nodeIds.put(node, id);
            newestSerial = java.util.Arrays.copyOf(newestSerial, id + 1);
            newestSerial[id] = -1;
        }
        lastNode = node;
        lastNodeId = id;
        return id;
    }

    private void trackSerial(int node, long serial) {
        long prev = newestSerial[node];
        if (prev < 0 || serial > prev || prev - serial > SerialGapTracker.REORDER_WINDOW) {
            newestSerial[node] = serial;
        }
    }

    private void expire() {
        AuditEvent e = inFlight.eldest();
        while (e != null) {
            boolean tooMany = inFlight.size() > maxInFlight;
            boolean tooOld = newestMillis - e.timeMillis() > timeoutMillis;
            long newest = newestSerial[(int) (e.key >>> 32)];
            boolean tooFar = newest >= 0 && newest - e.serial() > SERIAL_DISTANCE;
            if (!(tooMany || tooOld || tooFar)) {
                break; // the eldest is young enough; younger ones are too (mostly)
            }
            AuditEvent next = e.next;
            inFlight.remove(e);
            if (tooMany) {
                evicted++;
            } else {
                flushedByTime++;
            }
            complete(e, false);
            e = next;
        }
    }

    /** Flushes every in-flight event (end of input, shutdown, or the source went idle). */
    public void flushAll() {
        if (inFlight.isEmpty()) {
            return;
        }
        List<AuditEvent> all = new ArrayList<>(inFlight.size());
        for (AuditEvent e = inFlight.eldest(); e != null; e = e.next) {
            all.add(e);
        }
        inFlight.clear();
        for (AuditEvent e : all) {
            flushedByTime++;
            complete(e, false);
        }
        deliver();
    }

    /**
     * The source has been quiet: completes what is in flight, except syscall events still
     * waiting for their PROCTITLE once this stream has shown that its kernel writes one (the last
     * record of every syscall event since Linux 3.17). auditd writes an event a record at a time
     * and a busy machine can pause it between two: flushed then, a connect would go without its
     * SOCKADDR and map to nothing, and with two sources its cut copy hid the whole one. Those
     * complete with their PROCTITLE, by the stream-time and serial-distance rules once newer
     * records come, or at shutdown.
     */
    public void flushIdle() {
        AuditEvent e = inFlight.eldest();
        while (e != null) {
            AuditEvent next = e.next;
            if (!sawProctitle || e.first(RecordTypes.SYSCALL) == null) {
                inFlight.remove(e);
                flushedByTime++;
                complete(e, false);
            }
            e = next;
        }
        deliver();
    }

    /** Flushes in-flight events whose stream time is older than {@code millis}. */
    public void flushOlderThan(long millis) {
        AuditEvent e = inFlight.eldest();
        while (e != null) {
            AuditEvent next = e.next;
            if (e.timeMillis() < millis) {
                inFlight.remove(e);
                flushedByTime++;
                complete(e, false);
            }
            e = next;
        }
        deliver();
    }

    /**
     * Makes every in-flight record own its bytes: the reader is about to reuse the buffer that
     * records parsed in place borrow (see {@link RecordParser#parseInPlace}).
     */
    public void detachInFlight() {
        for (AuditEvent e = inFlight.eldest(); e != null; e = e.next) {
            e.detach();
        }
    }

    private void complete(AuditEvent e, boolean byRule) {
        e.finish(byRule);
        completed.add(e);
    }

    /** Hands the completed events to the consumer, if there is one. */
    private void deliver() {
        if (out != null) {
            for (AuditEvent e; (e = completed.poll()) != null; ) {
                out.accept(e);
            }
        }
    }

    /**
     * @return the source offset of the oldest record still in flight, or -1 if none; a position
     *         persisted for restart must not pass it, or those records would be lost
     */
    public long oldestInFlightOffset() {
        long min = Long.MAX_VALUE;
        for (AuditEvent e = inFlight.eldest(); e != null; e = e.next) {
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
}
