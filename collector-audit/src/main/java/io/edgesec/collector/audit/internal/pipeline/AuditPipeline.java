package io.edgesec.collector.audit.internal.pipeline;

import io.edgesec.api.event.SecurityEvent;
import io.edgesec.collector.audit.internal.events.EventKind;
import io.edgesec.collector.audit.internal.events.EventMapper;
import io.edgesec.support.UserNames;
import io.edgesec.collector.audit.internal.parse.AuditEvent;
import io.edgesec.collector.audit.internal.parse.AuditRecord;
import io.edgesec.collector.audit.internal.parse.EventAssembler;
import io.edgesec.collector.audit.internal.parse.RecordParser;
import io.edgesec.collector.audit.internal.parse.SerialGapTracker;
import java.util.Set;

/**
 * Raw lines in, security events out: parse, count serial gaps, assemble, map. Used by the live
 * sources and by offline replay alike, so both behave the same. Single-threaded; bad input is
 * counted (with a message naming source and position) and never thrown.
 */
public final class AuditPipeline {
    private final String sourceName;
    private final RecordParser parser = new RecordParser();
    private final SerialGapTracker gaps = new SerialGapTracker();
    private final EventAssembler assembler;
    private final EventMapper mapper;
    private final AuditCounters counters = new AuditCounters();
    private final EventOutput out;
    private final java.util.function.Consumer<SecurityEvent> emitter = this::emit; // one instance, not one per event
    private final java.util.HashSet<Long> alreadySent = new java.util.HashSet<>();
    // completed events (end offset, serial) since the last sentAfter(): two parallel arrays, no
    // object per event; sentAfter() compacts them in one pass
    private long[] completedOffsets = new long[256];
    private long[] completedSerials = new long[256];
    private int completed;
    private long lastLineOffset = -1;
    private boolean trackCompleted;
    private long skippedAsSent;
    private SeenEvents seen;

    public AuditPipeline(String sourceName, Set<EventKind> kinds, UserNames names, EventOutput out,
                         long eventTimeoutMillis) {
        this.sourceName = sourceName;
        this.out = out;
        this.mapper = new EventMapper(kinds, names, this::badHex);
        // no consumer: events are taken from the assembler by mapCompleted(), so that C2 does
        // not compile the mapping into the assembler's own hot methods (see EventAssembler)
        this.assembler = new EventAssembler(eventTimeoutMillis, 4096, 512);
    }

    /**
     * Takes one line (without its newline). The line is parsed in place: records still in flight
     * refer to {@code buf} until {@link #endOfChunk()}, which must come before {@code buf} is
     * reused (the splitter does this).
     *
     * @param offset where the line starts in the source, or -1
     * @param lineNo its 1-based line number if known, else -1 (only for messages)
     */
    public void line(byte[] buf, int from, int to, long offset, long lineNo) {
        counters.line();
        lastLineOffset = offset;
        AuditRecord r = parser.parseInPlace(buf, from, to, offset);
        if (r == null) {
            if (to - from == 0 || (to - from == 1 && buf[from] == '\r')) {
                return; // blank lines are not errors
            }
            counters.parseError(where(offset, lineNo) + ": " + parser.lastError());
            return;
        }
        record(r);
    }

    /** The buffer of the lines given so far will be reused: in-flight records copy their lines. */
    public void endOfChunk() {
        assembler.detachInFlight();
        parser.recycle();
        out.endOfBatch();
    }

    /** A line too long to be a record was skipped. */
    public void oversized(long offset, long lineNo, long length) {
        counters.line();
        counters.parseError(where(offset, lineNo) + ": line of " + length + " bytes is longer than "
                + RecordParser.MAX_LINE + "; skipped");
    }

    /** @return a splitter that feeds this pipeline */
    public io.edgesec.collector.audit.internal.source.LineSplitter splitter() {
        return new io.edgesec.collector.audit.internal.source.LineSplitter(RecordParser.MAX_LINE,
                new io.edgesec.collector.audit.internal.source.LineSplitter.Lines() {
                    @Override
                    public void line(byte[] buf, int from, int to, long offset, long lineNo) {
                        AuditPipeline.this.line(buf, from, to, offset, lineNo);
                    }

                    @Override
                    public void oversized(long offset, long lineNo, long length) {
                        AuditPipeline.this.oversized(offset, lineNo, length);
                    }

                    @Override
                    public void endOfChunk() {
                        AuditPipeline.this.endOfChunk();
                    }
                });
    }

    /** Takes a record parsed elsewhere. */
    public void record(AuditRecord r) {
        counters.record();
        if (!alreadySent.isEmpty() && alreadySent.contains(r.serial())) {
            skippedAsSent++; // sent before a restart; its records lie after the saved offset
            return;
        }
        gaps.observe(r.node(), r.serial());
        assembler.add(r);
        mapCompleted();
    }

    /** Maps the events the assembler completed, in their order. */
    private void mapCompleted() {
        for (AuditEvent e; (e = assembler.pollCompleted()) != null; ) {
            event(e);
        }
    }

    /** The collector's rule key and its own auditctl pids (see {@link EventMapper#ruleKey}). */
    public void collectorRules(String ruleKey, java.util.function.LongPredicate ownProcess) {
        mapper.ruleKey(ruleKey);
        mapper.ownProcesses(ownProcess);
    }

