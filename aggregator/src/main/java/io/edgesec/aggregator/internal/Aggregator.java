package io.edgesec.aggregator.internal;

import io.edgesec.api.collector.Collector;
import io.edgesec.api.collector.EventEnricher;
import io.edgesec.api.collector.PeriodicCollector;
import io.edgesec.api.collector.TriggeredCollector;
import io.edgesec.api.detect.EventObserver;
import io.edgesec.api.event.EventCategory;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import io.edgesec.api.transport.MessageTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The whiteboard consumer at the centre of the agent: takes every {@link PeriodicCollector} and
 * {@link TriggeredCollector} service as it comes and goes, routes their events through
 * enrichment, priorities and aggregation into the queues, and sends messages through the
 * highest-ranked {@link MessageTransport}.
 *
 * <p>On deactivation (the launcher stops this bundle first at shutdown) it closes the triggered
 * collectors, flushes aggregation and sends everything queued before returning.
 */
@Component(service = {}, immediate = true, configurationPid = AggregatorConfig.PID)
@Designate(ocd = AggregatorConfig.class)
public class Aggregator {
    private static final long WORKER_IDLE_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(Aggregator.class.getName());
    private static final int MAX_AGGREGATION_KEYS = 10_000;
    private static final long TICK_MS = 200;
    /** How long an interrupted sender thread gets to put its events back before the journal closes. */
    private static final long SENDER_INTERRUPT_WAIT_MS = 1000;

