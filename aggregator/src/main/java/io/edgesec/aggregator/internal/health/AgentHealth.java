package io.edgesec.aggregator.internal.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent knows about its own state, kept as it happens (never reset, unlike the
 * statistics events): each collector's state and last success, sends and send failures,
 * per-collector event counts. Read by the health file and the metrics endpoint. Thread-safe;
 * recording is a map lookup and an atomic add.
 */
public final class AgentHealth {
    /** A collector's state as the health check sees it. */
    public enum State {
        /** its last call or report was fine */
        RUNNING,
        /** its last call threw or timed out */
        FAILING,
        /** it reported its source unavailable */
        DOWN
    }

    /** One collector's record. */
    public static final class CollectorHealth {
        volatile State state = State.RUNNING;
        volatile Instant lastSuccess;
        volatile String lastStatus;
        volatile String lastMessage;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong runs = new AtomicLong();
        final AtomicLong runNanos = new AtomicLong();

        public State state() {
            return state;
        }

        public Instant lastSuccess() {
            return lastSuccess;
        }

        public long accepted() {
            return accepted.get();
        }

        public long dropped() {
            return dropped.get();
        }

        public long runs() {
            return runs.get();
        }

        public long runNanos() {
            return runNanos.get();
        }
    }

    private final Map<String, CollectorHealth> collectors = new ConcurrentHashMap<>();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong sendTimeouts = new AtomicLong();
    private volatile Instant lastSuccessfulSend;
    /** The first failed send since the last successful one; null while sends succeed. */
    private volatile Instant failingSince;
    private volatile String lastSendError;
    private final Instant started = Instant.now();

    public CollectorHealth collector(String name) {
        return collectors.computeIfAbsent(name, n -> new CollectorHealth());
    }

    /** A periodic collector's call returned (in {@code nanos}). */
    public void collectorSucceeded(String name, long nanos, Instant now) {
        CollectorHealth c = collector(name);
        c.runs.incrementAndGet();
        c.runNanos.addAndGet(nanos);
        c.lastSuccess = now;
        if (c.state == State.FAILING) {
            c.state = State.RUNNING;
        }
    }

    /** A periodic collector's call threw or timed out. */
    public void collectorFailed(String name, String status, String message, long nanos) {
        CollectorHealth c = collector(name);
        c.runs.incrementAndGet();
        c.runNanos.addAndGet(nanos);
        c.state = State.FAILING;
        c.lastStatus = status;
        c.lastMessage = message;
    }

    /** A collector's own report (CollectorStatus): its source lost or back, or an error. */
    public void collectorReported(String name, String status, String severity, String message, Instant now) {
        CollectorHealth c = collector(name);
        c.lastStatus = status;
        c.lastMessage = message;
        if ("SourceUnavailable".equals(status)) {
            c.state = State.DOWN;
        } else if ("SourceRestored".equals(status) || "Recovered".equals(status)) {
            c.state = State.RUNNING;
            c.lastSuccess = now;
        } else if ("Error".equals(severity)) {
            c.state = State.FAILING;
        }
    }

    /** An event of this collector entered a queue (or aggregation); {@code now} null: not a success (a status report). */
    public void accepted(String name, Instant now) {
        CollectorHealth c = collector(name);
        c.accepted.incrementAndGet();
        if (now != null) {
            c.lastSuccess = now;
        }
    }

    /** An event of this collector was refused (quota, no room). */
    public void dropped(String name) {
        collector(name).dropped.incrementAndGet();
    }

    /** Events each event observer (detector) refused, since the start. */
    private final Map<String, AtomicLong> observerDrops = new ConcurrentHashMap<>();

    /** Observer {@code name}'s hand-over refused an event (it was not judged; it was still sent). */
    public void observerDropped(String name) {
        observerDrops.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    /** @return events refused per observer since the start, by name */
    public Map<String, Long> observerDrops() {
        Map<String, Long> m = new TreeMap<>();
        observerDrops.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    public void messageSent(int bytes, int events, Instant now) {
        messagesSent.incrementAndGet();
        bytesSent.addAndGet(bytes);
        eventsSent.addAndGet(events);
        lastSuccessfulSend = now;
        failingSince = null;
    }

    public void sendFailed(String error, Instant now) {
        sendFailures.incrementAndGet();
        lastSendError = error;
        if (failingSince == null) {
            failingSince = now;
        }
    }

    /** A send that did not return within the send timeout (also a {@link #sendFailed failure}). */
    public void sendTimedOut() {
        sendTimeouts.incrementAndGet();
    }

    public long sendTimeouts() {
        return sendTimeouts.get();
    }

    public Map<String, CollectorHealth> collectors() {
        return new TreeMap<>(collectors);
    }

    public long messagesSent() {
        return messagesSent.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public long eventsSent() {
        return eventsSent.get();
    }

    public long sendFailures() {
        return sendFailures.get();
    }

    public Instant lastSuccessfulSend() {
        return lastSuccessfulSend;
    }

    /** @return the type of the last failed send's error (TimeoutException for a send that hung), or null */
    public String lastSendError() {
        return lastSendError;
    }

    public Instant failingSince() {
        return failingSince;
    }

    /** The document of the health file and of the twin's reported {@code edgesec.health}. */
    public Map<String, Object> document(Map<String, Object> agent, Instant now) {
        Map<String, Object> d = new LinkedHashMap<>(agent);
        d.put("started", started.toString());
        d.put("written", now.toString());
        Map<String, Object> sending = new LinkedHashMap<>();
        sending.put("lastSuccessfulSend", text(lastSuccessfulSend));
        sending.put("failingSince", text(failingSince));
        sending.put("lastError", lastSendError);
        sending.put("messagesSent", messagesSent.get());
        sending.put("bytesSent", bytesSent.get());
        sending.put("sendFailures", sendFailures.get());
        sending.put("sendTimeouts", sendTimeouts.get());
        d.put("sending", sending);
        Map<String, Object> cs = new LinkedHashMap<>();
        collectors().forEach((name, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("state", c.state.name().toLowerCase());
            m.put("lastSuccess", text(c.lastSuccess));
            if (c.lastStatus != null) {
                m.put("lastStatus", c.lastStatus);
                m.put("lastMessage", c.lastMessage);
            }
            m.put("accepted", c.accepted.get());
            m.put("dropped", c.dropped.get());
            cs.put(name, m);
        });
        d.put("collectors", cs);
        Map<String, Long> od = observerDrops();
        if (!od.isEmpty()) {
            Map<String, Object> os = new LinkedHashMap<>();
            od.forEach((name, n) -> os.put(name, Map.of("dropped", n)));
            d.put("observers", os);
        }
        return d;
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
