package io.edgesec.aggregator.internal.metrics;

import io.edgesec.aggregator.internal.config.AggregatorConfig;
import io.edgesec.aggregator.internal.health.AgentHealth;
import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import io.edgesec.aggregator.internal.report.OperationalEvents;
import io.edgesec.api.event.SecurityEvent;
import io.edgesec.api.event.Severity;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;

/**
 * The metrics endpoint as the configuration says: started, moved to another address or port,
 * or stopped ({@code metricsPort} 0; -1 takes the launcher's {@code edgesec.metrics.port}). A
 * port that cannot be bound is reported, never fatal.
 */
public final class MetricsBinding {
    private static final Logger LOG = Logger.getLogger(MetricsBinding.class.getName());

    private final BundleContext context;
    private final AgentHealth health;
    private final String agentVersion;
    private final EventQueues queues;
    /** The disk journal; null when the queues are memory-only. */
    private final Spool spool;
    private final Consumer<SecurityEvent> reports;
    /** The Prometheus endpoint; null when off or not bound. */
    private volatile MetricsEndpoint metrics;
    private volatile String metricsBinding = "";

    public MetricsBinding(BundleContext context, AgentHealth health, String agentVersion, EventQueues queues, Spool spool,
            Consumer<SecurityEvent> reports) {
        this.context = context;
        this.health = health;
        this.agentVersion = agentVersion;
        this.queues = queues;
        this.spool = spool;
        this.reports = reports;
    }

    /** Starts, moves or stops the metrics endpoint as the configuration says; a bind failure is reported, never fatal. */
    public synchronized void configure(AggregatorConfig config) {
        int port = config.metricsPort();
        if (port < 0) {
            String d = context.getProperty("edgesec.metrics.port");
            try {
                port = d == null ? 0 : Integer.parseInt(d.trim());
            } catch (NumberFormatException e) {
                reports.accept(OperationalEvents.configurationError("edgesec.metrics.port", "TypeMismatch", "metrics off",
                        "EDGESEC_METRICS_PORT '" + d + "' is not a port number", Instant.now()));
                port = 0;
            }
        }
        String binding = port <= 0 ? "" : config.metricsAddress() + ":" + port;
        if (binding.equals(metricsBinding) && (metrics != null || binding.isEmpty())) {
            return;
        }
        stop();
        metricsBinding = binding;
        if (binding.isEmpty()) {
            return;
        }
        try {
            metrics = MetricsEndpoint.start(config.metricsAddress(), port, this::text);
            LOG.info("metrics: http://" + binding + "/metrics");
        } catch (java.io.IOException | RuntimeException e) {
            reports.accept(OperationalEvents.collectorStatus("metrics", "PortUnavailable", Severity.WARNING,
                    "the metrics endpoint cannot listen on " + binding + ": " + e.getMessage(), Instant.now()));
        }
    }

    public synchronized void stop() {
        MetricsEndpoint m = metrics;
        metrics = null;
        if (m != null) {
            m.close();
        }
    }

    /** The port the metrics endpoint listens on, or -1 (tests). */
    int port() {
        MetricsEndpoint m = metrics;
        return m == null ? -1 : m.port();
    }

    String text() {
        return PrometheusText.render(health, new PrometheusText.Gauges() {
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
        }, agentVersion);
    }
}
