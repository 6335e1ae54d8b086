package io.edgesec.api.collector;

import io.edgesec.api.event.SecurityEvent;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A collector that takes snapshots. The aggregator calls {@link #collect()} at start and then
 * every period, on its own thread, with a timeout: a collector that throws or hangs is reported
 * and skipped, never allowed to stall the others.
 */
@ConsumerType
public interface PeriodicCollector extends Collector {
    /**
     * Service property: the period as an ISO-8601 duration (e.g. {@code PT30S}). Absent: the
     * agent's {@code snapshotFrequency}. On a DS component: {@link CollectorPeriod}.
     */
    String PERIOD = "edgesec.collector.period";

    /**
     * Service property: the longest a single {@link #collect()} may take, ISO-8601 (default PT30S).
     * On a DS component: {@link CollectorTimeout}.
     */
    String TIMEOUT = "edgesec.collector.timeout";

    /** @return the events of one snapshot (may be empty); the caller owns the list */
    List<SecurityEvent> collect() throws Exception;
}