    private final EventQueues queues;
    private final EventAggregation aggregation;
    private final Statistics statistics = new Statistics();
    private final EventIntake intake;
    private final PeriodicCollectors periodic;
    private final MessageSender sender;
    private final Thread senderThread;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final TriggeredCollectors triggered;
    /** Transports by ranking then by lower service.id, highest first. */
    private final ConcurrentSkipListMap<long[], MessageTransport> transports = new ConcurrentSkipListMap<>(
            (a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    private volatile Instant lastStatistics = Instant.now();
    private volatile Instant lastForce = Instant.now();
    /** The disk journal; null when the queues are memory-only. */
    private final Spool spool;
    private volatile boolean active;
    /** health.json in the data directory; null without one. */
    private final io.edgesec.aggregator.internal.health.HealthFile healthFile;
    private final BundleContext context;
    private volatile String[] requiredCollectors;
    private volatile Instant lastHealthWrite = Instant.EPOCH;
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(10);
    /** The Prometheus endpoint; null when off or not bound. */
    private volatile io.edgesec.aggregator.internal.metrics.MetricsEndpoint metrics;
    private volatile String metricsBinding = "";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            fieldOption = FieldOption.REPLACE)
    private volatile List<EventEnricher> enrichers = List.of();
    /** IoT_AgentSendsUnutilizedMessages over the MessageStatistics reports (issue 11). */
    private final UnutilizedMessages unutilized = new UnutilizedMessages();

    /** Event observers (detectors), fed every accepted event; see {@link Observers}. */
    private final Observers observers = new Observers();

    @Activate
    public Aggregator(BundleContext context, AggregatorConfig config) {
        List<SecurityEvent> configErrors = new java.util.ArrayList<>();
        this.context = context;
        String data = context.getProperty("edgesec.data.dir");
        if (data != null) {
            AgentIdentity.dataDir(java.nio.file.Path.of(data));
        }
        healthFile = data == null ? null : new io.edgesec.aggregator.internal.health.HealthFile(java.nio.file.Path.of(data));
        requiredCollectors = config.requiredCollectors();
        Settings s;
        try {
            s = new Settings(config);
        } catch (IllegalArgumentException e) {
            // A bad value must not leave the agent without an aggregator: run on defaults, say why.
            LOG.warning("aggregator configuration rejected, running with defaults: " + e.getMessage());
            s = new Settings(ConfigDefaults.of(AggregatorConfig.class));
            configErrors.add(OperationalEvents.configurationError(AggregatorConfig.PID, "TypeMismatch",
                    "defaults", e.getMessage(), Instant.now()));
        }
        String version = context.getProperty("edgesec.version");
        String agentVersion = version != null ? version : context.getBundle().getVersion().toString();
        queues = new EventQueues(s.maxCacheBytes, MessageSender.room(s, agentVersion));
        aggregation = new EventAggregation(MAX_AGGREGATION_KEYS);
        aggregation.category(s.legacyAggregatedCategory ? EventCategory.AGGREGATED : EventCategory.TRIGGERED);
        intake = new EventIntake(s, queues, aggregation, statistics, () -> enrichers, observers::list);
        spool = openSpool(context, config, s, configErrors);
        // as a cached pool, but an idle worker ends after 5 s instead of 60: at start every
        // collector runs at once (7 threads then), idle the agent needs none of them
        workers = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE_SECONDS, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), threads("edgesec-collector"));
        timer = Executors.newSingleThreadScheduledExecutor(threads("edgesec-scheduler"));
        periodic = new PeriodicCollectors(workers, timer, intake, this::report);
        triggered = new TriggeredCollectors(workers, (name, e) -> report(OperationalEvents.collectorStatus(name, "Error",
                Severity.ERROR, "open failed: " + e, Instant.now())));
        sender = new MessageSender(queues, statistics, this::transport, intake::settings, agentVersion);
        queues.onFirstHigh(sender::wakeUp);
        senderThread = threads("edgesec-sender").newThread(sender);
        configErrors.addAll(ConfigurationChecks.check(s, Instant.now()));
        configErrors.forEach(this::report);
        active = true;
        senderThread.start();
        // the metrics endpoint (an HTTP server: tens of ms of class loading and binding) starts on
        // the timer, before its first tick, so the bundles started after this one, and with them
        // the first message, do not wait for it
        timer.execute(() -> configureMetrics(config));
        timer.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Modified
    void modified(AggregatorConfig config) {
        Settings s;
        try {
            s = new Settings(config);
        } catch (IllegalArgumentException e) {
            LOG.warning("aggregator configuration update rejected, keeping the previous one: " + e.getMessage());
            report(OperationalEvents.configurationError(AggregatorConfig.PID, "TypeMismatch", "previous",
                    e.getMessage(), Instant.now()));
            return;
        }
        Settings old = intake.settings();
        intake.settings(s);
        requiredCollectors = config.requiredCollectors();
        timer.execute(() -> configureMetrics(config)); // after the activation's, in order
        for (String name : old.aggregationIntervals.keySet()) {
            if (!s.aggregationIntervals.containsKey(name)) {
                aggregation.flush(name).forEach(ev -> intake.offer(s, ev));
                aggregation.confirmQueued();
            }
        }
        aggregation.category(s.legacyAggregatedCategory ? EventCategory.AGGREGATED : EventCategory.TRIGGERED);
        queues.resize(s.maxCacheBytes, MessageSender.room(s, sender.agentVersion()));
        triggered.sinks().forEach(sink -> sink.quota(s)); // running collectors too, not only new ones
        ConfigurationChecks.check(s, Instant.now()).forEach(this::report);
        sender.wakeUp();
    }

