package io.edgesec.aggregator.internal;

import io.edgesec.aggregator.internal.aggregation.EventAggregation;
import io.edgesec.aggregator.internal.config.AgentIdentity;
import io.edgesec.aggregator.internal.config.AggregatorConfig;
import io.edgesec.aggregator.internal.config.ConfigDefaults;
import io.edgesec.aggregator.internal.config.ConfigurationChecks;
import io.edgesec.aggregator.internal.config.Settings;
import io.edgesec.aggregator.internal.health.HealthFile;
import io.edgesec.aggregator.internal.health.HealthReport;
import io.edgesec.aggregator.internal.intake.CollectorSink;
import io.edgesec.aggregator.internal.intake.EventIntake;
import io.edgesec.aggregator.internal.intake.Observers;
import io.edgesec.aggregator.internal.intake.PeriodicCollectors;
import io.edgesec.aggregator.internal.intake.TriggeredCollectors;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.metrics.MetricsBinding;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.aggregator.internal.report.Statistics;
import io.edgesec.aggregator.internal.report.UnutilizedMessages;
import io.edgesec.aggregator.internal.send.FirstMessageSignal;
import io.edgesec.aggregator.internal.send.MessageSender;
import io.edgesec.aggregator.internal.send.RankedTransports;
import io.edgesec.aggregator.internal.send.ShutdownFlush;
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
    private final RankedTransports transports = new RankedTransports();
    private volatile Instant lastStatistics = Instant.now();
    /** The disk journal and its upkeep; null when the queues are memory-only. */
    private final SpoolUpkeep spoolUpkeep;
    private final Spool spool;
    private volatile boolean active;
    /** health.json and the health document. */
    private final HealthReport health;
    /** The Prometheus endpoint as configured. */
    private final MetricsBinding metrics;
    /** Registered once the first message is delivered (the launcher's deferred start waits for it). */
    private final FirstMessageSignal firstMessage;

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
        String data = context.getProperty("edgesec.data.dir");
        if (data != null) {
            AgentIdentity.dataDir(java.nio.file.Path.of(data));
        }
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
        spoolUpkeep = SpoolUpkeep.open(context, config, s, queues, aggregation, intake, this::report, configErrors);
        spool = spoolUpkeep == null ? null : spoolUpkeep.spool();
        // as a cached pool, but an idle worker ends after 5 s instead of 60: at start every
        // collector runs at once (7 threads then), idle the agent needs none of them
        workers = new java.util.concurrent.ThreadPoolExecutor(0, Integer.MAX_VALUE, WORKER_IDLE_SECONDS, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), threads("edgesec-collector"));
        timer = Executors.newSingleThreadScheduledExecutor(threads("edgesec-scheduler"));
        periodic = new PeriodicCollectors(workers, timer, intake, this::report);
        // before the first message, the collectors' first snapshots one at a time (the first, a
        // default configuration's LocalUsers, sends it): see PeriodicCollectors.firstRunsOneAtATime
        periodic.firstRunsOneAtATime(Duration.ofMillis(TICK_MS / 2));
        triggered = new TriggeredCollectors(workers, (name, e) -> report(OperationalEvents.collectorStatus(name, "Error",
                Severity.ERROR, "open failed: " + e, Instant.now())));
        sender = new MessageSender(queues, statistics, transports::highest, intake::settings, agentVersion);
        queues.onFirstHigh(sender::wakeUp);
        firstMessage = new FirstMessageSignal(context);
        sender.onFirstSent(() -> {
            // the snapshots held back until now go in one more message once they are all in,
            // not a whole highPriorityMessageFrequency later
            periodic.firstMessageSent(sender::sendQueuedNow);
            firstMessage.sent();
        });
        senderThread = threads("edgesec-sender").newThread(sender);
        configErrors.addAll(ConfigurationChecks.check(s, Instant.now()));
        configErrors.forEach(this::report);
        health = new HealthReport(context, data == null ? null : new HealthFile(java.nio.file.Path.of(data)), statistics.health,
                agentVersion, queues, spool, config.requiredCollectors());
        metrics = new MetricsBinding(context, statistics.health, agentVersion, queues, spool, this::report);
        active = true;
        senderThread.start();
        // the metrics endpoint (an HTTP server: tens of ms of class loading and binding) starts on
        // the timer, before its first tick, so the bundles started after this one, and with them
        // the first message, do not wait for it
        timer.execute(() -> configureMetrics(config));
        timer.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** On the timer thread only, so configurations apply in order. */
    private void configureMetrics(AggregatorConfig config) {
        if (active) { // not deactivated before the timer got to it
            metrics.configure(config);
        }
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
        health.requiredCollectors(config.requiredCollectors());
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
        firstMessage.close();
        metrics.stop();
        triggered.closeAll();
        timer.shutdownNow();
        Settings s = intake.settings();
        aggregation.flushAll().forEach(ev -> intake.offer(s, ev));
        aggregation.confirmQueued();
        report(statistics.droppedEvents(queues, Instant.now()));
        report(statistics.messageStatistics(Instant.now()));
        boolean empty = ShutdownFlush.run(sender, senderThread, queues, s.shutdownFlushTimeout);
        if (!empty) {
            LOG.warning("shutdown: " + queues.queuedBytes() + " bytes of queued events could not be delivered "
                    + "(no transport or it failed); " + (spool != null && spool.working()
                            ? "they stay in the disk spool for the next start" : "they are lost with this process"));
        }
        if (spool != null) {
            spool.close();
        }
        workers.shutdownNow();
        health.write(Instant.now(), empty ? "stopped" : "stopped-with-queued-events");
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
            if (spoolUpkeep != null) {
                spoolUpkeep.maintain(now, s);
            }
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
            health.writeIfDue(now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "aggregator tick failed; continuing", e);
        }
    }

    private void report(SecurityEvent e) {
        intake.offer(intake.settings(), e);
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
        transports.add(transport, props);
        if (active) {
            sender.wakeUp();
        }
    }

    void unbindMessageTransport(MessageTransport transport, Map<String, Object> props) {
        transports.remove(props);
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
}
