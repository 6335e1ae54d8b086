package io.edgesec.api.collector;

import io.edgesec.api.event.SecurityEvent;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds context to events before they are queued, e.g. the container a process belongs to.
 * The aggregator applies every registered enricher to every event; one that throws is reported
 * and skipped for that event, and the event goes on unchanged.
 */
@ConsumerType
public interface EventEnricher {
    /** @return the event, or a new event with added payload fields; never null */
    SecurityEvent enrich(SecurityEvent event);
}
