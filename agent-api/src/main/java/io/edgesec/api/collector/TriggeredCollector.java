package io.edgesec.api.collector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A collector that pushes events as they happen (audit records, container events). The
 * aggregator calls {@link #open(EventSink)} once it is ready to take events, and
 * {@link #close()} when it releases the collector. A collector must not block inside
 * {@link EventSink#submit}: the sink never blocks, it accepts or counts the event as dropped.
 */
@ConsumerType
public interface TriggeredCollector extends Collector {
    void open(EventSink sink) throws Exception;

    /** Stops pushing; after it returns, events submitted are counted as dropped. */
    void close();
}
