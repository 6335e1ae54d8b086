package io.edgesec.aggregator.internal.aggregation;

import io.edgesec.aggregator.internal.journal.EventJournal;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Folds identical ProcessCreate, ConnectionCreate and ProcessTerminate events into one
 * Aggregated event with a hit count per interval (reference section 4).
 *
 * <p>Identity as the Azure C agent: the whole payload with the fields that differ between hits
 * blanked (pids, the ephemeral port), so it covers the C# agent's key fields (ProcessCreate:
 * CommandLine, Executable, UserId, UserName; ConnectionCreate: CommandLine, Executable, UserId,
 * Direction, LocalAddress, RemoteAddress, Protocol and the service side's port, LocalPort if In,
 * RemotePort if Out; ProcessTerminate: Executable, ExitStatus) and also ExtraDetails. The blanked
 * fields stay blank in the aggregated payload. Start/End times are ISO-8601 (the C# agent used a culture format).
 *
 * <p>Memory is bounded: when {@code maxKeys} distinct payloads are held, the buffer is flushed
 * early rather than dropping anything.
 *
 * <p>The Azure agents marked these events {@code Category: "Aggregated"}, which the published
 * schema does not allow; edgesec sends them as Triggered (with {@code ExtraDetails.HitCount}) unless
 * {@code legacyAggregatedCategory} is set.
 */
public final class EventAggregation {
    private final Map<String, Window> windows = new HashMap<>();
    /** Windows emitted whose events the caller has not yet confirmed queued (see confirmQueued). */
    private final List<Closed> unconfirmed = new ArrayList<>();
    private long generations;
    private Spool spool;
    private final int maxKeys;
    private int keys;
    private volatile EventCategory category = EventCategory.TRIGGERED;

    public EventAggregation(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    /**
     * The category aggregated events carry: Triggered (valid in the published schema, the hit
     * count in ExtraDetails) or, for back ends that expect what the Azure agents sent, Aggregated.
     */
    public void category(EventCategory c) {
        this.category = c;
    }

    /** Journals held events, so a crash loses no hit (the Azure agents lost the whole buffer). */
    public synchronized void spool(Spool s) {
        this.spool = s;
    }

    /**
     * The caller has queued what the last add/due/flush returned: those windows are closed in
     * the journal (until then a crash would replay them from the journal).
     */
    public synchronized void confirmQueued() {
        if (spool != null) {
            for (Closed c : unconfirmed) {
                spool.windowClosed(c.name, c.generation);
            }
        }
        unconfirmed.clear();
    }

    /** Partial aggregates of everything held (and emitted but unconfirmed), for compaction. */
    public synchronized List<EventJournal.Held> partials() {
        List<EventJournal.Held> out = new ArrayList<>();
        for (Window w : windows.values()) {
            List<SecurityEvent> events = new ArrayList<>();
            build(w, events);
            events.forEach(e -> out.add(new EventJournal.Held(w.generation, e, true)));
        }
        for (Closed c : unconfirmed) {
            c.events.forEach(e -> out.add(new EventJournal.Held(c.generation, e, true)));
        }
        return out;
    }

    static boolean aggregates(String name) {
        return EventNames.PROCESS_CREATE.equals(name) || EventNames.CONNECTION_CREATE.equals(name)
                || EventNames.PROCESS_TERMINATE.equals(name);
    }

    /**
     * Adds a triggered event to its window.
     *
     * @return events to queue now (an early flush when the buffer is full), usually empty
     */
    public synchronized List<SecurityEvent> add(SecurityEvent e, Duration interval, Instant now) {
        Window w = windows.computeIfAbsent(e.name(), n -> new Window(n, now, interval, ++generations));
        w.interval = interval;
        List<SecurityEvent> out = new ArrayList<>(0);
        Hit only = null; // the hit of a one-item event
        for (Map<String, Object> item : e.payload()) {
            Map<String, Object> normalized = normalize(e.name(), item);
            Hit h = w.hits.get(normalized);
            if (h == null) {
                if (keys >= maxKeys) {
                    out.addAll(flushAll()); // an event of several items may flush more than once
                    w = windows.computeIfAbsent(e.name(), n -> new Window(n, now, interval, ++generations));
                }
                h = new Hit(normalized, e);
                w.hits.put(normalized, h);
                keys++;
            }
            h.count++;
            h.first = h.first.isAfter(e.timestamp()) ? e.timestamp() : h.first;
            h.last = h.last.isBefore(e.timestamp()) ? e.timestamp() : h.last;
            only = e.payload().size() == 1 ? h : null;
        }
        if (spool != null) {
            if (only != null && only.journaled != null) {
                // a repeat: a few bytes naming the event journaled in full for this hit, instead
                // of this event's whole JSON (which is then never serialized at all)
                spool.hit(w.generation, only.journaled, e.timestamp());
            } else {
                spool.aggregating(w.generation, e);
                if (only != null) {
                    only.journaled = e.id();
                }
            }
        }
        return out;
    }

    /**
     * The journal was rewritten (compacted) with {@link #partials()}: the events that repeats
     * referred to are no longer in it, so the next repeat of each hit is journaled in full again.
     */
    public synchronized void journalRewritten() {
        for (Window w : windows.values()) {
            for (Hit h : w.hits.values()) {
                h.journaled = null;
            }
        }
    }

    /**
     * An aggregated event of {@code count} hits of a one-item event (hits recovered from the
     * journal after a crash), as {@link #flushAll} would have sent it.
     */
    public SecurityEvent aggregateOf(SecurityEvent sample, long count, Instant first, Instant last) {
        return aggregate(normalize(sample.name(), sample.payload().get(0)), sample, count, first, last, category);
    }

    /** @return the aggregated events of every window whose interval has elapsed */
    public synchronized List<SecurityEvent> due(Instant now) {
        List<SecurityEvent> out = new ArrayList<>();
        for (Window w : windows.values()) {
            if (!now.isBefore(w.start.plus(w.interval))) {
                emit(w, out);
                w.start = now;
            }
        }
        return out;
    }

    /** @return every held aggregate (shutdown, aggregation switched off, buffer full) */
    public synchronized List<SecurityEvent> flushAll() {
        List<SecurityEvent> out = new ArrayList<>();
        for (Window w : windows.values()) {
            emit(w, out);
        }
        windows.clear();
        return out;
    }

    /** Flushes one kind (its aggregation was switched off). */
    public synchronized List<SecurityEvent> flush(String name) {
        Window w = windows.remove(name);
        List<SecurityEvent> out = new ArrayList<>();
        if (w != null) {
            emit(w, out);
        }
        return out;
    }

    synchronized int heldKeys() {
        return keys;
    }

    /** The aggregated events of a window, without closing it. */
    private void build(Window w, List<SecurityEvent> out) {
        for (Hit h : w.hits.values()) {
            out.add(aggregate(h.payload, h.sample, h.count, h.first, h.last, category));
        }
    }

    private static SecurityEvent aggregate(Map<String, Object> normalized, SecurityEvent sample, long count,
            Instant first, Instant last, EventCategory category) {
        Map<String, Object> payload = new LinkedHashMap<>(normalized);
        Map<String, Object> extra = new LinkedHashMap<>();
        Object existing = payload.get("ExtraDetails");
        if (existing instanceof Map<?, ?> m) {
            m.forEach((k, v) -> extra.put(String.valueOf(k), v));
        }
        extra.put("HitCount", String.valueOf(count));
        extra.put("StartTimeLocal", SecurityEvent.formatLocal(first));
        extra.put("StartTimeUtc", SecurityEvent.formatUtc(first));
        extra.put("EndTimeLocal", SecurityEvent.formatLocal(last));
        extra.put("EndTimeUtc", SecurityEvent.formatUtc(last));
        payload.put("ExtraDetails", extra);
        return sample.toBuilder().category(category).timestamp(last).clearPayload().payload(payload).build();
    }

    /** Closes a window: its aggregated events go to {@code out}, and it starts a new generation. */
    private void emit(Window w, List<SecurityEvent> out) {
        if (w.hits.isEmpty()) {
            return;
        }
        List<SecurityEvent> built = new ArrayList<>();
        build(w, built);
        out.addAll(built);
        unconfirmed.add(new Closed(w.name, w.generation, built));
        keys -= w.hits.size();
        w.hits.clear();
        w.generation = ++generations;
    }

    /** A window emitted, awaiting confirmQueued. */
    private record Closed(String name, long generation, List<SecurityEvent> events) {
    }

    /** The payload with the fields that vary between hits blanked, used as the identity key. */
    static Map<String, Object> normalize(String name, Map<String, Object> item) {
        Map<String, Object> m = new LinkedHashMap<>(item);
        // 42 built in code (Integer) and 42 read back from the spool (Long) are the same hit
        m.replaceAll((k, v) -> v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue() : v);
        switch (name) {
            case EventNames.PROCESS_CREATE -> {
                m.put("ProcessId", 0);
                m.put("ParentProcessId", 0);
            }
            case EventNames.CONNECTION_CREATE -> {
                m.put("ProcessId", 0);
                if ("In".equals(m.get("Direction"))) {
                    if (m.containsKey("RemotePort")) {
                        m.put("RemotePort", "");
                    }
                } else if (m.containsKey("LocalPort")) {
                    m.put("LocalPort", "");
                }
            }
            case EventNames.PROCESS_TERMINATE -> m.put("ProcessId", 0);
            default -> {
            }
        }
        return m;
    }

    private static final class Window {
        Instant start;
        Duration interval;
        long generation;
        final Map<Map<String, Object>, Hit> hits = new LinkedHashMap<>();

        final String name;

        Window(String name, Instant start, Duration interval, long generation) {
            this.name = name;
            this.start = start;
            this.generation = generation;
            this.interval = Objects.requireNonNull(interval);
        }
    }

    private static final class Hit {
        final Map<String, Object> payload;
        final SecurityEvent sample;
        long count;
        Instant first;
        Instant last;
        /** Id of a one-item event of this hit written in full to the current journal file, or null. */
        String journaled;

        Hit(Map<String, Object> payload, SecurityEvent sample) {
            this.payload = payload;
            this.sample = sample;
            this.first = sample.timestamp();
            this.last = sample.timestamp();
        }
    }
}