    /** Shares a duplicate filter with another pipeline reading the same events (log + socket). */
    public void dedupeWith(SeenEvents seen) {
        this.seen = seen;
    }

    private void event(AuditEvent e) {
        // only a complete copy hides the other source's: one flushed before all its records came
        // (time, eviction, a disconnect) must not cost the whole one its event
        if (seen != null && (e.isComplete() ? !seen.firstTime(e) : seen.contains(e))) {
            mapper.track(e); // the other source delivered it already; keep our socket table in step
            return;
        }
        counters.event();
        if (trackCompleted && e.endOffset() >= 0) {
            rememberCompleted(e);
        }
        try {
            mapper.map(e, emitter);
        } catch (RuntimeException ex) {
            // a bug or input we did not foresee: count it, name the event, keep going
            counters.mappingError(sourceName + ": cannot map event " + e.serial() + " (" + e + "): " + ex);
        }
    }

    private void emit(SecurityEvent ev) {
        counters.securityEvent();
        out.event(ev);
    }

    private void badHex(AuditRecord r, String field) {
        counters.badHex(where(r.offset(), -1) + ": field " + field + " of " + r.type().name + " serial " + r.serial()
                + " is neither quoted nor valid hex");
    }

    private String where(long offset, long lineNo) {
        if (lineNo > 0) {
            return sourceName + ":" + lineNo;
        }
        return offset >= 0 ? sourceName + " at byte " + offset : sourceName;
    }

    /** The source has been quiet: complete what is in flight (no more records will come soon). */
    public void flushAll() {
        assembler.flushAll();
        mapCompleted();
        out.endOfBatch();
    }

    /** The source has been quiet: complete what is in flight and not still being written (see {@link EventAssembler#flushIdle()}). */
    public void flushIdle() {
        assembler.flushIdle();
        mapCompleted();
        out.endOfBatch();
    }

    /** End of input: flush and count every still-missing serial as lost. */
    public void finish() {
        flushAll();
        gaps.finish();
    }

    /**
     * Resuming a source after a restart: drop records of these serials, their events were sent.
     */
    public void alreadySent(long[] serials) {
        alreadySent.clear();
        for (long s : serials) {
            alreadySent.add(s);
        }
    }

    private void rememberCompleted(AuditEvent e) {
        if (completed == completedOffsets.length) {
            // A backlog read at full speed completes many events between two saves. No later
            // save can start before the oldest event in flight or the line being read, so events
            // that end before both are forgotten now instead of growing the arrays for them.
            long oldest = assembler.oldestInFlightOffset();
            forgetBefore(oldest >= 0 ? Math.min(oldest, lastLineOffset) : lastLineOffset);
            if (completed > completedOffsets.length / 2) {
                completedOffsets = java.util.Arrays.copyOf(completedOffsets, completedOffsets.length * 2);
                completedSerials = java.util.Arrays.copyOf(completedSerials, completedSerials.length * 2);
            }
        }
        completedOffsets[completed] = e.endOffset();
        completedSerials[completed] = e.serial();
        completed++;
    }

    /** Remember completed events' offsets, for {@link #sentAfter(long)}. */
    public void trackCompleted(boolean on) {
        trackCompleted = on;
        completed = 0;
    }

    /**
     * @return serials of completed events with a record at or after {@code safeOffset} (forgets
     *         the older ones); a restart from {@code safeOffset} must skip them
     */
    public long[] sentAfter(long safeOffset) {
        forgetBefore(safeOffset);
        return java.util.Arrays.copyOf(completedSerials, completed);
    }

    private void forgetBefore(long offset) {
        int kept = 0;
        for (int i = 0; i < completed; i++) {
            if (completedOffsets[i] >= offset) {
                completedOffsets[kept] = completedOffsets[i];
                completedSerials[kept] = completedSerials[i];
                kept++;
            }
        }
        completed = kept;
    }

    /** @return how many completed events the arrays can hold now (tests: memory stays bounded) */
    int completedCapacity() {
        return completedOffsets.length;
    }

    /** A new file starts: offsets of the old one no longer compare. */
    public void newSource() {
        flushAll();
        completed = 0;
        alreadySent.clear();
    }

    public long skippedAsSent() {
        return skippedAsSent;
    }

    public long oldestInFlightOffset() {
        return assembler.oldestInFlightOffset();
    }

    public int inFlight() {
        return assembler.inFlight();
    }

    public AuditCounters counters() {
        return counters;
    }

    public SerialGapTracker gaps() {
        return gaps;
    }

    public EventAssembler assembler() {
        return assembler;
    }

    /** @return a one-line summary for logs and the replay command */
    public String summary() {
        return String.format("%d lines, %d records, %d audit events, %d security events; "
                        + "%d parse errors, %d bad hex values, %d mapping errors; "
                        + "%d serials lost (gaps), %d serial restarts, %d events flushed without end record",
                counters.lines(), counters.records(), counters.events(), counters.securityEvents(),
                counters.parseErrors(), counters.badHex(), counters.mappingErrors(),
                gaps.lost(), gaps.resets(), assembler.flushedByTime());
    }
}
