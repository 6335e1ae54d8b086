package io.edgesec.api.collector;

import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Where a {@link TriggeredCollector} pushes its events. Thread-safe; never blocks. */
@ProviderType
public interface EventSink {
    /**
     * Hands over one event.
     *
     * @return true if it was queued; false if it was dropped (priority Off, the collector's
     *         quota or the cache budget exceeded); a dropped event is counted and reported in
     *         DroppedEventsStatistics, never lost silently
     */
    boolean submit(SecurityEvent event);

    /**
     * Hands over several events, in order: the same as {@link #submit} for each, but the
     * aggregator journals the whole list in one write, so a collector that reads in chunks (the
     * audit log tailer reads what came in since its last poll) pays one system call per chunk
     * instead of one per event. The events are durable when this returns, as with submit.
     *
     * @return how many were queued; the others were dropped and counted as {@link #submit} says
     * @since 1.1
     */
    default int submitAll(List<SecurityEvent> events) {
        int queued = 0;
        for (SecurityEvent e : events) {
            if (submit(e)) {
                queued++;
            }
        }
        return queued;
    }
}
