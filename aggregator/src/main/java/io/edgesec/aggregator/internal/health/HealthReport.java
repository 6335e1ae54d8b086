package io.edgesec.aggregator.internal.health;

import io.edgesec.aggregator.internal.journal.Spool;
import io.edgesec.aggregator.internal.queue.EventQueues;
import io.edgesec.aggregator.internal.queue.QueueKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.osgi.framework.BundleContext;

/**
 * The health document (what {@link AgentHealth} recorded plus what only the aggregator knows:
 * its version and state, the queues, the journal, the bundles and the required collectors)
 * and its writing to {@code health.json} every {@link #INTERVAL} and at shutdown.
 */
public final class HealthReport {
    private static final Logger LOG = Logger.getLogger(HealthReport.class.getName());
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final BundleContext context;
    /** health.json in the data directory; null without one. */
    private final HealthFile file;
    private final AgentHealth health;
    private final String agentVersion;
    private final EventQueues queues;
    /** The disk journal; null when the queues are memory-only. */
    private final Spool spool;
    private volatile String[] requiredCollectors;
    private volatile Instant lastWrite = Instant.EPOCH;

    public HealthReport(BundleContext context, HealthFile file, AgentHealth health, String agentVersion,
            EventQueues queues, Spool spool, String[] requiredCollectors) {
        this.context = context;
        this.file = file;
        this.health = health;
        this.agentVersion = agentVersion;
        this.queues = queues;
        this.spool = spool;
        this.requiredCollectors = requiredCollectors;
    }

    /** The configuration named other required collectors. */
    public void requiredCollectors(String[] names) {
        requiredCollectors = names;
    }

    /** The health document: the recorder's states plus what only the aggregator knows. */
    public Map<String, Object> document(String state, Instant now) {
        Map<String, Object> agent = new java.util.LinkedHashMap<>();
        agent.put("version", agentVersion);
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
        return health.document(agent, now);
    }

    /** Writes the document with state "running" if the last write is {@link #INTERVAL} old. */
    public void writeIfDue(Instant now) {
        if (!now.isBefore(lastWrite.plus(INTERVAL))) {
            write(now, "running");
        }
    }

    public void write(Instant now, String state) {
        if (file == null) {
            return;
        }
        lastWrite = now;
        try {
            file.write(document(state, now));
        } catch (java.io.IOException | RuntimeException e) {
            LOG.log(Level.FINE, "health file not written", e);
        }
    }
}