    @Deactivate
    void deactivate() {
        active = false;
        stopMetrics();
        triggered.closeAll();
        timer.shutdownNow();
        Settings s = intake.settings();
        aggregation.flushAll().forEach(ev -> intake.offer(s, ev));
        aggregation.confirmQueued();
        report(statistics.droppedEvents(queues, Instant.now()));
        report(statistics.messageStatistics(Instant.now()));
        // One deadline for the send in progress and the final flush, both on the sender thread;
        // past it a send still waiting for the hub is interrupted (its events stay queued and
        // journaled), so the whole stop fits docker stop's grace period whatever the hub does.
        Instant deadline = Instant.now().plus(s.shutdownFlushTimeout);
        sender.stopAndFlush(deadline);
        try {
            senderThread.join(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            if (senderThread.isAlive()) {
                LOG.warning("shutdown: the final flush did not finish within shutdownFlushTimeout " + s.shutdownFlushTimeout
                        + "; the send waiting for the hub is abandoned");
                senderThread.interrupt();
                senderThread.join(SENDER_INTERRUPT_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boolean empty = !senderThread.isAlive() && sender.flushedEmpty() && queues.isEmpty();
        sender.close();
        if (!empty) {
            LOG.warning("shutdown: " + queues.queuedBytes() + " bytes of queued events could not be delivered "
                    + "(no transport or it failed); " + (spool != null && spool.working()
                            ? "they stay in the disk spool for the next start" : "they are lost with this process"));
        }
        if (spool != null) {
            spool.close();
        }
        workers.shutdownNow();
        writeHealth(Instant.now(), empty ? "stopped" : "stopped-with-queued-events");
    }

    /** The health document: the recorder's states plus what only the aggregator knows. */
    Map<String, Object> healthDocument(String state, Instant now) {
        Map<String, Object> agent = new java.util.LinkedHashMap<>();
        agent.put("version", sender.agentVersion());
        agent.put("state", state);
        agent.put("requiredCollectors", List.of(requiredCollectors == null ? new String[0] : requiredCollectors));
        Map<String, Object> q = new java.util.LinkedHashMap<>();
        for (QueueKind k : QueueKind.values()) {
            q.put(k.name().toLowerCase(), Map.of("events", queues.size(k), "bytes", queues.queuedBytes(k)));
        }
        agent.put("queues", q);
        agent.put("queuedBytes", queues.queuedBytes());
        agent.put("spoolBytes", spool == null ? null : spool.size());
        List<Map<String, Object>> bundles = new java.util.ArrayList<>();
        try {
            for (org.osgi.framework.Bundle b : context.getBundles()) {
                bundles.add(Map.of("name", String.valueOf(b.getSymbolicName()), "version", b.getVersion().toString(),
                        "state", b.getState() == org.osgi.framework.Bundle.ACTIVE ? "active" : "inactive"));
            }
        } catch (IllegalStateException stopping) {
            // the bundle context is no longer valid (framework stopping)
        }
        agent.put("bundles", bundles);
        return statistics.health.document(agent, now);
    }

    io.edgesec.aggregator.internal.health.AgentHealth health() {
        return statistics.health;
    }

    /** Starts, moves or stops the metrics endpoint as the configuration says; a bind failure is reported, never fatal. */
    private synchronized void configureMetrics(AggregatorConfig config) {
        if (!active) {
            return; // deactivated before the timer got to it
        }
        int port = config.metricsPort();
        if (port < 0) {
            String d = context.getProperty("edgesec.metrics.port");
            try {
                port = d == null ? 0 : Integer.parseInt(d.trim());
            } catch (NumberFormatException e) {
                report(OperationalEvents.configurationError("edgesec.metrics.port", "TypeMismatch", "metrics off",
                        "EDGESEC_METRICS_PORT '" + d + "' is not a port number", Instant.now()));
                port = 0;
            }
        }
        String binding = port <= 0 ? "" : config.metricsAddress() + ":" + port;
        if (binding.equals(metricsBinding) && (metrics != null || binding.isEmpty())) {
            return;
        }
        stopMetrics();
        metricsBinding = binding;
        if (binding.isEmpty()) {
            return;
        }
        try {
            metrics = io.edgesec.aggregator.internal.metrics.MetricsEndpoint.start(config.metricsAddress(), port, this::metricsText);
            LOG.info("metrics: http://" + binding + "/metrics");
        } catch (java.io.IOException | RuntimeException e) {
            report(OperationalEvents.collectorStatus("metrics", "PortUnavailable", Severity.WARNING,
                    "the metrics endpoint cannot listen on " + binding + ": " + e.getMessage(), Instant.now()));
        }
    }

    private synchronized void stopMetrics() {
        io.edgesec.aggregator.internal.metrics.MetricsEndpoint m = metrics;
        metrics = null;
        if (m != null) {
            m.close();
        }
    }

    /** The port the metrics endpoint listens on, or -1 (tests). */
    int metricsPort() {
        io.edgesec.aggregator.internal.metrics.MetricsEndpoint m = metrics;
        return m == null ? -1 : m.port();
    }

    String metricsText() {
        return io.edgesec.aggregator.internal.metrics.PrometheusText.render(statistics.health,
                new io.edgesec.aggregator.internal.metrics.PrometheusText.Gauges() {
                    @Override
                    public Map<String, long[]> queues() {
                        Map<String, long[]> q = new java.util.LinkedHashMap<>();
                        for (QueueKind k : QueueKind.values()) {
                            q.put(k.name().toLowerCase(), new long[] {queues.size(k), queues.queuedBytes(k)});
                        }
                        return q;
                    }

                    @Override
                    public long journalBytes() {
                        return spool == null ? -1 : spool.size();
                    }
                }, sender.agentVersion());
    }

    private void writeHealth(Instant now, String state) {
        if (healthFile == null) {
            return;
        }
        lastHealthWrite = now;
        try {
            healthFile.write(healthDocument(state, now));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.FINE, "health file not written", e);
        }
    }

    private void tick() {
        try {
            Instant now = Instant.now();
            periodic.tick(now);
            Settings s = intake.settings();
            List<SecurityEvent> due = aggregation.due(now);
            if (!due.isEmpty()) {
                due.forEach(ev -> intake.offer(s, ev));
                aggregation.confirmQueued();
            }
            maintainSpool(now, s);
            // Statistics: with every low-priority cycle, and as soon as anything was dropped.
            boolean lowCycle = !now.isBefore(lastStatistics.plus(s.lowFrequency));
            boolean drops = queues.droppedSinceReset() > 0; // quota and observer (detector) drops included
            if (lowCycle || (drops && !now.isBefore(lastStatistics.plus(s.highFrequency)))) {
                lastStatistics = now;
                report(statistics.droppedEvents(queues, now));
                SecurityEvent messageStatistics = statistics.messageStatistics(now);
                report(messageStatistics);
                SecurityEvent unutilizedMessages = unutilized.observe(messageStatistics, now);
                if (unutilizedMessages != null) {
                    report(unutilizedMessages);
                }
            }
            if (queues.queuedBytes() >= s.maxMessageBytes) {
                sender.wakeUp();
            }
            if (!now.isBefore(lastHealthWrite.plus(HEALTH_INTERVAL))) {
                writeHealth(now, "running");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aggregator tick failed; continuing", e);
        }
    }

    /**
     * Opens the journal and puts back what a previous run left: queued events into their
     * queues, held aggregation state into aggregation (raw) or the queues (partial aggregates).
     */
    private Spool openSpool(BundleContext context, AggregatorConfig config, Settings s, List<SecurityEvent> reports) {
        if (!config.durableQueue()) {
            return null;
        }
        String dir = config.spoolDirectory();
        if (dir.isBlank()) {
            String data = context.getProperty("edgesec.data.dir");
            if (data == null) {
                return null; // no data directory given: memory only
            }
            dir = java.nio.file.Path.of(data, "spool").toString();
        }
        EventJournal.Recovery[] recovered = new EventJournal.Recovery[1];
        EventJournal journal;
        try {
            journal = EventJournal.open(java.nio.file.Path.of(dir), recovered);
        } catch (java.io.IOException | RuntimeException e) {
            reports.add(OperationalEvents.collectorStatus("spool", "Error", Severity.ERROR,
                    "cannot open the disk spool in " + dir + ", queues are memory-only: " + e, Instant.now()));
            return null;
        }
        Spool sp = new Spool(journal, msg -> report(OperationalEvents.collectorStatus("spool", "Error", Severity.ERROR, msg, Instant.now())));
        SpoolRecovery.restore(recovered[0], sp, s, queues, aggregation, intake).ifPresent(reports::add);
        compactSpool(sp);
        return sp;
    }

    /** fsync about once a second; rewrite the journal when it outgrows a few cache budgets. */
    private void maintainSpool(Instant now, Settings s) {
        if (spool == null) {
            return;
        }
        if (!now.isBefore(lastForce.plusSeconds(1))) {
            lastForce = now;
            spool.force();
        }
        if (spool.size() > Math.max(4L * s.maxCacheBytes, 4L << 20)) {
            compactSpool(spool);
        }
    }

    private void compactSpool(Spool sp) {
        // lock order: aggregation, then queues (as everywhere else)
        synchronized (aggregation) {
            synchronized (queues) {
                sp.compact(queues.snapshot(), aggregation.partials());
                aggregation.journalRewritten();
            }
        }
    }

    private void report(SecurityEvent e) {
        intake.offer(intake.settings(), e);
    }

    private MessageTransport transport() {
        Map.Entry<long[], MessageTransport> first = transports.firstEntry();
        return first == null ? null : first.getValue();
    }

    // ---- whiteboard ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPeriodicCollector(PeriodicCollector collector, Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        String name = name(props, collector);
        try {
            Duration period = optionalDuration(props, PeriodicCollector.PERIOD);
            Duration timeout = optionalDuration(props, PeriodicCollector.TIMEOUT);
            periodic.add(id, name, collector, period, timeout);
        } catch (IllegalArgumentException e) {
            report(OperationalEvents.collectorStatus(name, "Error", Severity.ERROR, "not scheduled: " + e.getMessage(), Instant.now()));
        }
    }

    void unbindPeriodicCollector(PeriodicCollector collector, Map<String, Object> props) {
        periodic.remove((Long) props.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindTriggeredCollector(TriggeredCollector collector, Map<String, Object> props) {
        long id = (Long) props.get(Constants.SERVICE_ID);
        String name = name(props, collector);
        triggered.add(id, name, collector, new CollectorSink(name, intake, intake.settings()));
    }

    void unbindTriggeredCollector(TriggeredCollector collector, Map<String, Object> props) {
        triggered.close((Long) props.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindEventObserver(EventObserver observer, Map<String, Object> props) {
        Object n = props.get(EventObserver.NAME);
        observers.add((Long) props.get(Constants.SERVICE_ID), n != null ? n.toString() : observer.getClass().getName(), observer);
    }

    void unbindEventObserver(EventObserver observer, Map<String, Object> props) {
        observers.remove((Long) props.get(Constants.SERVICE_ID));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindMessageTransport(MessageTransport transport, Map<String, Object> props) {
        transports.put(key(props), transport);
        if (active) {
            sender.wakeUp();
        }
    }

    void unbindMessageTransport(MessageTransport transport, Map<String, Object> props) {
        transports.remove(key(props));
    }

    private static long[] key(Map<String, Object> props) {
        Object r = props.get(Constants.SERVICE_RANKING);
        long ranking = r instanceof Integer i ? i : 0;
        return new long[] {ranking, (Long) props.get(Constants.SERVICE_ID)};
    }

    private static String name(Map<String, Object> props, Object collector) {
        Object n = props.get(Collector.NAME);
        return n != null ? n.toString() : collector.getClass().getName();
    }

    private static Duration optionalDuration(Map<String, Object> props, String key) {
        Object v = props.get(key);
        return v == null || v.toString().isBlank() ? null : Settings.duration(key, v.toString());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---- for tests in this package ----

    EventQueues queues() {
        return queues;
    }
}
