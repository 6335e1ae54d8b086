package io.edgesec.aggregator.internal.intake;

import io.edgesec.api.collector.TriggeredCollector;
import java.time.Duration;
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
 *
 * <p>{@code open} runs on the opener, so a collector may go (its bundle stopped or updated)
 * before or while it is opened. Each collector is opened at most once and closed once if its
 * open began: gone before its open ran, it is never opened; gone while opening, its close waits
 * for the open to return (at most {@code openWait}; as long as a collector that locks both took
 * before), and past that wait the opener closes it when its open returns. An open that ran after
 * the close used to start a collector nobody would ever close, pushing into a closed sink for
 * as long as the agent ran (every event counted as dropped), with its stopped bundle's class
 * loader.
 */
public final class TriggeredCollectors {
    private static final Logger LOG = Logger.getLogger(TriggeredCollectors.class.getName());

    /** One bound collector and where it is in its life: bound, opening, open, closed. */
    private static final class Bound {
        final String name;
        final TriggeredCollector collector;
        final CollectorSink sink;
        private boolean opening;
        private boolean opened;
        private boolean closed;
        /** a {@link #close} waits for the open under way (and closes the collector when it returns) */
        private boolean closeWaiting;

        Bound(String name, TriggeredCollector collector, CollectorSink sink) {
            this.name = name;
            this.collector = collector;
            this.sink = sink;
        }

        /** On the opener. */
        void open(BiConsumer<String, Throwable> openFailed) {
            synchronized (this) {
                if (closed) {
                    return; // gone before its open ran
                }
                opening = true;
            }
            try {
                collector.open(sink);
            } catch (Exception | LinkageError e) {
                openFailed.accept(name, e);
            }
            boolean closeNow;
            synchronized (this) {
                opening = false;
                opened = true;
                closeNow = closed && !closeWaiting; // its close gave up waiting: what open started stops now
                notifyAll();
            }
            if (closeNow) {
                closeCollector();
            }
        }

        /** Collector first (if it was opened), then its sink. */
        void close(long openWaitNanos) {
            boolean closeNow;
            synchronized (this) {
                closed = true;
                closeWaiting = true;
                long deadline = System.nanoTime() + openWaitNanos;
                boolean interrupted = false;
                while (opening) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
                    } catch (InterruptedException e) {
                        interrupted = true;
                        break;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                closeWaiting = false;
                closeNow = opened; // still opening: the opener closes it when its open returns
            }
            try {
                if (closeNow) {
                    closeCollector();
                }
            } finally {
                sink.close();
            }
        }

        private void closeCollector() {
            try {
                collector.close();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "closing a triggered collector failed", e);
            }
        }
    }

    /** How long a close waits for an open under way before leaving the close to the opener. */
    static final Duration OPEN_WAIT = Duration.ofSeconds(15);

    private final Map<Long, Bound> bound = new ConcurrentHashMap<>();
    private final Executor opener;
    private final BiConsumer<String, Throwable> openFailed;
    private final long openWaitNanos;

    /**
     * @param opener runs {@code open}, which may take its time (connecting to an engine), never
     *        on the binding (SCR's) thread
     * @param openFailed told the collector's name and what its {@code open} threw
     */
    public TriggeredCollectors(Executor opener, BiConsumer<String, Throwable> openFailed) {
        this(opener, openFailed, OPEN_WAIT);
    }

    TriggeredCollectors(Executor opener, BiConsumer<String, Throwable> openFailed, Duration openWait) {
        this.opener = opener;
        this.openFailed = openFailed;
        this.openWaitNanos = openWait.toNanos();
    }

    public void add(long serviceId, String name, TriggeredCollector collector, CollectorSink sink) {
        Bound b = new Bound(name, collector, sink);
        bound.put(serviceId, b);
        opener.execute(() -> b.open(openFailed));
    }

    /** Closes the collector, then its sink: from then on its submits are refused and counted. */
    public void close(long serviceId) {
        Bound b = bound.remove(serviceId);
        if (b != null) {
            b.close(openWaitNanos);
        }
    }

    public void closeAll() {
        for (Long id : List.copyOf(bound.keySet())) {
            close(id);
        }
    }

    /** The sinks of the collectors bound now (a quota change applies to them too). */
    public List<CollectorSink> sinks() {
        return bound.values().stream().map(b -> b.sink).toList();
    }
}
