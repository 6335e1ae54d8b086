package io.edgesec.aggregator.internal.intake;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.aggregator.internal.wire.WireSchema;
import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.EventNames;
import io.edgesec.api.event.EventType;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where every event enters: enrichment, the wire mapping of collector reports, priority
 * routing, aggregation and the queues. Thread-safe; never blocks on a transport.
 */
public final class EventIntake {
    private static final Duration ENRICHER_REPORT_INTERVAL = Duration.ofMinutes(1);

    private final EventQueues queues;
    private final EventAggregation aggregation;
    private final Statistics statistics;
    private final Supplier<List<EventEnricher>> enrichers;
    private final Supplier<List<Observers.Entry>> observers;
    private final Map<String, Instant> enricherReported = new ConcurrentHashMap<>();
    private volatile Settings settings;
    private volatile Spool spool;

    public EventIntake(Settings settings, EventQueues queues, EventAggregation aggregation, Statistics statistics,
            Supplier<List<EventEnricher>> enrichers) {
        this(settings, queues, aggregation, statistics, enrichers, List::of);
    }

    public EventIntake(Settings settings, EventQueues queues, EventAggregation aggregation, Statistics statistics,
            Supplier<List<EventEnricher>> enrichers, Supplier<List<Observers.Entry>> observers) {
        this.observers = observers;
        this.settings = settings;
        this.queues = queues;
        this.aggregation = aggregation;
        this.statistics = statistics;
        this.enrichers = enrichers;
    }

    public void settings(Settings s) {
        this.settings = s;
    }

    public Settings settings() {
        return settings;
    }

    io.edgesec.aggregator.internal.health.AgentHealth health() {
        return statistics.health;
    }

    /** The journal that {@link #batch()} gathers records for (null: memory-only queues). */
    public void spool(Spool s) {
        this.spool = s;
    }

    /**
     * Opens a journal batch for the calling thread: the events it accepts until the batch is
     * closed are journaled in one write when it closes (before the collector's submitAll returns).
     */
    Spool.Batch batch() {
        Spool s = spool;
        return s == null ? () -> { } : s.batch();
    }

    /**
     * Takes one event.
     *
     * @return true if queued or held for aggregation; false if dropped (counted) or its kind is Off
     */
    public boolean accept(SecurityEvent event) {
        Settings s = settings;
        if (EventNames.COLLECTOR_STATUS.equals(event.name()) && !event.payload().isEmpty()) {
            Map<String, Object> p = event.payload().get(0);
            statistics.health.collectorReported(String.valueOf(p.get("Collector")), String.valueOf(p.get("Status")),
                    String.valueOf(p.get("Severity")), String.valueOf(p.get("Message")), Instant.now());
        }
        SecurityEvent e = EventNames.COLLECTOR_STATUS.equals(event.name()) ? WireSchema.asDiagnostic(event) : event;
        QueueKind kind = s.queueFor(e);
        List<Observers.Entry> obs = observers.get();
        if (kind == null) {
            // not sent (priority Off), but a detector still judges it: an operator may switch
            // ProcessCreate off to save bandwidth and still want its alerts
            if (!obs.isEmpty() && e.eventType() == EventType.SECURITY) {
                observe(obs, enrich(e));
            }
            statistics.disabledEvents.incrementAndGet();
            return false;
        }
        if (e.eventType() == EventType.SECURITY) {
            e = enrich(e);
        }
        if (!obs.isEmpty()) {
            observe(obs, e); // before aggregation folds it: a detector sees every repeat
        }
        Duration interval = s.aggregationIntervals.get(e.name());
        if (interval != null && e.category() == EventCategory.TRIGGERED) {
            List<SecurityEvent> early = aggregation.add(e, interval, Instant.now());
            if (!early.isEmpty()) {
                early.forEach(ev -> offer(s, ev));
                aggregation.confirmQueued();
            }
            return true;
        }
        return queues.offer(kind, e);
    }

    /** Queues already-built events (aggregates, statistics) by their own priority. */
    public void offer(Settings s, SecurityEvent e) {
        QueueKind kind = s.queueFor(e);
        if (kind != null) {
            queues.offer(kind, e);
        } else {
            statistics.disabledEvents.incrementAndGet();
        }
    }

    /** Counts an event a collector's quota refused, on the queue it would have gone to. */
    void refusedByQuota(SecurityEvent e, String collector) {
        QueueKind kind = settings.queueFor(e);
        if (kind != null) {
            queues.countDropped(kind, collector);
        } else {
            statistics.disabledEvents.incrementAndGet();
        }
    }

    private void observe(List<Observers.Entry> obs, SecurityEvent e) {
        for (Observers.Entry o : obs) {
            boolean taken;
            try {
                taken = o.observer().observe(e);
            } catch (RuntimeException | LinkageError ex) {
                taken = false;
                reportObserverFailure(o, ex);
            }
            if (!taken) {
                queues.observerDropped(o.name());
                statistics.health.observerDropped(o.name());
            }
        }
    }

    private void reportObserverFailure(Observers.Entry o, Throwable ex) {
        Instant now = Instant.now();
        Instant last = enricherReported.get("observer " + o.name());
        if (last == null || now.isAfter(last.plus(ENRICHER_REPORT_INTERVAL))) {
            enricherReported.put("observer " + o.name(), now);
            offer(settings, OperationalEvents.collectorStatus("observer " + o.name(), "Error", Severity.ERROR,
                    ex.getClass().getSimpleName() + ": " + ex.getMessage(), now));
        }
    }

    private SecurityEvent enrich(SecurityEvent e) {
        for (EventEnricher enricher : enrichers.get()) {
            try {
                SecurityEvent out = enricher.enrich(e);
                if (out != null) {
                    e = out;
                }
            } catch (RuntimeException | LinkageError ex) {
                reportEnricherFailure(enricher, ex);
            }
        }
        return e;
    }

    private void reportEnricherFailure(EventEnricher enricher, Throwable ex) {
        String name = enricher.getClass().getName();
        Instant now = Instant.now();
        Instant last = enricherReported.get(name);
        if (last == null || now.isAfter(last.plus(ENRICHER_REPORT_INTERVAL))) {
            enricherReported.put(name, now);
            offer(settings, OperationalEvents.collectorStatus("enricher " + name, "Error", Severity.ERROR,
                    ex.getClass().getSimpleName() + ": " + ex.getMessage(), now));
        }
    }
}
