package io.edgesec.api.collector;

import io.edgesec.api.event.SecurityEvent;
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
}
