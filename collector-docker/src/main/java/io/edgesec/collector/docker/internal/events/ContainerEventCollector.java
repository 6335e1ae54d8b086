package io.edgesec.collector.docker.internal.events;

import io.edgesec.api.collector.EventSink;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.support.json.JsonDocumentException;
import io.edgesec.collector.docker.internal.StatusEvents;
import io.edgesec.collector.docker.internal.engine.EngineClient;
import io.edgesec.collector.docker.internal.engine.EngineEventStream;
import io.edgesec.collector.docker.internal.inventory.KnownContainers;
import io.edgesec.support.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code docker-events}: follows the engine's event stream on its own thread. When the engine
 * goes away (stopped, restarted, socket removed) it reports a CollectorStatus event, retries with
 * exponential back-off and resumes with {@code since} = the last event seen; the replayed
 * events of that second are dropped by {@link EventWatermark}, so nothing is missed or repeated.
 */
public final class ContainerEventCollector implements TriggeredCollector {
    public static final String NAME = "docker-events";
    /** After the first report of a lost engine, repeat the report every this many failed attempts. */
    private static final int REPORT_EVERY = 10;

    private final Supplier<EngineClient> engine;
    private final KnownContainers known;
    private final String source;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Object lock = new Object();
    private EventWatermark watermark;
    private EventSink sink;
    private Thread thread;
    private EngineEventStream current;
    private volatile boolean closed = true;
    private volatile long connections;
    private volatile long duplicatesDropped;

    public ContainerEventCollector(Supplier<EngineClient> engine, KnownContainers known, String source,
            Duration minBackoff, Duration maxBackoff) {
        this.engine = engine;
        this.known = known;
        this.source = source;
        if (minBackoff.isNegative() || minBackoff.isZero()) {
            throw new IllegalArgumentException("minimum back-off must be positive: " + minBackoff);
        }
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff.compareTo(minBackoff) < 0 ? minBackoff : maxBackoff;
    }

    @Override
    public void open(EventSink sink) {
        synchronized (lock) {
            if (!closed) {
                return;
            }
            this.sink = sink;
            closed = false;
            if (watermark == null) {
                Instant now = Instant.now();
                watermark = new EventWatermark(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            }
            thread = new Thread(this::run, "edgesec-" + NAME);
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            thread = null;
            closeCurrent();
        }
        t.interrupt();
        try {
            t.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the current connection; the collector reconnects from its watermark at once. */
    public void restartStream() {
        synchronized (lock) {
            closeCurrent();
        }
    }

    /** @return how many replayed events were recognised and dropped */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** @return how many times the stream has been (re)opened */
    public long connections() {
        return connections;
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    /** @return the wait before reconnect {@code attempt} (1 after the first failure): min, 2*min ... max */
    Duration reconnectWait(int attempt) {
        return Backoff.exponential(minBackoff, maxBackoff, attempt);
    }

    private void run() {
        boolean down = false;
        int failures = 0;
        int attempt = 0; // failed connects since the last good one: the back-off's step
        while (!closed) {
            EngineEventStream stream = null;
            try {
                stream = engine.get().openEvents(watermark.sinceSeconds());
                synchronized (lock) {
                    if (closed) {
                        stream.close();
                        return;
                    }
                    current = stream;
                }
                connections++;
                attempt = 0;
                if (down) {
                    submit(StatusEvents.status(NAME, StatusEvents.SOURCE_RESTORED, source,
                            "event stream resumed from " + Instant.ofEpochSecond(watermark.sinceSeconds()), -1));
                    down = false;
                    failures = 0;
                }
                follow(stream);
                if (closed) {
                    return;
                }
                if (stream.isClosedByUs()) {
                    continue; // restartStream(): reconnect at once
                }
                throw new IOException("the engine ended the event stream");
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return;
                }
                if (stream != null && stream.isClosedByUs()) {
                    continue;
                }
                Duration delay = reconnectWait(++attempt);
                if (!down || ++failures % REPORT_EVERY == 0) {
                    submit(StatusEvents.status(NAME, StatusEvents.SOURCE_UNAVAILABLE, source,
                            "container engine event stream lost: " + StatusEvents.describe(e),
                            Math.max(1, delay.toSeconds())));
                }
                down = true;
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException ie) {
                    return;
                }
            } finally {
                synchronized (lock) {
                    if (current == stream) {
                        current = null;
                    }
                }
                if (stream != null) {
                    stream.close();
                }
            }
        }
    }

    private void follow(EngineEventStream stream) throws IOException {
        while (!closed) {
            Map<String, Object> raw;
            try {
                raw = stream.next();
            } catch (JsonDocumentException e) {
                submit(StatusEvents.status(NAME, StatusEvents.PARSE_ERROR, source,
                        "unreadable engine event: " + e.getMessage(), -1));
                continue;
            }
            if (raw == null) {
                return;
            }
            handle(raw);
        }
    }

    private void handle(Map<String, Object> raw) {
        EngineEventMapper.Key key = EngineEventMapper.key(raw);
        if (!watermark.accept(key.timeNanos(), key.type(), key.actorId(), key.action())) {
            duplicatesDropped++;
            return;
        }
        Map<String, Object> payload;
        try {
            payload = EngineEventMapper.toPayload(raw);
        } catch (RuntimeException e) {
            submit(StatusEvents.status(NAME, StatusEvents.PARSE_ERROR, source,
                    "unexpected engine event: " + StatusEvents.describe(e), -1));
            return;
        }
        if ("container".equals(key.type())) {
            String action = (String) payload.get("Action");
            if ("destroy".equals(action)) {
                known.remove(key.actorId());
            } else if (payload.get("ContainerName") != null) {
                known.put(key.actorId(), (String) payload.get("ContainerName"));
                if (payload.get("ModuleName") instanceof String module) {
                    known.putModule(key.actorId(), module); // the edge agent's labels name it
                }
            }
        }
        submit(SecurityEvent.builder(EventNames.CONTAINER_EVENT)
                .timestamp(EngineEventMapper.time(key))
                .payload(payload)
                .build());
    }

    private void submit(SecurityEvent event) {
        EventSink s = sink;
        if (s != null) {
            try {
                s.submit(event);
            } catch (RuntimeException e) {
                // the sink must not throw; if it does, the event is lost, never the thread
            }
        }
    }
}
