package io.edgesec.api.collector;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of security events, registered as an OSGi service. Implement one of the two kinds:
 * {@link PeriodicCollector} (the aggregator asks on a schedule) or {@link TriggeredCollector}
 * (the collector pushes events as they happen). Register the service with the
 * {@link #NAME} property so that errors, quotas and statistics name it.
 */
@ConsumerType
public interface Collector {
    /** Service property: the collector's name, e.g. {@code process} (on a DS component: {@link CollectorName}). */
    String NAME = "edgesec.collector.name";
}
