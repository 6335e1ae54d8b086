package io.edgesec.aggregator.internal.intake;

import io.edgesec.api.collector.TriggeredCollector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The triggered collectors bound now, each with the sink it pushes to, by {@code service.id}.
 *
 * <p>Closing is collector first, sink second: a collector may submit until its {@code close()}
 * returns (the contract of {@link TriggeredCollector#close()}), and what it submits meanwhile is
 * accepted. Closing the sink first refused (and counted as dropped) the event a collector was
 * submitting while the agent stopped.
 */
public final class TriggeredCollectors {
    private static final Logger LOG = Logger.getLogger(TriggeredCollectors.class.getName());

    private record Bound(TriggeredCollector collector, CollectorSink sink) {
    }

    private final Map<Long, Bound> bound = new ConcurrentHashMap<>();
    private final Executor opener;
    private final BiConsumer<String, Throwable> openFailed;

    /**
     * @param opener runs {@code open}, which may take its time (connecting to an engine), never
     *        on the binding (SCR's) thread
     * @param openFailed told the collector's name and what its {@code open} threw
     */
    public TriggeredCollectors(Executor opener, BiConsumer<String, Throwable> openFailed) {
        this.opener = opener;
        this.openFailed = openFailed;
    }

    public void add(long serviceId, String name, TriggeredCollector collector, CollectorSink sink) {
        bound.put(serviceId, new Bound(collector, sink));
        opener.execute(() -> {
            try {
                collector.open(sink);
            } catch (Exception | LinkageError e) {
                openFailed.accept(name, e);
            }
        });
    }

    /** Closes the collector, then its sink: from then on its submits are refused and counted. */
    public void close(long serviceId) {
        Bound b = bound.remove(serviceId);
        if (b == null) {
            return;
        }
        try {
            b.collector().close();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "closing a triggered collector failed", e);
        } finally {
            b.sink().close();
        }
    }

    public void closeAll() {
        for (Long id : List.copyOf(bound.keySet())) {
            close(id);
        }
    }

    /** The sinks of the collectors bound now (a quota change applies to them too). */
    public List<CollectorSink> sinks() {
        return bound.values().stream().map(Bound::sink).toList();
    }
}
