package io.edgesec.api.detect;

import io.edgesec.api.event.SecurityEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Sees every event the aggregator accepts, once, as the collector submitted it (enriched, not
 * yet folded by aggregation). Called on the collector's own thread, so an implementation must
 * return at once: hand the event over to its own thread through a bounded queue, and return
 * false when that queue is full. The aggregator counts a false as a dropped event and reports it
 * in DroppedEventsStatistics ({@code DroppedByObserver.<name>}), like every other drop.
 *
 * <p>Register as an OSGi service with the property {@link #NAME}; any number may be registered.
 */
@ConsumerType
public interface EventObserver {
    /** Service property: the observer's name in drop reports (on a DS component: {@link ObserverName}). */
    String NAME = "edgesec.observer.name";

    /**
     * @param event an accepted event; never null
     * @return true if taken (or deliberately ignored), false if it had to be dropped
     */
    boolean observe(SecurityEvent event);
}
